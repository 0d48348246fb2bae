/**
 * The `csv` emitter: questions as CSV, for Anki's text import (default) or
 * for spreadsheets (`mode: 'plain'`).
 *
 * A CSV is one text file: it carries no media and cannot create note types,
 * so in Anki mode it is a companion to the `.apkg` (same GUIDs, decks, note
 * type names and field HTML), not a replacement for it. See `anki.ts` for
 * what Anki's importer does with each part of the file.
 *
 * @module
 */
import {stringify} from 'csv-stringify/sync'
import type {Root} from '../../ast/types.js'
import type {EmitContext, EmitParts, Emitter} from '../types.js'
import type {MediaFile} from '../../media/index.js'
import {ankiCsvHead, ankiCsvRow, layoutAnkiCsv, padAnkiCsvRow, planCsvNotes, type AnkiCsvLayout} from './anki.js'
import type {NoteType} from '../apkg/note-types.js'
import {bundleGuids, planNotes} from '../apkg/plan.js'
import {resolveCsvOptions, stringifyOptions, type ResolvedCsvOptions} from './options.js'
import {plainColumns, plainRows} from './plain.js'
import {textRecords} from '../records.js'

/** Line end between records and header lines (see {@link stringifyOptions}). */
const lineEnd = '\r\n'

/**
 * The `csv` emitter.
 *
 * Anki mode (default): Anki's file headers (`#separator:Comma`, `#html:true`,
 * `#guid column:1`, `#notetype column:2`, `#deck column:3`,
 * `#tags column:4`, `#if matches:update current`, `#columns:…`), then one
 * row per note: GUID, note type name, deck, tags, then the note type's
 * fields as HTML. Plain mode (`emitterOptions.csv.mode: 'plain'`): a header
 * row and the columns `id, deck, kind, prompt, answer, example, extra, tags,
 * source` as plain text. UTF-8, RFC 4180 (comma, `"` quoting, CRLF),
 * byte-identical for the same input; no clock.
 *
 * @example
 * import {compile, csvEmitter} from 'deckdown'
 *
 * const {outputs} = await compile(
 *   [{path: 'python.md', value: '## What is the GIL?\n\n**Answer:** A lock.'}],
 *   {formats: ['csv'], emitters: [csvEmitter], emitterOptions: {csv: {mode: 'plain'}}}
 * )
 * outputs[0].contents // 'id,deck,kind,prompt,…\r\nwhat-is-the-gil-…'
 */
export const csvEmitter: Emitter = {
  name: 'csv',
  extension: '.csv',
  description: 'CSV for Anki\'s File › Import (same notes as the .apkg, no media) or, with --csv plain, plain text for spreadsheets',
  emit(tree, context) {
    return toCsv(tree, context)
  },
  openBundle(context, _expected, spool) {
    // Each file becomes its records as it arrives; the spool keeps them as
    // CSV text (in Anki mode one line per note, laid out for its own note
    // type: the padding a wider type asks for is added when written), and
    // the file is written around them at the end.
    const options = resolveCsvOptions(context.options)
    const types: NoteType[] = []
    const widths: number[] = []
    const csvRecord = stringifyOptions({escapeFormulas: false})
    const assets = new Map<string, MediaFile>()
    const state = {guids: bundleGuids(context), numericDecks: new Set<string>()}
    return {
      async add(tree, fileContext) {
        if (options.mode === 'plain') {
          const rows = plainRows(tree, fileContext).slice(1)
          if (rows.length > 0) spool.push(stringify(rows, stringifyOptions({escapeFormulas: options.escapeFormulas})))
          return
        }
        const planned = await planCsvNotes(tree, fileContext, options.copyAssets ? assetsFolderOf(options, fileContext.name) : undefined, state)
        for (const note of planned) {
          if (!types.includes(note.noteType)) types.push(note.noteType)
          // The record as its own note type lays it out; `finish` adds the
          // empty cells a wider type used later asks for.
          const width = note.noteType.fields.length
          spool.push(stringify([padAnkiCsvRow(ankiCsvRow(note), width)], csvRecord))
          widths.push(width)
        }
        if (options.copyAssets) for (const file of (await planNotes(tree, fileContext, state.guids)).media) assets.set(file.name, file)
      },
      finish(finalContext) {
        if (options.mode === 'plain') return plainCsvParts(options, textRecords(spool.read()))
        emitAssets(options, finalContext, assets.values())
        return ankiCsvParts(options, ankiCsvHead(types), textRecords(spool.read()), widths)
      }
    }
  }
}

