/**
 * The `list` dialect: questions as list items, the answer nested below the
 * question line, the way many study notes are written.
 *
 * ```markdown
 * ## Networking
 *
 * 1. What is a subnet mask?
 *    It tells which part of an address is the network.
 * 2. **What does ARP do?**
 *    - It maps IP addresses to MAC addresses.
 * - Q: What is TCP? A: A reliable stream protocol.
 * ```
 *
 * An item is a question when its first line asks (ends in `?`, opens with an
 * interrogative or imperative word, is bold on its own, or carries a
 * `Q:`/`Q.` label) and something follows it in the
 * item: that is the answer (answer markers inside still switch fields). An
 * item with nothing below its question makes no card (see
 * `unanswered-questions`). Headings name decks.
 *
 * @module
 */
import type {List, ListItem, Paragraph, Root as MdastRoot, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {pushLevel} from '../level.js'
import {opensWithPromptWord} from '../structure/forms.js'
import {readBody, trimPhrasing} from './body.js'
import {questionHead} from './qa.js'
import {SectionBuilder} from './sections.js'
import type {Dialect, DraftQuestion, DraftSection, LevelHeading, RecognizeOptions} from './types.js'

/** The `list` dialect. */
export const listDialect: Dialect = {
  name: 'list',
  description: 'Questions as list items with the answer nested below the question line; headings name decks.',
  detect(tree) {
    let count = 0
    for (const block of tree.children) if (block.type === 'list') count += block.children.filter((item) => itemQuestion(item) !== undefined).length
    return count
  },
  recognize
}

/** The prompt and answer blocks of an item that asks a question and answers it. */
function itemQuestion(item: ListItem): {head: Paragraph; blocks: RootContent[]} | undefined {
  const [first, ...rest] = item.children
  if (!first || first.type !== 'paragraph') return undefined
  const labelled = questionHead(first)
  if (labelled) {
    const blocks = [...labelled.rest, ...rest]
    return blocks.length > 0 ? {head: labelled.prompt, blocks} : undefined
  }
  const lines = splitFirstLine(first)
  const line = lines ? toString(lines.head, {includeHtml: false}).trim() : ''
  if (!lines || !(/[?？؟]$/.test(line) || opensWithPromptWord(line))) return undefined
  const blocks = [...lines.rest, ...rest]
  return blocks.length > 0 ? {head: lines.head, blocks} : undefined
}

/** A paragraph's first line, and the rest of it as a paragraph of its own. */
function splitFirstLine(paragraph: Paragraph): {head: Paragraph; rest: RootContent[]} | undefined {
  const children = paragraph.children
  for (const [index, child] of children.entries()) {
    const newline = child.type === 'text' ? child.value.indexOf('\n') : child.type === 'break' ? 0 : -1
    if (newline === -1) continue
    const headChildren = child.type === 'text' ? [...children.slice(0, index), {...child, value: child.value.slice(0, newline)}] : children.slice(0, index)
    const restChildren = trimPhrasing(child.type === 'text' ? [{...child, value: child.value.slice(newline + 1)}, ...children.slice(index + 1)] : children.slice(index + 1))
    const head: Paragraph = {type: 'paragraph', children: trimPhrasing(headChildren)}
    if (paragraph.position) head.position = paragraph.position
    if (restChildren.length === 0) return {head, rest: []}
    const rest: Paragraph = {type: 'paragraph', children: restChildren}
    const start = restChildren[0]?.position?.start
    if (start && paragraph.position) rest.position = {start, end: paragraph.position.end}
    else if (paragraph.position) rest.position = paragraph.position
    return {head, rest: [rest]}
  }
  return {head: paragraph, rest: []}
}

function recognize(tree: MdastRoot, file: VFile, options: RecognizeOptions): DraftSection[] {
  const sections = new SectionBuilder()
  let levels: LevelHeading[] = []
  const add = (draft: DraftQuestion) => sections.add(levels, draft)
  for (const block of tree.children) {
    if (block.type === 'heading') levels = pushLevel(levels, block)
    else if (block.type === 'list') readList(block, file, options, add)
  }
  return sections.sections
}

function readList(list: List, file: VFile, options: RecognizeOptions, add: (draft: DraftQuestion) => void): void {
  for (const item of list.children) {
    const found = itemQuestion(item)
    if (!found) continue
    const result = readBody(found.head, found.blocks, {file, directives: {}, reversed: options.reversed, implicitAnswer: true})
    if (result.status === 'question') add(result.draft)
  }
}
