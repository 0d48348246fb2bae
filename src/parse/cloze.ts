/**
 * Cloze deletions: `{{c1::text}}` and `{{c1::text::hint}}` (Anki's syntax)
 * become `cloze` nodes in the mdast, so the rest of deckdown sees them as
 * structure; `==highlight==` does too in files that opt in
 * (frontmatter `cloze: highlight`), numbered per question.
 *
 * The syntax may span inline formatting (`{{c1::**Paris**}}`,
 * ``{{c1::`a == b`}}``) within one paragraph. Code blocks and inline code are
 * never searched: what is inside them stays text.
 *
 * @module
 */
import type {Parent, PhrasingContent, Root, Text} from 'mdast'
import type {Point, Position} from 'unist'
import {eachNode} from './walk.js'
import type {VFile} from 'vfile'
import type {Cloze} from '../ast/types.js'
import {report} from '../diagnostics/report.js'

const opening = /\{\{c(\d{1,3})::/
const highlight = /==(?=\S)([^=\n]*?\S)==/

/** Options for {@link clozeTransform}. */
export interface ClozeOptions {
  /** Also read `==text==` as a cloze. Default: false. */
  highlights?: boolean
}

/**
 * Turn cloze syntax in every paragraph-like node into `cloze` nodes.
 * Highlight clozes get number 0; {@link renumberHighlights} numbers them per
 * question.
 */
export function clozeTransform(tree: Root, file: VFile, options: ClozeOptions = {}): void {
  // A plain walk (see walk.ts): a node's children are transformed before
  // they are walked, so cloze nodes made here are walked too.
  const walk = (node: Parent): void => {
    if (node.type !== 'root' && node.type !== 'list' && node.type !== 'blockquote' && node.children.some((child) => child.type === 'text')) {
      node.children = transformChildren(node.children as PhrasingContent[], file, options) as Parent['children']
    }
    for (const child of node.children) if ('children' in child) walk(child as Parent)
  }
  walk(tree)
}

function transformChildren(given: PhrasingContent[], file: VFile, options: ClozeOptions): PhrasingContent[] {
  // Consumed nodes move to `result`; what is left of a split text node
  // replaces it in place, so each cloze costs O(1) array work (rebuilding the
  // array per cloze made 30,000 clozes in a paragraph take minutes).
  const children = given.slice()
  const result: PhrasingContent[] = []
  let index = 0
  while (index < children.length) {
    const node = children[index] as PhrasingContent
    if (node.type !== 'text') {
      result.push(node)
      index++
      continue
    }
    const open = opening.exec(node.value)
    const mark = options.highlights ? highlight.exec(node.value) : null
    if (mark && (!open || mark.index < open.index)) {
      const before = node.value.slice(0, mark.index)
      if (before) result.push(textPart(node, 0, mark.index))
      const cloze: Cloze = {type: 'cloze', number: 0, hint: null, children: [textPart(node, mark.index + 2, mark.index + 2 + (mark[1]?.length ?? 0))]}
      const position = slice(node, mark.index, mark.index + mark[0].length)
      if (position) cloze.position = position
      result.push(cloze as never)
      children[index] = textPart(node, mark.index + mark[0].length, node.value.length)
      continue
    }
    if (!open) {
      result.push(node)
      index++
      continue
    }
    const number = Number(open[1])
    const startInner = open.index + open[0].length
    // Find the closing `}}`: in this text node after the opening, or in a later text sibling.
    let closeNode = index
    let closeAt = node.value.indexOf('}}', startInner)
    while (closeAt === -1 && closeNode + 1 < children.length) {
      closeNode++
      const candidate = children[closeNode]
      closeAt = candidate?.type === 'text' ? candidate.value.indexOf('}}') : -1
    }
    if (closeAt === -1) {
      // No end: not a cloze, keep the text as written.
      result.push(node)
      index++
      continue
    }
    if (open.index > 0) result.push(textPart(node, 0, open.index))
    let inner: PhrasingContent[]
    const closing = children[closeNode] as Text
    if (closeNode === index) {
      inner = [textPart(node, startInner, closeAt)]
    } else {
      inner = [textPart(node, startInner, node.value.length), ...children.slice(index + 1, closeNode), textPart(closing, 0, closeAt)]
    }
    // A hint follows the last `::` in the final text piece.
    let hint: string | null = null
    const last = inner.at(-1)
    if (last?.type === 'text') {
      const hintAt = last.value.lastIndexOf('::')
      if (hintAt !== -1) {
        hint = last.value.slice(hintAt + 2).trim()
        last.value = last.value.slice(0, hintAt)
      }
    }
    inner = inner.filter((part) => part.type !== 'text' || part.value !== '')
    const cloze: Cloze = {type: 'cloze', number, hint, children: inner}
    const start = pointIn(node, open.index)
    const end = pointIn(closing, closeAt + 2)
    if (start && end) cloze.position = {start, end}
    const empty = inner.every((part) => part.type === 'text' && part.value.trim() === '')
    if (empty) {
      report(file, 'empty-cloze', `Cloze \`c${number}\` is empty; it is left as text`, cloze.position ?? node.position ?? {line: 1, column: 1})
      const literal: Text = {type: 'text', value: closing === node ? node.value.slice(open.index, closeAt + 2) : `{{c${number}::}}`}
      const place = cloze.position ?? node.position
      if (place) literal.position = place
      result.push(literal)
    } else {
      result.push(cloze as never)
    }
    children[closeNode] = textPart(closing, closeAt + 2, closing.value.length)
    index = closeNode
  }
  return result.filter((node) => node.type !== 'text' || node.value !== '')
}

/**
 * Number highlight clozes (number 0) of one question 1, 2, 3 … in document
 * order, after its explicit `cN` numbers' highest.
 */
export function renumberHighlights(fields: readonly Root[]): void {
  let highest = 0
  for (const field of fields) eachNode<Cloze>(field, 'cloze', (node) => void (highest = Math.max(highest, node.number)))
  for (const field of fields) {
    eachNode<Cloze>(field, 'cloze', (node) => {
      if (node.number === 0) node.number = ++highest
    })
  }
}

/** Distinct cloze numbers in fields, sorted. */
export function clozeNumbers(fields: readonly Root[]): number[] {
  const numbers = new Set<number>()
  for (const field of fields) eachNode<Cloze>(field, 'cloze', (node) => void numbers.add(node.number))
  return [...numbers].sort((a, b) => a - b)
}

function textPart(node: Text, from: number, to: number): Text {
  const part: Text = {type: 'text', value: node.value.slice(from, to)}
  const position = slice(node, from, to)
  if (position) part.position = position
  return part
}

// Positions of pieces of a text node are exact when its source is as long as
// its value (no escapes or entities); otherwise the whole node's position is
// the best honest answer.
function slice(node: Text, from: number, to: number): Position | undefined {
  const start = pointIn(node, from)
  const end = pointIn(node, to)
  return start && end ? {start, end} : node.position
}

function pointIn(node: Text, at: number): Point | undefined {
  const position = node.position
  if (!position) return undefined
  const exact = position.start.offset !== undefined && position.end.offset !== undefined && position.end.offset - position.start.offset === node.value.length
  if (!exact) return at === 0 ? position.start : position.end
  // The end is known: walking to it would make every split cost the rest of the text.
  if (at === node.value.length) return position.end
  let {line, column} = position.start
  for (const character of node.value.slice(0, at)) {
    if (character === '\n') {
      line++
      column = 1
    } else column++
  }
  return {line, column, offset: (position.start.offset ?? 0) + at}
}
