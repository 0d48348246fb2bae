/**
 * The `sr` dialect: the card syntax of Obsidian's spaced-repetition plugin
 * (the most used flashcard plugin of Obsidian vaults).
 *
 * ```markdown
 * #flashcards/Web/CSS                       ← deck `Web::CSS` for the cards below
 *
 * What does `display: grid` do?::Lays children out on a grid
 * <!--SR:!2025-07-24,119,291-->            ← the plugin's scheduling: ignored
 * Inline element::A box that flows in text ← basic
 * Block:::Inline                            ← `:::` reversed (two cards)
 *
 * How do you insert generated content     ← multi-line front…
 * before an element?
 * ?                                         ← `?` (`??` reversed)
 * With the `::before` pseudo-element.       ← …and back, up to a blank line
 *
 * The box model is ==content, padding, border, margin==.   ← cloze
 * ```
 *
 * Decks come from `#flashcards` tags (`#flashcards/Topic/Sub` → `Topic::Sub`;
 * a bare `#flashcards` → the note's own name); a note without one takes its
 * decks from headings, like the other dialects. Headings above a card are
 * its context: they title its section. Documented in README ("Syntax › The
 * `sr` dialect"); fixtures under `test/fixtures/sr/`.
 *
 * @module
 */
import type {Html, ListItem, Paragraph, PhrasingContent, Root as MdastRoot, RootContent, Text, Yaml} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {SKIP, visit} from 'unist-util-visit'
import {someNode} from '../walk.js'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {parse as parseYaml} from 'yaml'
import type {FieldContent, QuestionKind} from '../../ast/types.js'
import {report} from '../../diagnostics/report.js'
import {renumberHighlights} from '../cloze.js'
import {deckNameFromHeading, difficultyTag} from '../level.js'
import {trimPhrasing} from './body.js'
import {analyzeLine, deckTagPattern, findCards, type CardSpan, type LineAnalysis} from './sr-cards.js'
import {highlightClozes, unwrapClozes} from './sr-cloze.js'
import {isScheduleComment, mergeTexts, sliceBlocks, sourceLines, withoutSchedule, type SourceLine} from './sr-lines.js'
import type {Dialect, DraftQuestion, DraftSection, LevelHeading, RecognizeOptions} from './types.js'

/** The `sr` dialect. */
export const srDialect: Dialect = {
  name: 'sr',
  description:
    'Obsidian spaced-repetition cards: front::back (::: reversed), front / ? / back (?? reversed), ==highlight== and {{cloze}} clozes; #flashcards/Topic/Sub tags name decks.',
  detect(tree) {
    const events = findCards(sourceLines(tree.children))
    const cards = events.flatMap((event) => (event.type === 'card' ? [event.card] : []))
    // Highlights and `{{…}}` are common in any note: they count as cards only
    // in a note that shows the plugin's hand (a deck tag, a scheduling
    // comment or a separator card).
    const signed =
      frontmatterDecks(tree).length > 0 ||
      events.some((event) => event.type === 'deck') ||
      cards.some((card) => card.form !== 'cloze' || card.decks.length > 0 || card.lines.some((line) => line.scheduled)) ||
      hasScheduleComment(tree)
    return signed ? cards.length : 0
  },
  recognize
}

function recognize(tree: MdastRoot, file: VFile, options: RecognizeOptions): DraftSection[] {
  const source = String(file.value).split('\n')
  const events = findCards(sourceLines(tree.children, source))
  const sections: DraftSection[] = []
  let levels: LevelHeading[] = []
  // The note's deck: its frontmatter tag, else its first tag line, until the next tag line.
  let noteDeck: string[] | undefined = frontmatterDecks(tree)[0] ?? events.find((event) => event.type === 'deck')?.deck

  for (const event of events) {
    switch (event.type) {
      case 'heading': {
        const heading = event.line.node
        if (heading.type !== 'heading') break
        const text = toString(heading)
        levels = [...levels.filter((level) => level.node.depth < heading.depth), {node: heading, title: deckNameFromHeading(text), tag: difficultyTag(text)}]
        break
      }
      case 'deck':
        noteDeck = event.deck
        break
      case 'problem':
        report(file, event.rule, event.reason, placeOf(event.line))
        break
      case 'card': {
        const draft = draftOf(event.card, tree, file, options)
        if (!draft) break
        addTo(sections, levels, event.card.decks[0] ?? noteDeck, draft)
        break
      }
    }
  }
  return sections
}

