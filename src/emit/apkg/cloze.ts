/**
 * Cloze deletions in Anki field HTML: the render layer's
 * `<span class="cloze" data-cloze="N" data-hint="…">` back into Anki's own
 * `{{cN::…}}` / `{{cN::…::hint}}`, made safe to read by Anki's cloze parser.
 *
 * Anki finds clozes in the raw HTML of a field with a plain tokenizer, blind
 * to tags (rslib `cloze.rs`: an opening `{{c` + numbers + `::`, a closing
 * `}}`, and inside a cloze the first `::` of a text run starts the hint).
 * So inside a cloze, a `}}` of the content ends the cloze early and a `::`
 * turns the rest into a hint. The Anki manual ("Cloze Conflicts", cited in
 * peers.md §4) gives two ways to break them: a space (`} }`), which TeX
 * ignores in math, or an HTML comment (`}<!-- -->}`), which nothing renders.
 * This module uses the space inside math and the comment everywhere else
 * (code, prose), so what the card shows is exactly what was written.
 *
 * Code blocks are the other trap: `{{c1::…}}` written inside a fenced block
 * is text to the parser (it never searches code) and a real cloze to Anki,
 * but a highlighter would cut it into `<span>`s (`{{c1::` split across
 * tags is no cloze, and a `</span>` inside one unbalances the card). Such
 * blocks are highlighted without their cloze markers, which are then put
 * back at the same text offsets, at the top level of `<code>`, splitting
 * the highlighter's spans where a marker falls inside one.
 *
 * @module
 */
import type {Comment, Element, ElementContent, Root as HastRoot, Text} from 'hast'
import type {Nodes as MdastNodes} from 'mdast'
import type {Cloze, FieldContent} from '../../ast/types.js'
import {highlight, languageOf} from '../../render/highlight.js'

/**
 * Cloze numbers in a string, read as Anki reads a field (rslib `cloze.rs`):
 * an opening `{{cN::` (or `{{c1,2::`) counts only once a `}}` closes it;
 * clozes nest (at most 10 deep, as in Anki); a stray `}}` is text.
 *
 * @returns Distinct numbers as written (`c0` stays 0), sorted.
 */
export function clozeNumbersInText(text: string): number[] {
  const numbers = new Set<number>()
  const open: number[][] = []
  for (const token of tokenize(text)) {
    if (token.type === 'open') {
      // Anki ignores openings past ten levels (their closings then close outer ones).
      if (open.length < 10) open.push(token.numbers)
    } else if (token.type === 'close') {
      const closed = open.pop()
      if (closed) for (const number of closed) numbers.add(number)
    }
  }
  return [...numbers].sort((a, b) => a - b)
}

/**
 * Distinct cloze numbers of a field as Anki will count them: every `cloze`
 * node, plus `{{cN::…}}` written inside code outside any cloze node (the
 * parser leaves those as text; Anki reads them as clozes, see the module
 * comment). Sorted.
 *
 * @param field Field mdast (a question's prompt).
 */
export function clozeNumbersOf(field: FieldContent): number[] {
  const numbers = new Set<number>()
  const walk = (node: MdastNodes, inCloze: boolean): void => {
    if (node.type === 'cloze') numbers.add((node as Cloze).number)
    if (!inCloze && (node.type === 'code' || node.type === 'inlineCode')) {
      for (const number of clozeNumbersInText(node.value)) numbers.add(number)
    }
    if ('children' in node) for (const child of node.children) walk(child as MdastNodes, inCloze || node.type === 'cloze')
  }
  walk(field, false)
  return [...numbers].sort((a, b) => a - b)
}

/**
 * A cloze field's hast → hast whose HTML is Anki cloze syntax: highlighted
 * (code keeps its literal cloze markers whole), every cloze span replaced by
 * `{{cN::…}}` / `{{cN::…::hint}}`, with `}}` and `::` broken inside (see the
 * module comment). Nested cloze spans nest (`{{c1::a {{c2::b}}}}`, which
 * Anki reads since 2.1.56).
 *
 * @param tree Sanitized hast of the field (from `Renderer.hast`); it is
 *   changed.
 * @returns The same tree.
 */
export function toAnkiClozeTree(tree: HastRoot): HastRoot {
  highlightKeepingClozes(tree)
  tree.children = convertChildren(tree.children as ElementContent[]) as HastRoot['children']
  return tree
}

