/**
 * An SQLite database file written directly, page by page, for a database
 * that is made once and never changed: every table receives its rows in
 * rowid order and every index is sorted once at the end, so each B-tree is
 * loaded bottom-up and every page is written once, in page order.
 *
 * Why not sql.js: it keeps the whole database in WebAssembly's in-memory
 * file system, grows that file by copying it, and exports a second copy, so a
 * deck of 100,000 notes held some 600 MiB just for its database. Here a
 * page leaves memory as soon as it is full (to a sink the build chooses:
 * memory, or a temporary file) and only the small index keys are kept until
 * the end. The tests read every file back with sql.js and run SQLite's own
 * `PRAGMA integrity_check` on it.
 *
 * The format is SQLite's documented file format
 * (https://www.sqlite.org/fileformat2.html): a 100-byte header on page 1,
 * table B-trees (leaf pages hold the rows, interior pages the largest rowid
 * of each child), index B-trees (keys in leaves and interior pages alike),
 * payloads that do not fit a page continued on overflow pages. No free
 * pages, no pointer map, UTF-8 text, schema format 4.
 *
 * @module
 */

/**
 * A column value. Numbers that are safe integers are INTEGERs, other numbers
 * REALs; `bigint` is for integers beyond the safe range.
 */
export type SqlValue = null | number | bigint | string | Uint8Array | Utf8Text

/**
 * TEXT given as its UTF-8 bytes (a plain `Uint8Array` is a BLOB): for text
 * encoded once where it was made, on a worker or in the cache, and copied
 * into the file as it is.
 */
export class Utf8Text {
  constructor(readonly bytes: Uint8Array) {}
}

/** A row of `sqlite_schema` (page 1): a table or an index. */
export interface SchemaEntry {
  type: 'table' | 'index'
  name: string
  tableName: string
  rootPage: number
  /** The `CREATE …` statement, without its semicolon. */
  sql: string
}

/** Where full pages go: pages 2, 3, … in order, several at a time. */
export type PageSink = (pages: Uint8Array) => void

/** Page size: Anki's own collections use SQLite's default. */
export const pageSize = 4096

/** The SQLite version a file says wrote it (`SQLITE_VERSION_NUMBER`, 3.54.1, sql.js 1.16's). */
const writerVersion = 3_054_001

// Page types (B-tree page header byte 0).
const tableInterior = 0x05
const tableLeaf = 0x0d
const indexInterior = 0x02
const indexLeaf = 0x0a

const usable = pageSize
// How much of a payload stays on its B-tree page (fileformat2 §1.6).
const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23
const tableMaxLocal = usable - 35
const indexMaxLocal = Math.floor(((usable - 12) * 64) / 255) - 23
/** Data bytes on an overflow page (after its 4-byte next-page number). */
const overflowData = usable - 4
/** Pages gathered before they are handed to the sink. */
const batchPages = 256

/** Bytes the SQLite varint of `value` (0 ≤ value < 2^56) takes. */
export function varintLength(value: number): number {
  // Compared, not divided: a database's lengths, serial types and rowids
  // make some 100,000 varints.
  if (value < 0x80) return 1
  if (value < 0x4000) return 2
  if (value < 0x20_0000) return 3
  if (value < 0x1000_0000) return 4
  if (value < 2 ** 35) return 5
  if (value < 2 ** 42) return 6
  if (value < 2 ** 49) return 7
  if (value < 2 ** 56) return 8
  throw new RangeError(`varint out of range: ${value}`)
}

/** Write the varint of `value` at `offset`; returns the offset after it. */
function putVarint(target: Uint8Array, offset: number, value: number): number {
  // Most varints are lengths and serial types of one or two bytes.
  if (value < 0x80) {
    target[offset] = value
    return offset + 1
  }
  if (value < 0x4000) {
    target[offset] = (value >>> 7) | 0x80
    target[offset + 1] = value & 0x7f
    return offset + 2
  }
  const length = varintLength(value)
  for (let index = length - 1; index >= 0; index--) {
    target[offset + index] = (value % 128) | (index === length - 1 ? 0 : 0x80)
    value = Math.floor(value / 128)
  }
  return offset + length
}

const int8 = 127
const int16 = 32_767
const int24 = 8_388_607
const int32 = 2_147_483_647
const int48 = 140_737_488_355_327

