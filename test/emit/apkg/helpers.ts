/**
 * Build packages through the real `compile` and read them back the way an
 * importer would: unzip (fflate), open `collection.anki2` (sql.js), parse the
 * JSON columns. Nothing is mocked.
 */
import {unzipSync} from 'fflate'
import initSqlJs from 'sql.js'
import type {Database, SqlValue} from 'sql.js'
import {compile, type CompileInput, type CompileResult} from '../../../src/compile.js'
import {apkgEmitter} from '../../../src/emit/apkg/index.js'

export const seedPath = 'fixtures/000_7f03c07bfde96dd4.txt'
export const seedUrl = new URL('../../../fixtures/000_7f03c07bfde96dd4.txt', import.meta.url)

/** Compile inputs to apkg with a fixed clock; returns the first output's bytes too. */
export async function build(
  inputs: CompileInput[],
  now: Date,
  extra?: {bundle?: string}
): Promise<{bytes: Uint8Array; result: CompileResult}> {
  const result = await compile(inputs, {formats: ['apkg'], emitters: [apkgEmitter], now, bundle: extra?.bundle ?? null})
  const output = result.outputs[0]
  if (!output) {
    const messages = result.files.flatMap((file) => file.messages.map(String))
    throw new Error(`no apkg output; messages: ${messages.join('\n')}`)
  }
  if (!(output.contents instanceof Uint8Array)) throw new Error('apkg output is not bytes')
  return {bytes: output.contents, result}
}

/** A package read back. */
export interface OpenedPackage {
  /** Zip member names, in archive order. */
  members: string[]
  files: Record<string, Uint8Array>
  media: unknown
  db: Database
  /** Rows of a query as objects. */
  rows(sql: string): Array<Record<string, SqlValue>>
  col: {
    conf: Record<string, unknown>
    models: Record<string, Record<string, unknown>>
    decks: Record<string, Record<string, unknown>>
    dconf: Record<string, Record<string, unknown>>
    tags: unknown
  }
  close(): void
}

let sql: ReturnType<typeof initSqlJs> | undefined

export async function openPackage(bytes: Uint8Array): Promise<OpenedPackage> {
  // Archive order comes from fflate's filter, which sees entries in
  // central-directory order (object keys would put "0", "1" first).
  const members: string[] = []
  const files = unzipSync(bytes, {
    filter(file) {
      members.push(file.name)
      return true
    }
  })
  const collection = files['collection.anki2']
  if (!collection) throw new Error('no collection.anki2')
  const media: unknown = JSON.parse(new TextDecoder().decode(files['media'] ?? new Uint8Array()))
  sql ??= initSqlJs()
  const SQL = await sql
  const db = new SQL.Database(collection)
  const rows = (query: string) => {
    const [result] = db.exec(query)
    if (!result) return []
    return result.values.map((values) => Object.fromEntries(result.columns.map((column, index) => [column, values[index] ?? null])))
  }
  const [colRow] = rows('SELECT conf, models, decks, dconf, tags FROM col')
  if (!colRow) throw new Error('no col row')
  const json = (value: SqlValue) => JSON.parse(String(value)) as Record<string, Record<string, unknown>>
  return {
    members,
    files,
    media,
    db,
    rows,
    col: {
      conf: json(colRow['conf'] ?? '{}'),
      models: json(colRow['models'] ?? '{}'),
      decks: json(colRow['decks'] ?? '{}'),
      dconf: json(colRow['dconf'] ?? '{}'),
      tags: JSON.parse(String(colRow['tags']))
    },
    close: () => db.close()
  }
}

/** Split `notes.flds`. */
export function fieldsOf(flds: SqlValue): string[] {
  return String(flds).split('\u001F')
}