/** Turn one card into a draft question (or report why it makes none). */
function draftOf(card: CardSpan, tree: MdastRoot, file: VFile, options: RecognizeOptions): DraftQuestion | undefined {
  const first = card.lines[0] as SourceLine
  let prompt: RootContent[]
  let answer: RootContent[]
  if (card.form === 'inline') {
    const split = splitInline(card.analysis ?? analyzeLine(first))
    prompt = split.prompt
    answer = split.answer
  } else {
    // Lines that are not content: the `?`, tag lines, comments.
    const skip = new Set(
      card.lines
        .filter((line) => line.kind !== 'text' && line.kind !== 'block' ? true : line.kind === 'text' && analyzeLine(line).tagsOnly)
        .map((line) => line.line)
    )
    const last = card.lines.at(-1) as SourceLine
    if (card.form === 'cloze') {
      prompt = unwrapHome(sliceBlocks(tree.children, first.line, last.end, skip), first.line)
      answer = []
    } else {
      const separator = card.lines[card.separatorIndex] as SourceLine
      prompt = unwrapHome(sliceBlocks(tree.children, first.line, separator.line - 1, skip), separator.line)
      answer = unwrapHome(sliceBlocks(tree.children, separator.line + 1, last.end, skip), separator.line)
    }
  }

  const fields = [prompt, answer].map((children) => withoutDeckTags({type: 'root', children}))
  const [promptField, answerField] = fields as [FieldContent, FieldContent]
  if (card.form === 'cloze') {
    for (const field of fields) highlightClozes(field)
    renumberHighlights(fields)
  } else {
    for (const field of fields) unwrapClozes(field)
  }

  if (promptField.children.length === 0) {
    report(file, 'empty-prompt', 'This card has no front before its separator; no card is made', placeOf(first))
    return undefined
  }
  if (card.form !== 'cloze' && answerField.children.length === 0) {
    report(file, 'empty-answer', 'This card has nothing after its `::` separator; no card is made', placeOf(first))
    return undefined
  }
  if (card.form === 'cloze' && !someNode(promptField, 'cloze')) return undefined

  let kind: QuestionKind = card.form === 'cloze' ? 'cloze' : card.reversed ? 'reversed' : 'basic'
  if (kind === 'basic' && options.reversed) kind = 'reversed'
  const start = promptField.children[0]?.position?.start ?? placeOf(first).start
  const end = endOf(card.lines)
  setPosition(promptField)
  setPosition(answerField)
  return {
    kind,
    prompt: promptField,
    answer: answerField,
    example: null,
    extra: null,
    choices: null,
    tags: [],
    explicitId: undefined,
    position: {start, end}
  }
}

/**
 * A card written inside a list item or a callout (`- front` / `  ?` /
 * `  back`) lives there: the bullet or the quote bar is where it sits, not
 * part of what it asks. A lone container holding `line` gives way to its
 * content; a list of several items (a cloze list) stays a list.
 */
function unwrapHome(blocks: RootContent[], line: number): RootContent[] {
  let result = blocks
  while (result.length === 1) {
    const only = result[0] as RootContent
    const position = only.position
    if (!position || line < position.start.line || line > position.end.line) break
    if (only.type === 'blockquote') result = only.children
    else if (only.type === 'list' && only.children.length === 1) {
      const item = only.children[0] as ListItem
      if (item.position && (line < item.position.start.line || line > item.position.end.line)) break
      result = item.children
    } else break
  }
  return result
}

/** `front::back` on one line → the two sides, each a paragraph. */
function splitInline(analysis: LineAnalysis): {prompt: RootContent[]; answer: RootContent[]} {
  const separator = analysis.separator
  if (!separator) return {prompt: [], answer: []}
  const before: PhrasingContent[] = []
  const after: PhrasingContent[] = []
  for (const {node, from, to} of analysis.spans) {
    if (to <= separator.index) before.push(node)
    else if (from >= separator.index + separator.length) after.push(node)
    else if (node.type === 'text') {
      // The separator starts (or, split across text nodes, ends) in this one.
      const cut = Math.max(0, separator.index - from)
      const resume = Math.max(0, separator.index + separator.length - from)
      if (cut > 0) before.push(textPart(node, 0, cut))
      if (resume < node.value.length) after.push(textPart(node, resume, node.value.length))
    }
  }
  return {prompt: paragraphOf(before), answer: paragraphOf(after)}
}

