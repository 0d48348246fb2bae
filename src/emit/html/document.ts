/**
 * The document body for each layout, as hast.
 *
 * Outline: `<h1>` title, `<h2>` per section (deck), `<h3>` per question
 * prompt; questions are `<ol>` items numbered across the whole document, so
 * "question 12" means the same thing in the study sheet, the quiz, its
 * answer key and on a card. Landmarks: `<header>` (banner), `<nav>`
 * (contents), `<main>`.
 *
 * @module
 */
import type {Element, ElementContent, Root} from 'hast'
import type {Section} from '../../ast/types.js'
import type {PreparedChoice, PreparedQuestion} from './fields.js'
import {estimateHeight, fitCard} from './fit.js'
import {contentOf, h, loneParagraph, type Child} from './hast.js'
import type {HtmlLabels} from './labels.js'
import type {HtmlLayout} from './options.js'
import {sourceOf} from '../source.js'

/** A section with its prepared questions. */
export interface PreparedSection {
  section: Section
  /** Anchor id (`s1`, `s2` …). */
  id: string
  /** Heading text. */
  title: string
  questions: PreparedQuestion[]
}

/** What the title block shows. */
export interface DocumentInfo {
  title: string
  /** ISO date (`2026-01-31`), or undefined when the clock gave no valid date. */
  date: string | undefined
  sources: readonly string[]
  layout: HtmlLayout
  labels: HtmlLabels
}

/** The `<body>` children for a layout. */
export function documentBody(sections: readonly PreparedSection[], info: DocumentInfo): ElementContent[] {
  if (info.layout === 'cards') return cardsBody(sections, info)
  // A bundle of several files says which file each section comes from.
  const showDeckFiles = new Set(sections.map((entry) => entry.section.file)).size > 1
  const quiz = info.layout === 'quiz'
  const all = sections.flatMap((entry) => entry.questions)
  const contents = toc(sections, info, {withKey: quiz && all.length > 0, always: false})
  return [
    header(info, all.length),
    ...(contents ? [contents] : []),
    h(
      'main',
      {id: 'main'},
      sections.map((entry) => sectionElement(entry, info, showDeckFiles)),
      quiz && all.length > 0 ? answerKey(all, info.labels) : null
    )
  ]
}

function header(info: DocumentInfo, count: number): Element {
  const {labels} = info
  const item = (term: string, ...value: Child[]) => h('div', null, h('dt', null, term), h('dd', null, ...value))
  return h(
    'header',
    {className: ['doc-header']},
    h('h1', null, info.title),
    h(
      'dl',
      {className: ['doc-meta']},
      info.date ? item(labels.date, h('time', {dateTime: info.date}, info.date)) : null,
      item(labels.questions, String(count)),
      info.sources.length > 0 ? item(labels.sources, info.sources.join(', ')) : null
    )
  )
}

/**
 * Contents: one line per section with its question numbers (printed pages
 * cannot follow links, and Chromium cannot print `target-counter()` page
 * numbers, but question numbers are on the page).
 */
function toc(sections: readonly PreparedSection[], info: DocumentInfo, options: {withKey: boolean; always: boolean}): Element | null {
  // One section needs no contents, unless the quiz key makes two parts (or
  // the cards title page has room to say what the deck holds).
  if (sections.length === 0 || (sections.length < 2 && !options.withKey && !options.always)) return null
  const {labels} = info
  return h(
    'nav',
    {className: ['toc'], ariaLabelledBy: ['toc-title']},
    h('h2', {id: 'toc-title'}, labels.contents),
    h(
      'ol',
      null,
      sections.map((entry) => {
        const first = entry.questions[0]?.number ?? 0
        const last = entry.questions.at(-1)?.number ?? first
        // Cards have no section anchors: the title is text there.
        const title = info.layout === 'cards' ? h('span', null, entry.title) : h('a', {href: `#${entry.id}`}, entry.title)
        return h('li', null, title, h('span', {className: ['toc-range']}, labels.questionRange(first, last)))
      }),
      options.withKey ? h('li', null, h('a', {href: '#answer-key'}, labels.answerKey)) : null
    )
  )
}

