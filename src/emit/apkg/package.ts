/**
 * The `.apkg` container: a zip of `collection.anki2`, the `media` map and
 * numbered media members, nothing else (anki-compat.md §1, §13 item 1).
 *
 * No `meta` member: without it every importer reads `collection.anki2`;
 * no `collection.anki21`, which unmodified Anki 2.1.16 cannot import (§1).
 *
 * @module
 */
import {createRequire} from 'node:module'
import {Readable} from 'node:stream'

/** The part of an archiver 7 zip stream this module uses. */
interface ZipStream {
  append(source: Buffer | Readable, data: {name: string; date: Date; mode: number}): ZipStream
  finalize(): Promise<void>
  on(event: 'data', listener: (chunk: Buffer) => void): ZipStream
  on(event: 'end', listener: () => void): ZipStream
  on(event: 'error' | 'warning', listener: (error: Error) => void): ZipStream
}

type CreateZip = (format: 'zip', options: {zlib: {level: number}; forceLocalTime: boolean}) => ZipStream

// archiver 7 is CommonJS and exports a factory (`archiver('zip', …)`), but the
// installed `@types/archiver` 8 describes archiver 8's class API, which has
// no such export. Loading it through `require` with the small type above
// keeps type checking honest against the runtime we ship.
let createZip: CreateZip | undefined

/**
 * The zip writer, loaded on first use. Loading archiver takes about 60 ms:
 * a bundle loads it while its files arrive (the main thread mostly waits
 * for the workers then) rather than at the end, where nothing else runs.
 */
export function loadZipWriter(): CreateZip {
  createZip ??= createRequire(import.meta.url)('archiver') as CreateZip
  return createZip
}

function zip(): ZipStream {
  // zlib's default level: on a deck's database level 9 takes over twice as
  // long for a file about 2 % smaller.
  return loadZipWriter()('zip', {zlib: {level: 6}, forceLocalTime: false})
}

/** A media file to ship with the package. */
export interface MediaFile {
  /**
   * File name as fields reference it: one plain path component, already in
   * Anki's normalized form (§1 "Media file names", §13 item 9).
   */
  name: string
  data: Uint8Array
}

/** Longest media file name Anki keeps, in UTF-8 bytes (§1, §11). */
export const maxMediaNameBytes = 120

/**
 * Whether a media name is safe to put in the `media` map unchanged: a single
 * path component that Anki's normalization would leave as it is. Modern Anki
 * aborts the whole import on an unsafe name (§1), so the writer refuses one.
 */
export function isNormalizedMediaName(name: string): boolean {
  return (
    name.length > 0 &&
    name !== '.' &&
    name !== '..' &&
    name === name.normalize('NFC') &&
    !/[[\]<>:"/?*^\\|\u0000-\u001F\u007F\u00A0]/.test(name) &&
    !/[ .]$/.test(name) &&
    !/^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)/i.test(name) &&
    Buffer.byteLength(name, 'utf8') <= maxMediaNameBytes
  )
}

/**
 * Zip a collection and its media into `.apkg` bytes.
 *
 * Deterministic: members in a fixed order (`collection.anki2`, `media`, then
 * `0`, `1`, …), every entry dated `date` (stored as UTC DOS time) with mode
 * 0644, so equal inputs give equal bytes on any machine.
 *
 * @param collection Bytes of `collection.anki2`, whole or in order (zipped
 *   as they are read: every entry is deflated and followed by a data
 *   descriptor either way, so the zip's bytes are the same).
 * @param media Media files; member `i` holds `media[i]`.
 * @param date Entry date (the build's clock).
 * @throws {Error} For a media name that is not normalized.
 */
export async function writePackage(collection: Uint8Array | AsyncIterable<Uint8Array>, media: readonly MediaFile[], date: Date): Promise<Uint8Array> {
  const map: Record<string, string> = {}
  media.forEach((file, index) => {
    if (!isNormalizedMediaName(file.name)) throw new Error(`media file name \`${file.name}\` is not one Anki keeps as is`)
    // Keys are the member names and must be decimal integers (§1 "media map").
    map[String(index)] = file.name
  })

  const archive = zip()
  const chunks: Buffer[] = []
  const done = new Promise<void>((resolve, reject) => {
    archive.on('data', (chunk: Buffer) => chunks.push(chunk))
    archive.on('end', () => resolve())
    archive.on('error', reject)
    archive.on('warning', reject)
  })
  const entry = (name: string) => ({name, date, mode: 0o644})
  archive.append(collection instanceof Uint8Array ? toBuffer(collection) : Readable.from(collection, {objectMode: false}), entry('collection.anki2'))
  archive.append(Buffer.from(JSON.stringify(map), 'utf8'), entry('media'))
  media.forEach((file, index) => archive.append(toBuffer(file.data), entry(String(index))))
  await Promise.all([archive.finalize(), done])
  // A copy, not a view: Buffer.concat may hand out a slice of Node's shared
  // pool, and callers may read `.buffer`.
  return new Uint8Array(Buffer.concat(chunks))
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
