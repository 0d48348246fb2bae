/**
 * Text → mdast, with the syntax deckdown reads: CommonMark, GFM (tables, task
 * lists, strikethrough, autolinks, footnotes), YAML frontmatter and math
 * (`$…$`, `$$…$$`).
 *
 * @module
 */
import type {Image, Link, Root, Text} from 'mdast'
import {definitions} from 'mdast-util-definitions'
import type {InlineMath, Math} from 'mdast-util-math'
import {SKIP, visit} from 'unist-util-visit'
import {defaultBlockSize, parseInBlocks, type PieceMemo} from './blocks.js'
import {syntaxParser} from './syntax.js'

/**
 * Parse Markdown text into mdast (with positions).
 *
 * Long texts are parsed in pieces that give the same tree (see blocks.ts):
 * parse time stays linear in the length of one file. Each piece is parsed
 * with the syntax extensions it could use (see syntax.ts).
 *
 * @param text Decoded text (LF line endings).
 * @param blockSize Smallest piece parsed on its own (tests make it tiny).
 * @param pieces Trees of pieces parsed before (see `PieceMemo`).
 * @returns mdast root.
 */
export function parseMarkdown(text: string, blockSize: number = defaultBlockSize, pieces?: PieceMemo): Root {
  const tree = parseInBlocks(text, (piece) => syntaxParser(piece)(piece), blockSize, pieces)
  // Both passes only change nodes that need a `$` or a definition.
  if (text.includes('$')) tidyMath(tree, text)
  if (text.includes(']:')) resolveReferences(tree)
  return tree
}

/**
 * Turn reference-style links and images (`![diagram][d]` with `[d]: d.png`
 * elsewhere in the file) into plain ones. A question's fields are rendered on
 * their own, away from the file's definitions, so they must not depend on
 * them; and media collection then sees every image the same way.
 */
function resolveReferences(tree: Root): void {
  const definition = definitions(tree)
  visit(tree, (node, index, parent) => {
    if ((node.type !== 'imageReference' && node.type !== 'linkReference') || !parent || index === undefined) return undefined
    const found = definition(node.identifier)
    if (!found) return undefined
    const replacement: Image | Link =
      node.type === 'imageReference'
        ? {type: 'image', url: found.url, title: found.title ?? null, alt: node.alt ?? null}
        : {type: 'link', url: found.url, title: found.title ?? null, children: node.children}
    if (node.position) replacement.position = node.position
    parent.children.splice(index, 1, replacement as never)
    return undefined
  })
}

/**
 * Keep math honest:
 *
 * - Prices are not math. `It costs $5 and $10` would otherwise parse as inline
 *   math `5 and `. As in Pandoc, inline `$…$` whose content starts or ends with
 *   a space, or whose closing `$` is followed by a digit, is text again.
 * - The AST holds no HTML: the hast hints remark-math leaves in `data` are
 *   dropped; the render layer decides how math looks.
 * - `$$…$$` inside a paragraph is display math (GitHub, Obsidian): it is
 *   marked `data.display` (the render layer writes `\[…\]`).
 */
function tidyMath(tree: Root, text: string): void {
  visit(tree, (node, index, parent) => {
    if (node.type !== 'inlineMath' && node.type !== 'math') return undefined
    const math = node as InlineMath | Math
    delete math.data
    if (math.type !== 'inlineMath' || !parent || index === undefined) return undefined
    const start = math.position?.start.offset
    const end = math.position?.end.offset
    if (start === undefined || end === undefined) return undefined
    const source = text.slice(start, end)
    if (source.startsWith('$$')) {
      math.data = {display: true}
      return undefined
    }
    const looksLikeMoney = math.value.trim() !== math.value || math.value === '' || /^\d/.test(text.slice(end, end + 1))
    if (!looksLikeMoney) return undefined
    const replacement: Text = {type: 'text', value: source}
    if (math.position) replacement.position = math.position
    parent.children.splice(index, 1, replacement as never)
    mergeTexts(parent.children as Array<{type: string; value?: string; position?: Text['position']}>, index)
    return [SKIP, index]
  })
}

/** Merge the text at `index` with text neighbours, so prose stays one node. */
function mergeTexts(children: Array<{type: string; value?: string; position?: Text['position']}>, index: number): void {
  let at = index
  const previous = children[at - 1]
  const current = children[at]
  if (previous?.type === 'text' && current?.type === 'text') {
    previous.value = (previous.value ?? '') + (current.value ?? '')
    if (previous.position && current.position) previous.position = {start: previous.position.start, end: current.position.end}
    children.splice(at, 1)
    at--
  }
  const here = children[at]
  const next = children[at + 1]
  if (here?.type === 'text' && next?.type === 'text') {
    here.value = (here.value ?? '') + (next.value ?? '')
    if (here.position && next.position) here.position = {start: here.position.start, end: next.position.end}
    children.splice(at + 1, 1)
  }
}
