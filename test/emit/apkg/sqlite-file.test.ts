/**
 * The SQLite file writer against SQLite itself (sql.js): every file written
 * is opened by SQLite, passes `PRAGMA integrity_check` (B-tree structure,
 * page accounting, every index entry against its table row) and reads back
 * value for value. The collection is compared with one SQLite builds from
 * the same rows.
 */
import initSqlJs from 'sql.js'
import type {Database, SqlJsStatic} from 'sql.js'
import {beforeAll, describe, expect, it} from 'vitest'
import {openCollection, schema11Sql, type CardRow, type CollectionRow, type NoteRow} from '../../../src/emit/apkg/collection.js'
import {integerAffinity, pageSize, SqliteFileWriter, varintLength, type SchemaEntry, type SqlValue, putUtf8} from '../../../src/emit/apkg/sqlite-file.js'

let SQL: SqlJsStatic
beforeAll(async () => {
  SQL = await initSqlJs()
})

/** A seeded generator (mulberry32): the same cases every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Write a database of `tables` (rows in rowid order) and `indexes`; the file's bytes. */
function writeFile(
  tables: Array<{name: string; columns: string; rows: Array<[number, SqlValue[]]>}>,
  indexes: Array<{name: string; table: string; columns: string; keys: SqlValue[][]}> = []
): Uint8Array {
  const pages: Uint8Array[] = []
  const writer = new SqliteFileWriter((batch) => pages.push(batch.slice()))
  const schema: SchemaEntry[] = tables.map((table) => {
    const builder = writer.table()
    for (const [rowid, values] of table.rows) builder.add(rowid, values)
    return {type: 'table' as const, name: table.name, tableName: table.name, rootPage: builder.finish(), sql: `CREATE TABLE ${table.name} (${table.columns})`}
  })
  for (const index of indexes) {
    schema.push({type: 'index', name: index.name, tableName: index.table, rootPage: writer.index(index.keys), sql: `CREATE INDEX ${index.name} ON ${index.table} (${index.columns})`})
  }
  const {firstPage, pageCount} = writer.finish(schema)
  const bytes = new Uint8Array(pageCount * pageSize)
  bytes.set(firstPage)
  let offset = pageSize
  for (const batch of pages) {
    bytes.set(batch, offset)
    offset += batch.length
  }
  expect(offset).toBe(bytes.length)
  return bytes
}

function open(bytes: Uint8Array): Database {
  const db = new SQL.Database(bytes)
  expect(db.exec('PRAGMA integrity_check')[0]?.values).toEqual([['ok']])
  return db
}

function rowsOf(db: Database, sql: string): unknown[][] {
  return db.exec(sql)[0]?.values ?? []
}

/** A value of each storage class and size, text and blobs long enough to overflow. */
function randomValue(next: () => number): SqlValue {
  const kind = Math.floor(next() * 9)
  const sign = next() < 0.5 ? -1 : 1
  switch (kind) {
    case 0:
      return null
    case 1:
      return Math.floor(next() * 3) // 0, 1 (serial types 8, 9) and 2
    case 2:
      return sign * Math.floor(next() * 2 ** (8 * (1 + Math.floor(next() * 6))))
    case 3:
      return sign * Math.floor(next() * Number.MAX_SAFE_INTEGER)
    case 4:
      return sign * next() * 10 ** Math.floor(next() * 20)
    case 5:
      return 'é🔴 texte '.repeat(Math.floor(next() * 8))
    case 6:
      // Around and far beyond what a page keeps: one or more overflow pages.
      return 'x'.repeat(Math.floor(next() * 3 * pageSize)) + '✓'.repeat(Math.floor(next() * 5000))
    case 7:
      return Uint8Array.from({length: Math.floor(next() * 2 * pageSize)}, (_, index) => (index * 7) % 256)
    default:
      // Beyond the safe range, and in it (stored as the same number would be).
      return next() < 0.3 ? 2n ** 62n + BigInt(Math.floor(next() * 1000)) : next() < 0.5 ? -(2n ** 63n) : BigInt(Math.floor((next() - 0.5) * 2 ** 40))
  }
}

