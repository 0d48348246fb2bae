/**
 * Obsidian spaced-repetition notes are line-oriented: a card is a run of
 * lines that ends at a blank line, and `?` alone on a line splits it. mdast is
 * block-oriented (a `?` line is just text inside a paragraph), so this module
 * goes between the two:
 *
 * - {@link sourceLines} flattens a tree into its non-blank lines, in order,
 *   each with the phrasing it holds (paragraphs are cut at their line ends,
 *   list items and blockquotes are entered, code blocks and tables stay whole);
 * - {@link sliceBlocks} cuts the tree's blocks back to a range of lines, so a
 *   card's fields keep their Markdown structure (lists stay lists).
 *
 * Both cut paragraphs the same way (one cache), so a line seen by the card
 * finder is exactly the line that ends up in a field.
 *
 * @module
 */
import type {Break, Paragraph, PhrasingContent, RootContent, Text} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Point} from 'unist'

/** What a line is, as far as cards go. */
export type LineKind =
  /** Text of a paragraph (the only kind that can hold a card separator). */
  | 'text'
  /** `?` alone: front above, back below. */
  | 'separator'
  /** `??` alone: the same, reversed. */
  | 'reversed-separator'
  /** A scheduling comment the plugin wrote (`<!--SR:!2025-07-24,119,291-->`). */
  | 'schedule'
  /** Invisible content (another HTML comment, an empty callout title). */
  | 'hidden'
  /** A heading: ends any card. */
  | 'heading'
  /** A block that cannot be cut (code, table, math, HTML): part of a card's text. */
  | 'block'

/** One non-blank source line (or one uncuttable block). */
export interface SourceLine {
  kind: LineKind
  /** First source line (1-based). */
  line: number
  /** Last source line (the same for paragraph lines). */
  end: number
  /** The block the line comes from. */
  node: RootContent
  /** For paragraph lines: the phrasing on this line (scheduling comments removed). */
  phrasing: PhrasingContent[]
  /** A scheduling comment ends this line: the card it belongs to ends here. */
  scheduled: boolean
}

/** A paragraph cut at its line ends. */
interface PhrasingLine {
  line: number
  children: PhrasingContent[]
  /** The hard break (`  ⏎`, `\⏎`) that ends the line, if any. */
  hardBreak?: Break
  scheduled: boolean
}

const scheduleComment = /^\s*<!--\s*SR:[\s\S]*?-->\s*$/
const scheduleComments = /<!--\s*SR:[\s\S]*?-->/g
const anyComment = /^\s*<!--[\s\S]*-->\s*$/
const calloutMarker = /^\s*\[![\w-]+\][+-]?\s*/

/** Whether raw HTML is a scheduling comment of the plugin. */
export function isScheduleComment(html: string): boolean {
  return scheduleComment.test(html)
}

/** Raw HTML without the scheduling comments in it. */
export function withoutSchedule(html: string): string {
  return html.replace(scheduleComments, '')
}

// One cut per paragraph, shared by detection, card finding and slicing.
// (Columns need the source; a cut made without it is redone when it comes.)
const cache = new WeakMap<Paragraph, {lines: PhrasingLine[]; placed: boolean}>()

/**
 * The non-blank lines of a tree, in document order.
 *
 * @param nodes Blocks to flatten (a root's children).
 * @param source The file's lines, to give pieces of cut text their columns;
 *   without it, columns after a cut are 1.
 */
export function sourceLines(nodes: readonly RootContent[], source?: readonly string[]): SourceLine[] {
  const lines: SourceLine[] = []
  const walk = (blocks: readonly RootContent[], inQuote: boolean) => {
    for (const [index, node] of blocks.entries()) {
      const start = node.position?.start.line ?? 0
      const end = node.position?.end.line ?? start
      switch (node.type) {
        case 'yaml':
        case 'definition':
          break
        case 'heading':
          lines.push({kind: 'heading', line: start, end, node, phrasing: [], scheduled: false})
          break
        case 'paragraph': {
          const cut = paragraphLines(node, source)
          if (inQuote && index === 0) stripCalloutMarker(cut)
          for (const entry of cut) {
            const text = toString({type: 'paragraph', children: entry.children}).trim()
            const kind: LineKind =
              text === '' ? (entry.scheduled ? 'schedule' : 'hidden') : text === '?' ? 'separator' : text === '??' ? 'reversed-separator' : 'text'
            lines.push({kind, line: entry.line, end: entry.line, node, phrasing: entry.children, scheduled: entry.scheduled})
          }
          break
        }
        case 'list':
          for (const item of node.children) walk(item.children, inQuote)
          break
        case 'blockquote':
          walk(node.children, true)
          break
        case 'html': {
          const rest = withoutSchedule(node.value)
          const kind: LineKind = rest.trim() === '' ? 'schedule' : anyComment.test(rest) ? 'hidden' : 'block'
          lines.push({kind, line: start, end, node, phrasing: [], scheduled: rest !== node.value})
          break
        }
        default:
          lines.push({kind: 'block', line: start, end, node, phrasing: [], scheduled: false})
      }
    }
  }
  walk(nodes, false)
  return lines
}

/**
 * The blocks of `nodes` that lie on lines `from`…`to`, cut where a block
 * straddles the range: paragraphs keep their lines in range, lists and
 * blockquotes keep what is left of their children. Lines in `skip` and
 * scheduling comments are left out.
 */