function paragraphOf(children: PhrasingContent[]): RootContent[] {
  const trimmed = trimPhrasing(mergeTexts(children).filter((node) => node.type !== 'text' || node.value !== ''))
  if (trimmed.length === 0 || toString({type: 'paragraph', children: trimmed}).trim() === '') return []
  const paragraph: Paragraph = {type: 'paragraph', children: trimmed}
  const start = trimmed[0]?.position?.start
  const end = trimmed.at(-1)?.position?.end
  if (start && end) paragraph.position = {start, end}
  return [paragraph]
}

function textPart(node: Text, from: number, to: number): Text {
  const part: Text = {type: 'text', value: node.value.slice(from, to)}
  const position = node.position
  if (position && position.start.line === position.end.line && position.end.column - position.start.column === node.value.length) {
    part.position = {start: {line: position.start.line, column: position.start.column + from}, end: {line: position.start.line, column: position.start.column + to}}
  } else if (position) {
    part.position = position
  }
  return part
}

/** Remove `#flashcards…` tags (they named the deck) and what they leave empty. */
function withoutDeckTags(field: FieldContent): FieldContent {
  visit(field, 'text', (node: Text) => {
    if (node.value.includes('#')) node.value = node.value.replace(deckTagPattern(), '')
  })
  // Scheduling comments wherever they sit (a table cell, the end of a line).
  visit(field, 'html', (node: Html, index, parent) => {
    const rest = withoutSchedule(node.value)
    if (rest === node.value || !parent || index === undefined) return undefined
    if (rest.trim() !== '') {
      node.value = rest.trim()
      return undefined
    }
    parent.children.splice(index, 1)
    return [SKIP, index]
  })
  visit(field, 'paragraph', (node: Paragraph) => {
    node.children = trimPhrasing(node.children)
  })
  field.children = field.children.filter((block) => block.type !== 'paragraph' || toString(block).trim() !== '' || block.children.some((child) => child.type !== 'text'))
  return field
}

/** Cards in a row with the same context and deck share a section. */
function addTo(sections: DraftSection[], levels: LevelHeading[], deck: string[] | undefined, question: DraftQuestion): void {
  const last = sections.at(-1)
  const sameDeck = (a: string[] | undefined, b: string[] | undefined) => (a === undefined ? b === undefined : b !== undefined && a.join('\u0000') === b.join('\u0000'))
  if (last && last.levels.length === levels.length && last.levels.every((level, index) => level.node === levels[index]?.node) && sameDeck(last.deck, deck)) {
    last.questions.push(question)
    last.position = {start: last.position.start, end: question.position.end}
    return
  }
  const top = levels.at(-1)?.node.position
  const section: DraftSection = {levels, questions: [question], position: {start: top?.start ?? question.position.start, end: question.position.end}}
  if (deck) section.deck = deck
  sections.push(section)
}

/** Deck paths of the flashcard tags in the frontmatter (`tags: [flashcards/Web/CSS]`). */
function frontmatterDecks(tree: MdastRoot): string[][] {
  const yaml = tree.children.find((node): node is Yaml => node.type === 'yaml')
  if (!yaml) return []
  let data: unknown
  try {
    // Without yaml's unique-key check, which compares every key with every
    // other one (50,000 keys took 12 s); the frontmatter reader reports
    // repeated keys.
    data = parseYaml(yaml.value, {uniqueKeys: false})
  } catch {
    return [] // The frontmatter reader reports broken YAML.
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return []
  const raw = (data as Record<string, unknown>)['tags'] ?? (data as Record<string, unknown>)['tag']
  const tags = typeof raw === 'string' ? raw.split(/[\s,]+/) : Array.isArray(raw) ? raw.filter((tag): tag is string => typeof tag === 'string') : []
  return tags.flatMap((tag) => [...` #${tag.replace(/^#/, '')}`.matchAll(deckTagPattern())].map((match) => (match[2] ?? '').split('/').filter(Boolean)))
}

function hasScheduleComment(tree: MdastRoot): boolean {
  return someNode<Html>(tree, 'html', (node) => isScheduleComment(node.value))
}

function placeOf(line: SourceLine): Position {
  const start: Point = line.phrasing[0]?.position?.start ?? line.node.position?.start ?? {line: line.line, column: 1}
  return {start, end: line.node.position?.end ?? start}
}

function endOf(lines: readonly SourceLine[]): Point {
  const last = lines.at(-1) as SourceLine
  return last.phrasing.at(-1)?.position?.end ?? (last.node.type === 'paragraph' ? undefined : last.node.position?.end) ?? {line: last.end, column: 1}
}

function setPosition(field: FieldContent): void {
  const start = field.children[0]?.position?.start
  const end = field.children.at(-1)?.position?.end
  if (start && end) field.position = {start, end}
}