describe('SqliteFileWriter', () => {
  it('writes an empty database SQLite opens', () => {
    const db = open(writeFile([{name: 'empty', columns: 'a, b', rows: []}], [{name: 'ix_empty', table: 'empty', columns: 'a', keys: []}]))
    expect(rowsOf(db, 'SELECT count(*) FROM empty')).toEqual([[0]])
    expect(rowsOf(db, 'SELECT type, name, tbl_name FROM sqlite_master')).toEqual([
      ['table', 'empty', 'empty'],
      ['index', 'ix_empty', 'empty']
    ])
    db.close()
  })

  it('stores every storage class, payloads of every size, and reads them back as written', () => {
    const next = random(20261129)
    const rows: Array<[number, SqlValue[]]> = []
    let rowid = 0
    for (let index = 0; index < 600; index++) {
      rowid += 1 + Math.floor(next() * (index % 50 === 0 ? 1e9 : 3))
      rows.push([rowid, [randomValue(next), randomValue(next), randomValue(next)]])
    }
    const db = open(writeFile([{name: 't', columns: 'a, b, c', rows}]))
    const read = rowsOf(db, 'SELECT rowid, a, b, c FROM t ORDER BY rowid')
    expect(read.length).toBe(rows.length)
    read.forEach((row, index) => {
      const [id, values] = rows[index] as [number, SqlValue[]]
      expect(row[0]).toBe(id)
      values.forEach((value, column) => {
        const got = row[column + 1]
        if (typeof value === 'bigint') {
          // sql.js returns integers beyond 2^53 as (rounded) numbers.
          expect(got).toBe(Number(value))
        } else {
          expect(got).toEqual(value)
        }
      })
    })
    const types = rowsOf(db, 'SELECT typeof(a), typeof(b), typeof(c) FROM t ORDER BY rowid')
    rows.forEach(([, values], index) => {
      expect(types[index]).toEqual(values.map((value) => (value === null ? 'null' : typeof value === 'string' ? 'text' : value instanceof Uint8Array ? 'blob' : typeof value === 'bigint' || Number.isSafeInteger(value) ? 'integer' : 'real')))
    })
    db.close()
  })

  it('builds deep table and index B-trees that SQLite finds consistent', () => {
    // 30,000 rows of about 1 KB: thousands of leaves, two interior levels;
    // 3,000 keys of 300 bytes: a three-level index.
    const rows: Array<[number, SqlValue[]]> = []
    const keys: SqlValue[][] = []
    for (let rowid = 1; rowid <= 30_000; rowid++) {
      const key = rowid <= 3000 ? `k${String((rowid * 7919) % 3001).padStart(5, '0')}${'-'.repeat(300)}` : null
      rows.push([rowid, [key, 'v'.repeat(900 + (rowid % 200))]])
      if (key !== null) keys.push([key, rowid])
    }
    keys.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0))
    // The NULL keys sort first in SQLite's order.
    const nullKeys = rows.filter(([, values]) => values[0] === null).map(([rowid]) => [null, rowid])
    const db = open(writeFile([{name: 't', columns: 'k, v', rows}], [{name: 'ix_k', table: 't', columns: 'k', keys: [...nullKeys, ...keys]}]))
    expect(rowsOf(db, 'SELECT count(*), sum(length(v)) FROM t')).toEqual([[30_000, rows.reduce((sum, [, values]) => sum + String(values[1]).length, 0)]])
    expect(rowsOf(db, "SELECT rowid FROM t INDEXED BY ix_k WHERE k = (SELECT k FROM t WHERE rowid = 1234)")).toEqual([[1234]])
    db.close()
  })

  it('packs pages at every boundary: any number of large index keys and table rows', () => {
    // Keys of about 900 bytes: four to a page, so each count from 0 to 60
    // ends a leaf or an interior page at a different place.
    for (let count = 0; count <= 60; count++) {
      const rows: Array<[number, SqlValue[]]> = []
      const keys: SqlValue[][] = []
      for (let rowid = 1; rowid <= count; rowid++) {
        const key = `${String(rowid).padStart(4, '0')}${'k'.repeat(890)}`
        rows.push([rowid, [key, 'r'.repeat(1300)]])
        keys.push([key, rowid])
      }
      const db = open(writeFile([{name: 't', columns: 'k, v', rows}], [{name: 'ix_k', table: 't', columns: 'k', keys}]))
      expect(rowsOf(db, 'SELECT count(*) FROM t INDEXED BY ix_k WHERE k > \'\'')).toEqual([[count]])
      db.close()
    }
  })

  it('writes an index of integer columns as it writes the same keys given row by row', () => {
    const next = random(11)
    // Values of every integer serial type: 0 and 1 (no body), 1 to 6 bytes,
    // 8 bytes, negatives, and the deck-id and csum sizes a collection uses.
    const pool = [0, 1, -1, 2, 127, 128, -129, 40_000, -8_388_609, 2 ** 31, 4_294_967_295, 1_767_225_600_123, -(2 ** 47), 2 ** 47, 2 ** 50, -(2 ** 52), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]
    const count = 3000
    const rows: Array<[number, SqlValue[]]> = []
    const columns: number[][] = [[], [], []]
    for (let rowid = 1; rowid <= count; rowid++) {
      const a = pool[Math.floor(next() * pool.length)] as number
      const b = Math.floor(next() * 5) - 2
      rows.push([rowid, [a, b]])
      columns[0]?.push(a)
      columns[1]?.push(b)
      columns[2]?.push(rowid)
    }
    const order = Array.from({length: count}, (_, index) => index).sort((x, y) => (columns[0]?.[x] as number) - (columns[0]?.[y] as number) || (columns[1]?.[x] as number) - (columns[1]?.[y] as number) || x - y)
    const keys = order.map((index) => columns.map((column) => column[index] as number))
    const write = (index: (writer: SqliteFileWriter) => number) => {
      const pages: Uint8Array[] = []
      const writer = new SqliteFileWriter((batch) => pages.push(batch.slice()))
      const table = writer.table()
      for (const [rowid, values] of rows) table.add(rowid, values)
      const schema: SchemaEntry[] = [
        {type: 'table', name: 't', tableName: 't', rootPage: table.finish(), sql: 'CREATE TABLE t (a integer, b integer)'},
        {type: 'index', name: 'ix_ab', tableName: 't', rootPage: index(writer), sql: 'CREATE INDEX ix_ab ON t (a, b)'}
      ]
      const {firstPage} = writer.finish(schema)
      return Buffer.concat([firstPage, ...pages])
    }
    const byColumns = write((writer) => writer.integerIndex(columns, order))
    expect(byColumns.equals(write((writer) => writer.index(keys)))).toBe(true)
    const db = open(byColumns)
    expect(rowsOf(db, 'SELECT count(*) FROM t INDEXED BY ix_ab WHERE a >= -9007199254740991')).toEqual([[count]])
    db.close()
    // Without an order, keys are taken as given (here: sorted already).
    const sortedColumns = columns.map((column) => order.map((index) => column[index] as number))
    expect(write((writer) => writer.integerIndex(sortedColumns)).equals(byColumns)).toBe(true)
  })

  it('refuses rowids that do not increase', () => {
    const writer = new SqliteFileWriter(() => undefined)
    const table = writer.table()
    table.add(5, [1])
    expect(() => table.add(5, [1])).toThrow(RangeError)
    expect(() => table.add(4, [1])).toThrow(RangeError)
  })

  it('counts varint lengths as SQLite does', () => {
    expect([0, 127, 128, 16_383, 16_384, 2 ** 21, 2 ** 49 - 1, 2 ** 53].map(varintLength)).toEqual([1, 1, 2, 2, 3, 4, 7, 8])
    const bounds = [1, 2, 3, 4, 5, 6, 7].flatMap((bytes) => [2 ** (7 * bytes) - 1, 2 ** (7 * bytes)])
    expect(bounds.map(varintLength)).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8])
    expect(() => varintLength(2 ** 56)).toThrow(RangeError)
  })
})

