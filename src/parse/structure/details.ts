/**
 * `<details>` blocks as Markdown writers use them: a `<summary>` (a "Show
 * answer" label, or the question itself) and content to reveal.
 *
 * remark splits raw HTML at blank lines, so one `<details>` block arrives as
 * several mdast blocks: the opening tag (often with the summary and a stray
 * `<br><b>`), the Markdown inside, and the closing tag, which may even sit at
 * the end of a paragraph when no blank line precedes it. When there are no
 * blank lines at all, the whole block is one raw HTML node whose inside is
 * Markdown that was never parsed. {@link collectDetails} puts the pieces back
 * together and parses what needs it, keeping positions true to the file.
 *
 * @module
 */
import type {Html, ListItem, Paragraph, PhrasingContent, RootContent} from 'mdast'
import type {Point, Position} from 'unist'
import {visit} from 'unist-util-visit'
import {eachNode} from '../walk.js'
import {markerField} from '../markers.js'
import {parseMarkdown} from '../markdown.js'

/** One `<details>` block, put back together. */
export interface DetailsBlock {
  /** The summary's text as phrasing (tags removed, `<code>` kept as code), or undefined when there is none. */
  summary: PhrasingContent[] | undefined
  /** Blocks of a summary that spans blank lines (a prompt with code or a list), after its first line. */
  summaryBlocks: RootContent[]
  /** Position of the summary (the opening block's). */
  summaryPosition: Position | undefined
  /** The blocks inside, Markdown parsed. */
  inner: RootContent[]
  /** Index of the block after the `<details>` block. */
  next: number
  /** Position from `<details>` to `</details>`. */
  position: Position | undefined
}

const opening = /^\s*<details[\s>]/i

// Summaries that only reveal an answer ("Show answer"), in the languages deckdown reads.
const revealLabels =
  /^(?:show|see|view|click(?: here)? to (?:see|show|view|expand|reveal)|reveal|toggle|expand)?\s*(?:the\s+)?(?:answer|answers|solution|solutions|explanation|hint|details|more|code|output|result|example|deep dive|click to expand)s?\s*(?:[:.!]|👇|👀|💡|⬇|▶)?$/iu

// Summaries of a block that adds to an answer rather than giving it.
const supplementLabels = /^(?:(?:a\s+)?deep[\s-]*dive|details|more|more details|read more|learn more|explanation|example|examples|hint|code|output|notes?|bonus|pour aller plus loin|en savoir plus|détails|más|mehr|dettagli|mais|详情|详解|更多|扩展|拓展)\b/iu

/**
 * Whether a summary labels a supplement to an answer (`Deep dive`,
 * `Details`, `Example`) rather than the answer itself (`Answer`, `Show
 * solution`).
 */
export function isSupplementLabel(text: string | undefined): boolean {
  if (text === undefined) return false
  return supplementLabels.test(text.replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '').trim())
}

// Summaries of a hint: help before the answer.
const hintLabels = /^(?:show\s+)?(?:hint|hints|clue|tip|indice|indices|astuce|pista|pistas|hinweis|tipp|suggerimento|indizio|dica|dicas|提示|线索)\b/iu

/** Whether a summary labels a hint (`Hint`, `Indice`, `提示`). */
export function isHintLabel(text: string | undefined): boolean {
  return text !== undefined && hintLabels.test(text.replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '').trim())
}

/** The plain text of a summary. */
export function summaryText(summary: readonly PhrasingContent[] | undefined): string | undefined {
  if (!summary) return undefined
  let text = ''
  for (const node of summary) text += 'value' in node ? node.value : ''
  return text.trim()
}

/** Whether a summary only labels the reveal ("Answer", "Show solution", "Réponse", "答案"). */
export function isRevealLabel(text: string): boolean {
  const trimmed = text.replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '').trim()
  if (trimmed === '') return true
  if (revealLabels.test(trimmed)) return true
  const field = markerField(trimmed)
  return field === 'answer' || field === 'example' || field === 'extra'
}

/**
 * Whether a `<details>` block reveals the answer to something outside it
 * (its summary is a reveal label, or it has none), as opposed to holding a
 * question of its own in its summary.
 */
export function revealsAnswer(blocks: readonly RootContent[], start: number): boolean {
  const text = summaryText(collectDetails(blocks, start).summary)
  return text === undefined || (isRevealLabel(text) && !isSupplementLabel(text))
}

/** Whether a block opens a `<details>` element. */
export function opensDetails(block: RootContent | undefined): boolean {
  return block?.type === 'html' && opening.test(block.value)
}

/**
 * Read the `<details>` block that starts at `blocks[start]`.
 *
 * @param blocks Sibling blocks.
 * @param start Index of the block that opens `<details>` (see {@link opensDetails}).
 */
