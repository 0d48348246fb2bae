/**
 * Plain mode: a CSV for spreadsheets. A header row, one row per question,
 * plain text (no HTML), no Anki headers.
 *
 * @module
 */
import type {FieldContent, Question, Root} from '../../ast/types.js'
import type {Renderer} from '../../render/index.js'
import {deckName} from '../apkg/decks.js'
import type {EmitContext} from '../types.js'
import {ankiTags, localMedia, questionsOf, reportWarning, csvRules, sourceOf} from './shared.js'

/** Columns of a plain CSV, in order. */
export const plainColumns = ['id', 'deck', 'kind', 'prompt', 'answer', 'example', 'extra', 'tags', 'source'] as const

/** A plain column name. */
export type PlainColumn = (typeof plainColumns)[number]

/**
 * Every question (of any kind, even one Anki could not take) as a row of
 * {@link plainColumns}: deck as Anki names it (`A::B`, the output's name when
 * a question has none), fields as plain text through `context.render.text`
 * (empty when absent), tags space-separated as Anki stores them, source as
 * `file:line`.
 *
 * Images do not survive plain text: a question whose fields reference local
 * media gets one warning.
 *
 * @returns The header row, then one row per question.
 */
export function plainRows(tree: Root, context: EmitContext): string[][] {
  const rows: string[][] = [[...plainColumns]]
  for (const question of questionsOf(tree)) {
    const media = localMedia({question, trees: fieldTrees(question, context.render)})
    if (media.length > 0) {
      const list = [...new Set(media)].sort().map((src) => `\`${src}\``).join(', ')
      reportWarning(context, question, `This question uses media (${list}) that a plain-text CSV leaves out`, csvRules.mediaNotIncluded)
    }
    const text = (field: FieldContent | null) => (field ? context.render.text(field) : '')
    const row: Record<PlainColumn, string> = {
      id: question.id,
      deck: deckName(question.deck, context.name),
      kind: question.kind,
      prompt: text(question.prompt),
      answer: text(question.answer),
      example: text(question.example),
      extra: text(question.extra),
      tags: ankiTags(question.tags).join(' '),
      source: sourceOf(question)
    }
    rows.push(plainColumns.map((column) => row[column]))
  }
  return rows
}

/** Sanitized hast of each field (for finding media; no highlighting needed). */
function fieldTrees(question: Question, render: Renderer) {
  const trees: Parameters<typeof localMedia>[0]['trees'] = {prompt: render.hast(question.prompt), answer: render.hast(question.answer)}
  if (question.example) trees.example = render.hast(question.example)
  if (question.extra) trees.extra = render.hast(question.extra)
  return trees
}