export function sliceBlocks(nodes: readonly RootContent[], from: number, to: number, skip: ReadonlySet<number>): RootContent[] {
  const result: RootContent[] = []
  for (const node of nodes) {
    const start = node.position?.start.line
    const end = node.position?.end.line ?? start
    if (start === undefined || end === undefined || end < from || start > to) continue
    switch (node.type) {
      case 'paragraph': {
        const kept = paragraphLines(node).filter((entry) => entry.line >= from && entry.line <= to && !skip.has(entry.line))
        const paragraph = joinLines(kept, node)
        if (paragraph) result.push(paragraph)
        break
      }
      case 'list': {
        const items = node.children.flatMap((item) => {
          const children = sliceBlocks(item.children, from, to, skip)
          return children.length > 0 ? [{...item, children: children as typeof item.children}] : []
        })
        if (items.length > 0) result.push({...node, children: items})
        break
      }
      case 'blockquote': {
        const children = sliceBlocks(node.children, from, to, skip)
        if (children.length > 0) result.push({...node, children: children as typeof node.children})
        break
      }
      case 'html': {
        // Raw HTML after a scheduling comment on its line stays; the comment goes.
        const rest = withoutSchedule(node.value)
        if (rest.trim() !== '' && !anyComment.test(rest) && start >= from && !skip.has(start)) result.push(rest === node.value ? node : {...node, value: rest.trim()})
        break
      }
      case 'yaml':
      case 'definition':
        break
      default:
        if (start >= from && !skip.has(start)) result.push(node)
    }
  }
  return result
}

/** A paragraph made of some of its lines, or undefined when none is left. */
export function joinLines(lines: readonly PhrasingLine[], near: Paragraph): Paragraph | undefined {
  const children: PhrasingContent[] = []
  for (const [index, entry] of lines.entries()) {
    if (index > 0) {
      const previous = lines[index - 1] as PhrasingLine
      children.push(previous.hardBreak ?? {type: 'text', value: '\n'})
    }
    children.push(...entry.children)
  }
  const merged = mergeTexts(children)
  if (merged.length === 0 || toString({type: 'paragraph', children: merged}).trim() === '') return undefined
  const paragraph: Paragraph = {type: 'paragraph', children: merged}
  const start = merged[0]?.position?.start ?? near.position?.start
  const end = merged.at(-1)?.position?.end ?? near.position?.end
  if (start && end) paragraph.position = {start, end}
  return paragraph
}

/** Adjacent text nodes as one (prose stays one node, as remark makes it). */
export function mergeTexts(children: readonly PhrasingContent[]): PhrasingContent[] {
  const result: PhrasingContent[] = []
  for (const child of children) {
    const last = result.at(-1)
    if (last?.type === 'text' && child.type === 'text') {
      const text: Text = {type: 'text', value: last.value + child.value}
      const start = last.position?.start ?? child.position?.start
      const end = child.position?.end ?? last.position?.end
      if (start && end) text.position = {start, end}
      result[result.length - 1] = text
    } else {
      result.push(child)
    }
  }
  return result
}

function paragraphLines(paragraph: Paragraph, source?: readonly string[]): PhrasingLine[] {
  const cached = cache.get(paragraph)
  if (cached && (cached.placed || !source)) return cached.lines
  const lines: PhrasingLine[] = []
  let current: PhrasingLine = {line: paragraph.position?.start.line ?? 1, children: [], scheduled: false}
  for (const child of paragraph.children) {
    if (child.type === 'html' && scheduleComment.test(child.value)) {
      current.scheduled = true
      continue
    }
    if (child.type === 'break') {
      current.hardBreak = child
      lines.push(current)
      current = {line: child.position?.end.line ?? current.line + 1, children: [], scheduled: false}
      continue
    }
    if (child.type !== 'text' || !child.value.includes('\n')) {
      current.children.push(child)
      continue
    }
    const pieces = child.value.split('\n')
    const first = child.position?.start.line ?? current.line
    for (const [index, piece] of pieces.entries()) {
      if (index > 0) {
        lines.push(current)
        current = {line: first + index, children: [], scheduled: false}
      }
      if (piece) current.children.push(textPiece(child, piece, index, source))
    }
  }
  lines.push(current)
  const result = lines.map((entry) => ({...entry, children: trimEnds(entry.children)}))
  cache.set(paragraph, {lines: result, placed: source !== undefined})
  return result
}

/** Piece `index` of a text node cut at its newlines, with the position it has in the file. */
function textPiece(node: Text, value: string, index: number, source?: readonly string[]): Text {
  const piece: Text = {type: 'text', value}
  const origin = node.position?.start
  if (!origin) return piece
  let start: Point
  if (index === 0) {
    start = {line: origin.line, column: origin.column}
  } else {
    const line = origin.line + index
    const found = source?.[line - 1]?.indexOf(value.trimStart()) ?? -1
    start = {line, column: found >= 0 ? found + 1 : 1}
  }
  piece.position = {start, end: {line: start.line, column: start.column + value.length}}
  return piece
}

/** Drop whitespace-only text at the ends of a line and the spaces before a scheduling comment. */
function trimEnds(children: PhrasingContent[]): PhrasingContent[] {
  const result = [...children]
  const last = result.at(-1)
  if (last?.type === 'text') {
    const value = last.value.trimEnd()
    if (value === '') result.pop()
    else if (value !== last.value) result[result.length - 1] = {...last, value}
  }
  return result
}

/** `> [!note] Title`: the marker is styling; the title (if any) is text. */
function stripCalloutMarker(lines: PhrasingLine[]): void {
  const first = lines[0]
  const head = first?.children[0]
  if (!first || head?.type !== 'text') return
  const marker = calloutMarker.exec(head.value)
  if (!marker) return
  const value = head.value.slice(marker[0].length)
  const rest = first.children.slice(1)
  first.children = value ? [{...head, value}, ...rest] : rest
}