function sectionElement(entry: PreparedSection, info: DocumentInfo, showFile: boolean): Element {
  const headingId = `${entry.id}-title`
  const path = entry.section.deck.join(' › ')
  const details = [path !== entry.title ? path : '', showFile ? entry.section.file : ''].filter(Boolean).join(' · ')
  return h(
    'section',
    {id: entry.id, ariaLabelledBy: [headingId]},
    h('h2', {id: headingId}, entry.title),
    details ? h('p', {className: ['deck-path']}, details) : null,
    h(
      'ol',
      {className: ['questions'], start: entry.questions[0]?.number ?? 1},
      entry.questions.map((question) => questionItem(question, info))
    )
  )
}

/**
 * A question whose box is estimated at most this tall (mm) is short: it is
 * kept whole on one page. A longer one may break inside its answer, so it
 * does not leave the rest of a page empty by jumping whole to the next.
 * About a third of a printed A4 or Letter page.
 */
export const shortQuestionHeight = 85

/** Text column of a question box (mm): A4 less margins, box padding and the number column. */
const questionColumnWidth = 163

/** Whether a question box (with its answer parts, if printed) is estimated short enough to keep whole. */
function isShort(prepared: PreparedQuestion, withAnswer: boolean): boolean {
  // Short options share lines (a grid): count them as one line per four.
  const gridded = shortChoices(prepared.choices)
  const parts = [
    prepared.front,
    ...(gridded ? [] : prepared.choices.map((choice) => choice.tree)),
    ...(withAnswer ? [prepared.revealed, prepared.answer, prepared.example, prepared.extra] : [])
  ]
  const chrome = 3 + (gridded ? Math.ceil(prepared.choices.length / 4) : 0)
  return estimateHeight(parts.filter((tree): tree is Root => tree !== null), questionColumnWidth, 10, chrome) <= shortQuestionHeight
}

/** One question box: prompt (and options), then, in `study`, the answer parts. */
function questionItem(prepared: PreparedQuestion, info: DocumentInfo): Element {
  const {question, number} = prepared
  const study = info.layout === 'study'
  return h(
    'li',
    {className: ['q', `q-${question.kind}`, ...(isShort(prepared, study) ? ['q-short'] : [])], id: `q${number}`, value: String(number)},
    h('div', {className: ['q-head']}, h('span', {className: ['q-num']}, String(number)), prompt(prepared.front, 'h3')),
    h(
      'div',
      {className: ['q-body']},
      // Study prints the answer below: the correct options are marked in place, not listed twice.
      prepared.choices.length > 0 ? choiceList(prepared, study) : null,
      study ? answerParts(prepared, info.labels, true, false) : null,
      h('p', {className: ['q-source']}, sourceOf(question))
    )
  )
}

/**
 * The quiz's answer key. Choice questions first, compactly: number and
 * correct letters, several to a line. Then the other questions: number,
 * prompt (as a reminder) and answer parts.
 */
function answerKey(all: readonly PreparedQuestion[], labels: HtmlLabels): Element {
  const choices = all.filter((prepared) => prepared.choices.length > 0)
  const questions = all.filter((prepared) => prepared.choices.length === 0)
  return h(
    'section',
    {className: ['answer-key'], id: 'answer-key', ariaLabelledBy: ['answer-key-title']},
    h('h2', {id: 'answer-key-title'}, labels.answerKey),
    choices.length > 0
      ? h(
          'ol',
          {className: ['key-grid']},
          choices.map((prepared) =>
            h(
              'li',
              {className: ['key-choice'], id: `key${prepared.number}`, value: String(prepared.number)},
              h('span', {className: ['q-num']}, String(prepared.number)),
              ' ',
              h('span', {className: ['key-letters']}, prepared.choices.filter((choice) => choice.correct).map((choice) => choice.letter).join(', '))
            )
          )
        )
      : null,
    h(
      'ol',
      {className: ['questions']},
      questions.map((prepared) =>
        h(
          'li',
          {className: ['q', `q-${prepared.question.kind}`, ...(isShort(prepared, true) ? ['q-short'] : [])], id: `key${prepared.number}`, value: String(prepared.number)},
          h('div', {className: ['q-head']}, h('span', {className: ['q-num']}, String(prepared.number)), prompt(prepared.front, 'p')),
          h('div', {className: ['q-body']}, answerParts(prepared, labels, true), h('p', {className: ['q-source']}, sourceOf(prepared.question)))
        )
      )
    )
  )
}

