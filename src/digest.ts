/**
 * Digests of short strings: the hashes every question and note needs (its
 * id, GUID, checksum and content hash), four per note in a build, and the
 * print stylesheet's hash in its Content-Security-Policy.
 *
 * Node's one-shot `crypto.hash` (Node 20.12 and later) makes no `Hash`
 * object per call, which was most of the cost of these small digests (about
 * half the time of the 10k bench build's hashing); older Nodes use
 * `createHash`, with the same bytes.
 *
 * @module
 */
import * as crypto from 'node:crypto'

/** What {@link digest} hashes with. */
export type DigestAlgorithm = 'sha1' | 'sha256'

/** How {@link digest} writes a digest as text. */
export type DigestEncoding = 'hex' | 'base64' | 'base64url'

const oneShot: typeof crypto.hash | undefined = typeof crypto.hash === 'function' ? crypto.hash : undefined

/**
 * The digest of `text` (hashed as UTF-8).
 *
 * @example
 * digest('sha256', 'deckdown:q1').readUInt32BE(0)
 * digest('sha256', 'x', 'hex') // '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881'
 */
export function digest(algorithm: DigestAlgorithm, text: string): Buffer
export function digest(algorithm: DigestAlgorithm, text: string, encoding: DigestEncoding): string
export function digest(algorithm: DigestAlgorithm, text: string, encoding?: DigestEncoding): Buffer | string {
  if (oneShot) return encoding ? oneShot(algorithm, text, encoding) : oneShot(algorithm, text, 'buffer')
  const hash = crypto.createHash(algorithm).update(text, 'utf8')
  return encoding ? hash.digest(encoding) : hash.digest()
}
