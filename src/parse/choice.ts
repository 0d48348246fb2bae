/**
 * Multiple-choice questions: an option list in the prompt and the correct
 * options, from checked task-list boxes (`- [x] …`) or from an answer that
 * names letters (`Answer: B`, `#### Answer: B, D`, `> **Answer: B**`).
 *
 * Options are written as `- A: …`, `- A) …`, `- a. …`, `1. …` (ordered
 * lists numbered by position), lines `a. …` / `b) …` in one paragraph, or
 * GFM task lists.
 *
 * @module
 */
import type {List, ListItem, Paragraph, PhrasingContent, RootContent, Text} from 'mdast'
import type {Choice, FieldContent} from '../ast/types.js'
import {phrasingLines} from './phrasing-lines.js'

/** An option list found among a question's prompt blocks. */
export interface OptionList {
  /** Index of the block that holds the options. */
  index: number
  choices: Choice[]
  /** Whether correctness is written on the options (task list boxes). */
  checked: boolean
  /**
   * Whether the options carry written labels (`A:`, `b)`): unmistakably
   * options. A plain numbered list may just be part of an answer.
   */
  labelled: boolean
}

const labelPattern = /^\s*\(?([A-Za-z]|\d{1,2})\s*(?:[:).]\s+|[:)]$)/

/**
 * Find the option list in a question's prompt blocks (the last one, so a list
 * inside the question text does not count when options follow it).
 */
export function findOptions(blocks: readonly RootContent[]): OptionList | undefined {
  for (let index = blocks.length - 1; index >= 0; index--) {
    const block = blocks[index]
    if (!block) continue
    const choices = block.type === 'list' ? fromList(block) : block.type === 'paragraph' ? fromLines(block) : undefined
    if (choices) return {index, ...choices}
  }
  return undefined
}

function fromList(list: List): {choices: Choice[]; checked: boolean; labelled: boolean} | undefined {
  if (list.children.length < 2) return undefined
  const tasks = list.children.every((item) => typeof item.checked === 'boolean')
  if (tasks) {
    return {checked: true, labelled: false, choices: list.children.map((item) => ({label: null, content: itemContent(item), correct: item.checked === true}))}
  }
  const labelled = list.children.map((item) => labelOf(item))
  if (isLabelSequence(labelled)) {
    return {checked: false, labelled: true, choices: list.children.map((item, index) => ({label: labelled[index] ?? null, content: itemContent(item, true), correct: false}))}
  }
  // An ordered list of short items right before the answer reads as options 1, 2, 3.
  if (list.ordered && list.children.every((item) => item.children.length === 1 && item.children[0]?.type === 'paragraph')) {
    const start = list.start ?? 1
    return {checked: false, labelled: false, choices: list.children.map((item, index) => ({label: String(start + index), content: itemContent(item), correct: false}))}
  }
  return undefined
}

/** `a. one` / `b. two` on consecutive lines of one paragraph. */
function fromLines(paragraph: Paragraph): {choices: Choice[]; checked: boolean; labelled: boolean} | undefined {
  const lines = splitInlineOptions(phrasingLines(paragraph.children))
  if (lines.length < 2) return undefined
  const choices: Choice[] = []
  for (const line of lines) {
    const first = line[0]
    const match = first?.type === 'text' ? labelPattern.exec(first.value) : null
    if (!match || !first || first.type !== 'text') return undefined
    const rest = [{...first, value: first.value.slice(match[0].length)} as Text, ...line.slice(1)]
    const content: FieldContent = {type: 'root', children: [{type: 'paragraph', children: rest}]}
    choices.push({label: match[1] ?? null, content, correct: false})
  }
  if (!isLabelSequence(choices.map((choice) => choice.label ?? undefined))) return undefined
  return {checked: false, labelled: true, choices}
}

/**
 * Option labels run in order from the first letter or number (`A B C`,
 * `a b c`, `1 2 3`). Anything else (`Q:` / `A:` lines of a quoted exchange,
 * `Note:`) is not an option list.
 */
