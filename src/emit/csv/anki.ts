/**
 * Anki mode: a CSV for Anki's own text import (File › Import, Anki 2.1.54+)
 * that creates or updates the same notes as the `.apkg` of the same input.
 *
 * Same notes means: the GUID (`guidFor(question.id)`), the note type name,
 * the deck name, the tags and the field HTML byte for byte, produced by the
 * apkg module's own functions. Anki then matches rows to existing notes by
 * GUID, whatever their content, so a rebuilt CSV updates in place.
 *
 * What Anki's importer does with the file (rslib `import_export/text/csv`):
 * `#` lines at the top are headers; `#notetype column`, `#deck column`,
 * `#tags column` and `#guid column` name the meta columns; every other
 * column is a field, mapped **by position** to the row's note type's fields
 * (the `#columns` names are labels only); columns past a note type's last
 * field are ignored; a note type or deck cell that parses as an integer is
 * read as an id.
 *
 * @module
 */
import type {Question, Root} from '../../ast/types.js'
import {basicNoteType, type NoteType} from '../apkg/note-types.js'
import {planNotes} from '../apkg/plan.js'
import type {EmitContext} from '../types.js'
import {ankiTags, csvRules, readsAsAnkiId, reportWarning} from './shared.js'

/** One note of the CSV: what a row says. */
export interface CsvNote {
  question: Question
  noteType: NoteType
  /** Note GUID, as in the `.apkg`. */
  guid: string
  /** Full deck name (`A::B`), as in the `.apkg`. */
  deck: string
  /** Tags as Anki stores them. */
  tags: string[]
  /** Field HTML, in the note type's field order, as in the `.apkg`. */
  fields: string[]
}

/** 1-based positions of the meta columns (what the `#… column:` headers say). */
export const ankiMetaColumns = {guid: 1, notetype: 2, deck: 3, tags: 4} as const

/** A laid-out Anki CSV: header lines (without line ends), then records. */
export interface AnkiCsvLayout {
  /** `#key:value` lines, in order; `#columns` last. */
  headers: string[]
  /** Column labels (what `#columns` lists). */
  columns: string[]
  /** One record per note, every record `columns.length` wide. */
  rows: string[][]
}

/**
 * Questions → the notes the `.apkg` would write (the apkg's own planning), in
 * tree order, with the
 * same media handling, skips and GUID rules as the apkg emitter.
 *
 * - Media are loaded through `context.media` exactly as the apkg does (same
 *   references, so the same flat names), and field HTML points at those
 *   flat names; a reference that did not load becomes its alt text, as in
 *   the apkg. A question whose HTML then names local media gets one warning:
 *   the CSV does not carry the files (`copiedTo`: the folder they are
 *   written to in `copy` mode, which the warning names).
 * - A note without cards (empty front once rendered) is left out, as the
 *   apkg does (`empty-prompt`).
 */
export async function planCsvNotes(tree: Root, context: EmitContext, copiedTo?: string, bundle?: CsvBundleState): Promise<CsvNote[]> {
  const {notes: planned} = await planNotes(tree, context, bundle?.guids)
  const notes: CsvNote[] = planned.map((note) => {
    if (note.media.size > 0) {
      const list = [...note.media].sort().map((name) => `\`${name}\``).join(', ')
      const what = copiedTo === undefined ? 'import the .apkg once, or copy the files' : `they are written to \`${copiedTo}/\` beside it: copy them`
      reportWarning(
        context,
        note.question,
        `This question uses media (${list}) that a CSV cannot carry; ${what} into Anki's collection.media folder before importing the CSV`,
        csvRules.mediaNotIncluded
      )
    }
    return {question: note.question, noteType: note.noteType, guid: note.guid, deck: note.deck, tags: ankiTags(note.question.tags), fields: note.fields}
  })
  warnNumericDecks(notes, context, bundle?.numericDecks)
  return notes
}

/**
 * What the files of one CSV bundle share while it is planned file by file:
 * the GUIDs taken (the same set the apkg bundle uses) and the decks already
 * warned about.
 */
export interface CsvBundleState {
  guids: Set<string>
  numericDecks: Set<string>
}

/**
 * Lay notes out as Anki's importer reads them: the header lines (without
 * `#columns`, which the caller writes through the CSV writer), the column
 * labels, and one record per note.
 *
 * Anki maps the columns after the meta columns to a row's fields **by
 * position**, so each row carries its own note type's fields in that type's
 * order, padded with empty cells to the widest type (Anki ignores cells past a
 * type's last field). A label names every field found at its position,
 * across the note types used, in order of first use (`Front / Text`).
 *
 * @param fallback The note type that labels the columns of a file without notes.
 */
export function layoutAnkiCsv(notes: ReadonlyArray<Omit<CsvNote, 'question'>>, fallback: NoteType = basicNoteType): AnkiCsvLayout {
  const types: NoteType[] = []
  for (const note of notes) if (!types.includes(note.noteType)) types.push(note.noteType)
  const {headers, columns, width} = ankiCsvHead(types, fallback)
  return {headers, columns, rows: notes.map((note) => padAnkiCsvRow(ankiCsvRow(note), width))}
}

/**
 * The header lines and column labels for notes of `types` (in order of first
 * use), and the number of field columns every row is padded to.
 */
export function ankiCsvHead(types: readonly NoteType[], fallback: NoteType = basicNoteType): Omit<AnkiCsvLayout, 'rows'> & {width: number} {
  const used = types.length === 0 ? [fallback] : types
  const width = Math.max(...used.map((type) => type.fields.length))
  const labels = Array.from({length: width}, (_, index) =>
    [...new Set(used.flatMap((type) => type.fields[index]?.name ?? []))].join(' / ')
  )
  const headers = [
    // The separator first: Anki reads the later headers with it.
    '#separator:Comma',
    '#html:true',
    `#guid column:${ankiMetaColumns.guid}`,
    `#notetype column:${ankiMetaColumns.notetype}`,
    `#deck column:${ankiMetaColumns.deck}`,
    `#tags column:${ankiMetaColumns.tags}`,
    // Anki 2.1.58+: make "update the existing note" the dialog's default.
    '#if matches:update current'
  ]
  return {headers, columns: ['guid', 'notetype', 'deck', 'tags', ...labels], width}
}

/** A note's record before padding: the meta columns, then its fields. */
export function ankiCsvRow(note: Omit<CsvNote, 'question'>): string[] {
  return [note.guid, note.noteType.name, note.deck, note.tags.join(' '), ...note.fields]
}

/** A record with exactly `width` field columns (empty cells added, any past `width` left out). */
export function padAnkiCsvRow(row: readonly string[], width: number): string[] {
  const meta = 4
  return [...row.slice(0, meta), ...Array.from({length: width}, (_, index) => row[meta + index] ?? '')]
}

/** One warning per deck whose name Anki's CSV import would read as a deck id. */
function warnNumericDecks(notes: readonly CsvNote[], context: EmitContext, seen = new Set<string>()): void {
  for (const note of notes) {
    if (seen.has(note.deck) || !readsAsAnkiId(note.deck)) continue
    seen.add(note.deck)
    reportWarning(
      context,
      note.question,
      `The deck name \`${note.deck}\` is a whole number: Anki's CSV import reads it as a deck id, so these notes would not go to deck \`${note.deck}\`; give the deck a name with a letter (frontmatter \`deck\`, a level heading, or the file name), or import the .apkg`,
      csvRules.numericDeck
    )
  }
}
