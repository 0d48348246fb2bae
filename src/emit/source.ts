/**
 * How outputs point people back at a question's source: `name:line`, with
 * the name the build chose for people (`sourceName`: the path below the
 * folder operand) rather than the path diagnostics use.
 *
 * @module
 */
import type {Question} from '../ast/types.js'

/** `python/basics.md:12` — the Source field of notes and CSV rows, the print footer. */
export function sourceOf(question: Pick<Question, 'file' | 'sourceName' | 'position'>): string {
  return `${question.sourceName ?? question.file}:${question.position.start.line}`
}