/** Serial type and body length of a value (fileformat2 §2.1). */
function serialTypeOf(value: SqlValue, text: number): number {
  if (value === null) return 0
  // Numbers first: most of a database's values are.
  if (typeof value === 'number') {
    // A number that is not a safe integer is a REAL, as sql.js binds it.
    if (!Number.isSafeInteger(value)) return 7
    if (value === 0) return 8
    if (value === 1) return 9
    return intSerialType(value)
  }
  if (typeof value === 'string') return text * 2 + 13
  if (value instanceof Utf8Text) return value.bytes.length * 2 + 13
  if (value instanceof Uint8Array) return value.length * 2 + 12
  return intSerialType(value)
}

function intSerialType(value: number | bigint): number {
  if (typeof value === 'bigint') {
    if (value < BigInt(Number.MIN_SAFE_INTEGER) || value > BigInt(Number.MAX_SAFE_INTEGER)) return 6
    value = Number(value)
  }
  // -n - 1 for negatives: one byte holds -128…127.
  const magnitude = value < 0 ? -value - 1 : value
  if (magnitude <= int8) return 1
  if (magnitude <= int16) return 2
  if (magnitude <= int24) return 3
  if (magnitude <= int32) return 4
  if (magnitude <= int48) return 5
  return 6
}

const bodyLengths = [0, 1, 2, 3, 4, 6, 8, 8, 0, 0]
function bodyLength(serialType: number): number {
  return serialType >= 12 ? (serialType - (serialType % 2 === 0 ? 12 : 13)) / 2 : (bodyLengths[serialType] as number)
}

/**
 * Records encoded into one growing scratch buffer, or straight into their
 * page: the scratch (and the per-column scratch) is reused row after row,
 * and encoding a row allocates nothing.
 */
class RecordEncoder {
  // A plain array, not a Buffer: Node's own `subarray` of a Buffer is far
  // slower than a typed array's.
  private view = new Uint8Array(1 << 16)
  // Float64, not Int32: a serial type is twice a text's byte length.
  private types = new Float64Array(16)
  private textLengths = new Float64Array(16)
  // Whether each text is ASCII: its length is then its byte count, found
  // without a call into Node (short texts, GUIDs and sort fields, paid more
  // for the call than for the counting), and it is written a byte a
  // character.
  private ascii = new Uint8Array(16)

  // What `measure` found, for `write`.
  private values: readonly SqlValue[] = []
  private headerLength = 0

  /** Encode `values` as a record; valid until the next call. */
  encode(values: readonly SqlValue[]): Uint8Array {
    const total = this.measure(values)
    if (this.view.length < total) this.view = new Uint8Array(Math.max(total, this.view.length * 2))
    this.write(this.view, 0)
    return this.view.subarray(0, total)
  }

  /**
   * The length of the record of `values`; `write` then writes it. A table
   * writes a row that fits its page there directly, without a copy.
   */
  measure(values: readonly SqlValue[]): number {
    const count = values.length
    if (this.types.length < count) {
      this.types = new Float64Array(count * 2)
      this.textLengths = new Float64Array(count * 2)
      this.ascii = new Uint8Array(count * 2)
    }
    const {types, textLengths, ascii} = this
    let typesLength = 0
    let body = 0
    for (let index = 0; index < count; index++) {
      const value = values[index] as SqlValue
      let text = 0
      if (typeof value === 'string') {
        const isAscii = isAsciiText(value)
        ascii[index] = isAscii ? 1 : 0
        text = isAscii ? value.length : Buffer.byteLength(value, 'utf8')
      }
      textLengths[index] = text
      const type = serialTypeOf(value, text)
      types[index] = type
      typesLength += varintLength(type)
      body += bodyLength(type)
    }
    // The header's length counts its own varint.
    let headerLength = typesLength + 1
    while (typesLength + varintLength(headerLength) > headerLength) headerLength = typesLength + varintLength(headerLength)
    this.values = values
    this.headerLength = headerLength
    return headerLength + body
  }

