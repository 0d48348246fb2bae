/**
 * Note data computed ahead of the emitters, per question: field HTML, GUID,
 * checksum and, in builds that keep a note history, the content hash.
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
import {deckName} from '../emit/apkg/decks.js'
import {fieldChecksum, fieldHtmlFromTree, mediaReferences, preparedFieldValues, prepareFields, tagsField} from '../emit/apkg/fields.js'
import {guidFor} from '../emit/apkg/ids.js'
import {noteTypeFor, type FieldSource} from '../emit/apkg/note-types.js'
import type {Renderer} from '../render/index.js'

/** Field HTML by field source (`source` excepted: it is the question's place). */
export type PreparedFieldHtml = Partial<Record<Exclude<FieldSource, 'source'>, string>>

/** What a question's note is made of, as far as the question alone decides. */
export interface PreparedNote {
  /** Final field HTML. */
  html: PreparedFieldHtml
  /** `guidFor(question.id)`: the note's GUID unless another note of its output has it. */
  guid: string
  /** The note's `csum` (see `fieldChecksum`). */
  csum: number
  /**
   * The note history's content hash (`noteContentHash`), when the job was
   * told the deck of questions without one (builds that keep a history).
   */
  contentHash?: string
}

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
  // The note's fields as `planNotes` fills them from `html`: the checksum
  // and the history's hash are of these, as the apkg writer computes them.
  const noteType = noteTypeFor(question.kind)
  const fields = preparedFieldValues(noteType, question, html)
  const note: PreparedNote = {html, guid: guidFor(question.id), csum: fieldChecksum(fields[0] ?? '')}
  if (historyDeck !== undefined) {
    note.contentHash = noteContentHash({noteTypeId: noteType.id, deck: deckName(question.deck, historyDeck), tags: tagsField(question.tags), fields})
  }
  return note
}

/** Remember the prepared note data of a question (main thread). */
export function rememberPreparedNote(question: Question, note: PreparedNote): void {
  prepared.set(question, note)
}

/** The prepared note data of a question, if a job prepared it. */
export function preparedNote(question: Question): PreparedNote | undefined {
  return prepared.get(question)
}
