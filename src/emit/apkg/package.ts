/**
 * The `.apkg` container: a zip of `collection.anki2`, the `media` map and
 * numbered media members, nothing else (anki-compat.md §1, §13 item 1).
 *
 * No `meta` member: without it every importer reads `collection.anki2`;
 * no `collection.anki21`, which unmodified Anki 2.1.16 cannot import (§1).
 *
 * @module
 */
import {deflateWhole, type Deflated} from './deflate.js'
import {zipMembers} from './zip.js'

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
 * `0`, `1`, …), every one deflated and dated `date` (stored as UTC DOS time)
 * with mode 0644, so equal inputs give equal bytes on any machine.
 *
 * @param collection `collection.anki2`, already deflated (the database is
 *   deflated while it is written, deflate.ts).
 * @param media Media files; member `i` holds `media[i]`.
 * @param date Entry date (the build's clock).
 * @throws {Error} For a media name that is not normalized.
 */
export async function writePackage(collection: Deflated, media: readonly MediaFile[], date: Date): Promise<Uint8Array> {
  const map: Record<string, string> = {}
  media.forEach((file, index) => {
    if (!isNormalizedMediaName(file.name)) throw new Error(`media file name \`${file.name}\` is not one Anki keeps as is`)
    // Keys are the member names and must be decimal integers (§1 "media map").
    map[String(index)] = file.name
  })
  // Media are deflated on zlib's thread pool, all at once.
  const [mapData, files] = await Promise.all([deflateWhole(Buffer.from(JSON.stringify(map), 'utf8')), Promise.all(media.map((file) => deflateWhole(file.data)))])
  return zipMembers(
    [
      {name: 'collection.anki2', data: collection},
      {name: 'media', data: mapData},
      ...files.map((data, index) => ({name: String(index), data}))
    ],
    date
  )
}