function isLabelSequence(labels: ReadonlyArray<string | undefined>): labels is string[] {
  return labels.every((label, index) => {
    if (label === undefined) return false
    if (/^\d+$/.test(label)) return Number(label) === index + 1
    return label.toLowerCase() === String.fromCharCode(97 + index)
  })
}

function labelOf(item: ListItem): string | undefined {
  const paragraph = item.children[0]
  const first = paragraph?.type === 'paragraph' ? paragraph.children[0] : undefined
  if (!first || first.type !== 'text') return undefined
  return labelPattern.exec(first.value)?.[1]
}

function itemContent(item: ListItem, dropLabel = false): FieldContent {
  const children = structuredClone(item.children)
  if (dropLabel) {
    const paragraph = children[0]
    const first = paragraph?.type === 'paragraph' ? paragraph.children[0] : undefined
    if (paragraph?.type === 'paragraph' && first?.type === 'text') {
      const match = labelPattern.exec(first.value)
      if (match) first.value = first.value.slice(match[0].length)
    }
  }
  const content: FieldContent = {type: 'root', children}
  if (item.position) content.position = item.position
  return content
}

/**
 * Options written on one line, spaced apart: `(a) Mars &emsp; (b) Jupiter`
 * or `A) one   B) two`. A single line of plain text is cut before each label
 * that follows wide space (an em or en space, a tab, two spaces or more, or
 * a bar).
 */
function splitInlineOptions(lines: PhrasingContent[][]): PhrasingContent[][] {
  const [line] = lines
  if (lines.length !== 1 || !line) return lines
  const parts: PhrasingContent[][] = [[]]
  for (const node of line) {
    if (node.type !== 'text') {
      parts.at(-1)?.push(node)
      continue
    }
    const pieces = node.value.split(inlineOptionGap)
    pieces.forEach((piece, index) => {
      if (index > 0) parts.push([])
      if (piece) parts.at(-1)?.push({type: 'text', value: index > 0 ? piece.trimStart() : piece})
    })
  }
  const options = parts.filter((part) => part.length > 0)
  return options.length >= 2 ? options : lines
}

// Wide space (an em or en space, a tab, two spaces or more, or a bar) before an option label.
const inlineOptionGap = /(?:[\u2002\u2003\u2009\t]+\s*|\s{2,}|\s+\|\s+)(?=\(?(?:[A-Za-z]|\d{1,2})\s*[:).]\s)/u

const separator = String.raw`\s*(?:,|&|/|\band\b|\bet\b|\by\b|\bund\b|\be\b|\bor\b|\bou\b|\bo\b|、|，)\s*`
const lettersOnly = new RegExp(String.raw`^\s*\(?((?:[A-Za-z]|\d{1,2})(?:\)?${separator}\(?(?:[A-Za-z]|\d{1,2}))*)\s*[.)]?\s*$`, 'u')
const lettersThen = new RegExp(String.raw`^\s*\(?((?:[A-Za-z]|\d{1,2})(?:\)?${separator}\(?(?:[A-Za-z]|\d{1,2}))*)\s*(?:[.):]|\s[-–—]|(?=\n))\s*`, 'u')

/**
 * Letters an answer names, read from its first paragraph: `B`, `B, D`,
 * `A and C`, `C. Because …`.
 *
 * @returns The letters and how much of the text they took, or undefined.
 *
 * @example
 * answerLetters('B, D') // {letters: ['B', 'D'], length: 4}
 */
export function answerLetters(text: string): {letters: string[]; length: number} | undefined {
  const match = lettersOnly.exec(text) ?? lettersThen.exec(text)
  if (!match) return undefined
  const letters = (match[1] ?? '').split(new RegExp(separator, 'u')).map((letter) => letter.replace(/[()]/g, '').trim()).filter(Boolean)
  return {letters, length: match[0].length}
}

/** Compare option labels loosely (`b` names `B`). */
export function sameLabel(a: string | null, b: string): boolean {
  return a !== null && a.toLowerCase() === b.toLowerCase()
}
