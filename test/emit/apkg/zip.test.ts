/**
 * The package's container, piece by piece: CRC-32 and combining CRCs, the
 * database deflated while it is written (page 1 put in front at the end),
 * and the zip around deflated members — read back by fflate, zlib, the
 * headers themselves, and Python's zipfile and sqlite3 (what Anki 2.1.16
 * imports with).
 */
import {spawnSync} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {readFileSync} from 'node:fs'
import * as zlib from 'node:zlib'
import {unzipSync} from 'fflate'
import {describe, expect, it} from 'vitest'
import {crc32, crc32Combine, tableCrc32} from '../../../src/emit/apkg/crc32.js'
import {deflateWhole, openDeflater, prependDeflated, type Deflated} from '../../../src/emit/apkg/deflate.js'
import {dosDateTime, zipMembers} from '../../../src/emit/apkg/zip.js'
import {createMemorySpool} from '../../../src/pipeline/spool.js'
import {writePackage} from '../../../src/emit/apkg/package.js'
import {build, seedPath, seedUrl} from './helpers.js'

/** Some compressible bytes: text with repeats, and random runs. */
function sample(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length)
  let state = seed
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) >>> 0
    bytes[index] = state % 7 === 0 ? state >>> 24 : 97 + ((index >> 4) % 26)
  }
  return bytes
}

async function collect(data: Deflated): Promise<Buffer> {
  const parts: Uint8Array[] = []
  for await (const part of data.parts) parts.push(part)
  return Buffer.concat(parts)
}

async function deflateInPieces(bytes: Uint8Array, piece: number): Promise<Deflated> {
  const deflater = openDeflater(createMemorySpool())
  for (let offset = 0; offset < bytes.length; offset += piece) deflater.push(bytes.slice(offset, offset + piece))
  return deflater.finish()
}

describe('crc32', () => {
  it('is zlib’s CRC-32, natively and by table', () => {
    for (const length of [0, 1, 7, 4096, 100_003]) {
      const bytes = randomBytes(length)
      const expected = zlib.crc32 ? zlib.crc32(bytes) : tableCrc32(bytes)
      expect(crc32(bytes)).toBe(expected)
      expect(tableCrc32(bytes)).toBe(expected)
      // Continuing from an earlier CRC is the CRC of both.
      expect(crc32(bytes.subarray(length >> 1), crc32(bytes.subarray(0, length >> 1)))).toBe(expected)
    }
  })

  it('combines the CRCs of two runs into the CRC of both, whatever their lengths', () => {
    for (const [first, second] of [
      [0, 0],
      [0, 5],
      [5, 0],
      [4096, 1],
      [4096, 1_000_003],
      [3, 2 ** 20 + 17]
    ] as const) {
      const a = randomBytes(first)
      const b = randomBytes(second)
      expect(crc32Combine(crc32(a), crc32(b), second)).toBe(crc32(Buffer.concat([a, b])))
    }
  })
})

describe('deflating the database as it is written', () => {
  it('gives the same bytes however the input is split into writes', async () => {
    const bytes = sample(3 * 2 ** 20 + 123, 1)
    const whole = await collect(await deflateInPieces(bytes, bytes.length))
    for (const piece of [4096, 256 * 4096, 1_000_001]) {
      expect((await collect(await deflateInPieces(bytes, piece))).equals(whole)).toBe(true)
    }
    expect(zlib.inflateRawSync(whole).equals(Buffer.from(bytes))).toBe(true)
  })

  it('puts page 1, known last, in front: one deflate stream with the CRC and size of both', async () => {
    const first = sample(4096, 2)
    const rest = sample(2 * 2 ** 20, 3)
    const member = prependDeflated(first, await deflateInPieces(rest, 256 * 4096))
    const data = await collect(member)
    const expected = Buffer.concat([first, rest])
    expect(zlib.inflateRawSync(data).equals(expected)).toBe(true)
    expect(member.crc).toBe(crc32(expected))
    expect(member.size).toBe(expected.length)
    expect(member.compressedSize).toBe(data.length)
  })

  it('reports a store that cannot take the data (a full disk) from finish, without throwing from zlib’s events', async () => {
    let pushes = 0
    const store = {
      push() {
        if (++pushes === 2) throw new Error('ENOSPC: no space left on device')
      },
      async *read() {}
    }
    const deflater = openDeflater(store)
    // Random bytes do not compress: several chunks come out.
    for (let index = 0; index < 8; index++) deflater.push(randomBytes(64 * 1024))
    await expect(deflater.finish()).rejects.toThrow('ENOSPC')
  })

  it('puts page 1 in front of an empty rest too', async () => {
    const first = sample(4096, 4)
    const member = prependDeflated(first, await deflateInPieces(new Uint8Array(0), 1))
    expect(zlib.inflateRawSync(await collect(member)).equals(Buffer.from(first))).toBe(true)
    expect(member.crc).toBe(crc32(first))
  })
})

