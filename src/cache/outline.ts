/**
 * How a cache entry holds a lean question: as one small array instead of
 * a question object.
 *
 * In a lean build (apkg only, see `FileJob.lean`) a question whose note was
 * prepared keeps only its outline: id, kind, deck, tags and place, its field
 * trees emptied. Stored as the structured clone of the object, each of the
 * 10,000 outlines of a 10k-question build was 17 values to decode (the
 * question, its empty field roots, its position and points, and a string for
 * every `type`, `kind`, `idSource` and file name), and decoding cache
 * entries was the largest step of a rebuild after one edit. A packed
 * outline holds only what varies; `unpackOutline` makes the same question
 * again, with the section's deck and the file's path and source name.
 *
 * Any question that is not exactly such an outline (a question with media
 * keeps its fields; one with choices, its options) is stored as it is.
 *
 * @module
 */
import {questionKinds, type IdSource, type Question, type Root, type Section} from '../ast/types.js'

/**
 * `[id, idSource, kind, tags, hasSourceName, start line, column, offset, end
 * line, column, offset]`, `idSource` and `kind` as indexes into
 * {@link idSources} and `questionKinds`.
 */
type PackedQuestion = [string, number, number, string[], boolean, number, number, number, number, number, number]

const idSources: readonly IdSource[] = ['explicit', 'derived']

/** The keys a question may have (`unpack` makes them in the parser's order). */
const questionKeys = new Set(['type', 'id', 'idSource', 'kind', 'deck', 'tags', 'prompt', 'answer', 'example', 'extra', 'choices', 'file', 'sourceName', 'position'])

/**
 * The tree with each lean outline packed (a new tree: sections and their
 * children are copied, questions are not changed), and the file's source
 * name, which packed outlines share.
 */
export function packOutline(tree: Root, path: string): {tree: Root; sourceName: string | undefined} {
  const sourceName = tree.children.flatMap((section) => section.children).find((question) => question.sourceName !== undefined)?.sourceName
  const children = tree.children.map((section) => ({
    ...section,
    children: section.children.map((question) => pack(question, section, path, sourceName) ?? question) as Section['children']
  }))
  return {tree: {...tree, children}, sourceName}
}

/**
 * Unpack the outlines of a tree read from the cache (in place: the tree is
 * fresh from the entry). Returns false when a packed outline is malformed,
 * so the entry is not used.
 */
export function unpackOutline(tree: Root, path: string, sourceName: unknown): boolean {
  if (sourceName !== undefined && typeof sourceName !== 'string') return false
  for (const section of tree.children) {
    if (typeof section !== 'object' || section === null || !Array.isArray(section.children) || !Array.isArray(section.deck)) return false
    const children = section.children as Array<Question | PackedQuestion>
    for (let index = 0; index < children.length; index++) {
      const item = children[index]
      if (!Array.isArray(item)) continue
      const question = unpack(item, section, path, sourceName)
      if (!question) return false
      children[index] = question
    }
  }
  return true
}

function pack(question: Question, section: Section, path: string, sourceName: string | undefined): PackedQuestion | undefined {
  const keys = Object.keys(question)
  if (keys.some((key) => !questionKeys.has(key))) return undefined
  const {position} = question
  const idSource = idSources.indexOf(question.idSource)
  const kind = questionKinds.indexOf(question.kind)
  if (
    question.type !== 'question' ||
    idSource < 0 ||
    kind < 0 ||
    !sameDeck(question.deck, section.deck) ||
    !isStringArray(question.tags) ||
    !isEmptyRoot(question.prompt) ||
    !isEmptyRoot(question.answer) ||
    question.example !== null ||
    question.extra !== null ||
    question.choices !== null ||
    question.file !== path ||
    (question.sourceName !== undefined && question.sourceName !== sourceName) ||
    !isPosition(position)
  ) {
    return undefined
  }
  const {start, end} = position
  return [question.id, idSource, kind, question.tags, question.sourceName !== undefined, start.line, start.column, start.offset, end.line, end.column, end.offset] as PackedQuestion
}

function unpack(packed: readonly unknown[], section: Section, path: string, sourceName: string | undefined): Question | undefined {
  // Read by index, checked without closures: this runs for every question
  // of every cached file of a rebuild.
  if (packed.length !== 11) return undefined
  const id = packed[0]
  const idSource = idSources[packed[1] as number]
  const kind = questionKinds[packed[2] as number]
  const tags = packed[3]
  const hasSourceName = packed[4]
  if (
    typeof id !== 'string' ||
    typeof idSource !== 'string' ||
    typeof kind !== 'string' ||
    !isStringArray(tags) ||
    typeof hasSourceName !== 'boolean' ||
    (hasSourceName && sourceName === undefined)
  ) {
    return undefined
  }
  for (let index = 5; index < 11; index++) if (!Number.isSafeInteger(packed[index])) return undefined
  const place = packed as readonly number[]
  const position = {start: {line: place[5] as number, column: place[6] as number, offset: place[7]}, end: {line: place[8] as number, column: place[9] as number, offset: place[10]}}
  // Two literals, so each question has its keys in the parser's order
  // (`sourceName` before `position`) from the start.
  return hasSourceName
    ? {type: 'question', id, idSource, kind, deck: section.deck, tags, prompt: emptyRoot(), answer: emptyRoot(), example: null, extra: null, choices: null, file: path, sourceName: sourceName as string, position}
    : {type: 'question', id, idSource, kind, deck: section.deck, tags, prompt: emptyRoot(), answer: emptyRoot(), example: null, extra: null, choices: null, file: path, position}
}

function emptyRoot(): Question['prompt'] {
  return {type: 'root', children: []}
}

function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false
  for (const item of value) if (typeof item !== 'string') return false
  return true
}

/** Equal decks (the parser gives a section and its questions the same array). */
function sameDeck(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((segment, index) => segment === b[index]))
}

function isEmptyRoot(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const root = value as {type?: unknown; children?: unknown}
  return root.type === 'root' && Array.isArray(root.children) && root.children.length === 0 && Object.keys(root).length === 2
}

function isPosition(value: unknown): value is {start: {line: number; column: number; offset: number}; end: {line: number; column: number; offset: number}} {
  if (typeof value !== 'object' || value === null || Object.keys(value).length !== 2) return false
  const {start, end} = value as {start?: unknown; end?: unknown}
  return isPoint(start) && isPoint(end)
}

function isPoint(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Object.keys(value).length !== 3) return false
  const {line, column, offset} = value as {line?: unknown; column?: unknown; offset?: unknown}
  return Number.isSafeInteger(line) && Number.isSafeInteger(column) && Number.isSafeInteger(offset)
}