  /** Write the record `measure` measured into `target` at `offset`; returns the offset after it. */
  write(target: Uint8Array, offset: number): number {
    const {values, types, textLengths, ascii} = this
    const count = values.length
    offset = putVarint(target, offset, this.headerLength)
    for (let index = 0; index < count; index++) offset = putVarint(target, offset, types[index] as number)
    for (let index = 0; index < count; index++) {
      const value = values[index] as SqlValue
      const type = types[index] as number
      if (value === null || type === 8 || type === 9) continue
      if (typeof value === 'number' && type !== 7) {
        offset = putInteger(target, offset, value, bodyLength(type))
      } else if (typeof value === 'string') {
        if (ascii[index] === 1) {
          for (let at = 0; at < value.length; at++) target[offset + at] = value.charCodeAt(at)
          offset += value.length
        } else {
          const end = putUtf8(target, offset, value)
          if (end - offset !== textLengths[index]) throw new Error('UTF-8 length mismatch')
          offset = end
        }
      } else if (value instanceof Uint8Array || value instanceof Utf8Text) {
        const bytes = value instanceof Utf8Text ? value.bytes : value
        target.set(bytes, offset)
        offset += bytes.length
      } else if (type === 7) {
        new DataView(target.buffer, target.byteOffset, target.byteLength).setFloat64(offset, value as number)
        offset += 8
      } else {
        // A bigint in the safe range has a shorter type, as a number would.
        offset = type === 6 ? putBigInt(target, offset, BigInt(value)) : putInteger(target, offset, Number(value), bodyLength(type))
      }
    }
    this.values = []
    return offset
  }
}

/**
 * Write `text` as UTF-8 (a lone surrogate as U+FFFD, as Node counts and
 * writes it); returns the offset after it. By hand: Node's encoder writes
 * only into a Buffer, and a Buffer over each page would be one more object
 * per row.
 */
export function putUtf8(target: Uint8Array, offset: number, text: string): number {
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index)
    if (code < 0x80) {
      target[offset++] = code
      continue
    }
    if (code < 0x800) {
      target[offset++] = 0xc0 | (code >> 6)
      target[offset++] = 0x80 | (code & 0x3f)
      continue
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = index + 1 < text.length ? text.charCodeAt(index + 1) : 0
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00)
        index++
        target[offset++] = 0xf0 | (code >> 18)
        target[offset++] = 0x80 | ((code >> 12) & 0x3f)
        target[offset++] = 0x80 | ((code >> 6) & 0x3f)
        target[offset++] = 0x80 | (code & 0x3f)
        continue
      }
      code = 0xfffd
    }
    target[offset++] = 0xe0 | (code >> 12)
    target[offset++] = 0x80 | ((code >> 6) & 0x3f)
    target[offset++] = 0x80 | (code & 0x3f)
  }
  return offset
}

function putBigInt(target: Uint8Array, offset: number, value: bigint): number {
  new DataView(target.buffer, target.byteOffset, target.byteLength).setBigInt64(offset, value)
  return offset + 8
}

/** Whether a text is ASCII (short texts are scanned faster than Node encodes them). */
function isAsciiText(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) >= 0x80) return false
  return true
}

/**
 * Records back to back in one growing buffer, for an index's keys: one
 * allocation for all of them instead of one per key.
 */
class PackedRecords {
  private bytes: Uint8Array
  private ends: Uint32Array
  private used = 0
  count = 0

  constructor(bytes = 1 << 12, records = Math.ceil(bytes / 8)) {
    this.bytes = new Uint8Array(Math.max(bytes, 64))
    this.ends = new Uint32Array(Math.max(records, 16))
  }

  /** The bytes of record `index` (a view, valid until the next push). */
  get(index: number): Uint8Array {
    return this.bytes.subarray(this.start(index), this.ends[index] as number)
  }

  /**
   * Copy record `index` into `target` at `offset`; returns the offset after
   * it. Byte by byte: index keys are a few bytes, and a view per key made
   * most of the garbage of a big deck's indexes.
   */
  copy(index: number, target: Uint8Array, offset: number): number {
    const {bytes} = this
    const end = this.ends[index] as number
    for (let at = this.start(index); at < end; at++) target[offset++] = bytes[at] as number
    return offset
  }

  length(index: number): number {
    return (this.ends[index] as number) - this.start(index)
  }

  private start(index: number): number {
    return index === 0 ? 0 : (this.ends[index - 1] as number)
  }

  push(record: Uint8Array): void {
    this.reserve(record.length)
    this.bytes.set(record, this.used)
    this.end(this.used + record.length)
  }

