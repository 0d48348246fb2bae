/**
 * Where the cards of an Obsidian spaced-repetition note are, read from its
 * lines (see `sr-lines.ts`) as the plugin reads them:
 *
 * - a line with a `::` / `:::` separator is a card by itself;
 * - otherwise the lines up to a blank line (or a heading, or a scheduling
 *   comment) are one card's text: split by a `?` / `??` line into front and
 *   back, or a cloze card when they hold `==highlights==` or `{{clozes}}`;
 * - in one block, a second `?` starts a new card whose front is the line
 *   just above it;
 * - `#flashcards/Topic/Sub` tags name decks: on a card's own lines for that
 *   card, elsewhere for the cards that follow.
 *
 * Pure: the tree is not touched, so detection can run it too.
 *
 * @module
 */
import type {PhrasingContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {someNode} from '../walk.js'
import type {SourceLine} from './sr-lines.js'
import {findSeparator, type Separator} from './sr-separator.js'

/** What the text of one line holds. */
export interface LineAnalysis {
  /** The line's text, each non-text node masked by one placeholder character. */
  masked: string
  /** Where each top-level node of the line sits in `masked`. */
  spans: Array<{node: PhrasingContent; from: number; to: number}>
  separator: Separator | undefined
  /** Deck paths of the flashcard tags on the line (`#flashcards/A/B` → `['A', 'B']`). */
  decks: string[][]
  /** Nothing but tags. */
  tagsOnly: boolean
  cloze: boolean
}

/** A card found in the lines. */
export interface CardSpan {
  /** `inline`: `front::back`; `multiline`: `?`; `cloze`: highlights or braces. */
  form: 'inline' | 'multiline' | 'cloze'
  reversed: boolean
  /** The card's lines, in order (an inline card has one). */
  lines: SourceLine[]
  /** Multi-line cards: index in `lines` of the `?` line. */
  separatorIndex: number
  /** Inline cards: the analysis of the line. */
  analysis: LineAnalysis | undefined
  /** Deck paths of the tags written on the card's own lines. */
  decks: string[][]
}

/** What the reader meets, in document order. */
export type CardEvent =
  | {type: 'card'; card: CardSpan}
  | {type: 'deck'; deck: string[]; line: SourceLine}
  | {type: 'heading'; line: SourceLine}
  | {type: 'problem'; rule: 'empty-answer' | 'empty-prompt'; line: SourceLine; reason: string}

const placeholder = '\uFFFC'
// Obsidian tag characters: letters, digits, `_`, `-`, `/` nesting.
const deckTag = /(?<![^\s([{])#(flashcards?)((?:\/[\p{L}\p{N}_-]+)*)(?![\p{L}\p{N}_/-])/giu
const highlight = /==(?=\S)[^=\n]*?\S==/
const braces = /\{\{(?!\s*\}\})[^{}]+\}\}/

/** The pattern of flashcard tags (global: reset `lastIndex` or use `matchAll`). */
export function deckTagPattern(): RegExp {
  return new RegExp(deckTag.source, deckTag.flags)
}

/** Read one line. */
export function analyzeLine(line: SourceLine): LineAnalysis {
  let masked = ''
  const spans: LineAnalysis['spans'] = []
  let formatted = false
  for (const node of line.phrasing) {
    const from = masked.length
    masked += node.type === 'text' ? node.value : placeholder
    spans.push({node, from, to: masked.length})
    if (node.type !== 'text' && node.type !== 'inlineCode' && node.type !== 'inlineMath' && node.type !== 'html') formatted = true
  }
  // Most lines of most files hold none of `:`, `#`, `=`, `{`: skip the patterns.
  const decks = masked.includes('#') ? [...masked.matchAll(deckTagPattern())].map((match) => (match[2] ?? '').split('/').filter(Boolean)) : []
  const tagsOnly = decks.length > 0 && masked.replace(deckTagPattern(), '').trim() === ''
  const separator = masked.includes('::') ? findSeparator(masked) : undefined
  return {masked, spans, separator, decks, tagsOnly, cloze: hasCloze(line.phrasing, masked, formatted)}
}

/** Whether a line holds a cloze: a cloze node, `==…==` or `{{…}}` (which may wrap formatting, never code). */
function hasCloze(phrasing: readonly PhrasingContent[], masked: string, formatted: boolean): boolean {
  if (!formatted) return highlight.test(masked) || braces.test(masked)
  if (phrasing.some((node) => node.type !== 'text' && someNode(node, 'cloze'))) return true
  const prose = phrasing.map((node) => (node.type === 'inlineCode' || node.type === 'inlineMath' || node.type === 'html' ? placeholder : toString(node))).join('')
  return highlight.test(prose) || braces.test(prose)
}

/**
 * Find the cards of a note.
 *
 * @param lines The note's lines ({@link sourceLines}).
 */
export function findCards(lines: readonly SourceLine[]): CardEvent[] {
  const events: CardEvent[] = []
  let run: SourceLine[] = []
  let previousEnd = Number.NEGATIVE_INFINITY
  for (const line of lines) {
    if (line.kind === 'heading') {
      readRun(run, events)
      run = []
      events.push({type: 'heading', line})
      previousEnd = line.end
      continue
    }
    // A blank line (a gap in line numbers) ends the card text.
    if (line.line > previousEnd + 1) {
      readRun(run, events)
      run = []
    }
    run.push(line)
    previousEnd = Math.max(previousEnd, line.end)
  }
  readRun(run, events)
  return events
}

/** Read one block of touching lines. */
function readRun(run: readonly SourceLine[], events: CardEvent[]): void {
  if (run.length === 0) return
  const analyses = new Map<SourceLine, LineAnalysis>()
  const analysis = (line: SourceLine) => {
    let found = analyses.get(line)
    if (!found) {
      found = analyzeLine(line)
      analyses.set(line, found)
    }
    return found
  }
  const decksOf = (lines: readonly SourceLine[]) => lines.flatMap((line) => (line.kind === 'text' ? analysis(line).decks : []))

  let start = 0
  let form: 'multiline' | 'cloze' | undefined
  let reversed = false
  let separator = -1

  /** Lines start…end-1 are read: a card, or prose whose tags name the deck from here on. */
  const close = (end: number) => {
    const lines = run.slice(start, end)
    if (form === 'multiline') {
      const back = run.slice(separator + 1, end).filter(hasContent)
      const sep = run[separator] as SourceLine
      if (back.length === 0) {
        events.push({type: 'problem', rule: 'empty-answer', line: sep, reason: 'This card has nothing after its `?` line before the blank line; no card is made'})
      } else {
        events.push({type: 'card', card: {form, reversed, lines, separatorIndex: separator - start, analysis: undefined, decks: decksOf(lines)}})
      }
    } else if (form === 'cloze') {
      events.push({type: 'card', card: {form, reversed: false, lines, separatorIndex: -1, analysis: undefined, decks: decksOf(lines)}})
    } else {
      for (const line of lines) for (const deck of line.kind === 'text' ? analysis(line).decks : []) events.push({type: 'deck', deck, line})
    }
    form = undefined
    separator = -1
    start = end
  }

  for (const [index, line] of run.entries()) {
    switch (line.kind) {
      case 'hidden':
      case 'block':
        break
      case 'schedule':
        close(index)
        start = index + 1
        break
      case 'separator':
      case 'reversed-separator': {
        if (form === 'multiline') {
          // A second card in the same block: its front is the line above.
          close(index - 1)
        }
        const front = run.slice(start, index).filter(hasContent)
        if (front.length === 0 || front.every((entry) => entry.kind === 'text' && analysis(entry).tagsOnly)) {
          close(index)
          events.push({type: 'problem', rule: 'empty-prompt', line, reason: 'This `?` line has no question above it; no card is made'})
          start = index + 1
          break
        }
        form = 'multiline'
        reversed = line.kind === 'reversed-separator'
        separator = index
        break
      }
      case 'text': {
        const read = analysis(line)
        if (read.separator) {
          close(index)
          events.push({type: 'card', card: {form: 'inline', reversed: read.separator.length === 3, lines: [line], separatorIndex: -1, analysis: read, decks: read.decks}})
          start = index + 1
        } else if (read.tagsOnly && start === index && !form) {
          // A tag line of its own names the deck of the cards below it.
          for (const deck of read.decks) events.push({type: 'deck', deck, line})
          start = index + 1
        } else if (read.cloze && !form) {
          form = 'cloze'
        }
        break
      }
      default:
        break
    }
    if (line.scheduled && start <= index) {
      close(index + 1)
    }
  }
  close(run.length)
}

function hasContent(line: SourceLine): boolean {
  return line.kind === 'text' || line.kind === 'block'
}
