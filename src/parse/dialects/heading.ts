/**
 * The `heading` dialect: a heading is a question when an answer follows it
 * (a marker, a `<details>` block, options with a correct one, or clozes);
 * the headings above questions name the decks.
 *
 * ```markdown
 * # Niveau Hardcore 🔴                 ← level heading: deck + difficulty tag
 *
 * ## Qu'est-ce que le GIL ?            ← question heading (prompt)
 *
 * **Réponse Attendue :**               ← answer marker (bold paragraph or bold run)
 * Le GIL est un verrou…                ← answer, up to the next marker or heading
 *
 * **Exemple :**                        ← example marker
 * ```
 *
 * Headings may be numbered (`### 1. …`, `## Q1.`) or sit in numbered list
 * items. A heading ending in `?` followed by content is a question even
 * without a marker (`implicit-answer`, info). Paragraphs with clozes outside
 * question headings are cloze questions of their own.
 *
 * Documented in README ("Syntax › The `heading` dialect"); fixtures under
 * `test/fixtures/heading/`.
 *
 * @module
 */
import type {Heading, List, ListItem, Paragraph, Root as MdastRoot, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {someNode} from '../walk.js'
import {VFile} from 'vfile'
import {report} from '../../diagnostics/report.js'
import {directivesFromComment, type Directives} from '../directives.js'
import {pushLevel} from '../level.js'
import {metadataTags, takeLeadingMetadata} from '../structure/metadata.js'
import {detailsBalanceOf, opensDetails, revealsAnswer} from '../structure/details.js'
import {questionOpener, opensAnswer, readBody, stripNumberingPhrasing, trimPhrasing} from './body.js'
import {asksByForm, isBoilerplateTitle} from '../structure/forms.js'
import {inferQuestionLevel} from '../structure/question-level.js'
import {SectionBuilder} from './sections.js'
import type {Dialect, DraftSection, LevelHeading, RecognizeOptions} from './types.js'

/** The `heading` dialect. */
export const headingDialect: Dialect = {
  name: 'heading',
  description:
    'Headings are questions when an answer follows (**Answer:**, **Réponse :**, <details>, options, clozes); headings above them name decks.',
  detect(tree) {
    // A segment whose first answer follows a `Q:` line is the qa dialect's.
    return toSegments(tree).filter((segment) => segmentAsks(segment) && !questionMarkerFirst(segment)).length
  },
  recognize
}

/** A heading and the blocks up to the next heading. */
interface Segment {
  heading: Heading
  blocks: RootContent[]
  /** The heading opens an item of an ordered list (`1. ### …`): a numbered question. */
  numbered: boolean
  /** Options written as headings of the question's depth (`##### A) 16`), gathered as a list. */
  options?: List
}

function recognize(tree: MdastRoot, file: VFile, options: RecognizeOptions): DraftSection[] {
  const segments = toSegments(tree)
  const roles = segmentRoles(segments)
  // Level headings with nothing of their own that head a run of questions at their own depth.
  const groupHeadings = new Set(
    segments
      .filter((segment, index) => roles[index] === 'level' && !hasContent(segment) && roles[index + 1] !== 'level' && segments[index + 1]?.heading.depth === segment.heading.depth)
      .map((segment) => segment.heading)
  )
  const readRegion = options.readRegion ?? looseRegion
  const sections = new SectionBuilder()
  let levels: LevelHeading[] = []
  let open: {segment: Segment; extra: RootContent[]; implicit: boolean} | undefined

  // Consecutive headings that ask but have nothing below them: reported once
  // as a list of unanswered questions when there are several.
  let unanswered: Heading[] = []
  const flushUnanswered = () => {
    reportUnansweredHeadings(unanswered, file)
    unanswered = []
  }
  const close = () => {
    if (open) {
      const missing = finishQuestion(open.segment, open.extra, open.implicit, levels, sections, file, options)
      if (missing) unanswered.push(missing)
      else flushUnanswered()
    }
    open = undefined
  }
  const region = (blocks: RootContent[]) => {
    if (blocks.length === 0) return
    for (const section of readRegion(blocks, file)) sections.addSection(levels, section)
  }

  // Content before the first heading: standalone clozes, or a stray answer.
  const firstHeading = tree.children.findIndex((node) => node.type === 'heading' || (node.type === 'list' && headedItems(node)))
  region((firstHeading === -1 ? tree.children : tree.children.slice(0, firstHeading)).filter((node) => node.type !== 'yaml'))

  for (const [index, segment] of segments.entries()) {
    const {heading} = segment
    const role = holdsSeveralQuestions(segment, options, file) ? 'level' : roles[index]

    if (role === 'question' || role === 'implicit-question' || role === 'unanswered') {
      close()
      // A group heading at the questions' own depth (`## # 2. Streams` over
      // `## Q. …` headings) stays their deck until the next group heading.
      levels = levels.filter((level) => level.node.depth < heading.depth || (level.node.depth === heading.depth && groupHeadings.has(level.node)))
      open = {segment, extra: [], implicit: role === 'implicit-question'}
      continue
    }

    // A deeper heading inside an answer ("### Details") is part of it.
    if (open && heading.depth > open.segment.heading.depth) {
      open.extra.push(heading, ...segment.blocks)
      continue
    }

    close()
    flushUnanswered()
    // `##### MCQ 3 (Beginner)` over its question: a number, not a deck.
    if (!hasContent(segment) && numberedLabel.test(toString(heading, {includeHtml: false}))) continue
    levels = pushLevel(levels, heading)
    region(segment.blocks)
  }
  close()
  flushUnanswered()
  return sections.sections
}

/** `missing-answer` for one or two headings; one `unanswered-questions` for a run of three or more. */
function reportUnansweredHeadings(headings: readonly Heading[], file: VFile): void {
  if (headings.length >= 3) {
    const first = headings[0] as Heading
    report(
      file,
      'unanswered-questions',
      `${headings.length} question headings in a row have no answers (first: \`${toString(first, {includeHtml: false}).trim().slice(0, 80)}\`); they make no cards`,
      first
    )
    return
  }
  for (const heading of headings) {
    report(file, 'missing-answer', 'This heading looks like a question but no answer follows it (no `**Answer:**`-style marker, `<details>` block or content); no card is made', heading)
  }
}

/**
 * What each heading is, decided over the whole document.
 *
 * - `question`: an answer follows it (a marker, `<details>`, checked options,
 *   clozes in the heading);
 * - `implicit-question`: it asks by its form (`?`, an item of a numbered
 *   list of headings, or, at the document's question level, a `Q.` prefix or
 *   an imperative prompt such as `Explain …`) and has content, which is the
 *   answer;
 * - `level`: anything else; a deck, or, under an open question, part of its
 *   answer.
 *
 * The question level is the heading depth most questions sit at (see
 * {@link inferQuestionLevel}).
 */
function segmentRoles(segments: readonly Segment[]): Array<'question' | 'implicit-question' | 'unanswered' | 'level'> {
  const facts = segments.map((segment) => {
    const text = toString(segment.heading, {includeHtml: false})
    const qaFirst = questionMarkerFirst(segment)
    const strong = !qaFirst && segmentAsks(segment)
    const content = !qaFirst && hasContent(segment)
    const asks = segment.numbered || /[?？؟]\s*$/.test(text)
    const weak = !asks && asksByForm(text) && !isBoilerplateTitle(text)
    return {depth: segment.heading.depth, strong, content, asks, weak, qaFirst}
  })
  const questionLevel = inferQuestionLevel(facts.map((fact) => ({depth: fact.depth, vote: fact.strong || (fact.content && (fact.asks || fact.weak))})))
  const answeredDepths = new Set(facts.filter((fact) => fact.strong).map((fact) => fact.depth))
  return facts.map((fact, index) => {
    if (fact.strong) return 'question'
    if (fact.qaFirst) return 'level'
    const below = hasQuestionBelow(segments, index, facts)
    if (headingAsks(segments[index] as Segment) && !below) return 'implicit-question'
    if (fact.weak && fact.content && fact.depth === questionLevel && !below) return 'implicit-question'
    // A leaf heading with prose, among headings whose questions all have
    // answer markers, is most likely a question whose marker was forgotten.
    const leaf = (segments[index + 1]?.heading.depth ?? 0) <= fact.depth
    const prose = (segments[index] as Segment).blocks.some((block) => block.type !== 'html')
    if (answeredDepths.has(fact.depth) && leaf && prose && !isBoilerplateTitle(toString((segments[index] as Segment).heading))) return 'unanswered'
    return 'level'
  })
}

/**
 * Whether a heading's own content reads as several questions (numbered
 * questions each with an "Answer" `<details>`, `Q:`/`A:` pairs …): the
 * heading is then their deck, not one question with all of them as its
 * answer. Only headings with two answer openers or more are tried, and only
 * when a region reader is given (structure inference).
 */
function holdsSeveralQuestions(segment: Segment, options: RecognizeOptions, file: VFile): boolean {
  if (!options.readRegion) return false
  let openers = 0
  for (const [index, block] of segment.blocks.entries()) {
    if (opensDetails(block) ? revealsAnswer(segment.blocks, index) : opensAnswer(block)) openers++
  }
  if (openers < 2) return false
  // Several answers under a heading that does not ask (`## Clustering`):
  // a topic over questions, whatever their answers hold.
  if (!headingAsks(segment) && !asksByForm(toString(segment.heading, {includeHtml: false}))) return true
  const scratch = new VFile({path: file.path})
  const found = options.readRegion(segment.blocks, scratch).reduce((sum, section) => sum + section.questions.length, 0)
  return found >= 2
}

/** Whether a stronger question sits under this heading (it is then a deck, whatever its form). */
function hasQuestionBelow(segments: readonly Segment[], index: number, facts: ReadonlyArray<{strong: boolean}>): boolean {
  const depth = segments[index]?.heading.depth ?? 0
  for (let next = index + 1; next < segments.length; next++) {
    const segment = segments[next] as Segment
    if (segment.heading.depth <= depth) return false
    if (facts[next]?.strong) return true
  }
  return false
}

function hasContent(segment: Segment): boolean {
  return segment.blocks.some((block) => block.type !== 'html' || /^\s*<details[\s>]/i.test(block.value))
}

/** The default region reader of the `heading` dialect: clozes in loose paragraphs, orphan answers reported. */
function looseRegion(blocks: readonly RootContent[], file: VFile): DraftSection[] {
  const sections = new SectionBuilder()
  looseBlocks(blocks, [], sections, file)
  return sections.sections
}

/** Turn one open question into a draft (or a diagnostic). */
function finishQuestion(
  segment: Segment,
  extra: RootContent[],
  implicit: boolean,
  levels: LevelHeading[],
  sections: SectionBuilder,
  file: VFile,
  options: RecognizeOptions
): Heading | undefined {
  const {heading} = segment
  let directives: Directives = {}
  const phrasing = heading.children.filter((child) => {
    const found = child.type === 'html' ? directivesFromComment(child.value) : undefined
    if (found) directives = {...directives, ...found}
    // `<a name="q12"></a>` anchors for links into the file are not prompt text.
    return found === undefined && !(child.type === 'html' && /^<\/?a\b[^>]*>$/i.test(child.value.trim()))
  })
  const head: Paragraph = {type: 'paragraph', children: stripNumberingPhrasing(trimPhrasing(phrasing))}
  if (heading.position) head.position = heading.position
  if (toString(head).trim() === '') {
    report(file, 'empty-prompt', 'This question heading has no text; no card is made', heading)
    return
  }
  // Metadata lines right under the heading (`**Difficulty:** hard`) are tags.
  const {blocks, lines} = takeLeadingMetadata([...segment.blocks, ...extra])
  if (lines.length > 0) directives = {...directives, tags: [...(directives.tags ?? []), ...lines.flatMap((line) => line.tags)]}
  const result = readBody(head, blocks, {file, directives, reversed: options.reversed, implicitAnswer: implicit})
  if (result.status === 'rejected') return
  if (result.status === 'no-answer') return heading
  if (result.implicit) {
    report(file, 'implicit-answer', 'No answer marker: the content below this question heading is taken as its answer', heading)
  }
  // `### Question 3` over the question's text: the label says nothing on a card.
  const prompt = result.draft.prompt
  if (!result.implicit && prompt.children.length > 1 && bareLabel.test(toString(head))) prompt.children.shift()
  sections.add(levels, {...result.draft, headed: true})
}

// A heading that only numbers what follows (`MCQ 3 (Beginner)`, `Question 12`, `Exercise 4:`).
const numberedLabel = /^\s*(?:mcq|quiz|q|question|exercise|exercice|problem|problème|pregunta|frage|aufgabe|domanda|esercizio|pergunta|questão|exercício|问题|问|题目|題目|练习)\s*#?\d{1,4}\s*[.:)]?\s*(?:\([^)]{0,30}\)|\[[^\]]{0,30}\])?\s*$/iu

// A heading that only numbers its question (`Question 3`, `Q12`, `Exercice 2`, `问题 1`).
const bareLabel = /^\s*(?:q|question|questions|exercise|exercice|exercises|problem|problème|pregunta|frage|aufgabe|domanda|esercizio|pergunta|questão|exercício|问题|問題|题目|題目|练习)\s*#?\d{0,4}\s*[.:)]?\s*$/iu

/**
 * Blocks outside question headings: each paragraph or list item holding a
 * cloze is a cloze question; an answer marker there has no question.
 */
function looseBlocks(blocks: readonly RootContent[], levels: LevelHeading[], sections: SectionBuilder, file: VFile): void {
  for (const block of blocks) {
    if (opensAnswer(block)) {
      report(file, 'orphan-answer', 'This answer has no question above it (no question heading); it is ignored', block)
      continue
    }
    const units: RootContent[] = block.type === 'list' ? block.children.flatMap((item) => item.children) : [block]
    for (const unit of units) {
      if (unit.type !== 'paragraph' || !hasCloze(unit)) continue
      const result = readBody(unit, [], {file, directives: {}, reversed: false, implicitAnswer: false})
      if (result.status === 'question') sections.add(levels, result.draft)
    }
  }
}

/**
 * Split a file into heading segments. Headings inside a `<details>` block
 * belong to it (`#### Answer: C` in interview collections), and a list whose
 * items open with headings (`1. ### Question`) contributes one segment per
 * item: the item's first heading opens it, and everything else in the item,
 * later headings too (`### Example Usage`), is that question's. Items that
 * open with no heading (indentation slips in long hand-written lists) go to
 * the question before them.
 */
function toSegments(tree: MdastRoot): Segment[] {
  const segments: Segment[] = []
  let current: Segment | undefined
  let detailsDepth = 0
  let listDepth = 0
  const push = (node: RootContent) => {
    detailsDepth = Math.max(0, detailsDepth + detailsBalanceOf(node))
    current?.blocks.push(node)
  }
  const take = (node: RootContent) => {
    if (node.type === 'heading' && detailsDepth === 0) {
      // `##### A) 16` under `##### What is 5 + 3 * 2?`: an option written as
      // a heading of the question's own depth belongs to the question.
      if (current && current.heading.depth === node.depth && isOptionHeading(node) && (current.options || asksByForm(toString(current.heading, {includeHtml: false})))) {
        addOption(current, node)
        return
      }
      current = {heading: node, blocks: [], numbered: listDepth > 0}
      segments.push(current)
      return
    }
    if (node.type === 'list' && detailsDepth === 0 && headedItems(node)) {
      if (node.ordered) listDepth++
      for (const item of node.children) {
        const [first, ...rest] = item.children
        if (first?.type === 'heading') take(first)
        else if (first) push(first)
        for (const child of rest) push(child)
      }
      if (node.ordered) listDepth--
      return
    }
    if (node.type !== 'yaml') push(node)
  }
  for (const node of tree.children) take(node)
  return segments
}

const optionHeading = /^\s*\(?[A-Ha-h]\s*[).:]\s+\S/

function isOptionHeading(heading: Heading): boolean {
  return optionHeading.test(toString(heading, {includeHtml: false}))
}

/** Turn an option heading into an item of the segment's option list (made on the first option). */
function addOption(segment: Segment, heading: Heading): void {
  const paragraph: Paragraph = {type: 'paragraph', children: heading.children}
  const item: ListItem = {type: 'listItem', spread: false, children: [paragraph]}
  if (heading.position) {
    paragraph.position = heading.position
    item.position = heading.position
  }
  if (!segment.options) {
    segment.options = {type: 'list', ordered: false, spread: false, children: []}
    if (heading.position) segment.options.position = {...heading.position}
    segment.blocks.push(segment.options)
  }
  segment.options.children.push(item)
  if (heading.position && segment.options.position) segment.options.position = {start: segment.options.position.start, end: heading.position.end}
}

/**
 * Whether a heading asks a question by its form: it ends in `?`, or it is an
 * item of a numbered list of headings (`1. ### What are closures`), the
 * layout of many public interview collections, whose questions often have no
 * question mark. Followed by content, such a heading is a question even
 * without an answer marker (`implicit-answer`).
 */
function headingAsks(segment: Segment): boolean {
  return segment.numbered || /[?？؟]\s*$/.test(toString(segment.heading, {includeHtml: false}))
}

/** A list most of whose items open with a heading (and the first one does). */
function headedItems(list: List): boolean {
  const headed = list.children.filter((item) => item.children[0]?.type === 'heading').length
  return list.children[0]?.children[0]?.type === 'heading' && headed * 2 >= list.children.length
}

/** Whether a segment holds a question: an answer opener, options with a checked box, or a cloze in the heading. */
function segmentAsks(segment: Segment): boolean {
  if (hasCloze(segment.heading)) return true
  let prose = false
  let quoted = false
  return segment.blocks.some((block, index) => {
    // `Q: …` after some prose opens a quoted exchange: its `A:` is prose too.
    if (prose && questionOpener(block)) quoted = true
    const opens =
      !quoted &&
      ((opensDetails(block) ? revealsAnswer(segment.blocks, index) : opensAnswer(block)) ||
        (block.type === 'list' && block.children.length >= 2 && block.children.every((item) => typeof item.checked === 'boolean') && block.children.some((item) => item.checked)))
    if (block.type !== 'html') prose = true
    return opens
  })
}

/**
 * Whether a segment's first marker is a question label (`Q:`), making the
 * heading a deck over `qa` pairs. Under a heading that asks by its form, a
 * `Q:` line after some answer prose is part of that answer (a quoted
 * exchange), not a new question.
 */
function questionMarkerFirst(segment: Segment): boolean {
  const formAsks = headingAsks(segment) || asksByForm(toString(segment.heading))
  let prose = false
  for (const block of segment.blocks) {
    if (questionOpener(block)) return !(formAsks && prose)
    if (opensAnswer(block)) return false
    if (block.type !== 'html' && !metadataTags(block)) prose = true
  }
  return false
}

function hasCloze(node: RootContent): boolean {
  return someNode(node, 'cloze')
}


