/**
 * Deflating a package's members, the database while it is written.
 *
 * A package's database is most of its bytes, and deflating it at the end
 * kept the build waiting for a quarter of a second per 10,000 notes, with
 * nothing else to do. Its pages 2, 3, … are final as soon as they are full,
 * so they are deflated then, on zlib's thread pool, beside the rest of the
 * build; page 1 is final last. The member's data is page 1 deflated on its
 * own, ending in a sync flush (a byte-aligned, non-final block), followed by
 * the stream of the other pages: one valid deflate stream, since the second
 * part refers back to nothing before its start (parallel gzip tools join
 * their pieces the same way). Its CRC combines the two parts' (crc32.ts).
 *
 * Deflate output depends on the bytes and the level only, not on how the
 * bytes are split into writes, so the package stays byte-identical from
 * build to build.
 *
 * @module
 */
import {promisify} from 'node:util'
import {constants, createDeflateRaw, deflateRaw, deflateRawSync} from 'node:zlib'
import type {BundleSpool} from '../types.js'
import {crc32, crc32Combine} from './crc32.js'

/**
 * zlib's default level: on a deck's database level 9 takes over twice as
 * long for a file about 2 % smaller.
 */
export const deflateLevel = 6

/**
 * How much deflated data zlib hands back at a time. Each piece is a round
 * trip through the main thread's event loop, which a busy build turns only
 * between files: with zlib's default 16 KiB the stream fell behind and the
 * build waited for it at the end. Deflate output does not depend on it.
 */
const deflatedChunkSize = 256 * 1024

/** A member's data, raw-deflated, with what the zip headers say of it. */
export interface Deflated {
  /** CRC-32 of the uncompressed bytes. */
  crc: number
  /** Uncompressed size in bytes. */
  size: number
  /** Compressed size in bytes. */
  compressedSize: number
  /** The raw deflate stream, in order. Read once. */
  parts: AsyncIterable<Uint8Array>
}

/** Where compressed data waits until the package is zipped (the build's bundle spool, or memory). */
export type DeflatedStore = Pick<BundleSpool, 'push' | 'read'>

/** Bytes deflated as they are pushed (see {@link openDeflater}). */
export interface Deflater {
  /** Deflate the next bytes (the deflater keeps `bytes`: do not reuse it). */
  push(bytes: Uint8Array): void
  /** End the stream; resolves once every byte is deflated. Call once. */
  finish(): Promise<Deflated>
  /** Stop, dropping what is pending (after a failure). */
  destroy(): void
}

/**
 * A raw deflate stream fed in order, compressed on zlib's thread pool while
 * the caller goes on; the compressed data goes to `store` as it comes.
 */
export function openDeflater(store: DeflatedStore): Deflater {
  const stream = createDeflateRaw({level: deflateLevel, chunkSize: deflatedChunkSize})
  let crc = 0
  let size = 0
  let compressedSize = 0
  let failure: Error | undefined
  // Failures are kept and thrown by `finish`: this runs from zlib's
  // events, where a throw would end the process, and a write never throws
  // where pages are added. A store that cannot take the data (a spool on a
  // full disk) stops the stream.
  stream.on('data', (chunk: Buffer) => {
    if (failure) return
    try {
      store.push(chunk)
      compressedSize += chunk.length
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error))
      stream.destroy()
    }
  })
  stream.on('error', (error) => {
    failure ??= error
  })
  return {
    push(bytes) {
      crc = crc32(bytes, crc)
      size += bytes.length
      stream.write(bytes)
    },
    async finish() {
      await new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure)
        stream.once('end', resolve)
        stream.once('error', reject)
        // Destroyed by a failing store: neither `end` nor `error` comes.
        stream.once('close', () => (failure ? reject(failure) : resolve()))
        stream.end()
      })
      if (failure) throw failure
      return {crc, size, compressedSize, parts: bytesOf(store.read())}
    },
    destroy() {
      stream.destroy()
    }
  }
}

async function* bytesOf(records: AsyncIterable<string | Uint8Array>): AsyncIterable<Uint8Array> {
  for await (const record of records) {
    if (typeof record === 'string') throw new Error('The store of deflated data returned text')
    yield record
  }
}

/**
 * `head` followed by the data of `rest`, as one deflated member: `head` is
 * deflated on its own and ends in a sync flush, so `rest`'s stream can
 * follow it as it is.
 */
export function prependDeflated(head: Uint8Array, rest: Deflated): Deflated {
  const deflatedHead = deflateRawSync(head, {level: deflateLevel, finishFlush: constants.Z_SYNC_FLUSH})
  return {
    crc: crc32Combine(crc32(head), rest.crc, rest.size),
    size: head.length + rest.size,
    compressedSize: deflatedHead.length + rest.compressedSize,
    parts: (async function* () {
      yield deflatedHead
      yield* rest.parts
    })()
  }
}

const deflateRawAsync = promisify(deflateRaw)

/** A whole member deflated at once (on zlib's thread pool). */
export async function deflateWhole(bytes: Uint8Array): Promise<Deflated> {
  const compressed = await deflateRawAsync(bytes, {level: deflateLevel})
  return {
    crc: crc32(bytes),
    size: bytes.length,
    compressedSize: compressed.length,
    parts: (async function* () {
      yield compressed
    })()
  }
}
