/**
 * Cloze deletions as Obsidian spaced-repetition notes write them, inside one
 * card's fields: `==highlight==` (the plugin's default) and `{{text}}`
 * (its curly-brace option, also `{{1::text}}` and `{{text::hint}}` as its
 * Anki-like pattern writes them). Anki's own `{{c1::…}}` is already a cloze
 * node by the time a dialect runs.
 *
 * Like `src/parse/cloze.ts`, a deletion may wrap formatting
 * (`==**Paris**==`, ``{{`SHOW DATABASES`}}``) within one paragraph; code is
 * never searched. Unnumbered deletions get number 0, for
 * `renumberHighlights` to number them in order.
 *
 * @module
 */
import type {Parent, PhrasingContent, Root, Text} from 'mdast'
import type {Position} from 'unist'
import {SKIP, visit} from 'unist-util-visit'
import type {Cloze} from '../../ast/types.js'

const opening = /==(?=\S|$)|\{\{/

/** Turn highlights and `{{…}}` in a field into cloze nodes (in place). */
export function highlightClozes(field: Root): void {
  visit(field, (node) => {
    if (!('children' in node) || node.type === 'root' || node.type === 'list' || node.type === 'blockquote' || node.type === 'cloze') return
    const parent = node as Parent
    if (!parent.children.some((child) => child.type === 'text')) return
    parent.children = transform(parent.children as PhrasingContent[]) as Parent['children']
  })
}

/**
 * Replace cloze nodes by their content: in a front/back card, `==…==` and
 * `{{c1::…}}` are emphasis the author wrote, not deletions to quiz.
 */
export function unwrapClozes(field: Root): void {
  visit(field, 'cloze', (node: Cloze, index, parent) => {
    if (!parent || index === undefined) return undefined
    parent.children.splice(index, 1, ...(node.children as never[]))
    return [SKIP, index]
  })
}

function transform(children: readonly PhrasingContent[]): PhrasingContent[] {
  const result: PhrasingContent[] = []
  let queue = [...children]
  while (queue.length > 0) {
    const node = queue.shift() as PhrasingContent
    if (node.type !== 'text') {
      result.push(node)
      continue
    }
    const open = opening.exec(node.value)
    if (!open) {
      result.push(node)
      continue
    }
    const closer = open[0] === '==' ? '==' : '}}'
    const innerStart = open.index + 2
    // The closing delimiter: in this text, or in a later text sibling.
    let closing: Text = node
    let closeAt = node.value.indexOf(closer, innerStart)
    let through = -1
    for (let index = 0; closeAt === -1 && index < queue.length; index++) {
      const candidate = queue[index]
      if (candidate?.type !== 'text') continue
      closeAt = candidate.value.indexOf(closer)
      if (closeAt !== -1) {
        closing = candidate
        through = index
      }
    }
    if (closeAt === -1) {
      result.push(node)
      continue
    }
    let inner: PhrasingContent[] =
      closing === node ? [part(node, innerStart, closeAt)] : [part(node, innerStart, node.value.length), ...queue.slice(0, through), part(closing, 0, closeAt)]
    let number = 0
    let hint: string | null = null
    if (closer === '}}') {
      const first = inner[0]
      const numbered = first?.type === 'text' ? /^\s*c?(\d{1,3})::/.exec(first.value) : null
      if (first?.type === 'text' && numbered) {
        number = Number(numbered[1])
        inner[0] = {...first, value: first.value.slice(numbered[0].length)}
      }
      const last = inner.at(-1)
      const hintAt = last?.type === 'text' ? last.value.lastIndexOf('::') : -1
      if (last?.type === 'text' && hintAt !== -1) {
        hint = last.value.slice(hintAt + 2).trim() || null
        inner[inner.length - 1] = {...last, value: last.value.slice(0, hintAt)}
      }
    }
    inner = inner.filter((piece) => piece.type !== 'text' || piece.value !== '')
    const empty = inner.every((piece) => piece.type === 'text' && piece.value.trim() === '')
    const before = part(node, 0, open.index)
    const after = part(closing, closeAt + 2, closing.value.length)
    if (empty) {
      // Nothing to hide: keep the text as written.
      result.push(part(node, 0, innerStart))
      queue = [part(node, innerStart, node.value.length), ...queue]
      continue
    }
    if (before.value) result.push(before)
    const cloze: Cloze = {type: 'cloze', number, hint, children: inner}
    const start = before.position?.end ?? node.position?.start
    const end = after.position?.start ?? closing.position?.end
    if (start && end) cloze.position = {start, end}
    result.push(cloze as never)
    queue = [after, ...(closing === node ? queue : queue.slice(through + 1))]
  }
  return result.filter((node) => node.type !== 'text' || node.value !== '')
}

/** Characters `from`…`to` of a text node, with their position when it can be told. */
function part(node: Text, from: number, to: number): Text {
  const piece: Text = {type: 'text', value: node.value.slice(from, to)}
  const position = slice(node.position, node.value, from, to)
  if (position) piece.position = position
  return piece
}

// Exact only for one-line text whose source is as long as its value.
function slice(position: Position | undefined, value: string, from: number, to: number): Position | undefined {
  if (!position) return undefined
  const {start, end} = position
  const exact = start.line === end.line && end.column - start.column === value.length && !value.includes('\n')
  if (!exact) return position
  return {start: {line: start.line, column: start.column + from}, end: {line: start.line, column: start.column + to}}
}
