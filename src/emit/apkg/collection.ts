/**
 * The package's collection database: a schema-11 `collection.anki2`, written
 * page by page by `sqlite-file.ts` as notes and cards arrive.
 *
 * Schema 11 because it is what every importer still opens: modern Anki
 * accepts `ver` 11 and 14–18, Anki 2.1.16 at most 11 (anki-compat.md §2).
 *
 * @module
 */
import {integerAffinity, SqliteFileWriter, Utf8Text, type PageSink, type SchemaEntry, type SqlValue} from './sqlite-file.js'
/** Schema version written to `col.ver` (§2). */
export const schemaVersion = 11

/**
 * The five tables of schema 11, columns in Anki's order: Anki 2.1.16 reads
 * rows positionally with `select *`, and modern Anki upgrades the package
 * collection to schema 18, which needs all five tables (§2). Every column is
 * `integer` except the JSON and text ones; `notes.sfld` is `integer` on
 * purpose (numeric sort fields sort numerically). The indexes are Anki's
 * too: not needed to import, but they make the file a faithful collection.
 */
export const schema11Sql = `
CREATE TABLE col (
  id integer PRIMARY KEY,
  crt integer NOT NULL,
  mod integer NOT NULL,
  scm integer NOT NULL,
  ver integer NOT NULL,
  dty integer NOT NULL,
  usn integer NOT NULL,
  ls integer NOT NULL,
  conf text NOT NULL,
  models text NOT NULL,
  decks text NOT NULL,
  dconf text NOT NULL,
  tags text NOT NULL
);
CREATE TABLE notes (
  id integer PRIMARY KEY,
  guid text NOT NULL,
  mid integer NOT NULL,
  mod integer NOT NULL,
  usn integer NOT NULL,
  tags text NOT NULL,
  flds text NOT NULL,
  sfld integer NOT NULL,
  csum integer NOT NULL,
  flags integer NOT NULL,
  data text NOT NULL
);
CREATE TABLE cards (
  id integer PRIMARY KEY,
  nid integer NOT NULL,
  did integer NOT NULL,
  ord integer NOT NULL,
  mod integer NOT NULL,
  usn integer NOT NULL,
  type integer NOT NULL,
  queue integer NOT NULL,
  due integer NOT NULL,
  ivl integer NOT NULL,
  factor integer NOT NULL,
  reps integer NOT NULL,
  lapses integer NOT NULL,
  left integer NOT NULL,
  odue integer NOT NULL,
  odid integer NOT NULL,
  flags integer NOT NULL,
  data text NOT NULL
);
CREATE TABLE revlog (
  id integer PRIMARY KEY,
  cid integer NOT NULL,
  usn integer NOT NULL,
  ease integer NOT NULL,
  ivl integer NOT NULL,
  lastIvl integer NOT NULL,
  factor integer NOT NULL,
  time integer NOT NULL,
  type integer NOT NULL
);
CREATE TABLE graves (
  usn integer NOT NULL,
  oid integer NOT NULL,
  type integer NOT NULL
);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`

/** The `col` row. Times: `crt` seconds, `mod`/`scm` milliseconds (§2 "col fields"). */
export interface CollectionRow {
  crt: number
  mod: number
  scm: number
  conf: Record<string, unknown>
  /** Note types by id (the key must equal the inner `id`, §3). */
  models: Record<string, unknown>
  /** Decks by id. */
  decks: Record<string, unknown>
  /** Options groups by id. */
  dconf: Record<string, unknown>
}

/** A `notes` row. */
export interface NoteRow {
  id: number
  guid: string
  mid: number
  /** Seconds. */
  mod: number
  /** `" a b "` or `""`. */
  tags: string
  /**
   * Field values, in note-type order (joined with U+001F here), or already
   * joined and encoded (`Utf8Text`, from a per-file job).
   */
  fields: readonly string[] | Utf8Text
  sfld: string
  csum: number
}

/** A `cards` row (a new card). */
export interface CardRow {
  id: number
  nid: number
  did: number
  ord: number
  /** Seconds. */
  mod: number
  /** New-card position. */
  due: number
}

/** Separator of fields in `notes.flds`. */
export const fieldSeparator = '\u001F'

/**
 * A collection filled a few rows at a time: notes and cards are written as
 * they come, so a large deck never holds its rows, nor its database, in
 * memory; the `col` row, which says what the rows use (note types, decks),
 * comes last, with the indexes.
 */
export interface CollectionWriter {
  /** Add notes, ids increasing across calls. */
  addNotes(notes: Iterable<NoteRow>): void
  /** Add cards, ids increasing across calls. */
  addCards(cards: Iterable<CardRow>): void
  /**
   * Write the `col` row and the indexes, hand the last pages to the sink and
   * return page 1, which comes before them (with the number of pages in the
   * file). Call once.
   *
   * Each index's pages go to the sink as soon as it is written, and the
   * event loop gets a turn before the next: the package deflates pages on
   * zlib's thread pool, a chunk per turn, so the indexes of a big deck are
   * deflated while the next ones are built instead of all after the last.
   */
  finish(col: CollectionRow): Promise<{firstPage: Uint8Array; pageCount: number}>
  /** Let go of what is kept (always call it, also after `finish`). */
  close(): void
}