describe('integerAffinity', () => {
  it('stores text in an INTEGER column as SQLite does', () => {
    const next = random(7)
    const samples = [
      '', ' ', '0', '-0', '+5', ' 42 ', '\t7\n', '007', '3.0', '3.5', '-2.50', '1e3', '1E-2', '.5', '5.', '.', 'e5', '1e', '0x10', '12abc', 'abc',
      '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809', '123456789012345678901234', '1e400', '-1e400',
      '9007199254740993', '1.5e15', '4.0e+5', 'Décrivez', '１２', '1 2', '+', '-', '+.5e-3'
    ]
    for (let index = 0; index < 300; index++) {
      const parts = ['', ' ', '-', '+', '1', '0', '9', '.', 'e', 'E', '5', 'x']
      samples.push(Array.from({length: 1 + Math.floor(next() * 8)}, () => parts[Math.floor(next() * parts.length)]).join(''))
    }
    const db = new SQL.Database()
    db.exec('CREATE TABLE t (v integer)')
    const insert = db.prepare('INSERT INTO t VALUES (?)')
    for (const sample of samples) insert.run([sample])
    insert.free()
    const stored = rowsOf(db, 'SELECT typeof(v), v, CAST(v AS TEXT) FROM t ORDER BY rowid')
    samples.forEach((sample, index) => {
      const ours = integerAffinity(sample)
      const [type, value, text] = stored[index] as [string, unknown, string]
      const ourType = typeof ours === 'string' ? 'text' : typeof ours === 'bigint' || Number.isSafeInteger(ours) ? 'integer' : 'real'
      expect([sample, ourType]).toEqual([sample, type])
      if (typeof ours === 'bigint') expect([sample, String(ours)]).toEqual([sample, text])
      else expect([sample, ours]).toEqual([sample, value])
    })
    db.close()
  })
})

