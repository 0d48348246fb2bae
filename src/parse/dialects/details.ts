/**
 * The `details` dialect: standalone `<details>` blocks whose `<summary>` is
 * the question and whose inside is the answer, the layout of many exercise
 * collections. No question heading is needed; headings name decks.
 *
 * ```markdown
 * ## Networking
 *
 * <details>
 * <summary><b>What is a subnet mask?</b></summary><br><b>
 *
 * It tells which part of an address is the network.
 * </b></details>
 * ```
 *
 * The summary may be wrapped in `<b>`/`<strong>` and followed by `<br>`; the
 * inside is read as Markdown, whether blank lines separate it from the tags
 * or not. A `<details>` whose summary is only a reveal label ("Answer",
 * "Show solution", "Réponse" …) answers the question in the paragraph
 * just before it, when that paragraph asks one.
 *
 * Documented in README ("Syntax › Questions in `<details>` blocks");
 * fixtures under `test/fixtures/banks/`.
 *
 * @module
 */
import type {Paragraph, PhrasingContent, Root as MdastRoot, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {report} from '../../diagnostics/report.js'
import {pushLevel} from '../level.js'
import {collectDetails, isHintLabel, isRevealLabel, isSupplementLabel, opensDetails, summaryText} from '../structure/details.js'
import {findOptions} from '../choice.js'
import {readBody, stripNumberingPhrasing, trimPhrasing} from './body.js'
import {questionHead} from './qa.js'
import {SectionBuilder} from './sections.js'
import type {Dialect, DraftQuestion, DraftSection, LevelHeading, RecognizeOptions} from './types.js'

/** The `details` dialect. */
export const detailsDialect: Dialect = {
  name: 'details',
  description: 'Standalone <details> blocks: the <summary> is the question, the inside is the answer; headings name decks.',
  detect(tree) {
    let count = 0
    walkDetails(tree.children, (summary, _inner, previous) => {
      if (summaryAsks(summary) || (previous && previousAsks(previous))) count++
    })
    return count
  },
  recognize
}

function summaryAsks(summary: PhrasingContent[] | undefined): boolean {
  if (!summary) return false
  const text = toString({type: 'paragraph', children: summary}).trim()
  if (text === '') return false
  return !isRevealLabel(text)
}

/**
 * The question a reveal-label `<details>` answers: the paragraph just before
 * it when it asks (`What is X?`, `**Q1.** Define …`), or the last item of a
 * list just before it (`1. What is a mean?`, numbered questions that
 * CommonMark reads as one-item lists). Under an explicit answer label
 * (`Answer`, `Solution`) any paragraph or item is taken, with everything the
 * item holds (sub-questions, an image) as the rest of the prompt.
 */
function askedBefore(block: RootContent | undefined, answerLabel: boolean): {head: Paragraph; rest: RootContent[]} | undefined {
  if (block?.type === 'list') {
    const item = block.children.at(-1)
    const [first, ...rest] = item?.children ?? []
    if (first?.type !== 'paragraph') return undefined
    if (rest.length === 0) return askedBefore(first, answerLabel)
    return answerLabel ? {head: first, rest} : undefined
  }
  if (block?.type !== 'paragraph') return undefined
  const labelled = questionHead(block)
  if (labelled) return labelled.rest.length === 0 ? {head: labelled.prompt, rest: []} : undefined
  return answerLabel || /[?？؟]\s*$/.test(toString(block, {includeHtml: false})) ? {head: block, rest: []} : undefined
}

/** Code, or a list or lines of options: what a question's stem may carry between its text and its answer. */
function isPromptMaterial(block: RootContent): boolean {
  if (block.type === 'code') return true
  return (block.type === 'list' || block.type === 'paragraph') && findOptions([block])?.labelled === true
}

function previousAsks(block: RootContent): boolean {
  return askedBefore(block, false) !== undefined
}

/** Call `found` for each top-level `<details>` block, with the block before it. */
function walkDetails(blocks: readonly RootContent[], found: (summary: PhrasingContent[] | undefined, inner: RootContent[], previous: RootContent | undefined) => void): void {
  let index = 0
  while (index < blocks.length) {
    if (!opensDetails(blocks[index])) {
      index++
      continue
    }
    const details = collectDetails(blocks, index)
    found(details.summary, details.inner, blocks[index - 1])
    index = details.next
  }
}

function recognize(tree: MdastRoot, file: VFile, options: RecognizeOptions): DraftSection[] {
  const sections = new SectionBuilder()
  let levels: LevelHeading[] = []
  const add = (draft: DraftQuestion) => sections.add(levels, draft)

  const blocks = tree.children
  let index = 0
  while (index < blocks.length) {
    const block = blocks[index] as RootContent
    if (block.type === 'heading') {
      levels = pushLevel(levels, block)
      index++
      continue
    }
    if (!opensDetails(block)) {
      index++
      continue
    }
    const start = index
    const details = collectDetails(blocks, start)
    index = details.next
    let head: Paragraph | undefined
    let promptRest: RootContent[] = []
    if (summaryAsks(details.summary) && details.summary) {
      head = {type: 'paragraph', children: stripNumberingPhrasing(trimPhrasing(details.summary))}
      if (details.summaryPosition) head.position = details.summaryPosition
    } else {
      const label = summaryText(details.summary)
      const answerLabel = label !== undefined && label !== '' && !isSupplementLabel(label) && !isHintLabel(label)
      // Options and code between the question and its answer belong to the prompt.
      let before = start - 1
      const between: RootContent[] = []
      while (answerLabel && before > 0 && between.length < 3 && isPromptMaterial(blocks[before] as RootContent)) between.unshift(blocks[before--] as RootContent)
      const asked = askedBefore(blocks[before], answerLabel && between.length === 0)
      head = asked?.head
      promptRest = [...(asked?.rest ?? []), ...between]
    }
    if (!head) continue
    // A prompt over several blocks: a marker made here keeps them in the prompt.
    const extraPrompt = [...promptRest, ...details.summaryBlocks]
    const body = extraPrompt.length > 0 ? [...extraPrompt, answerMarker(details.position ?? head.position), ...details.inner] : details.inner
    const result = readBody(head, body, {file, directives: {}, reversed: options.reversed, implicitAnswer: true})
    if (result.status === 'question') add(result.draft)
    else if (result.status === 'no-answer') {
      report(file, 'empty-answer', 'This <details> block asks a question but reveals nothing; no card is made', details.position ?? block)
    }
  }
  return sections.sections
}

/** An `**Answer:**` paragraph standing for the end of a multi-block summary. */
function answerMarker(position: Paragraph['position']): Paragraph {
  const marker: Paragraph = {type: 'paragraph', children: [{type: 'strong', children: [{type: 'text', value: 'Answer:'}]}]}
  if (position) marker.position = position
  return marker
}
