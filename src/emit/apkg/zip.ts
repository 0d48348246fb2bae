/**
 * The zip container around already deflated members (PKWARE's APPNOTE.TXT:
 * local file headers, the central directory, the end record).
 *
 * Why not a zip library: the database arrives deflated, with its CRC,
 * because it is deflated while it is written (deflate.ts). archiver deflates
 * whatever it is given and cannot take that; fflate can, but dates entries
 * in the machine's time zone, and a package must be the same bytes in every
 * zone. What is left is headers, written here: every member deflated, its
 * sizes and CRC in its local header (no data descriptors, which some
 * readers handle badly), dated in UTC, mode 0644, made on Unix. No Zip64:
 * a package that would need it (4 GiB, or 65,535 members) is refused.
 *
 * @module
 */
import type {Deflated} from './deflate.js'

/** A member: its name and its deflated data. */
export interface ZipMember {
  name: string
  data: Deflated
}

const localHeaderSignature = 0x04034b50
const centralHeaderSignature = 0x02014b50
const endSignature = 0x06054b50
/** Version 2.0: deflate. */
const versionNeeded = 20
/** Made on Unix (3), by version 2.0: readers take the mode from the external attributes. */
const versionMadeBy = (3 << 8) | versionNeeded
const methodDeflate = 8
/** General purpose flag bit 11: the name is UTF-8. */
const utf8Flag = 0x0800
/** A regular file, rw-r--r--, in the high 16 bits of the external attributes. */
const externalAttributes = ((0o100000 | 0o644) << 16) >>> 0
const limit32 = 0xffffffff
const limitMembers = 0xffff

/**
 * The zip's bytes: the members in order, each dated `date`.
 *
 * @throws {RangeError} For a package Zip64 would be needed for.
 */
export async function zipMembers(members: readonly ZipMember[], date: Date): Promise<Uint8Array> {
  if (members.length >= limitMembers) throw new RangeError(`a package of ${members.length} members needs Zip64, which deckdown does not write`)
  const {time, day} = dosDateTime(date)
  const chunks: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const {name, data} of members) {
    const nameBytes = Buffer.from(name, 'utf8')
    const flags = nameBytes.length === name.length ? 0 : utf8Flag
    if (data.size > limit32 || data.compressedSize > limit32 || offset > limit32) throw new RangeError(`member ${name} is too large for a zip without Zip64`)

    const local = Buffer.alloc(30 + nameBytes.length)
    local.writeUInt32LE(localHeaderSignature, 0)
    writeEntryFields(local, 4, {flags, time, day, data, nameLength: nameBytes.length})
    nameBytes.copy(local, 30)
    chunks.push(local)
    let written = 0
    for await (const part of data.parts) {
      chunks.push(part)
      written += part.length
    }
    if (written !== data.compressedSize) throw new Error(`member ${name}: ${written} compressed bytes, ${data.compressedSize} announced`)

    const header = Buffer.alloc(46 + nameBytes.length)
    header.writeUInt32LE(centralHeaderSignature, 0)
    header.writeUInt16LE(versionMadeBy, 4)
    writeEntryFields(header, 6, {flags, time, day, data, nameLength: nameBytes.length})
    // 32: comment length, 34: disk, 36: internal attributes: all 0.
    header.writeUInt32LE(externalAttributes, 38)
    header.writeUInt32LE(offset, 42)
    nameBytes.copy(header, 46)
    central.push(header)
    offset += local.length + written
  }
  const centralSize = central.reduce((sum, header) => sum + header.length, 0)
  if (offset > limit32 || centralSize > limit32) throw new RangeError('the package is too large for a zip without Zip64')
  const end = Buffer.alloc(22)
  end.writeUInt32LE(endSignature, 0)
  // 4: this disk, 6: the central directory's disk: both 0.
  end.writeUInt16LE(members.length, 8)
  end.writeUInt16LE(members.length, 10)
  end.writeUInt32LE(centralSize, 12)
  end.writeUInt32LE(offset, 16)
  // 20: no comment.
  // A copy, not a view: Buffer.concat may hand out a slice of Node's shared
  // pool, and callers may read `.buffer`.
  return new Uint8Array(Buffer.concat([...chunks, ...central, end]))
}

/**
 * The fields a local header (from offset 4) and a central directory header
 * (from offset 6) share, in the same layout: version needed, flags, method,
 * time, date, CRC, sizes, name length and (zero) extra field length.
 */
function writeEntryFields(header: Buffer, at: number, entry: {flags: number; time: number; day: number; data: Deflated; nameLength: number}): void {
  header.writeUInt16LE(versionNeeded, at)
  header.writeUInt16LE(entry.flags, at + 2)
  header.writeUInt16LE(methodDeflate, at + 4)
  header.writeUInt16LE(entry.time, at + 6)
  header.writeUInt16LE(entry.day, at + 8)
  header.writeUInt32LE(entry.data.crc, at + 10)
  header.writeUInt32LE(entry.data.compressedSize, at + 14)
  header.writeUInt32LE(entry.data.size, at + 18)
  header.writeUInt16LE(entry.nameLength, at + 22)
  header.writeUInt16LE(0, at + 24) // no extra field
}

/**
 * MS-DOS date and time of `date`'s UTC fields (two-second steps), clamped to
 * what the format holds (1980 to 2107).
 */
export function dosDateTime(date: Date): {time: number; day: number} {
  const earliest = Date.UTC(1980, 0, 1)
  const latest = Date.UTC(2107, 11, 31, 23, 59, 58)
  const clamped = new Date(Math.min(Math.max(date.getTime(), earliest), latest))
  return {
    time: (clamped.getUTCHours() << 11) | (clamped.getUTCMinutes() << 5) | (clamped.getUTCSeconds() >> 1),
    day: ((clamped.getUTCFullYear() - 1980) << 9) | ((clamped.getUTCMonth() + 1) << 5) | clamped.getUTCDate()
  }
}