/** The statements of {@link schema11Sql}, each with what it creates. */
const schemaStatements = schema11Sql
  .split(';')
  .map((statement) => statement.trim())
  .filter((statement) => statement !== '')
  .map((sql) => {
    const match = /^CREATE (TABLE|INDEX) (\w+)(?: ON (\w+))?/.exec(sql)
    if (!match) throw new Error(`unexpected schema statement: ${sql}`)
    const type = match[1] === 'TABLE' ? 'table' : 'index'
    const name = match[2] as string
    return {type, name, tableName: match[3] ?? name, sql} as const
  })

/**
 * Open an empty schema-11 `collection.anki2`.
 *
 * Every integer column receives an integer: a fractional number would be
 * stored as REAL, which modern Anki cannot read (§2), so all numbers pass
 * through {@link int}. `notes.sfld` is an INTEGER column given text, stored
 * as SQLite would store it ({@link integerAffinity}): numeric sort fields
 * sort numerically.
 *
 * @param sink Where full pages go as they are made: pages 2, 3, … in
 *   order (the package deflates them then, see deflate.ts); page 1 is
 *   returned by `finish`.
 */
export function openCollection(sink: PageSink): CollectionWriter {
  const file = new SqliteFileWriter(sink)
  const notes = file.table()
  const cards = file.table()
  // Index keys, kept until the indexes are written at the end.
  const noteIds: number[] = []
  const noteSums: number[] = []
  const cardIds: number[] = []
  const cardNotes: number[] = []
  const cardDecks: number[] = []
  const cardDues: number[] = []
  let finished = false
  // One row's values, filled again for each row: a table copies a row's
  // record out before `add` returns.
  // usn -1: "not synced", rewritten on import; flags 0; data "" (§4).
  const noteValues: SqlValue[] = [null, '', 0, 0, -1, '', '', '', 0, 0, '']
  // A new card: type 0, queue 0, due = position, everything else 0 and
  // data "" (§5 "New cards"); usn -1.
  const cardValues: SqlValue[] = [null, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '']
  return {
    addNotes(rows) {
      for (const note of rows) {
        const id = int(note.id)
        const csum = int(note.csum)
        noteValues[1] = note.guid
        noteValues[2] = int(note.mid)
        noteValues[3] = int(note.mod)
        noteValues[5] = note.tags
        noteValues[6] = note.fields instanceof Utf8Text ? note.fields : note.fields.join(fieldSeparator)
        noteValues[7] = integerAffinity(note.sfld)
        noteValues[8] = csum
        notes.add(id, noteValues)
        noteIds.push(id)
        noteSums.push(csum)
      }
    },
    addCards(rows) {
      for (const card of rows) {
        const id = int(card.id)
        const nid = int(card.nid)
        const did = int(card.did)
        const due = int(card.due)
        cardValues[1] = nid
        cardValues[2] = did
        cardValues[3] = int(card.ord)
        cardValues[4] = int(card.mod)
        cardValues[8] = due
        cards.add(id, cardValues)
        cardIds.push(id)
        cardNotes.push(nid)
        cardDecks.push(did)
        cardDues.push(due)
      }
    },
    async finish(col) {
      if (finished) throw new Error('This collection is finished')
      finished = true
      const colTable = file.table()
      colTable.add(1, [
        null,
        int(col.crt),
        int(col.mod),
        int(col.scm),
        schemaVersion,
        0, // dty
        0, // usn
        0, // ls
        JSON.stringify(col.conf),
        JSON.stringify(col.models),
        JSON.stringify(col.decks),
        JSON.stringify(col.dconf),
        '{}' // tags: Anki registers the notes' tags itself (§2 `col.tags`)
      ])
      const roots = new Map<string, number>([
        ['col', colTable.finish()],
        ['notes', notes.finish()],
        ['cards', cards.finish()],
        ['revlog', file.table().finish()],
        ['graves', file.table().finish()]
      ])
      const notesUsn = new Array<number>(noteIds.length).fill(-1)
      const cardsUsn = new Array<number>(cardIds.length).fill(-1)
      const cardsQueue = new Array<number>(cardIds.length).fill(0)
      // Each index's integer columns (the rowid last) and, where rows did
      // not come in the index's order, the order to take them in.
      const indexes: Record<string, () => number> = {
        ix_notes_usn: () => file.integerIndex([notesUsn, noteIds]),
        ix_cards_usn: () => file.integerIndex([cardsUsn, cardIds]),
        ix_revlog_usn: () => file.integerIndex([[], []]),
        ix_cards_nid: () => file.integerIndex(...sorted([cardNotes, cardIds])),
        ix_cards_sched: () => file.integerIndex(...sorted([cardDecks, cardsQueue, cardDues, cardIds])),
        ix_revlog_cid: () => file.integerIndex([[], []]),
        ix_notes_csum: () => file.integerIndex(...sorted([noteSums, noteIds]))
      }
      const schema: SchemaEntry[] = []
      for (const statement of schemaStatements) {
        const rootPage = statement.type === 'table' ? roots.get(statement.name) : indexes[statement.name]?.()
        if (rootPage === undefined) throw new Error(`no rows for ${statement.name}`)
        schema.push({...statement, rootPage})
        if (statement.type === 'index') {
          file.flush()
          await new Promise((resolve) => setImmediate(resolve))
        }
      }
      return file.finish(schema)
    },
    close() {
      finished = true
      noteIds.length = noteSums.length = cardIds.length = cardNotes.length = cardDecks.length = cardDues.length = 0
    }
  }
}

