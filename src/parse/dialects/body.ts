/**
 * The body of one question, shared by every dialect: from the blocks after
 * the prompt's start to fields (prompt, answer, example, extra), options,
 * clozes, directives and the kind.
 *
 * The answer can be opened by a marker (bold, plain or as a heading:
 * `**Answer:**`, `Answer: B`, `#### Answer: C`, `> **Answer: B**`) or by a
 * `<details>` block; example and extra markers switch fields the same way.
 *
 * @module
 */
import type {Blockquote, Heading, Paragraph, PhrasingContent, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {Choice, FieldContent, QuestionKind} from '../../ast/types.js'
import {report} from '../../diagnostics/report.js'
import {answerLetters, findOptions, sameLabel} from '../choice.js'
import {clozeNumbers, renumberHighlights} from '../cloze.js'
import {directivesFromComment, mergeDirectives, type Directives} from '../directives.js'
import {markerAtStart, markerField, type MarkedField} from '../markers.js'
import {collectDetails, isHintLabel, isSupplementLabel, opensDetails, summaryText} from '../structure/details.js'
import {asksByForm, opensWithPromptWord} from '../structure/forms.js'
import type {DraftQuestion} from './types.js'

/** A field a marker can switch to inside a question body. */
type Slot = 'prompt' | 'answer' | 'example' | 'extra'

/** Settings a dialect passes to {@link readBody}. */
export interface BodyOptions {
  file: VFile
  /** Directives already read (from the heading line). */
  directives: Directives
  /** Make basic questions reversed (frontmatter `reversed: true`). */
  reversed: boolean
  /**
   * Whether content without an answer marker may be the answer: true for a
   * heading that asks (`…?`); the caller reports `implicit-answer`.
   */
  implicitAnswer: boolean
}

/** What a body turned out to be. */
export type BodyResult =
  | {status: 'question'; draft: DraftQuestion; implicit: boolean}
  | {status: 'no-answer'}
  | {status: 'rejected'}

/**
 * Read a question body.
 *
 * @param head The prompt's first paragraph (heading text or `Q:` line), with its position.
 * @param blocks The blocks that follow, up to the next question.
 */
export function readBody(head: Paragraph, blocks: readonly RootContent[], options: BodyOptions): BodyResult {
  const {file} = options
  let directives = options.directives
  const fields: Record<Slot, RootContent[]> = {prompt: [head], answer: [], example: [], extra: []}
  let slot: Slot = 'prompt'
  let answerOpened = false
  let quoted = false

  const items = groupDetails(blocks)
  let leading = true
  const walk = (entries: readonly Entry[]) => {
    for (const entry of entries) {
      if (entry.type === 'details') {
        // Under a heading that asks, prose and then a "Deep dive" block: the
        // block adds to the implicit answer, it does not reveal it.
        if (slot === 'prompt' && options.implicitAnswer && fields.prompt.length > 1 && isSupplementLabel(entry.summary)) {
          fields.prompt.push(...entry.inner)
          continue
        }
        // A "Hint" before the answer is extra help, not the answer.
        if (slot === 'prompt' && isHintLabel(entry.summary)) {
          fields.extra.push(...entry.inner)
          continue
        }
        if (slot === 'prompt') {
          slot = 'answer'
          answerOpened = true
        }
        walk(groupDetails(entry.inner))
        continue
      }
      const block = entry.block
      if (leading && block.type === 'html') {
        const found = directivesFromComment(block.value)
        if (found) {
          directives = mergeDirectives(directives, found)
          continue
        }
      }
      leading = false
      if (isNavigation(block)) continue
      const marker = splitMarker(block)
      // A `Q:` line after some content opens a quoted exchange (an interview
      // dialogue inside an answer): the `A:` lines that follow are content.
      if ((marker?.field === 'question' || prefixedQuestion(block)) && (fields.prompt.length > 1 || slot !== 'prompt')) quoted = true
      if (marker && marker.field !== 'question' && !quoted) {
        slot = marker.field
        if (slot === 'answer') answerOpened = true
        fields[slot].push(...marker.rest)
        continue
      }
      fields[slot].push(block)
    }
  }
  walk(items)

  // Options: the last list of the prompt, when it reads as options.
  let choices: Choice[] | null = null
  const found = findOptions(fields.prompt.slice(1))
  if (found) {
    if (found.checked) {
      choices = found.choices
    } else {
      const first = fields.answer[0]
      const letters = first?.type === 'paragraph' ? answerLetters(toString(first)) : undefined
      if (letters && first?.type === 'paragraph') {
        const unknown = letters.letters.filter((letter) => !found.choices.some((choice) => sameLabel(choice.label, letter)))
        if (unknown.length > 0) {
          report(
            file,
            'choice-unknown-answer',
            `The answer names ${unknown.map((letter) => `\`${letter}\``).join(', ')}, which is not an option (${found.choices.map((choice) => choice.label).join(', ')}); no card is made`,
            first
          )
          return {status: 'rejected'}
        }
        choices = found.choices.map((choice) => ({...choice, correct: letters.letters.some((letter) => sameLabel(choice.label, letter))}))
        const rest = dropText(first, letters.length)
        if (rest) fields.answer[0] = rest
        else fields.answer.shift()
      } else if (!answerOpened && found.labelled) {
        // Lettered options and no answer at all: the answer is missing, the
        // options are not it. (A plain numbered list with no answer marker is
        // just content, possibly an implicit answer.)
        return {status: 'no-answer'}
      }
      // Otherwise a prose answer: a basic question whose prompt has a list.
    }
    if (choices) {
      fields.prompt.splice(found.index + 1, 1)
      if (!choices.some((choice) => choice.correct)) {
        report(file, 'choice-no-correct', 'This multiple-choice question marks no option as correct (check a box `- [x]` or write `Answer: B`); no card is made', head)
        return {status: 'rejected'}
      }
    }
  }

  const all = [fields.prompt, fields.answer, fields.example, fields.extra].map((children) => ({type: 'root', children}) as FieldContent)
  renumberHighlights(all)
  const isCloze = clozeNumbers([all[0] as FieldContent]).length > 0

  let implicit = false
  if (!choices && !isCloze && !answerOpened) {
    if (!options.implicitAnswer || fields.prompt.length < 2) return {status: 'no-answer'}
    // A heading that asks, followed by content: the content is the answer.
    fields.answer = fields.prompt.splice(1)
    implicit = true
    // An exercise: a title that asks nothing (`Sum of digits`), then its task
    // (`Write a function that …`), then the solution. The task is part of the
    // question; with no solution there is no answer.
    const task = fields.answer[0]
    if (task?.type === 'paragraph' && !asksByForm(stripNumbering(toString(head))) && opensWithTask(toString(task))) {
      if (fields.answer.length === 1) return {status: 'no-answer'}
      fields.prompt.push(fields.answer.shift() as RootContent)
    }
  }
  if (!choices && !isCloze && fields.answer.length === 0) {
    report(file, 'empty-answer', 'The answer marker is followed by nothing before the next question; no card is made', head)
    return {status: 'rejected'}
  }

  let kind: QuestionKind = choices ? 'choice' : isCloze ? 'cloze' : 'basic'
  if (kind === 'basic' && (directives.reversed || options.reversed)) kind = 'reversed'
  const everything = [...fields.prompt, ...fields.answer, ...fields.example, ...fields.extra]
  const start = head.position?.start ?? {line: 1, column: 1}
  const draft: DraftQuestion = {
    kind,
    prompt: toField(fields.prompt),
    answer: toField(fields.answer),
    example: fields.example.length > 0 ? toField(fields.example) : null,
    extra: fields.extra.length > 0 ? toField(fields.extra) : null,
    choices,
    tags: directives.tags ?? [],
    explicitId: directives.id === undefined ? undefined : {value: directives.id, position: head.position ?? {start, end: start}},
    position: {start, end: maxEnd([...everything, ...blocks]) ?? head.position?.end ?? start}
  }
  return {status: 'question', draft, implicit}
}

/**
 * A paragraph that is only a link to a place in the same document
 * (`**[⬆ Back to Top](#table-of-contents)**`): navigation for readers of the
 * Markdown, meaningless on a card.
 */
export function isNavigation(block: RootContent): boolean {
  if (block.type !== 'paragraph') return false
  let node: RootContent | PhrasingContent | undefined = block
  while (node && 'children' in node && node.type !== 'link') {
    const meaningful: Array<RootContent | PhrasingContent> = (node.children as PhrasingContent[]).filter((child) => !(child.type === 'text' && child.value.trim() === ''))
    if (meaningful.length !== 1) return false
    node = meaningful[0]
  }
  return node?.type === 'link' && node.url.startsWith('#')
}

/** Whether a block opens an answer (any marker form or a `<details>` block). */
export function opensAnswer(block: RootContent): boolean {
  if (opensDetails(block)) return true
  return splitMarker(block)?.field === 'answer'
}

/**
 * If `block` is a field marker, which field and the content that follows the
 * marker inside the block.
 *
 * - a paragraph opening with a bold or emphasized label (`**Answer:**`,
 *   `**Réponse Attendue :**`, `**Answer: B**`);
 * - a paragraph opening with a plain label and a colon (`Answer: B`, `答案：…`);
 * - a heading that is a label (`#### Answer: C`);
 * - a blockquote whose first paragraph is a marker (`> **Answer: B**`).
 *
 * When text follows a bold label on the same line, a colon is required, so
 * `**Example** usage is…` stays prose.
 */
export function splitMarker(block: RootContent): {field: MarkedField; rest: RootContent[]} | undefined {
  if (block.type === 'blockquote') return splitQuote(block)
  if (block.type === 'heading') {
    const text = toString(block)
    const whole = markerField(text)
    if (whole) return {field: whole, rest: []}
    const start = markerAtStart(text)
    if (!start) return undefined
    const rest = text.slice(start.length).trim()
    return {field: start.field, rest: rest ? [paragraphOf(rest, block)] : []}
  }
  if (block.type !== 'paragraph') return undefined
  const [first, ...after] = block.children
  if (!first) return undefined

  if (first.type === 'strong' || first.type === 'emphasis') {
    const label = toString(first)
    const field = markerField(label)
    if (field) {
      const labelHasColon = /[:：]\s*$/.test(label)
      const next = after[0]
      const nextText = next?.type === 'text' ? next.value : ''
      const colonAfter = /^[\s\u00A0\u202F]*[:：]/.test(nextText)
      const lineEnds = !next || next.type === 'break' || /^[ \t\u00A0\u202F]*(\n|$)/.test(nextText)
      if (!labelHasColon && !colonAfter && !lineEnds) return undefined
      return {field, rest: restParagraph(block, trimPhrasing(after, !labelHasColon))}
    }
    // `**Answer: B**`: the label and the start of the answer in one bold run.
    const start = markerAtStart(label)
    if (!start) return undefined
    const inside = label.slice(start.length).trim()
    const rest = trimPhrasing([...(inside ? [{type: 'text', value: inside} as PhrasingContent] : []), ...after])
    return {field: start.field, rest: restParagraph(block, rest)}
  }

  if (first.type === 'text') {
    const start = markerAtStart(first.value)
    if (!start) return undefined
    const remaining = {...first, value: first.value.slice(start.length), ...shifted(first.position, first.value.slice(0, start.length))}
    return {field: start.field, rest: restParagraph(block, trimPhrasing([remaining, ...after]))}
  }
  return undefined
}

function splitQuote(quote: Blockquote): {field: MarkedField; rest: RootContent[]} | undefined {
  const [first, ...others] = quote.children
  if (!first) return undefined
  const marker = splitMarker(first)
  return marker ? {field: marker.field, rest: [...marker.rest, ...others]} : undefined
}

function restParagraph(block: Paragraph, children: PhrasingContent[]): RootContent[] {
  if (children.length === 0) return []
  const paragraph: Paragraph = {type: 'paragraph', children}
  // The block's own start when the first piece has no position (made up by
  // a transform): every node keeps a place to report at.
  const start = children[0]?.position?.start ?? block.position?.start
  if (start && block.position) paragraph.position = {start, end: block.position.end}
  return [paragraph]
}

function paragraphOf(text: string, near: Heading): Paragraph {
  const paragraph: Paragraph = {type: 'paragraph', children: [{type: 'text', value: text}]}
  if (near.position) paragraph.position = near.position
  return paragraph
}

/** Cut `length` characters of text from the start of a paragraph. */
function dropText(paragraph: Paragraph, length: number): Paragraph | undefined {
  let remaining = length
  const children: PhrasingContent[] = []
  for (const child of paragraph.children) {
    if (remaining <= 0) {
      children.push(child)
      continue
    }
    const text = toString(child)
    if (text.length <= remaining) {
      remaining -= text.length
      continue
    }
    if (child.type === 'text') children.push({...child, value: child.value.slice(remaining)})
    else children.push(child)
    remaining = 0
  }
  const trimmed = trimPhrasing(children)
  return trimmed.length > 0 ? {...paragraph, children: trimmed} : undefined
}

/**
 * Drop leading and trailing whitespace (and, when asked, one leading colon)
 * from phrasing content, moving positions with the text they cover.
 */
export function trimPhrasing(nodes: PhrasingContent[], dropColon = false): PhrasingContent[] {
  const result = [...nodes]
  while (result[0]?.type === 'break') result.shift()
  const head = result[0]
  if (head?.type === 'text') {
    const pattern = dropColon ? /^[\s\u00A0\u202F]*[:：]?\s*/ : /^\s+/
    const removed = pattern.exec(head.value)?.[0] ?? ''
    if (removed.length === head.value.length) {
      result.shift()
      return trimPhrasing(result)
    }
    if (removed) result[0] = {...head, value: head.value.slice(removed.length), ...shifted(head.position, removed)}
  }
  while (result.at(-1)?.type === 'break') result.pop()
  const tail = result.at(-1)
  if (tail?.type === 'text') {
    const trimmed = tail.value.trimEnd()
    if (!trimmed) result.pop()
    else if (trimmed !== tail.value) result[result.length - 1] = {...tail, value: trimmed}
  }
  return result
}

function shifted(position: Position | undefined, removed: string): {position?: Position} {
  if (!position) return {}
  let {line, column} = position.start
  for (const character of removed) {
    if (character === '\n') {
      line++
      column = 1
    } else column++
  }
  const start: Point = {line, column}
  if (position.start.offset !== undefined) start.offset = position.start.offset + removed.length
  return {position: {start, end: position.end}}
}

/** A block, or a `<details>` group with the blocks inside it. */
type Entry = {type: 'block'; block: RootContent} | {type: 'details'; inner: RootContent[]; summary: string | undefined}

/**
 * Group `<details>` … `</details>` into one entry each (see
 * {@link collectDetails}); the `<summary>`, a "Show answer" label here, is
 * dropped.
 */
export function groupDetails(blocks: readonly RootContent[]): Entry[] {
  const entries: Entry[] = []
  let index = 0
  while (index < blocks.length) {
    const block = blocks[index] as RootContent
    if (!opensDetails(block)) {
      entries.push({type: 'block', block})
      index++
      continue
    }
    const details = collectDetails(blocks, index)
    entries.push({type: 'details', inner: details.inner, summary: summaryText(details.summary)})
    index = details.next
  }
  return entries
}

function toField(children: RootContent[]): FieldContent {
  const field: FieldContent = {type: 'root', children}
  const start = children[0]?.position?.start
  const end = maxEnd(children)
  if (start && end) field.position = {start, end}
  return field
}

/** The latest end point among nodes. */
export function maxEnd(nodes: readonly RootContent[]): Point | undefined {
  let end: Point | undefined
  for (const node of nodes) {
    const candidate = node.position?.end
    if (candidate && (!end || candidate.line > end.line || (candidate.line === end.line && candidate.column > end.column))) {
      end = candidate
    }
  }
  return end
}

// `3. `, `Q3. `, `Q. `, `Question 3: `, `3) ` at the start of a heading:
// list position, not part of the question.
const numbering = /^\s*#*\s*(?:(?:q|question|frage|pregunta|domanda|pergunta)\s*\d*\s*[.):-]|\d{1,4}\s*[.)]|(?:q|question)\s*\d+\b\s*[.):-]?)\s*/iu

/** Remove list numbering from the start of a heading's text. */
export function stripNumbering(text: string): string {
  const stripped = text.replace(numbering, '')
  return stripped.trim() ? stripped : text
}

/** Remove list numbering from the start of phrasing content, moving its position. */
export function stripNumberingPhrasing(children: PhrasingContent[]): PhrasingContent[] {
  const first = children[0]
  if (first?.type !== 'text') return children
  const value = stripNumbering(first.value)
  if (value === first.value) return children
  // Keep positions honest: the text now starts later in the line.
  const removed = first.value.length - value.length
  const text = {...first, value}
  if (first.position?.start.offset !== undefined) {
    text.position = {
      start: {line: first.position.start.line, column: first.position.start.column + removed, offset: first.position.start.offset + removed},
      end: first.position.end
    }
  }
  return [text, ...children.slice(1)]
}

/**
 * A bold question on a line of its own (`**1. What is a closure?**`), the
 * answer below it with or without a label: the text after the line break,
 * then the following blocks.
 */
export function boldQuestion(block: RootContent): {prompt: Paragraph; rest: RootContent[]; bold: boolean} | undefined {
  if (block.type !== 'paragraph') return undefined
  const [first, ...after] = block.children
  if (!first || first.type !== 'strong') return undefined
  const text = toString(first).trim()
  // `**What is a web server**`, `**Explain GET and POST**`: a bold line that
  // asks by its form, question mark or not.
  // `**What the kit includes:**` labels what follows; it asks nothing.
  if (!/[?？؟]$/.test(text) && (/[:：]$/.test(text) || !opensWithPromptWord(stripNumbering(text)))) return undefined
  const next = after[0]
  const lineEnds = !next || next.type === 'break' || (next.type === 'text' && /^[ \t]*(\n|$)/.test(next.value))
  if (!lineEnds) return undefined
  const prompt: Paragraph = {type: 'paragraph', children: stripNumberingPhrasing(trimPhrasing(first.children))}
  if (first.position) prompt.position = first.position
  const remaining = trimPhrasing(after)
  const rest: RootContent[] = []
  if (remaining.length > 0) {
    const paragraph: Paragraph = {type: 'paragraph', children: remaining}
    const start = remaining[0]?.position?.start
    if (start && block.position) paragraph.position = {start, end: block.position.end}
    rest.push(paragraph)
  }
  return {prompt, rest, bold: true}
}

// `Q.`, `Q1.`, `Q 12)`, `Question 3.`, `Question:`, `Problem 2:`, `Exercise 4.` as a paragraph's bold opener.
const boldPrefix = /^\s*(?:q|qn|question|pregunta|frage|domanda|pergunta|questão|问题|問題|(?:problem|exercise|task|problème|exercice|ejercicio|problema|aufgabe|übung|esercizio|exercício|tarefa|练习|习题|题)\s*\d{1,4})\s*\d{0,4}\s*[.):：]?\s*$/iu
// The same in plain text, where a number or a dot is needed (`Q. `, `Q3: `), so `Q` alone stays a word.
const plainPrefix = /^\s*(?:q\s*\d{0,4}\s*[.)]|q\s*\d{1,4}\s*[:：]|question\s*\d{1,4}\s*[.):：])\s+/iu

/**
 * A paragraph question opened by a numbered or dotted label:
 * `**Q.** A developer runs … What is returned?`, `**Q12.** …`, `Q3. …`.
 * The stem is the rest of the paragraph; code blocks, options and the
 * answer follow as blocks.
 */
export function prefixedQuestion(block: RootContent): {prompt: Paragraph; rest: RootContent[]; bold: boolean} | undefined {
  if (block.type !== 'paragraph') return undefined
  const [first, ...after] = block.children
  if (!first) return undefined
  let children: PhrasingContent[]
  if ((first.type === 'strong' || first.type === 'emphasis') && boldPrefix.test(toString(first))) {
    children = trimPhrasing(after, true)
  } else if (first.type === 'text' && plainPrefix.test(first.value)) {
    const label = plainPrefix.exec(first.value)?.[0] ?? ''
    children = trimPhrasing([{...first, value: first.value.slice(label.length), ...shifted(first.position, label)}, ...after])
  } else return undefined
  if (children.length === 0) return undefined
  const prompt: Paragraph = {type: 'paragraph', children}
  const start = children[0]?.position?.start ?? block.position?.start
  if (start && block.position) prompt.position = {start, end: block.position.end}
  return {prompt, rest: [], bold: false}
}

/**
 * If a block opens a question in a paragraph convention (`Q: …`,
 * `**Question:** …`, `**Q.** …`, a bold question on its own line), the
 * prompt and what follows it in the block.
 */
export function questionOpener(block: RootContent): {prompt: Paragraph; rest: RootContent[]; bold: boolean} | undefined {
  const marker = splitMarker(block)
  if (marker?.field === 'question') {
    const [first] = marker.rest
    return first?.type === 'paragraph' ? {prompt: first, rest: marker.rest.slice(1), bold: false} : undefined
  }
  return prefixedQuestion(block) ?? boldQuestion(block)
}

// Verbs that set a coding or practice task.
const taskOpening =
  /^(?:write|implement|create|build|design|given|find|print|reverse|sort|convert|calculate|compute|count|predict|refactor|fix|solve|return|make|code|program|écrivez|écrire|implémentez|créez|escriba|escribe|implementa|crea|schreiben|schreibe|implementieren|scrivi|implementa|escreva|implemente|编写|实现|写一个|写出)\b/iu

function opensWithTask(text: string): boolean {
  return taskOpening.test(text.trim())
}