/**
 * The prompt: a heading when it is one line of text (every prompt the
 * heading dialect reads), else a `div` (a prompt with a code block).
 */
function prompt(tree: Root, tagName: 'h3' | 'p'): Element {
  const inline = loneParagraph(tree)
  return inline ? h(tagName, {className: ['prompt']}, ...inline) : h('div', {className: ['prompt']}, ...contentOf(tree))
}

/**
 * The options of a choice question, lettered. With `marked`, the correct
 * ones are filled and carry a check mark (and the word, for screen readers).
 */
function choiceList(prepared: PreparedQuestion, marked: boolean, onlyCorrect = false): Element {
  const choices = onlyCorrect ? prepared.choices.filter((choice) => choice.correct) : prepared.choices
  return h(
    'ol',
    {className: shortChoices(choices) ? ['choices', 'choices-short'] : ['choices']},
    choices.map((choice) =>
      h(
        'li',
        {className: marked && choice.correct ? ['choice', 'correct'] : ['choice']},
        h('span', {className: ['choice-letter']}, choice.letter),
        h('div', {className: ['choice-body']}, ...(loneParagraph(choice.tree) ?? contentOf(choice.tree))),
        marked && choice.correct ? h('span', {className: ['choice-mark']}, '✓') : null
      )
    )
  )
}

/** Whether every option is a short line (a word, a value): they then go several to a line. */
function shortChoices(choices: readonly PreparedChoice[]): boolean {
  return choices.length > 0 && choices.every((choice) => loneParagraph(choice.tree) !== undefined && estimateHeight([choice.tree], 40, 10) < 7)
}

/**
 * What answers a question: the correct options (choice), the prompt with
 * its clozes shown (cloze), the answer, then example and notes.
 */
function answerParts(prepared: PreparedQuestion, labels: HtmlLabels, labelled: boolean, withChoices = true): Element[] {
  const parts: Element[] = []
  const answer: Child[] = []
  if (prepared.choices.length > 0 && withChoices) answer.push(choiceList(prepared, true, true))
  if (prepared.revealed) answer.push(h('div', {className: ['cloze-revealed']}, ...contentOf(prepared.revealed)))
  if (prepared.answer) answer.push(...contentOf(prepared.answer))
  if (answer.length > 0) parts.push(field('answer', labelled ? labels.answer : null, answer))
  if (prepared.example) parts.push(field('example', labels.example, contentOf(prepared.example)))
  if (prepared.extra) parts.push(field('extra', labels.extra, contentOf(prepared.extra)))
  return parts
}

function field(name: string, label: string | null, children: Child[]): Element {
  return h('div', {className: ['field', `field-${name}`]}, label ? h('p', {className: ['field-label']}, label) : null, ...children)
}

// ---------------------------------------------------------------------------
// Cards

const columns = 2
const rows = 3
const perSheet = columns * rows

/**
 * Cards: page 1 is the title and contents, page 2 the printing notes (so the
 * first sheet of fronts is a page 3, an odd page: a front side in duplex);
 * then sheets alternate fronts and backs, each six cards.
 */