export function collectDetails(blocks: readonly RootContent[], start: number): DetailsBlock {
  const first = blocks[start] as Html
  let depth = 0
  let end = start
  for (; end < blocks.length; end++) {
    depth += detailsBalanceOf(blocks[end] as RootContent)
    if (depth <= 0) break
  }
  const last = Math.min(end, blocks.length - 1)
  const summaryMatch = /<summary\b[^>]*>([\s\S]*?)<\/summary\s*>/i.exec(first.value)
  let summary = summaryMatch ? summaryPhrasing(summaryMatch[1] ?? '', first) : undefined
  const inner: RootContent[] = []
  const summaryBlocks: RootContent[] = []

  // A summary with blank lines in it (a prompt with code or a list) spans
  // blocks, up to the one that holds `</summary>`.
  const openSummary = summaryMatch ? undefined : /<summary\b[^>]*>([\s\S]*)$/i.exec(first.value)
  const summaryEnd = openSummary ? findSummaryEnd(blocks, start + 1, last) : -1
  if (openSummary && summaryEnd !== -1) {
    summary = summaryPhrasing(openSummary[1] ?? '', first)
    for (let between = start + 1; between < summaryEnd; between++) summaryBlocks.push(blocks[between] as RootContent)
    const closing = blocks[summaryEnd] as RootContent
    if (closing.type === 'html') {
      const after = closing.value.slice(closing.value.search(/<\/summary\s*>/i)).replace(/^<\/summary\s*>/i, '')
      const rest = summaryEnd === last ? insideText(after) : insideText(after.replace(/<\/details\s*>[\s\S]*$/i, ''))
      if (rest) inner.push(...reparse(closing, rest))
    } else {
      const trimmed = withoutClosingTags(closing)
      if (trimmed) summaryBlocks.push(trimmed)
    }
    for (let between = summaryEnd + 1; between < last; between++) {
      const candidate = blocks[between] as RootContent
      if (candidate.type === 'html' && isLayoutOnly(candidate.value)) continue
      inner.push(candidate)
    }
    if (last > summaryEnd) pushClosing(blocks[last] as RootContent, inner)
    return {summary, summaryBlocks, summaryPosition: first.position, inner, next: last + 1, position: spanOf(first, blocks[last] as RootContent)}
  }

  const openingRest = insideText(first.value)
  if (last === start) {
    // The whole element in one HTML block: its inside was never parsed.
    if (openingRest) inner.push(...reparse(first, openingRest))
  } else {
    if (openingRest) inner.push(...reparse(first, openingRest))
    for (let between = start + 1; between < last; between++) {
      const candidate = blocks[between] as RootContent
      if (candidate.type === 'html' && isLayoutOnly(candidate.value)) continue
      inner.push(candidate)
    }
    pushClosing(blocks[last] as RootContent, inner)
  }
  return {summary, summaryBlocks, summaryPosition: first.position, inner, next: last + 1, position: spanOf(first, blocks[last] as RootContent)}
}

/** Add what the block that closes `<details>` holds besides its closing tags. */
function pushClosing(closing: RootContent, inner: RootContent[]): void {
  if (closing.type === 'html') {
    const closingRest = insideText(closing.value)
    if (closingRest) inner.push(...reparse(closing, closingRest))
    return
  }
  const trimmed = withoutClosingTags(closing)
  if (trimmed) inner.push(trimmed)
}

function spanOf(first: RootContent, last: RootContent): Position | undefined {
  const start = first.position?.start
  const end = last.position?.end
  return start && end ? {start, end} : undefined
}

/** Index of the first block in `[from, to]` whose HTML closes a summary, or -1. */
function findSummaryEnd(blocks: readonly RootContent[], from: number, to: number): number {
  for (let index = from; index <= to; index++) {
    const block = blocks[index] as RootContent
    if (block.type === 'html') {
      if (/<\/summary\s*>/i.test(block.value)) return index
      continue
    }
    if (block.type === 'code' || block.type === 'math') continue
    let found = false
    visit(block, 'html', (node) => {
      if (/<\/summary\s*>/i.test(node.value)) found = true
    })
    if (found) return index
  }
  return -1
}

/**
 * `<details>` opened minus closed in a block: its own raw HTML, or the inline
 * HTML of a paragraph (`…last line of the answer\n</b></details>`, where the
 * closing tags follow text with no blank line and so stay in the paragraph).
 */
export function detailsBalanceOf(block: RootContent): number {
  if (block.type === 'html') return detailsBalance(block.value)
  if (block.type === 'code' || block.type === 'math') return 0
  let balance = 0
  eachNode<Html>(block, 'html', (node) => {
    balance += detailsBalance(node.value)
  })
  return balance
}

/** `<details>` opened minus closed in a piece of raw HTML. */
export function detailsBalance(html: string): number {
  return count(html, /<details[\s>]/gi) - count(html, /<\/details\s*>/gi)
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0
}

/** What an HTML block holds besides the details and summary tags and layout tags around them. */
function insideText(html: string): string {
  const stripped = html
    .replace(/<details\b[^>]*>/gi, '')
    .replace(/<summary\b[^>]*>[\s\S]*?<\/summary\s*>/gi, '')
    .replace(/<\/details\s*>/gi, '')
  if (isLayoutOnly(stripped)) return ''
  // Layout tags hugging the inside (`<br><b>` … `</b>`) would wrap or split it oddly.
  return stripped.replace(/^(?:\s*<\/?(?:p|div|br|b|strong)\b[^>]*>)+/i, '').replace(/(?:<\/?(?:p|div|br|b|strong)\b[^>]*>\s*)+$/i, '').trim()
}

