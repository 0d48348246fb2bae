/**
 * Note field HTML computed ahead of the emitters, per question.
 *
 * Rendering and highlighting a question's fields is most of an apkg build
 * after parsing. It depends only on the question, so the per-file job
 * (job.ts) does it where the file is parsed — on a worker thread, or read
 * back from the cache — and the main thread remembers the result here,
 * keyed by the question object. `planNotes` uses it instead of rendering
 * again. Questions whose fields reference media are not prepared: their
 * media are loaded and renamed by the build, on the main thread.
 *
 * @module
 */
import type {Question} from '../ast/types.js'
import {fieldHtmlFromTree, mediaReferences, prepareFields} from '../emit/apkg/fields.js'
import type {FieldSource} from '../emit/apkg/note-types.js'
import type {Renderer} from '../render/index.js'

/** Field HTML by field source (`source` excepted: it is the question's place). */
export type PreparedFieldHtml = Partial<Record<Exclude<FieldSource, 'source'>, string>>

const prepared = new WeakMap<Question, PreparedFieldHtml>()

/**
 * The final note field HTML of a question, or `null` when its fields
 * reference media (those are finished by the build that loads the media).
 */
export function prepareFieldHtml(question: Question, render: Renderer): PreparedFieldHtml | null {
  const entry = prepareFields(question, render)
  if (mediaReferences(entry).length > 0) return null
  const html: PreparedFieldHtml = {}
  for (const [source, tree] of Object.entries(entry.trees) as Array<[keyof PreparedFieldHtml, (typeof entry.trees)[keyof PreparedFieldHtml]]>) {
    html[source] = fieldHtmlFromTree(tree)
  }
  return html
}

/** Remember the prepared field HTML of a question (main thread). */
export function rememberFieldHtml(question: Question, html: PreparedFieldHtml): void {
  prepared.set(question, html)
}

/** The prepared field HTML of a question, if a job prepared it. */
export function preparedFieldHtml(question: Question): PreparedFieldHtml | undefined {
  return prepared.get(question)
}
