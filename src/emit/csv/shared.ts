/**
 * Pieces both CSV modes share: tags, local media references, the rule ids
 * the CSV emitter reports under.
 *
 * @module
 */
import type {Question} from '../../ast/types.js'
import type {RuleId} from '../../diagnostics/rules.js'
import {isRemote} from '../../media/index.js'
import {mediaReferences, type PreparedFields} from '../apkg/fields.js'
import type {EmitContext} from '../types.js'

/** Rule ids the CSV emitter reports under. */
export const csvRules = {
  /** A question's field HTML names local media the CSV cannot carry. */
  mediaNotIncluded: 'csv-media-not-included',
  /** A deck name Anki's CSV import would read as a deck id. */
  numericDeck: 'csv-numeric-deck'
} as const satisfies Record<string, RuleId>

/** Report a CSV problem about a question (the catalogue gives the severity). */
export function reportWarning(context: EmitContext, question: Question, reason: string, ruleId: RuleId): void {
  context.report(question, reason, ruleId)
}

export {ankiTags} from '../apkg/fields.js'

/**
 * Local media a question's fields reference: `src` values that are not remote
 * URLs, not fragments (`#x`) and not empty — what the `.apkg` embeds and a
 * CSV cannot carry.
 */
export function localMedia(prepared: PreparedFields): string[] {
  return mediaReferences(prepared)
    .map((reference) => reference.src)
    .filter((src) => src !== '' && !isRemote(src) && !src.startsWith('#'))
}

/**
 * Whether Anki's CSV import reads a deck (or note type) cell as an id rather
 * than a name: it tries a 64-bit integer parse first (Rust's `i64` parse: an
 * optional sign, then ASCII digits, in range). A deck named `2024` (or `01`,
 * which is deck 1, "Default") would then land elsewhere or be skipped.
 */
export function readsAsAnkiId(name: string): boolean {
  if (!/^[+-]?\d+$/.test(name)) return false
  const value = BigInt(name)
  return value >= -(2n ** 63n) && value < 2n ** 63n
}

/** `file:line` of a question (the apkg's Source field, as text). */
export {sourceOf} from '../source.js'

/** Every question of a tree, in document order. */
export function questionsOf(tree: {children: ReadonlyArray<{children: readonly Question[]}>}): Question[] {
  return tree.children.flatMap((section) => section.children)
}
