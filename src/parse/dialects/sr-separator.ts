/**
 * The inline card separator of Obsidian spaced-repetition notes: `::` (basic)
 * and `:::` (reversed) on one line, `front::back`.
 *
 * Plenty of `::` in notes are not separators, and the plugin itself would
 * split on them. A careful reader would not:
 *
 * - CSS pseudo-elements: `a::before`, `::placeholder`, `li::marker`;
 * - C++ and Rust paths: `std::vector`, `Vec::new()`, `a::b::c`, `HashMap::new`;
 * - Dataview fields: `up:: [[Index]]`, `[status:: done]`;
 * - anything inside `{{…}}` (an Anki-like cloze `{{1::text::hint}}`).
 *
 * Code spans never reach this module: callers mask every non-text node.
 *
 * @module
 */

/** Where the separator of a line is. */
export interface Separator {
  /** Index of the first colon in the searched text. */
  index: number
  /** 2 for `::`, 3 for `:::`. */
  length: 2 | 3
}

// CSS pseudo-elements (and vendor-prefixed ones) that follow `::`.
const pseudoElement =
  /^(?:-(?:webkit|moz|ms|o)-[a-z][a-z-]*|before|after|first-line|first-letter|marker|placeholder|selection|backdrop|cue(?:-region)?|file-selector-button|grammar-error|spelling-error|target-text|highlight|part|slotted|view-transition(?:-[a-z]+)*|details-content|picker(?:-icon)?|checkmark|scroll-marker(?:-group)?|scroll-button|column|search-text)(?![\p{L}\p{N}_-])/iu

// Namespaces that only ever start a code path.
const namespaces = new Set(['std', 'core', 'alloc', 'crate', 'self', 'super', 'Self', 'boost', 'absl'])

const identifierEnd = /[\p{L}\p{N}_]+$/u
const identifierStart = /^[\p{L}\p{N}_]+/u

/**
 * Find the separator of one line of text, if it has one.
 *
 * @param text The line with every non-text node masked (one placeholder
 *   character each).
 * @returns The first `::`/`:::` that separates a non-empty front from the
 *   rest, or `undefined`.
 *
 * @example
 * findSeparator('A group of cats is called a::clowder') // {index: 26, length: 2}
 * findSeparator('Use std::vector') // undefined
 */
export function findSeparator(text: string): Separator | undefined {
  const braces = [...text.matchAll(/\{\{[\s\S]*?\}\}/g)].map((match) => [match.index, match.index + match[0].length] as const)
  for (const match of text.matchAll(/:{2,}/g)) {
    const length = match[0].length
    if (length > 3) continue
    const index = match.index
    if (braces.some(([from, to]) => index > from && index < to)) continue
    const before = text.slice(0, index)
    const after = text.slice(index + length)
    if (before.trim() === '') continue
    if (length === 2 && (isPseudoElement(before, after) || isCodePath(before, after))) continue
    if (isDataviewField(before, after)) continue
    return {index, length: length as 2 | 3}
  }
  return undefined
}

/** `a::before`, ` ::placeholder` — but `Which pseudo-element?::before` asks. */
function isPseudoElement(before: string, after: string): boolean {
  if (/[?？]\s*$/.test(before)) return false
  return pseudoElement.test(after)
}

/** `std::vector`, `Vec::<T>`, `Vec::new()`, `a::b::c`, `HashMap::new`, `my_mod::item`. */
function isCodePath(before: string, after: string): boolean {
  const left = identifierEnd.exec(before)?.[0]
  if (left && after.startsWith('<')) return true
  const right = identifierStart.exec(after)?.[0]
  if (!left || !right) return false
  if (before.slice(0, -left.length).endsWith('::') || after.slice(right.length).startsWith('::')) return true
  if (namespaces.has(left)) return true
  if (/^[(<!]/.test(after.slice(right.length))) return true
  return looksLikeCode(left) || looksLikeCode(right)
}

/** An identifier no prose word looks like: `HashMap`, `snake_case`. */
function looksLikeCode(identifier: string): boolean {
  return /\p{Ll}\p{Lu}/u.test(identifier) || /\p{L}_|_\p{L}/u.test(identifier)
}

/**
 * A Dataview field: one lower-case word, `::`, a space (`status:: done`),
 * alone on its line or in brackets (`[rating:: 5]`). Metadata, not a card.
 */
function isDataviewField(before: string, after: string): boolean {
  if (!/^\s/.test(after)) return false
  return /^\s*[a-z][a-z0-9_-]*$/.test(before) || /[[(][\p{L}\p{N}_-]+$/u.test(before)
}