/**
 * Integer key columns with the order that sorts their keys as SQLite does
 * (column by column, then by the rowid in the last column); no order when
 * they already come sorted.
 *
 * Rows come in rowid order, and the later columns of every index here rise
 * with it (a card's note and position), so keys are already in order or
 * need only a stable sort on their first column (a card's deck, a note's
 * checksum). That sort is done on numbers packed with their row index, by
 * the typed array's own sort: a comparator called for tens of thousands of
 * keys, on code not yet optimized, was a good part of the time a big deck
 * spent on its indexes. The result is checked, and any other order falls
 * back to a full sort.
 */
function sorted(columns: ReadonlyArray<readonly number[]>): [ReadonlyArray<readonly number[]>, number[] | undefined] {
  const count = columns[0]?.length ?? 0
  if (inOrder(columns, undefined, count)) return [columns, undefined]
  const order = orderByFirstColumn(columns[0] as readonly number[])
  if (order && inOrder(columns, order, count)) return [columns, order]
  return [columns, fullSort(columns, count)]
}

/** Whether the keys taken in `order` (default: as given) are in SQLite's order. */
function inOrder(columns: ReadonlyArray<readonly number[]>, order: readonly number[] | undefined, count: number): boolean {
  for (let position = 1; position < count; position++) {
    const a = order ? (order[position - 1] as number) : position - 1
    const b = order ? (order[position] as number) : position
    if (compareKeys(columns, a, b) > 0) return false
  }
  return true
}

/** Compare keys `a` and `b` column by column (with `<`, which allocates nothing for large numbers). */
function compareKeys(columns: ReadonlyArray<readonly number[]>, a: number, b: number): number {
  for (let column = 0; column < columns.length; column++) {
    const values = columns[column] as readonly number[]
    const x = values[a] as number
    const y = values[b] as number
    if (x < y) return -1
    if (x > y) return 1
  }
  return 0
}

/** Rows a packed sort key can number: 2^21, with a 32-bit rank above them. */
const packedRows = 2 ** 21

/**
 * Row indexes stably sorted by `values` (an integer each), or `undefined`
 * when there are too many rows to pack a key in a double.
 */
function orderByFirstColumn(values: readonly number[]): number[] | undefined {
  const count = values.length
  if (count >= packedRows) return undefined
  const keys = new Float64Array(count)
  if (values.every((value) => Number.isInteger(value) && value >= 0 && value < 2 ** 32)) {
    // 32-bit values (checksums) are their own rank.
    for (let index = 0; index < count; index++) keys[index] = (values[index] as number) * packedRows + index
  } else {
    // Others (deck ids) by their rank among the distinct values, which are few.
    // Fewer than 2^21 of them (one per row), so a rank fits the key.
    const distinct = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    const rank = new Map(distinct.map((value, index) => [value, index]))
    for (let index = 0; index < count; index++) keys[index] = (rank.get(values[index] as number) as number) * packedRows + index
  }
  keys.sort()
  const order = new Array<number>(count)
  for (let position = 0; position < count; position++) order[position] = (keys[position] as number) % packedRows
  return order
}

function fullSort(columns: ReadonlyArray<readonly number[]>, count: number): number[] {
  const order = new Array<number>(count)
  for (let index = 0; index < count; index++) order[index] = index
  return order.sort((a, b) => compareKeys(columns, a, b))
}

/**
 * An integer for an integer column.
 *
 * @throws {RangeError} For a value that is not a finite number or not a safe
 *   integer once floored (a bug upstream: never write a wrong row).
 */
function int(value: number): number {
  const floored = Math.floor(value)
  if (!Number.isSafeInteger(floored)) throw new RangeError(`not an integer for an INTEGER column: ${value}`)
  return floored
}
