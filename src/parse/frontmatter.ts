/**
 * YAML frontmatter: per-file settings (`deck`, `tags`, `title`, `lang`).
 *
 * A broken or mistyped field is reported and ignored; the file still builds
 * with what could be read.
 *
 * @module
 */
import type {Yaml} from 'mdast'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {parseDocument} from 'yaml'
import {report} from '../diagnostics/report.js'
import {dialects} from './dialects/index.js'

/** Dialect names frontmatter may ask for (kept here to avoid an import cycle with the registry). */
const dialectNames = Object.keys(dialects)

/** What deckdown reads from frontmatter. */
export interface Frontmatter {
  /** Deck path prefix for every question of the file. */
  deck: string[]
  /** Tags added to every question of the file. */
  tags: string[]
  title?: string
  lang?: string
  /** Dialect to read the file with (`heading`, `qa`, `sr`). */
  dialect?: string
  /** Make basic questions reversed (also `kind: reversed`). */
  reversed: boolean
  /** `highlight`: read `==text==` as clozes too. */
  cloze?: 'highlight' | 'anki'
}

/**
 * Read frontmatter from a `yaml` node.
 *
 * @param node The mdast `yaml` node (or undefined when the file has none).
 * @param file File to report problems on.
 */
export function readFrontmatter(node: Yaml | undefined, file: VFile): Frontmatter {
  const result: Frontmatter = {deck: [], tags: [], reversed: false}
  if (!node || !node.position) return result
  // The YAML text starts on the line after the opening `---`.
  const origin: Point = {line: node.position.start.line + 1, column: 1}
  // yaml's own unique-key check compares every key with every other one
  // (minutes for a frontmatter of 100,000 keys); duplicates are found below
  // with a set instead.
  const document = parseDocument(node.value, {prettyErrors: false, uniqueKeys: false})
  const firstError = document.errors[0]
  if (firstError) {
    const [offset] = firstError.pos
    report(file, 'invalid-frontmatter', `Frontmatter is not valid YAML: ${firstError.message.split('\n')[0]}`, pointAt(node.value, offset, origin))
    return result
  }
  // Key offsets and line starts are indexed once, so a frontmatter of
  // thousands of keys is not read thousands of times.
  const keyOffsets = new Map<string, number>()
  const items = document.contents && 'items' in document.contents ? (document.contents.items as Array<{key?: {range?: [number, number, number]; value?: unknown}}>) : []
  for (const item of items) {
    const name = item.key ? String(item.key.value) : undefined
    if (name === undefined) continue
    if (keyOffsets.has(name)) {
      report(file, 'invalid-frontmatter', 'Frontmatter is not valid YAML: Map keys must be unique', pointAt(node.value, item.key?.range?.[0] ?? 0, origin))
      return result
    }
    keyOffsets.set(name, item.key?.range?.[0] ?? 0)
  }
  let data: unknown
  try {
    // The yaml package refuses documents whose aliases expand exponentially
    // (a "billion laughs" bomb) by throwing: that is bad input, not a crash.
    data = document.toJS({maxAliasCount: 100})
  } catch (error) {
    report(file, 'invalid-frontmatter', `Frontmatter cannot be read: ${error instanceof Error ? error.message : String(error)}`, origin)
    return result
  }
  if (data === null || data === undefined) return result
  if (typeof data !== 'object' || Array.isArray(data)) {
    report(file, 'invalid-frontmatter', 'Frontmatter must be a mapping of keys to values', node)
    return result
  }
  const record = data as Record<string, unknown>
  const lineStarts = [0]
  for (let index = node.value.indexOf('\n'); index !== -1; index = node.value.indexOf('\n', index + 1)) lineStarts.push(index + 1)
  const placeOf = (key: string): Point => {
    const offset = keyOffsets.get(key) ?? 0
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((lineStarts[middle] ?? 0) <= offset) low = middle
      else high = middle - 1
    }
    return {line: origin.line + low, column: offset - (lineStarts[low] ?? 0) + 1}
  }

  for (const key of Object.keys(record)) {
    const value = record[key]
    switch (key) {
      case 'deck': {
        const deck = toDeckPath(value)
        if (deck) result.deck = deck
        else report(file, 'invalid-frontmatter', '`deck` must be a string (`A::B`) or a list of strings', placeOf(key))
        break
      }
      case 'tags': {
        const tags = toTags(value)
        if (tags) result.tags = tags
        else report(file, 'invalid-frontmatter', '`tags` must be a string or a list of strings', placeOf(key))
        break
      }
      case 'title':
      case 'lang': {
        if (typeof value === 'string' && value.trim()) result[key] = value.trim()
        else report(file, 'invalid-frontmatter', `\`${key}\` must be a non-empty string`, placeOf(key))
        break
      }
      case 'dialect': {
        if (typeof value === 'string' && dialectNames.includes(value)) result.dialect = value
        else report(file, 'invalid-frontmatter', `\`dialect\` must be one of ${dialectNames.map((name) => `\`${name}\``).join(', ')}`, placeOf(key))
        break
      }
      case 'reversed': {
        if (typeof value === 'boolean') result.reversed = result.reversed || value
        else report(file, 'invalid-frontmatter', '`reversed` must be true or false', placeOf(key))
        break
      }
      case 'kind': {
        if (value === 'reversed') result.reversed = true
        else if (value !== 'basic') report(file, 'invalid-frontmatter', '`kind` must be `basic` or `reversed` (cloze and choice questions are recognized from their syntax)', placeOf(key))
        break
      }
      case 'cloze': {
        if (value === 'highlight' || value === 'anki') result.cloze = value
        else report(file, 'invalid-frontmatter', '`cloze` must be `highlight` (also read ==text== as clozes) or `anki`', placeOf(key))
        break
      }
      default:
        report(file, 'unknown-frontmatter-key', `Frontmatter key \`${key}\` is not used by deckdown`, placeOf(key))
    }
  }
  return result
}

/**
 * `"A::B"` or `["A", "B"]` → `['A', 'B']`; anything else → undefined.
 */
export function toDeckPath(value: unknown): string[] | undefined {
  const parts =
    typeof value === 'string'
      ? value.split('::')
      : Array.isArray(value) && value.every((part) => typeof part === 'string' || typeof part === 'number')
        ? value.flatMap((part) => String(part).split('::'))
        : undefined
  return parts?.map((part) => part.replace(/\s+/g, ' ').trim()).filter(Boolean)
}

/**
 * `"a b, c"` or `["a", "b c"]` → Anki tags: no `#`, spaces inside a tag
 * become `_` (Anki separates tags with spaces).
 */
export function toTags(value: unknown): string[] | undefined {
  const raw =
    typeof value === 'string'
      ? value.split(/[\s,]+/)
      : Array.isArray(value) && value.every((tag) => typeof tag === 'string' || typeof tag === 'number')
        ? value.map(String)
        : undefined
  return raw?.map(normalizeTag).filter(Boolean)
}

/** Normalize one tag for Anki. */
export function normalizeTag(tag: string): string {
  return tag.trim().replace(/^#+/, '').replace(/\s+/g, '_')
}

function pointAt(text: string, offset: number, origin: Point): Point {
  let line = origin.line
  let column = origin.column
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++
      column = 1
    } else column++
  }
  return {line, column}
}
