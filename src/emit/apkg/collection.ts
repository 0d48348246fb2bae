/**
 * The package's collection database: a schema-11 `collection.anki2` built
 * with sql.js (SQLite compiled to WebAssembly, no native build).
 *
 * Schema 11 because it is what every importer still opens: modern Anki
 * accepts `ver` 11 and 14–18, Anki 2.1.16 at most 11 (anki-compat.md §2).
 *
 * @module
 */
import {createRequire} from 'node:module'
import initSqlJs from 'sql.js'
import type {Database, SqlJsStatic, Statement} from 'sql.js'

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
  /** Field values, in note-type order (joined with U+001F here). */
  fields: readonly string[]
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

let engine: Promise<SqlJsStatic> | undefined

/**
 * The sql.js engine, loaded once per process and shared (compiling the
 * WebAssembly module is the slow part). The `.wasm` file is the one shipped
 * in the sql.js package, found through Node's resolver so it works from
 * `src/`, from `dist/` and from a dependent's `node_modules`.
 */
export function loadSqlJs(): Promise<SqlJsStatic> {
  engine ??= initSqlJs({
    locateFile: () => createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')
  }).catch((error: unknown) => {
    // Let a later build try again rather than caching the failure.
    engine = undefined
    throw error
  })
  return engine
}

/**
 * A collection filled a few rows at a time: notes and cards go into the
 * database as they come, so a large deck never holds all its rows in
 * JavaScript at once; the `col` row, which says what the rows use (note
 * types, decks), comes last.
 */
export interface CollectionWriter {
  /** Insert notes (ids increasing across calls keep the file compact). */
  addNotes(notes: Iterable<NoteRow>): void
  /** Insert cards. */
  addCards(cards: Iterable<CardRow>): void
  /** Write the `col` row and return the file's bytes. Call once. */
  finish(col: CollectionRow): Uint8Array
  /** Free the database (always call it, also after `finish`). */
  close(): void
}

/**
 * Open an empty schema-11 `collection.anki2` in memory.
 *
 * Every integer column receives an integer: sql.js binds JS numbers that are
 * not 32-bit ints as doubles, and a fractional double is stored as REAL,
 * which modern Anki cannot read (§2 "sql.js pitfall"), so all numbers pass
 * through {@link int}.
 */
export async function openCollection(): Promise<CollectionWriter> {
  const SQL = await loadSqlJs()
  const db = new SQL.Database()
  let notes: Statement | undefined
  let cards: Statement | undefined
  let closed = false
  try {
    // The database lives in memory and is exported whole: no rollback
    // journal to keep. Notes and cards arrive in id order, so their pages
    // fill once and are written once; a 16 MiB page cache holds the pages
    // that do change again (the indexes) for decks of 100,000 notes,
    // without growing the WebAssembly memory, which never shrinks, by more.
    // Neither setting changes the file's bytes.
    db.exec('PRAGMA journal_mode = OFF; PRAGMA cache_size = -16384')
    db.exec(schema11Sql)
    db.exec('BEGIN')
    notes = db.prepare('INSERT INTO notes VALUES (?,?,?,?,?,?,CAST(? AS TEXT),?,?,?,?)')
    cards = db.prepare('INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)')
  } catch (error) {
    db.close()
    throw error
  }
  const noteStatement = notes
  const cardStatement = cards
  const free = () => {
    noteStatement.free()
    cardStatement.free()
  }
  return {
    addNotes: (rows) => insertNotes(noteStatement, rows),
    addCards: (rows) => insertCards(cardStatement, rows),
    finish(col) {
      free()
      insertCol(db, col)
      db.exec('COMMIT')
      return db.export()
    },
    close() {
      if (closed) return
      closed = true
      try {
        free()
      } catch {
        // Already freed by `finish`.
      }
      db.close()
    }
  }
}

function insertCol(db: Database, col: CollectionRow): void {
  db.run('INSERT INTO col VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)', [
    1,
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
}

const encoder = new TextEncoder()

function insertNotes(statement: Statement, notes: Iterable<NoteRow>): void {
  // `flds` is bound as UTF-8 bytes and cast back to TEXT: the same stored
  // value as binding the string, but sql.js copies bytes into WebAssembly
  // memory at once where it converts a string character by character (most
  // of the time of writing a large deck).
  for (const note of notes) {
    const flds = note.fields.join(fieldSeparator)
    // usn -1: "not synced", rewritten on import; flags 0; data "" (§4).
    statement.run([
      int(note.id),
      note.guid,
      int(note.mid),
      int(note.mod),
      -1,
      note.tags,
      // sql.js binds an empty byte array as NULL.
      flds === '' ? '' : encoder.encode(flds),
      note.sfld,
      int(note.csum),
      0,
      ''
    ])
  }
}

function insertCards(statement: Statement, cards: Iterable<CardRow>): void {
  for (const card of cards) {
    // A new card: type 0, queue 0, due = position, everything else 0 and
    // data "" (§5 "New cards").
    statement.run([
      int(card.id),
      int(card.nid),
      int(card.did),
      int(card.ord),
      int(card.mod),
      -1, // usn
      0, // type: new
      0, // queue: new
      int(card.due),
      0, // ivl
      0, // factor
      0, // reps
      0, // lapses
      0, // left
      0, // odue
      0, // odid
      0, // flags
      ''
    ])
  }
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