/**
 * {@link highlight}, except that code blocks holding literal cloze markers
 * keep them as unbroken text directly inside `<code>` (see the module
 * comment). Code inside a cloze span is left to {@link toAnkiClozeTree},
 * which breaks its markers instead (a cloze cannot hold another one's
 * syntax as text).
 *
 * @param tree Sanitized hast; it is changed.
 * @returns The same tree.
 */
export function highlightKeepingClozes(tree: HastRoot): HastRoot {
  const held: Array<{code: Element; markers: Map<number, string>}> = []
  const visit = (nodes: readonly ElementContent[] | HastRoot['children']): void => {
    for (const node of nodes) {
      if (node.type !== 'element' || isClozeSpan(node)) continue
      if (node.tagName === 'code' && languageOf(node) !== undefined) {
        const {text, markers} = splitMarkers(textOf(node))
        if (markers.size > 0) {
          node.children = [{type: 'text', value: text}]
          held.push({code: node, markers})
        }
        continue
      }
      visit(node.children)
    }
  }
  visit(tree.children)
  highlight(tree)
  for (const {code, markers} of held) {
    // From the end, so the offsets still to do stay valid.
    for (const offset of [...markers.keys()].sort((a, b) => b - a)) {
      const [left, right] = splitAt(code.children, offset)
      code.children = [...left, {type: 'text', value: markers.get(offset) ?? ''}, ...right]
    }
  }
  return tree
}

type Token = {type: 'open'; numbers: number[]; start: number; end: number} | {type: 'close'; start: number; end: number}

// `{{c` + digits and commas + `::` opens (Anki accepts `c1,2`); `}}` closes.
const tokenPattern = /\{\{c([\d,]+)::|\}\}/g

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  tokenPattern.lastIndex = 0
  for (let match = tokenPattern.exec(text); match; match = tokenPattern.exec(text)) {
    const start = match.index
    const end = start + match[0].length
    if (match[1] === undefined) {
      tokens.push({type: 'close', start, end})
      continue
    }
    const numbers = [...new Set(match[1].split(',').filter(Boolean).map(Number))].sort((a, b) => a - b)
    if (numbers.length > 0) tokens.push({type: 'open', numbers, start, end})
    // `{{c,::` opens nothing; Anki then scans on from the next character.
    else tokenPattern.lastIndex = start + 1
  }
  return tokens
}

/**
 * Code text → the text to highlight and the markers to put back: openings,
 * closings and hints (`::hint` up to the closing, which is not code) of
 * every token, keyed by their offset in the remaining text. Markers at one
 * offset are joined in order.
 */
function splitMarkers(source: string): {text: string; markers: Map<number, string>} {
  const markers = new Map<number, string>()
  let text = ''
  let depth = 0
  let at = 0
  const mark = (value: string) => markers.set(text.length, (markers.get(text.length) ?? '') + value)
  const keep = (segment: string) => {
    // Inside a cloze, the first `::` of a text run starts its hint (Anki).
    const hint = depth > 0 ? segment.indexOf('::') : -1
    if (hint === -1) {
      text += segment
      return
    }
    text += segment.slice(0, hint)
    mark(segment.slice(hint))
  }
  for (const token of tokenize(source)) {
    keep(source.slice(at, token.start))
    mark(source.slice(token.start, token.end))
    if (token.type === 'open') depth++
    else depth = Math.max(0, depth - 1)
    at = token.end
  }
  keep(source.slice(at))
  return {text, markers}
}

/**
 * Split a list of nodes at a text offset: what comes before and after it.
 * An element the offset falls inside is cut in two shallow copies (same tag
 * and properties); pieces left without text are dropped.
 */
function splitAt(nodes: readonly ElementContent[], offset: number): [ElementContent[], ElementContent[]] {
  const left: ElementContent[] = []
  const right: ElementContent[] = []
  let position = 0
  for (const node of nodes) {
    const length = textOf(node).length
    if (position + length <= offset) left.push(node)
    else if (position >= offset) right.push(node)
    else if (node.type === 'text') {
      left.push({type: 'text', value: node.value.slice(0, offset - position)})
      right.push({type: 'text', value: node.value.slice(offset - position)})
    } else if (node.type === 'element') {
      const [inner, outer] = splitAt(node.children, offset - position)
      if (inner.length > 0) left.push({...node, children: inner})
      if (outer.length > 0) right.push({...node, children: outer})
    }
    position += length
  }
  return [left, right]
}

