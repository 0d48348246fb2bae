/**
 * Note data computed ahead of the emitters, per question: the note's fields
 * (as the database stores them), GUID, checksum, sort field, card ordinals
 * and, in builds that keep a note history, the content hash.
 *
 * Rendering and highlighting a question's fields is most of an apkg build
 * after parsing, and the GUID and checksum hashes are most of what is left
 * per note. They depend only on the question, so the per-file job (job.ts)
 * computes them where the file is parsed — on a worker thread, or read back
 * from the cache — and the main thread remembers the result here, keyed by
 * the question object. `planNotes` and the apkg writer use it instead of
 * computing again. Questions whose fields reference media are not
 * prepared: their media are loaded and renamed by the build, on the main
 * thread.
 *
 * @module
 */
import type {Question} from '../ast/types.js'
import {noteContentHash} from '../cache/notes.js'
import {fieldSeparator} from '../emit/apkg/collection.js'
import {deckName} from '../emit/apkg/decks.js'
import {fieldChecksum, fieldHtmlFromTree, mediaReferences, preparedFieldValues, prepareFields, stripHtmlPreservingMediaNames, tagsField} from '../emit/apkg/fields.js'
import {guidFor} from '../emit/apkg/ids.js'
import {cardOrdsFor, noteTypeFor, type FieldSource} from '../emit/apkg/note-types.js'
import type {Renderer} from '../render/index.js'

/** Field HTML by field source (`source` excepted: it is the question's place). */
type PreparedFieldHtml = Partial<Record<Exclude<FieldSource, 'source'>, string>>

/** What a question's note is made of, as far as the question alone decides. */
export interface PreparedNote {
  /**
   * The note's fields, in its note type's order, as `notes.flds` holds them:
   * joined with U+001F (which no field contains) and encoded as UTF-8. Bytes
   * cross threads and come out of the cache as one copy, and the database
   * takes them as they are: the main thread never holds the text unless an
   * emitter asks for it (`preparedFields`).
   */
  flds: Uint8Array
  /** `guidFor(question.id)`: the note's GUID unless another note of its output has it. */
  guid: string
  /** The note's `csum` (see `fieldChecksum`). */
  csum: number
  /** `notes.sfld` before SQLite's integer affinity: the sort field without its HTML. */
  sfld: string
  /** The ordinals of the cards the note gets (`cardOrdsFor`). */
  ords: number[]
  /**
   * The note history's content hash (`noteContentHash`), when the job was
   * told the deck of questions without one (builds that keep a history).
   */
  contentHash?: string
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const prepared = new WeakMap<Question, PreparedNote>()

/**
 * The note data of a question, or `null` when its fields reference media
 * (those are finished by the build that loads the media).
 */
export function prepareNote(question: Question, render: Renderer, historyDeck?: string): PreparedNote | null {
  const entry = prepareFields(question, render)
  if (mediaReferences(entry).length > 0) return null
  const html: PreparedFieldHtml = {}
  for (const [source, tree] of Object.entries(entry.trees) as Array<[keyof PreparedFieldHtml, (typeof entry.trees)[keyof PreparedFieldHtml]]>) {
    html[source] = fieldHtmlFromTree(tree)
  }
  // The note's fields as `planNotes` would fill them from this HTML; all
  // that the apkg writer computes from them is computed here.
  const noteType = noteTypeFor(question.kind)
  const fields = preparedFieldValues(noteType, question, html)
  const note: PreparedNote = {
    flds: encoder.encode(fields.join(fieldSeparator)),
    guid: guidFor(question.id),
    csum: fieldChecksum(fields[0] ?? ''),
    sfld: stripHtmlPreservingMediaNames(fields[noteType.sortField] ?? ''),
    ords: cardOrdsFor(noteType, fields)
  }
  if (historyDeck !== undefined) {
    note.contentHash = noteContentHash({noteTypeId: noteType.id, deck: deckName(question.deck, historyDeck), tags: tagsField(question.tags), fields})
  }
  return note
}

/**
 * The prepared notes of a file, their `flds` bytes moved into one buffer:
 * copying the file's result between threads, or into and out of the cache,
 * then copies one buffer instead of one per note.
 */
export function packPreparedNotes(notes: Array<PreparedNote | null>): Array<PreparedNote | null> {
  let length = 0
  for (const note of notes) length += note?.flds.length ?? 0
  const packed = new Uint8Array(length)
  let offset = 0
  return notes.map((note) => {
    if (!note) return note
    packed.set(note.flds, offset)
    const flds = packed.subarray(offset, offset + note.flds.length)
    offset += note.flds.length
    return {...note, flds}
  })
}

/** A prepared note's fields as text, in its note type's order. */
export function preparedFields(note: PreparedNote): string[] {
  return decoder.decode(note.flds).split(fieldSeparator)
}

/** Remember the prepared note data of a question (main thread). */
export function rememberPreparedNote(question: Question, note: PreparedNote): void {
  prepared.set(question, note)
}

/** The prepared note data of a question, if a job prepared it. */
export function preparedNote(question: Question): PreparedNote | undefined {
  return prepared.get(question)
}
