/**
 * The `qa` dialect: questions and answers as labelled paragraphs.
 *
 * ```markdown
 * # Python
 *
 * Q: What is the GIL?
 * A: A lock that lets one thread run Python bytecode at a time.
 *
 * **Question:** What does `*args` collect?
 *
 * **Answer:** The extra positional arguments.
 * It can go on for several paragraphs, up to the next question.
 * ```
 *
 * Labels come from the marker tables (`Q:`/`A:`, `Question:`/`Answer:`,
 * `Pregunta:`/`Respuesta:`, `Frage:`/`Antwort:`, `问：`/`答：` …), bold or
 * not. Headings name decks. Documented in README ("Syntax › The `qa`
 * dialect"); fixtures under `test/fixtures/qa/`.
 *
 * @module
 */
import type {Paragraph, Root as MdastRoot, RootContent} from 'mdast'
import type {Point} from 'unist'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {report} from '../../diagnostics/report.js'
import {pushLevel} from '../level.js'
import {boldQuestion, opensAnswer, prefixedQuestion, readBody, splitMarker} from './body.js'
import {headingDialect} from './heading.js'
import type {Dialect, DraftSection, LevelHeading, RecognizeOptions} from './types.js'

/** The `qa` dialect. */
export const qaDialect: Dialect = {
  name: 'qa',
  description: 'Questions and answers as labelled paragraphs (Q: / A:, **Question:** / **Answer:** …) or bold questions (**What is X?**); headings name decks.',
  detect(tree) {
    const heads = tree.children.flatMap((block) => questionHead(block) ?? [])
    const labelled = heads.filter((head) => !head.bold).length
    // A bold line ending in `?` is a weaker sign than a label: it can be a
    // sub-question inside an answer. It counts only in files that have no
    // question headings.
    const bold = heads.length - labelled
    return labelled + (bold > 0 && headingDialect.detect(tree) === 0 ? bold : 0)
  },
  recognize
}

function recognize(tree: MdastRoot, file: VFile, options: RecognizeOptions): DraftSection[] {
  const sections: DraftSection[] = []
  let levels: LevelHeading[] = []
  let open: {head: Paragraph; blocks: RootContent[]; levels: LevelHeading[]; start: RootContent; implicit: boolean} | undefined

  const close = () => {
    if (!open) return
    const result = readBody(open.head, open.blocks, {file, directives: {}, reversed: options.reversed, implicitAnswer: open.implicit})
    if (result.status === 'no-answer') {
      report(file, 'missing-answer', 'This question has no answer (`A:`, `**Answer:**` …) before the next question; no card is made', open.start)
    } else if (result.status === 'question') {
      if (result.implicit) report(file, 'implicit-answer', 'No answer label: the text below this bold question is taken as its answer', open.start)
      const last = sections.at(-1)
      if (last && last.levels === open.levels) {
        last.questions.push(result.draft)
        last.position = {start: last.position.start, end: result.draft.position.end}
      } else {
        const top = open.levels.at(-1)?.node.position
        sections.push({levels: open.levels, questions: [result.draft], position: {start: top?.start ?? result.draft.position.start, end: result.draft.position.end}})
      }
    }
    open = undefined
  }

  for (const block of tree.children) {
    if (block.type === 'yaml') continue
    if (block.type === 'heading') {
      close()
      levels = pushLevel(levels, block)
      continue
    }
    const head = questionHead(block)
    if (head) {
      close()
      open = {head: head.prompt, blocks: head.rest, levels, start: block, implicit: head.bold}
      continue
    }
    if (open) open.blocks.push(block)
    else if (opensAnswer(block)) report(file, 'orphan-answer', 'This answer has no question above it (no `Q:` line); it is ignored', block)
  }
  close()
  return sections
}

/**
 * If a block opens a question (`Q: …`, `**Q.** …`, a bold question line),
 * the prompt paragraph and any answer that shares the block (`Q: …` and
 * `A: …` on consecutive lines).
 */
export function questionHead(block: RootContent): {prompt: Paragraph; rest: RootContent[]; bold: boolean} | undefined {
  const marker = splitMarker(block)
  if (!marker || marker.field !== 'question') return prefixedQuestion(block) ?? boldQuestion(block)
  const [first] = marker.rest
  if (!first || first.type !== 'paragraph') return undefined
  // `Q: …\nA: …` in one paragraph: split at the line where the answer label starts.
  const lines = splitAtAnswer(first)
  // `**Q: What is X?**` on a line of its own reads like a bold question: the
  // text below may answer it without a label.
  const wholeLineBold = block.type === 'paragraph' && block.children.length === 1 && block.children[0]?.type === 'strong' && /[?？؟]\s*$/.test(toString(block))
  return {...(lines ?? {prompt: first, rest: marker.rest.slice(1)}), bold: wholeLineBold}
}

function splitAtAnswer(paragraph: Paragraph): {prompt: Paragraph; rest: RootContent[]} | undefined {
  const children = paragraph.children
  for (const [index, child] of children.entries()) {
    if (child.type !== 'text') continue
    let from = 0
    while (true) {
      const newline = child.value.indexOf('\n', from)
      if (newline === -1) break
      const after = child.value.slice(newline + 1)
      const candidate: Paragraph = {type: 'paragraph', children: [{type: 'text', value: after}, ...children.slice(index + 1)]}
      if (splitMarker(candidate)?.field === 'answer') {
        const promptChildren = [...children.slice(0, index), {...child, value: child.value.slice(0, newline)}]
        const prompt: Paragraph = {type: 'paragraph', children: promptChildren}
        if (paragraph.position) prompt.position = paragraph.position
        const answerStart: Point = {line: (child.position?.start.line ?? 1) + lineCount(child.value.slice(0, newline + 1)), column: 1}
        const base = child.position?.start.offset
        if (base !== undefined) answerStart.offset = base + newline + 1
        candidate.position = {start: answerStart, end: paragraph.position?.end ?? answerStart}
        const firstText = candidate.children[0]
        if (firstText) firstText.position = {start: answerStart, end: paragraph.position?.end ?? answerStart}
        return {prompt, rest: [candidate]}
      }
      from = newline + 1
    }
  }
  return undefined
}

function lineCount(text: string): number {
  return text.split('\n').length - 1
}