describe('openCollection', () => {
  it('writes the rows SQLite itself writes for the same inserts', async () => {
    const next = random(11)
    const notes: NoteRow[] = []
    const cards: CardRow[] = []
    let cardId = 1_700_000_000_000
    for (let index = 0; index < 400; index++) {
      const id = 1_700_000_000_000 + index
      const long = next() < 0.1 ? 'é'.repeat(Math.floor(next() * 9000)) : ''
      notes.push({id, guid: `g${index}`, mid: 1_600_000_000_000, mod: 1_767_225_600, tags: index % 3 ? ' a b ' : '', fields: [`<p>Q${index} ${long}</p>`, 'A'], sfld: index % 7 ? `Q${index}` : String(index), csum: Math.floor(next() * 2 ** 32)})
      for (let ord = 0; ord < 1 + (index % 2); ord++) cards.push({id: cardId++, nid: id, did: 1_234 + (index % 4), ord, mod: 1_767_225_600, due: index + 1})
    }
    const col: CollectionRow = {crt: 1_767_225_600, mod: 1_767_225_600_000, scm: 1_767_225_600_000, conf: {a: 1}, models: {m: {css: 'x'.repeat(20_000)}}, decks: {d: 1}, dconf: {1: {}}}

    const pages: Uint8Array[] = []
    const writer = openCollection((full) => pages.push(full))
    writer.addNotes(notes.slice(0, 150))
    writer.addCards(cards.filter((card) => card.nid < (notes[150] as NoteRow).id))
    writer.addNotes(notes.slice(150))
    writer.addCards(cards.filter((card) => card.nid >= (notes[150] as NoteRow).id))
    const {firstPage, pageCount} = await writer.finish(col)
    const file = Buffer.concat([firstPage, ...pages])
    expect(file.length).toBe(pageCount * 4096)
    const ours = open(file)
    writer.close()

    const sqlite = new SQL.Database()
    sqlite.exec(schema11Sql)
    for (const note of notes) sqlite.run('INSERT INTO notes VALUES (?,?,?,?,-1,?,?,?,?,0,\'\')', [note.id, note.guid, note.mid, note.mod, note.tags, (note.fields as string[]).join('\u001F'), note.sfld, note.csum])
    for (const card of cards) sqlite.run("INSERT INTO cards VALUES (?,?,?,?,?,-1,0,0,?,0,0,0,0,0,0,0,0,'')", [card.id, card.nid, card.did, card.ord, card.mod, card.due])
    sqlite.run('INSERT INTO col VALUES (1,?,?,?,11,0,0,0,?,?,?,?,\'{}\')', [col.crt, col.mod, col.scm, JSON.stringify(col.conf), JSON.stringify(col.models), JSON.stringify(col.decks), JSON.stringify(col.dconf)])

    for (const query of [
      'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name',
      'SELECT *, typeof(sfld) FROM notes ORDER BY id',
      'SELECT * FROM cards ORDER BY id',
      'SELECT * FROM col',
      'SELECT count(*) FROM revlog',
      'SELECT count(*) FROM graves',
      'SELECT id FROM notes INDEXED BY ix_notes_csum ORDER BY csum, id',
      'SELECT id FROM cards INDEXED BY ix_cards_sched ORDER BY did, queue, due, id'
    ]) {
      expect([query, rowsOf(ours, query)]).toEqual([query, rowsOf(sqlite, query)])
    }
    ours.close()
    sqlite.close()
  })

  it('orders index keys as SQLite does when rows come in no index order', async () => {
    // Rows usually come sorted for every index but the checksum and deck
    // ones; here dues fall, notes repeat out of order and checksums tie, so
    // every index takes the general path.
    const next = random(12)
    const notes: NoteRow[] = []
    const cards: CardRow[] = []
    for (let index = 0; index < 300; index++) {
      notes.push({id: 1_700_000_000_000 + index, guid: `g${index}`, mid: 1, mod: 1_767_225_600, tags: '', fields: ['Q', 'A'], sfld: 'Q', csum: index % 5 === 0 ? 7 : Math.floor(next() * 2 ** 32)})
      cards.push({id: 1_800_000_000_000 + index, nid: 1_700_000_000_000 + ((index * 7) % 300), did: next() < 0.5 ? -3 : 2 ** 40, ord: 0, mod: 1, due: 1000 - index})
    }
    const pages: Uint8Array[] = []
    const writer = openCollection((full) => pages.push(full))
    writer.addNotes(notes)
    writer.addCards(cards)
    const {firstPage} = await writer.finish({crt: 1, mod: 1, scm: 1, conf: {}, models: {}, decks: {}, dconf: {}})
    const ours = open(Buffer.concat([firstPage, ...pages]))
    writer.close()
    for (const [query, expected] of [
      ['SELECT id FROM notes INDEXED BY ix_notes_csum ORDER BY csum, id', [...notes].sort((a, b) => a.csum - b.csum || a.id - b.id).map((note) => [note.id])],
      ['SELECT id FROM cards INDEXED BY ix_cards_nid ORDER BY nid, id', [...cards].sort((a, b) => a.nid - b.nid || a.id - b.id).map((card) => [card.id])],
      ['SELECT id FROM cards INDEXED BY ix_cards_sched ORDER BY did, queue, due, id', [...cards].sort((a, b) => a.did - b.did || a.due - b.due || a.id - b.id).map((card) => [card.id])]
    ] as const) {
      expect([query, rowsOf(ours, query)]).toEqual([query, expected])
    }
    ours.close()
  })
})

describe('putUtf8', () => {
  it('writes what Node writes and counts, lone surrogates included', () => {
    const texts = ['', 'ascii', 'Réponse', 'ß∂ƒ', '日本語', '🔴 🟢 👍🏽', 'a\uD800b', '\uDC00', 'x\uD83D', '\uD83D\uD83D\uDE00', 'é'.repeat(5000)]
    for (const text of texts) {
      const expected = Buffer.from(text, 'utf8')
      const target = new Uint8Array(expected.length + 4)
      expect([text, putUtf8(target, 2, text)]).toEqual([text, 2 + Buffer.byteLength(text, 'utf8')])
      expect(Buffer.from(target.subarray(2, 2 + expected.length)).equals(expected)).toBe(true)
    }
  })
})