/** Whether HTML is only layout tags (`<p>`, `</p>`, `<br>`, `</b>`) and space. */
export function isLayoutOnly(html: string): boolean {
  return /^(?:\s*<\/?(?:p|div|br|span|b|strong|hr)\b[^>]*>\s*)*\s*$/i.test(html)
}

/**
 * A copy of the block that closes `<details>` without the closing tags at
 * its end (`</b></details>`), found in its last paragraph however deep (a
 * closing line right after a list continues the last item's paragraph).
 * Undefined when nothing else is left. The tree itself is never changed:
 * every reading of the file must see the same tree.
 */
function withoutClosingTags(block: RootContent): RootContent | undefined {
  const copy = structuredClone(block)
  const paragraph = lastParagraph(copy)
  if (!paragraph) return copy
  const children = paragraph.children
  while (children.length > 0) {
    const tail = children.at(-1) as PhrasingContent
    if (tail.type === 'html' && /^(?:\s*<\/?(?:details|summary|b|strong|p|div|br)\b[^>]*>)+\s*$/i.test(tail.value)) children.pop()
    else if (tail.type === 'text' && tail.value.trim() === '') children.pop()
    else if (tail.type === 'break') children.pop()
    else break
  }
  const last = children.at(-1)
  if (last?.type === 'text' && last.value !== last.value.trimEnd()) children[children.length - 1] = {...last, value: last.value.trimEnd()}
  if (children.length > 0) return copy
  if (copy === paragraph) return undefined
  removeEmptyParagraphs(copy)
  return copy
}

function lastParagraph(node: RootContent | ListItem): Paragraph | undefined {
  if (node.type === 'paragraph') return node
  if (!('children' in node)) return undefined
  const last = (node.children as RootContent[]).at(-1)
  return last ? lastParagraph(last) : undefined
}

function removeEmptyParagraphs(node: RootContent | ListItem): void {
  if (!('children' in node)) return
  const children = node.children as RootContent[]
  for (const child of children) removeEmptyParagraphs(child)
  const kept = children.filter((child) => !(child.type === 'paragraph' && child.children.length === 0))
  ;(node as {children: RootContent[]}).children = kept
}

/**
 * The summary's HTML as phrasing: `<b>`/`<strong>` and other tags dropped,
 * `<code>` kept as inline code, entities decoded, `<br>` dropped.
 */
function summaryPhrasing(html: string, near: Html): PhrasingContent[] {
  const nodes: PhrasingContent[] = []
  const position = near.position
  const pieces = html.split(/(<code\b[^>]*>[\s\S]*?<\/code\s*>)/i)
  for (const piece of pieces) {
    const code = /^<code\b[^>]*>([\s\S]*?)<\/code\s*>$/i.exec(piece)
    const value = decodeEntities((code ? (code[1] ?? '') : piece).replace(/<[^>]*>/g, ''))
    if (!value) continue
    const node: PhrasingContent = code ? {type: 'inlineCode', value} : {type: 'text', value: value.replace(/\s+/g, ' ')}
    if (position) node.position = position
    nodes.push(node)
  }
  const first = nodes[0]
  if (first?.type === 'text') first.value = first.value.trimStart()
  const lastNode = nodes.at(-1)
  if (lastNode?.type === 'text') lastNode.value = lastNode.value.trimEnd()
  return nodes.filter((node) => node.type !== 'text' || node.value !== '')
}

const namedEntities: Readonly<Record<string, string>> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', '#39': "'"}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10))
    return namedEntities[name.toLowerCase()] ?? whole
  })
}

/**
 * Parse Markdown found inside an HTML block, with positions moved to where
 * the text stands in the file.
 */
function reparse(block: Html, inside: string): RootContent[] {
  const at = block.value.indexOf(inside)
  const tree = parseMarkdown(inside)
  const base = block.position?.start
  if (!base) {
    visit(tree, (node) => {
      delete node.position
    })
    return tree.children.filter((node) => node.type !== 'yaml')
  }
  const before = block.value.slice(0, Math.max(0, at))
  const lineDelta = before.split('\n').length - 1
  const lastNewline = before.lastIndexOf('\n')
  const firstLineColumn = (lastNewline === -1 ? base.column + before.length : before.length - lastNewline) - 1
  const offsetBase = (base.offset ?? 0) + Math.max(0, at)
  const move = (point: Point): Point => {
    const moved: Point = {line: point.line + base.line - 1 + lineDelta, column: point.line === 1 ? point.column + firstLineColumn : point.column}
    if (point.offset !== undefined && base.offset !== undefined) moved.offset = point.offset + offsetBase
    return moved
  }
  visit(tree, (node) => {
    if (node.position) node.position = {start: move(node.position.start), end: move(node.position.end)}
  })
  return tree.children.filter((node) => node.type !== 'yaml')
}