  /**
   * The records of integer keys (`columns[c][k]`: column `c` of key `k`),
   * in the order `order` lists them (default: as given), as `RecordEncoder`
   * would encode them: a one-byte header length and serial types (at most 9
   * each), then the big-endian values. One loop into a buffer sized at
   * once: a big deck's indexes have tens of thousands of keys, made at the
   * end of the build.
   */
  static ofIntegers(columns: ReadonlyArray<ArrayLike<number>>, order?: ArrayLike<number>): PackedRecords {
    const width = columns.length
    const header = 1 + width
    if (header > 127) throw new RangeError('too many columns for an integer key')
    const count = order ? order.length : (columns[0]?.length ?? 0)
    const records = new PackedRecords(count * (header + width * 8), count)
    const {bytes, ends} = records
    let offset = 0
    for (let position = 0; position < count; position++) {
      const key = order ? (order[position] as number) : position
      const start = offset
      bytes[start] = header
      offset = start + header
      for (let column = 0; column < width; column++) {
        const value = (columns[column] as ArrayLike<number>)[key] as number
        if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer for an integer key: ${value}`)
        const type = value === 0 ? 8 : value === 1 ? 9 : intSerialType(value)
        bytes[start + 1 + column] = type
        offset = putInteger(bytes, offset, value, bodyLength(type))
      }
      ends[position] = offset
    }
    records.used = offset
    records.count = count
    return records
  }

  private reserve(length: number): void {
    if (this.used + length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.used + length, this.bytes.length * 2))
      grown.set(this.bytes.subarray(0, this.used))
      this.bytes = grown
    }
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2)
      grown.set(this.ends)
      this.ends = grown
    }
  }

  private end(offset: number): void {
    this.used = offset
    this.ends[this.count++] = offset
  }
}

/**
 * Write a safe integer as `length` big-endian two's-complement bytes (the
 * body of its serial type: 1–4 bytes hold an int32, 6 bytes an int48, 8
 * bytes the rest); returns the offset after them. Bit operations where the
 * value allows: this runs for every integer of every row.
 */
function putInteger(target: Uint8Array, offset: number, value: number, length: number): number {
  if (length <= 4) {
    let rest = value | 0
    for (let index = offset + length - 1; index >= offset; index--) {
      target[index] = rest & 0xff
      rest >>= 8
    }
    return offset + length
  }
  if (length === 6) {
    // The value plus 2^48 when negative is exact; split into 16 + 32 bits.
    const unsigned = value < 0 ? value + 2 ** 48 : value
    const high = Math.floor(unsigned / 2 ** 32)
    const low = unsigned >>> 0
    target[offset] = high >>> 8
    target[offset + 1] = high & 0xff
    target[offset + 2] = low >>> 24
    target[offset + 3] = (low >>> 16) & 0xff
    target[offset + 4] = (low >>> 8) & 0xff
    target[offset + 5] = low & 0xff
    return offset + 6
  }
  new DataView(target.buffer, target.byteOffset, target.byteLength).setBigInt64(offset, BigInt(value))
  return offset + 8
}

/** Bytes of a payload kept on its B-tree page (the rest overflows). */
function localPayload(payload: number, maxLocal: number): number {
  if (payload <= maxLocal) return payload
  const spill = minLocal + ((payload - minLocal) % overflowData)
  return spill <= maxLocal ? spill : minLocal
}

/** A B-tree page being filled: cell pointers from the top, cells from the bottom. */
class PageBuilder {
  readonly bytes = new Uint8Array(pageSize)
  cells = 0
  private top: number
  private bottom = pageSize

  constructor(
    readonly type: number,
    /** Where the B-tree page header starts: 100 on page 1, else 0. */
    private readonly start = 0
  ) {
    this.top = this.firstPointer()
  }

  /**
   * Empty the page to fill it again (once its bytes are copied out): a
   * table writes thousands of leaves, one buffer each would be garbage.
   */
  reset(): void {
    this.bytes.fill(0)
    this.cells = 0
    this.top = this.firstPointer()
    this.bottom = pageSize
  }

  private firstPointer(): number {
    return this.start + (this.type === tableLeaf || this.type === indexLeaf ? 8 : 12)
  }

  /** Whether a cell of `size` bytes still fits. */
  fits(size: number): boolean {
    return this.top + 2 + size <= this.bottom
  }

  /** Reserve a cell of `size` bytes; returns its offset. */
  add(size: number): number {
    this.bottom -= size
    this.bytes[this.top] = this.bottom >> 8
    this.bytes[this.top + 1] = this.bottom & 0xff
    this.top += 2
    this.cells++
    return this.bottom
  }

  /** The page, header written (`rightChild` for interior pages). */
  finish(rightChild = 0): Uint8Array {
    const {bytes, start} = this
    bytes[start] = this.type
    // No free blocks (bytes 1–2 stay 0), no fragmented bytes (byte 7).
    bytes[start + 3] = this.cells >> 8
    bytes[start + 4] = this.cells & 0xff
    const content = this.bottom === 65_536 ? 0 : this.bottom
    bytes[start + 5] = content >> 8
    bytes[start + 6] = content & 0xff
    if (this.type === tableInterior || this.type === indexInterior) writeUint32(bytes, start + 8, rightChild)
    return bytes
  }
}

function writeUint32(target: Uint8Array, offset: number, value: number): void {
  target[offset] = value >>> 24
  target[offset + 1] = (value >>> 16) & 0xff
  target[offset + 2] = (value >>> 8) & 0xff
  target[offset + 3] = value & 0xff
}

/** A child page and the key that goes with it one level up. */
interface Child<Key> {
  page: number
  key: Key
}

/**
 * The database file being written. Tables are filled row by row
 * ({@link SqliteFileWriter.table}), indexes built from sorted keys
 * ({@link SqliteFileWriter.index}); {@link SqliteFileWriter.finish} returns
 * page 1, which comes before every page given to the sink.
 */
export class SqliteFileWriter {
  private pages = 1
  private batch = new Uint8Array(batchPages * pageSize)
  private batched = 0
  private readonly encoder = new RecordEncoder()
  /** Scratch for overflow pages (`append` copies each). */
  private overflowPage: Uint8Array | undefined

  constructor(private readonly sink: PageSink) {}

  /** Append a page; returns its number. */
  private append(page: Uint8Array): number {
    this.batch.set(page, this.batched * pageSize)
    this.batched++
    if (this.batched === batchPages) this.flush()
    return ++this.pages
  }

  /**
   * Hand the pages made so far to the sink now, a partial batch if need be
   * (the page sequence, and so the file, is the same).
   */
  flush(): void {
    if (this.batched === 0) return
    this.sink(this.batched === batchPages ? this.batch : this.batch.slice(0, this.batched * pageSize))
    this.batch = new Uint8Array(batchPages * pageSize)
    this.batched = 0
  }

  /**
   * Write a payload's overflow pages (what does not stay on its B-tree
   * page); returns the first one's number. They are consecutive, each
   * pointing at the next.
   */
  private overflow(payload: Uint8Array, local: number): number {
    const first = this.pages + 1
    const page = (this.overflowPage ??= new Uint8Array(pageSize))
    for (let offset = local; offset < payload.length; offset += overflowData) {
      const end = Math.min(offset + overflowData, payload.length)
      // The last page's tail must be zeros, as a new page's would be.
      if (end - offset < overflowData) page.fill(0)
      writeUint32(page, 0, end < payload.length ? this.pages + 2 : 0)
      page.set(payload.subarray(offset, end), 4)
      this.append(page)
    }
    return first
  }

  /**
   * A table filled in rowid order. Call `add` for each row (it encodes the
   * row at once: the caller may reuse `values`), then `finish` for its root
   * page number.
   */
  table(): {add(rowid: number, values: readonly SqlValue[]): void; finish(): number} {
    const leaf = new PageBuilder(tableLeaf)
    let lastRowid = 0
    const children: Array<Child<number>> = []
    const flushLeaf = () => {
      // `append` copies the page: the builder is filled again.
      children.push({page: this.append(leaf.finish()), key: lastRowid})
      leaf.reset()
    }
    return {
      add: (rowid, values) => {
        if (!Number.isSafeInteger(rowid) || rowid <= lastRowid) throw new RangeError(`rowids must increase: ${rowid} after ${lastRowid}`)
        const length = this.encoder.measure(values)
        const local = localPayload(length, tableMaxLocal)
        const spills = local < length
        const size = varintLength(length) + varintLength(rowid) + local + (spills ? 4 : 0)
        if (!leaf.fits(size)) flushLeaf()
        let offset = leaf.add(size)
        offset = putVarint(leaf.bytes, offset, length)
        offset = putVarint(leaf.bytes, offset, rowid)
        if (spills) {
          // The cell keeps the record's start and names its first overflow page.
          const record = this.encoder.encode(values)
          leaf.bytes.set(record.subarray(0, local), offset)
          writeUint32(leaf.bytes, offset + local, this.overflow(record, local))
        } else {
          // Most rows fit their page: written there, not copied there.
          this.encoder.write(leaf.bytes, offset)
        }
        lastRowid = rowid
      },
      finish: () => {
        if (leaf.cells > 0 || children.length === 0) flushLeaf()
        return this.interiorLevels(children, tableInterior, (key) => varintLength(key), (bytes, offset, key) => putVarint(bytes, offset, key))
      }
    }
  }

  /**
   * An index B-tree over `keys`, each the indexed columns followed by the
   * rowid, already in SQLite's order for them. Keys must fit on a page
   * (small keys: integers); returns the root page number.
   */
  index(keys: ReadonlyArray<readonly SqlValue[]>): number {
    const records = new PackedRecords()
    for (const key of keys) records.push(this.encoder.encode(key))
    return this.packIndex(records)
  }

  /**
   * An index B-tree over integer keys given by column (`columns[c][k]`:
   * column `c` of key `k`, the rowid last), taken in the order `order`
   * lists them (default: as given), which must be SQLite's order for them.
   * What `index` does, without an array per key: the keys of a large
   * deck's indexes are made at the end of the build, all at once.
   */
  integerIndex(columns: ReadonlyArray<ArrayLike<number>>, order?: ArrayLike<number>): number {
    return this.packIndex(PackedRecords.ofIntegers(columns, order))
  }

  /** The B-tree of an index whose records are `records`, in order. */
  private packIndex(records: PackedRecords): number {
    const count = records.count
    const cellSize = (index: number) => {
      const length = records.length(index)
      if (length > indexMaxLocal) throw new RangeError('index key too large for this writer (no overflow in indexes)')
      return varintLength(length) + length
    }
    // Leaves: runs of keys, one key between each two runs going up a level.
    const children: Array<Child<Uint8Array | undefined>> = []
    const capacity = pageSize - 8
    const leaf = new PageBuilder(indexLeaf)
    let start = 0
    for (;;) {
      let used = 0
      let end = start
      while (end < count) {
        const size = cellSize(end) + 2
        if (used + size > capacity) break
        used += size
        end++
      }
      if (end < count && end === count - 1) {
        // The key going up would leave nothing for the last leaf: stop one
        // key earlier, so that key goes up and the last one fills the leaf.
        end -= 1
      }
      if (end <= start && count > 0) throw new RangeError('index keys too large to pack')
      for (let index = start; index < end; index++) {
        records.copy(index, leaf.bytes, putVarint(leaf.bytes, leaf.add(cellSize(index)), records.length(index)))
      }
      // `append` copies the page: the builder is filled again.
      const page = this.append(leaf.finish())
      leaf.reset()
      if (end >= count) {
        children.push({page, key: undefined})
        break
      }
      children.push({page, key: records.get(end)})
      start = end + 1
    }
    return this.interiorLevels(
      children,
      indexInterior,
      (key) => (key ? varintLength(key.length) + key.length : 0),
      (bytes, offset, key) => {
        const record = key as Uint8Array
        const after = putVarint(bytes, offset, record.length)
        bytes.set(record, after)
        return after + record.length
      }
    )
  }

  /**
   * Interior pages over `children` until one page is left: the root. A page
   * holds children a…b, a cell (child, key) for each but the last, which is
   * its right-most pointer; that last child's key goes up with the page (a
   * table's largest rowid, an index's separating key).
   */
  private interiorLevels<Key>(
    children: Array<Child<Key>>,
    type: number,
    keySize: (key: Key) => number,
    putKey: (bytes: Uint8Array, offset: number, key: Key) => number
  ): number {
    let level = children
    while (level.length > 1) {
      const next: Array<Child<Key>> = []
      const capacity = pageSize - 12
      const cellSize = (child: Child<Key>) => 4 + keySize(child.key) + 2
      let start = 0
      while (start < level.length) {
        let used = 0
        let last = start
        while (last + 1 < level.length && used + cellSize(level[last] as Child<Key>) <= capacity) used += cellSize(level[last++] as Child<Key>)
        // One child left after this page would make a page without cells.
        if (last === level.length - 2) last -= 1
        if (last <= start) throw new RangeError('interior keys too large to pack')
        const page = new PageBuilder(type)
        for (let index = start; index < last; index++) {
          const child = level[index] as Child<Key>
          const offset = page.add(cellSize(child) - 2)
          writeUint32(page.bytes, offset, child.page)
          putKey(page.bytes, offset + 4, child.key)
        }
        const right = level[last] as Child<Key>
        next.push({page: this.append(page.finish(right.page)), key: right.key})
        start = last + 1
      }
      level = next
    }
    return (level[0] as Child<Key>).page
  }

  /**
   * Flush the last pages to the sink and return page 1 (the file header and
   * the schema table) and the number of pages in the file.
   *
   * @throws {RangeError} When the schema does not fit page 1.
   */
  finish(schema: readonly SchemaEntry[]): {firstPage: Uint8Array; pageCount: number} {
    this.flush()
    const page = new PageBuilder(tableLeaf, 100)
    schema.forEach((entry, index) => {
      const record = this.encoder.encode([entry.type, entry.name, entry.tableName, entry.rootPage, entry.sql])
      const size = varintLength(record.length) + varintLength(index + 1) + record.length
      if (record.length > tableMaxLocal || !page.fits(size)) throw new RangeError('the schema does not fit on page 1')
      let offset = page.add(size)
      offset = putVarint(page.bytes, offset, record.length)
      offset = putVarint(page.bytes, offset, index + 1)
      page.bytes.set(record, offset)
    })
    const bytes = page.finish()
    writeHeader(bytes, this.pages)
    return {firstPage: bytes, pageCount: this.pages}
  }
}

/** The 100-byte database header (fileformat2 §1.3). */
function writeHeader(bytes: Uint8Array, pageCount: number): void {
  bytes.set(Buffer.from('SQLite format 3\u0000', 'latin1'), 0)
  bytes[16] = pageSize >> 8
  bytes[17] = pageSize & 0xff
  bytes[18] = 1 // file format write version: legacy (rollback journal)
  bytes[19] = 1 // read version
  bytes[20] = 0 // reserved bytes per page
  bytes[21] = 64 // maximum embedded payload fraction
  bytes[22] = 32 // minimum embedded payload fraction
  bytes[23] = 32 // leaf payload fraction
  writeUint32(bytes, 24, 1) // file change counter
  writeUint32(bytes, 28, pageCount) // database size in pages
  // 32, 36: no freelist.
  writeUint32(bytes, 40, 1) // schema cookie
  writeUint32(bytes, 44, 4) // schema format number
  // 48: default page cache size; 52: no auto-vacuum.
  writeUint32(bytes, 56, 1) // text encoding: UTF-8
  // 60: user version; 64: incremental vacuum; 68: application id; 72–91 reserved.
  writeUint32(bytes, 92, 1) // version-valid-for: the change counter
  writeUint32(bytes, 96, writerVersion)
}

const whitespace = '[ \\t\\n\\v\\f\\r]*'
const integerLiteral = new RegExp(`^${whitespace}[+-]?\\d+${whitespace}$`)
const realLiteral = new RegExp(`^${whitespace}[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?${whitespace}$`)
const int64Min = -(2n ** 63n)
const int64Max = 2n ** 63n - 1n

/**
 * What SQLite stores for `text` put in a column of INTEGER affinity
 * (https://www.sqlite.org/datatype3.html §3.2): an integer when the text is
 * an integer literal that fits 64 bits, or a real literal whose value is an
 * integer; a real for any other well-formed number; else the text itself.
 * Leading and trailing spaces are allowed, hexadecimal is not a number.
 */
export function integerAffinity(text: string): SqlValue {
  if (integerLiteral.test(text)) {
    const value = BigInt(text.trim())
    if (value >= int64Min && value <= int64Max) return toNumberIfSafe(value)
    return Number(text.trim())
  }
  if (!realLiteral.test(text)) return text
  const real = Number(text.trim())
  // SQLite keeps a real as an integer only strictly inside the 64-bit range.
  if (Number.isInteger(real) && real > -(2 ** 63) && real < 2 ** 63) return toNumberIfSafe(BigInt(real))
  return real
}

function toNumberIfSafe(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
}
