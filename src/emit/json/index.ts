/**
 * The `json` emitter: questions with their fields as Markdown, HTML and text,
 * plus the sources' diagnostics. The format is versioned and described by a
 * JSON Schema shipped as `deckdown/schema.json`.
 *
 * @module
 */
import type {FieldContent, Question, Root} from '../../ast/types.js'
import {toDiagnosticRecord, type DiagnosticRecord} from '../../diagnostics/format.js'
import type {RenderedField, Renderer} from '../../render/index.js'
import {clozeNumbersOf} from '../apkg/cloze.js'
import type {EmitContext, EmitParts, Emitter} from '../types.js'
import {questionMedia, type JsonMedia} from './media.js'
import {textRecords} from '../records.js'

export type {JsonMedia} from './media.js'

/**
 * Version of the JSON format this emitter writes. Still 1 with `choices`,
 * `cloze` and `media`: new fields, none changed meaning.
 */
export const jsonFormatVersion = 1

/** One option of a `choice` question in the JSON output. */
export interface JsonChoice extends RenderedField {
  /** Label as written (`A`, `b`, `1`), or null when the options had none (task lists). */
  label: string | null
  /** Whether this option is a correct answer. */
  correct: boolean
}

/** Cloze facts of a `cloze` question. */
export interface JsonCloze {
  /**
   * Distinct cloze numbers of the prompt, sorted: one Anki card each. Counts
   * `{{cN::…}}` written inside code too, which Anki reads as clozes.
   */
  numbers: number[]
}

/** One question in the JSON output. */
export interface JsonQuestion {
  id: string
  idSource: Question['idSource']
  kind: Question['kind']
  deck: string
  tags: string[]
  prompt: RenderedField
  answer: RenderedField
  example: RenderedField | null
  extra: RenderedField | null
  /** Options of a `choice` question, in written order; null for other kinds. */
  choices: JsonChoice[] | null
  /** Cloze numbers of a `cloze` question; null for other kinds. */
  cloze: JsonCloze | null
  /** Images, sounds and videos the question's fields reference, each `src` once. */
  media: JsonMedia[]
  source: {file: string; line: number; column: number; endLine: number; endColumn: number}
}

/** The whole JSON document. */
export interface JsonDocument {
  format: 'deckdown'
  version: typeof jsonFormatVersion
  questions: JsonQuestion[]
  diagnostics: DiagnosticRecord[]
}

/** The `json` emitter. */
export const jsonEmitter: Emitter = {
  name: 'json',
  extension: '.json',
  description: 'Questions as JSON (fields as Markdown, HTML and text), with diagnostics; see deckdown/schema.json',
  async emit(tree, context) {
    return documentText(await questionTexts(tree, context), context)
  },
  openBundle(_context, _expected, spool) {
    // Each file's questions become their JSON text as the file arrives; the
    // spool keeps the text, and the document is written around it at the end.
    let count = 0
    return {
      async add(tree, context) {
        for (const text of await questionTexts(tree, context)) {
          spool.push(text)
          count += 1
        }
      },
      finish: (context) => (count === 0 ? documentText([], context) : documentParts(textRecords(spool.read()), context))
    }
  }
}

/** A tree's questions as they stand in the document's `questions` array. */
async function questionTexts(tree: Root, context: EmitContext): Promise<string[]> {
  const questions = tree.children.flatMap((section) => section.children)
  const media = await questionMedia(questions, context.render, context.media)
  return questions.map((question, index) => indent(JSON.stringify(toJsonQuestion(question, context.render, media[index] ?? []), null, 2)))
}

/**
 * The document, as `JSON.stringify(document, null, 2)` writes it: the
 * questions' texts go in the array as they were made.
 */
function documentText(questions: readonly string[], context: EmitContext): string {
  const {before, after} = documentFrame(context)
  if (questions.length === 0) return `${before}"questions": []${after}\n`
  return `${before}"questions": [\n${questions.join(',\n')}\n  ]${after}\n`
}

/** The same text as {@link documentText}, in parts, the questions read as they are written. */
async function* documentParts(questions: AsyncIterable<string>, context: EmitContext): EmitParts {
  const {before, after} = documentFrame(context)
  yield `${before}"questions": [\n`
  let separator = ''
  for await (const question of questions) {
    yield separator + question
    separator = ',\n'
  }
  yield `\n  ]${after}\n`
}

/** The document with no questions, as the text before and after its empty `"questions": []`. */
function documentFrame(context: EmitContext): {before: string; after: string} {
  const document: JsonDocument = {
    format: 'deckdown',
    version: jsonFormatVersion,
    questions: [],
    diagnostics: context.messages.map((message) => toDiagnosticRecord(message))
  }
  const text = JSON.stringify(document, null, 2)
  // `format` and `version` come first: the first match is the key.
  const at = text.indexOf('"questions": []')
  return {before: text.slice(0, at), after: text.slice(at + '"questions": []'.length)}
}

/** Indent JSON text to its place in the `questions` array (strings never hold a raw line break). */
function indent(text: string): string {
  return `    ${text.replaceAll('\n', '\n    ')}`
}

function toJsonQuestion(question: Question, render: Renderer, media: JsonMedia[]): JsonQuestion {
  const optional = (field: FieldContent | null) => (field ? render.field(field) : null)
  const {start, end} = question.position
  return {
    id: question.id,
    idSource: question.idSource,
    kind: question.kind,
    deck: question.deck.join('::'),
    tags: question.tags,
    prompt: render.field(question.prompt),
    answer: render.field(question.answer),
    example: optional(question.example),
    extra: optional(question.extra),
    choices: question.choices?.map((choice) => ({label: choice.label, correct: choice.correct, ...render.field(choice.content)})) ?? null,
    cloze: question.kind === 'cloze' ? {numbers: clozeNumbersOf(question.prompt)} : null,
    media,
    source: {file: question.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column}
  }
}