function isClozeSpan(node: Element): boolean {
  if (node.tagName !== 'span') return false
  const classes = node.properties['className']
  const number = node.properties['dataCloze']
  return Array.isArray(classes) && classes.includes('cloze') && number !== undefined && /^\d+$/.test(String(number))
}

function isMath(node: Element): boolean {
  const classes = node.properties['className']
  return Array.isArray(classes) && classes.includes('math')
}

/** Replace every cloze span below these nodes (outermost first). */
function convertChildren(nodes: readonly ElementContent[]): ElementContent[] {
  return nodes.flatMap((node) => {
    if (node.type !== 'element') return [node]
    if (isClozeSpan(node)) return clozeToAnki(node)
    node.children = convertChildren(node.children)
    return [node]
  })
}

/** One cloze span → its Anki syntax, content made safe. */
function clozeToAnki(span: Element): ElementContent[] {
  const number = String(span.properties['dataCloze'])
  const hint = span.properties['dataHint']
  const content = safeContent(span.children, false)
  // The content's last character meets the `}}` or `::` that follows:
  // `a}` + `}}` would close at `a}}`, `a:` + `::h` would split at `a::`.
  if (endsWithBreakable(content)) content.push(comment())
  const close: ElementContent[] = [text('}}')]
  if (typeof hint === 'string' && hint !== '') {
    const safeHint = breakRuns(hint, false)
    if (endsWithBreakable(safeHint)) safeHint.push(comment())
    close.unshift(text('::'), ...safeHint)
  }
  return [text(`{{c${number}::`), ...content, ...close]
}

/**
 * Cloze content with every `}}` and `::` broken: spaces inside math,
 * comments elsewhere. Nested cloze spans become nested syntax (already
 * safe). Adjacent text nodes are joined first: their runs meet in the HTML.
 */
function safeContent(nodes: readonly ElementContent[], inMath: boolean): ElementContent[] {
  const result: ElementContent[] = []
  for (const node of joinTexts(nodes)) {
    if (node.type === 'text') result.push(...breakRuns(node.value, inMath))
    else if (node.type === 'element' && isClozeSpan(node)) result.push(...clozeToAnki(node))
    else if (node.type === 'element') {
      // Attribute text is raw HTML to Anki too; alt and title may hold prose.
      for (const name of ['alt', 'title']) {
        const value = node.properties[name]
        if (typeof value === 'string') node.properties[name] = value.replace(/\}(?=\})/g, '} ').replace(/:(?=:)/g, ': ')
      }
      node.children = safeContent(node.children, inMath || isMath(node))
      result.push(node)
    } else result.push(node)
  }
  return result
}

/**
 * Break runs of `}` and `:` in text: `\frac{a}{b}}` → `\frac{a}{b} }` in
 * math (TeX ignores the space), `a::b` → `a:<!-- -->:b` elsewhere.
 */
function breakRuns(value: string, inMath: boolean): ElementContent[] {
  if (inMath) return [text(value.replace(/\}(?=\})/g, '} ').replace(/:(?=:)/g, ': '))]
  const parts: ElementContent[] = []
  let start = 0
  for (let index = 0; index + 1 < value.length; index++) {
    const character = value.charAt(index)
    if ((character === '}' || character === ':') && value.charAt(index + 1) === character) {
      parts.push(text(value.slice(start, index + 1)), comment())
      start = index + 1
    }
  }
  parts.push(text(value.slice(start)))
  return parts.filter((part) => part.type !== 'text' || part.value !== '')
}

function endsWithBreakable(nodes: readonly ElementContent[]): boolean {
  const last = nodes.at(-1)
  return last?.type === 'text' && /[}:]$/.test(last.value)
}

function joinTexts(nodes: readonly ElementContent[]): ElementContent[] {
  const result: ElementContent[] = []
  for (const node of nodes) {
    const previous = result.at(-1)
    if (node.type === 'text' && previous?.type === 'text') result[result.length - 1] = text(previous.value + node.value)
    else result.push(node)
  }
  return result
}

function textOf(node: ElementContent | Element): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map((child) => textOf(child)).join('')
  return ''
}

function text(value: string): Text {
  return {type: 'text', value}
}

// Serialized as `<!-- -->`, the manual's form.
function comment(): Comment {
  return {type: 'comment', value: ' '}
}