describe('zipMembers', () => {
  const date = new Date('2026-03-04T05:06:08Z')

  it('writes members any reader reads back, with sizes and CRCs in the local headers', async () => {
    const contents = [sample(70_000, 5), new Uint8Array(0), Buffer.from('{"0": "a.png"}')]
    const names = ['collection.anki2', 'media', '0']
    const zip = await zipMembers(await Promise.all(contents.map(async (bytes, index) => ({name: names[index] as string, data: await deflateWhole(bytes)}))), date)
    const read = unzipSync(zip)
    // (An object: the integer-like name `0` lists first whatever the zip's order.)
    expect(Object.keys(read).sort()).toEqual([...names].sort())
    contents.forEach((bytes, index) => expect(Buffer.from(read[names[index] as string] as Uint8Array).equals(Buffer.from(bytes))).toBe(true))

    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
    expect(view.getUint32(0, true)).toBe(0x04034b50)
    expect(view.getUint16(6, true) & 0x08).toBe(0) // no data descriptor
    expect(view.getUint16(8, true)).toBe(8) // deflate
    expect(view.getUint32(14, true)).toBe(crc32(contents[0] as Uint8Array))
    expect(view.getUint32(22, true)).toBe(70_000)
    // Dated in UTC: 05:06:08 and 2026-03-04.
    expect(view.getUint16(10, true)).toBe((5 << 11) | (6 << 5) | 4)
    expect(view.getUint16(12, true)).toBe(((2026 - 1980) << 9) | (3 << 5) | 4)
    // The end record counts three members; the central directory says rw-r--r--, made on Unix.
    const end = zip.byteLength - 22
    expect(view.getUint32(end, true)).toBe(0x06054b50)
    expect(view.getUint16(end + 10, true)).toBe(3)
    const central = view.getUint32(end + 16, true)
    expect(view.getUint32(central, true)).toBe(0x02014b50)
    expect(view.getUint16(central + 4, true) >> 8).toBe(3)
    expect(view.getUint32(central + 38, true) >>> 16).toBe(0o100644)
  })

  it('clamps dates to what the format holds', () => {
    expect(dosDateTime(new Date('1970-01-01T00:00:00Z'))).toEqual({time: 0, day: (1 << 5) | 1})
    expect(dosDateTime(new Date('2200-01-01T00:00:00Z')).day).toBe((127 << 9) | (12 << 5) | 31)
  })

  it('refuses a package that would need Zip64', async () => {
    const empty = await deflateWhole(new Uint8Array(0))
    const members = Array.from({length: 0xffff}, (_, index) => ({name: String(index), data: empty}))
    await expect(zipMembers(members, date)).rejects.toThrow(/Zip64/)
  })
})

// Anki 2.1.16 imports with Python's zipfile and sqlite3: a second reader,
// independent of the one the other tests use (fflate), on real packages.
// CI has python3 (the test then must run); elsewhere it may be missing.
const havePython = spawnSync('python3', ['--version']).status === 0
const readWithPython = `
import io, json, sqlite3, sys, tempfile, os, zipfile
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
bad = z.testzip()
members = [[i.filename, i.file_size, i.compress_type, list(i.date_time), i.external_attr >> 16, i.create_system, i.flag_bits] for i in z.infolist()]
folder = tempfile.mkdtemp()
path = z.extract('collection.anki2', folder)
db = sqlite3.connect(path)
check = db.execute('pragma integrity_check').fetchone()[0]
notes = db.execute('select count(*) from notes').fetchone()[0]
db.close()
os.remove(path)
print(json.dumps({'bad': bad, 'members': members, 'check': check, 'notes': notes, 'media': json.loads(z.read('media'))}))
`

describe.skipIf(!havePython && !process.env['CI'])('packages read by Python’s zipfile and sqlite3 (Anki 2.1.16’s importer)', () => {
  const now = new Date('2026-01-01T00:00:00Z')

  it('reads the seed’s package and a package with media: every CRC, the dates, the database', async () => {
    const {bytes} = await build([{path: seedPath, value: readFileSync(seedUrl)}], now)
    const seed = JSON.parse(spawnSync('python3', ['-c', readWithPython], {input: bytes, encoding: 'utf8'}).stdout) as {bad: null; members: unknown[][]; check: string; notes: number; media: unknown}
    expect(seed).toMatchObject({bad: null, check: 'ok', notes: 7, media: {}})
    expect(seed.members).toEqual([
      ['collection.anki2', expect.any(Number), 8, [2026, 1, 1, 0, 0, 0], 0o100644, 3, 0],
      ['media', 2, 8, [2026, 1, 1, 0, 0, 0], 0o100644, 3, 0]
    ])

    const image = randomBytes(300_000)
    const withMedia = await writePackage(await deflateWhole(readCollection(bytes)), [{name: 'diagram.png', data: image}], now)
    const read = JSON.parse(spawnSync('python3', ['-c', readWithPython], {input: withMedia, encoding: 'utf8'}).stdout) as {bad: null; members: unknown[][]; check: string; media: unknown}
    expect(read).toMatchObject({bad: null, check: 'ok', media: {0: 'diagram.png'}})
    expect(read.members.map((member) => member[0])).toEqual(['collection.anki2', 'media', '0'])
    expect(read.members[2]?.[1]).toBe(300_000)
  })
})

/** The database of a package (fflate reads it back). */
function readCollection(apkg: Uint8Array): Uint8Array {
  const database = unzipSync(apkg)['collection.anki2']
  if (!database) throw new Error('no collection.anki2')
  return database
}
