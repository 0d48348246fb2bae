/**
 * Question identity: explicit ids, derived ids and de-duplication.
 *
 * The id is what Anki's note GUID and every "update in place" feature hang on,
 * so it must survive the edits people make: fixing the answer, adding an
 * example, reordering questions, fixing a typo in punctuation. It therefore
 * depends on the deck path and the *normalized* prompt text only.
 *
 * @module
 */
import {digest} from '../digest.js'

/** Characters allowed in an explicit id. */
const explicitIdPattern = /^[\p{L}\p{N}][\p{L}\p{N}._:/-]*$/u

/** Whether an explicit id is usable. */
export function isValidExplicitId(id: string): boolean {
  return id.length <= 200 && explicitIdPattern.test(id)
}

/**
 * Normalize prompt text for identity: compatibility-normalized, lower case,
 * accents kept, punctuation and spacing differences ignored (`Qu’est-ce ?`
 * and `Qu'est-ce?` are the same question).
 *
 * @example
 * normalizePrompt('  What is   the GIL? ') // 'what is the gil'
 */
export function normalizePrompt(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * Derive a question id from its deck path and prompt text.
 *
 * The result is a readable slug of the prompt's first words plus 10 hex digits
 * of SHA-256 over the deck path and the normalized prompt, so two questions
 * collide only when both the slug and 40 bits of hash agree.
 *
 * @param deck Deck path segments (the frontmatter deck and level headings).
 * @param promptText Plain text of the prompt.
 *
 * @example
 * deriveId(['Python'], 'What is the GIL?') // 'what-is-the-gil-…'
 */
export function deriveId(deck: readonly string[], promptText: string): string {
  // A leading number (`3. What is…`, `Q12 …`) is list position, not identity:
  // renumbering after a reorder must not change ids.
  const normalized = normalizePrompt(promptText).replace(/^(?:q(?:uestion)?\s*)?\d+\s+/, '')
  const hash = digest('sha256', `${deck.map((segment) => segment.normalize('NFC')).join('::')}\u001F${normalized}`, 'hex').slice(0, 10)
  const slug = slugify(normalized)
  return slug ? `${slug}-${hash}` : `q-${hash}`
}

/**
 * A short ASCII slug: accents folded, at most 40 characters, cut at a word.
 */
export function slugify(text: string, maxLength = 40): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  let slug = ''
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word
    if (next.length > maxLength) {
      if (!slug) slug = word.slice(0, maxLength)
      break
    }
    slug = next
  }
  return slug
}

/** Per set of taken ids, the next suffix to try for each id. */
const nextSuffixes = new WeakMap<Set<string>, Map<string, number>>()

/**
 * Make ids unique, in order: the first holder of an id keeps it, later ones
 * get `-2`, `-3` … (skipping ids already taken). Deterministic for a given
 * order of inputs.
 *
 * @param ids Ids in document order.
 * @param taken Ids already used (by earlier files); updated in place.
 * @returns For each input, the unique id and whether it was changed.
 */
export function uniqueIds(
  ids: readonly string[],
  taken: Set<string> = new Set()
): Array<{id: string; duplicateOf: string | undefined}> {
  // Where the suffix search for each id resumes: without it, the nth copy of
  // one id tries n - 1 taken suffixes first, and 10,000 copies take minutes.
  let next = nextSuffixes.get(taken)
  if (!next) {
    next = new Map()
    nextSuffixes.set(taken, next)
  }
  const resume = next
  return ids.map((id) => {
    if (!taken.has(id)) {
      taken.add(id)
      return {id, duplicateOf: undefined}
    }
    let n = resume.get(id) ?? 2
    while (taken.has(`${id}-${n}`)) n++
    resume.set(id, n + 1)
    const unique = `${id}-${n}`
    taken.add(unique)
    return {id: unique, duplicateOf: id}
  })
}