/** Plain mode in parts: the header row, then each file's records as kept. */
async function* plainCsvParts(options: ResolvedCsvOptions, files: AsyncIterable<string>): EmitParts {
  yield csvText(options, [[...plainColumns]])
  yield* files
}

/**
 * Anki mode in parts: the header lines, then the kept records, each padded
 * to the widest note type. A record is one CSV line whose cells past its own
 * type's fields are empty, so padding is a comma per missing cell before its
 * line end.
 */
async function* ankiCsvParts(options: ResolvedCsvOptions, head: ReturnType<typeof ankiCsvHead>, records: AsyncIterable<string>, widths: readonly number[]): EmitParts {
  yield ankiCsvText(options, {...head, rows: []})
  let index = 0
  for await (const record of records) {
    const missing = head.width - (widths[index++] ?? head.width)
    yield missing > 0 ? `${record.slice(0, -lineEnd.length)}${','.repeat(missing)}${lineEnd}` : record
  }
}

/**
 * Build the CSV text for a tree (what {@link csvEmitter} returns).
 *
 * @param tree Question tree.
 * @param context Emit context: `options` (see `CsvOptions`), `render`,
 *   `media` (Anki mode loads media only to name them as the apkg does),
 *   `report`, `name` (deck of questions without one).
 * @throws {TypeError} For invalid options (reported as `emit-failed`).
 */
export async function toCsv(tree: Root, context: EmitContext): Promise<string> {
  const options = resolveCsvOptions(context.options)
  if (options.mode === 'plain') return csvText(options, plainRows(tree, context))
  const layout = layoutAnkiCsv(await planCsvNotes(tree, context, options.copyAssets ? assetsFolderOf(options, context.name) : undefined))
  if (options.copyAssets) emitAssets(options, context, (await planNotes(tree, context)).media)
  return ankiCsvText(options, layout)
}

/** Plain mode: records as they are. */
function csvText(options: ResolvedCsvOptions, records: string[][]): string {
  return (options.bom ? '\uFEFF' : '') + stringify(records, stringifyOptions({escapeFormulas: options.escapeFormulas}))
}

/** Anki mode: the header lines, then the records. */
function ankiCsvText(options: ResolvedCsvOptions, layout: AnkiCsvLayout): string {
  const csv = stringifyOptions({escapeFormulas: false})
  // `#columns` is read as one CSV record with the file's separator, so it
  // goes through the same writer (labels never need quotes today, but a
  // hand-joined line would break the day one does).
  const columnsLine = `#columns:${stringify([layout.columns], {...csv, eof: false})}`
  const head = [...layout.headers, columnsLine].join(lineEnd) + lineEnd
  return (options.bom ? '\uFEFF' : '') + head + stringify(layout.rows, csv)
}

/** `copy` mode: hand the package's own media files (the names the fields use) to `onAsset`. */
function emitAssets(options: ResolvedCsvOptions, context: EmitContext, files: Iterable<MediaFile>): void {
  if (!options.copyAssets || !options.onAsset) return
  const folder = assetsFolderOf(options, context.name)
  const sources = context.files.map((file) => file.path)
  for (const file of files) options.onAsset({path: `${folder}/${file.name}`, data: file.data, output: context.name, sources})
}

export {layoutAnkiCsv, planCsvNotes, ankiMetaColumns} from './anki.js'
export type {AnkiCsvLayout, CsvNote} from './anki.js'
export {plainColumns, plainRows} from './plain.js'
export type {PlainColumn} from './plain.js'
export {csvModes, resolveCsvOptions} from './options.js'
export type {CsvAsset, CsvMode, CsvOptions, ResolvedCsvOptions} from './options.js'

function assetsFolderOf(options: ResolvedCsvOptions, name: string): string {
  return options.assetsFolder ?? `${name}_files`
}