function cardsBody(sections: readonly PreparedSection[], info: DocumentInfo): ElementContent[] {
  const {labels} = info
  const cards = sections.flatMap((entry) => entry.questions.map((question) => ({question, deck: entry.title})))
  const sheets: Element[] = []
  for (let start = 0, index = 1; start < cards.length; start += perSheet, index++) {
    const chunk = cards.slice(start, start + perSheet)
    const fronts = Array.from({length: perSheet}, (_, slot) => chunk[slot])
    // Flipped on the long edge, a sheet's left column lands on the right:
    // each row of backs is the row of fronts read right to left.
    const backs = Array.from({length: perSheet}, (_, slot) => {
      const row = Math.floor(slot / columns)
      const column = columns - 1 - (slot % columns)
      return chunk[row * columns + column]
    })
    sheets.push(
      sheetElement(labels.sheet(index, 'fronts'), 'fronts', fronts.map((card) => (card ? cardFront(card.question, card.deck) : emptyCard()))),
      sheetElement(labels.sheet(index, 'backs'), 'backs', backs.map((card) => (card ? cardBack(card.question, labels) : emptyCard())))
    )
  }
  return [
    h('div', {className: ['title-page']}, header(info, cards.length), toc(sections, info, {withKey: false, always: true})),
    h(
      'section',
      {className: ['printing'], ariaLabelledBy: ['printing-title']},
      h('h2', {id: 'printing-title'}, labels.printingTitle),
      h('ol', null, labels.printing.map((line) => h('li', null, line)))
    ),
    h('main', {id: 'main'}, h('h2', {className: ['sr-only']}, labels.cards), sheets)
  ]
}

function sheetElement(label: string, side: 'fronts' | 'backs', cards: Element[]): Element {
  return h('section', {className: ['sheet', `sheet-${side}`], ariaLabel: label}, ...cards, ...cutMarks())
}

/** Crop marks outside the grid, in line with each cut (decorative). */
function cutMarks(): Element[] {
  const marks: Element[] = []
  for (let x = 0; x <= columns; x++) {
    for (const edge of ['top', 'bottom']) marks.push(h('span', {className: ['cut', 'cut-v', `cut-${edge}`, `cut-x${x}`], ariaHidden: 'true'}))
  }
  for (let y = 0; y <= rows; y++) {
    for (const edge of ['left', 'right']) marks.push(h('span', {className: ['cut', 'cut-h', `cut-${edge}`, `cut-y${y}`], ariaHidden: 'true'}))
  }
  return marks
}

function emptyCard(): Element {
  return h('div', {className: ['card', 'card-empty'], ariaHidden: 'true'})
}

function cardFront(prepared: PreparedQuestion, deck: string): Element {
  const body: Element[] = [prompt(prepared.front, 'h3')]
  if (prepared.choices.length > 0) body.push(choiceList(prepared, false))
  const fit = fitCard([prepared.front, ...prepared.choices.map((choice) => choice.tree)], prepared.choices.length * 0.3)
  return card('front', prepared.number, deck, body, fit)
}

function cardBack(prepared: PreparedQuestion, labels: HtmlLabels): Element {
  const parts = answerParts(prepared, labels, false)
  const trees = [
    ...prepared.choices.filter((choice) => choice.correct).map((choice) => choice.tree),
    ...[prepared.revealed, prepared.answer, prepared.example, prepared.extra].filter((tree): tree is Root => tree !== null)
  ]
  // Field labels take a line each (example, notes).
  const fit = fitCard(trees, parts.length - 1 + 0.5)
  return card('back', prepared.number, labels.answer, parts, fit)
}

function card(side: 'front' | 'back', number: number, tag: string, body: Element[], step: number): Element {
  return h(
    'div',
    {className: ['card', `card-${side}`, `fs-${step}`], id: `card-${side}-${number}`},
    h('p', {className: ['card-tag']}, h('span', {className: ['card-num']}, String(number)), h('span', {className: ['card-deck']}, tag)),
    // The cover hides the card's overflow mark when the content fits (see the stylesheet).
    h('div', {className: ['card-body']}, ...body, h('span', {className: ['card-cover'], ariaHidden: 'true'}))
  )
}
