/**
 * A question's parts as print-ready hast: sanitized by the render layer,
 * code highlighted at build time, math rendered by KaTeX, headings inside
 * fields moved below the document's own, and clozes shown as blanks (front)
 * or highlighted (back).
 *
 * @module
 */
import type {Element, ElementContent, Root} from 'hast'
import type {FieldContent, Question} from '../../ast/types.js'
import {highlight} from '../../render/highlight.js'
import type {Renderer} from '../../render/index.js'
import {classList, h, textContent} from './hast.js'
import {renderMath, type MathFailure} from './math.js'
import type {OwnedTree} from './media.js'

/** One option of a choice question, ready to print. */
export interface PreparedChoice {
  /** `A`, `B` … by position (the letters readers answer with). */
  letter: string
  tree: Root
  correct: boolean
}

/** A question's parts, ready to print. */
export interface PreparedQuestion {
  question: Question
  /** 1-based number in the document. */
  number: number
  /** Prompt with clozes blanked (question side). */
  front: Root
  /** Prompt with clozes shown; only when the prompt has clozes. */
  revealed: Root | null
  answer: Root | null
  example: Root | null
  extra: Root | null
  choices: PreparedChoice[]
}

/**
 * Prepare a question's parts.
 *
 * @param question The question.
 * @param number Its number in the document.
 * @param render `context.render`.
 * @param onMathError Called for each formula KaTeX rejects.
 */
export function prepareQuestion(
  question: Question,
  number: number,
  render: Renderer,
  onMathError: (failure: MathFailure) => void
): PreparedQuestion {
  const prepare = (field: FieldContent): Root => markWideTables(demoteHeadings(renderMath(highlight(render.hast(field)), onMathError)))
  const prompt = prepare(question.prompt)
  const hasCloze = containsCloze(prompt)
  const answer = prepare(question.answer)
  return {
    question,
    number,
    front: hasCloze ? clozeView(prompt, 'front') : prompt,
    revealed: hasCloze ? clozeView(prompt, 'back') : null,
    // An empty answer (a cloze or choice question may have none) prints nothing.
    answer: isEmpty(answer) ? null : clozeView(answer, 'back'),
    example: question.example ? clozeView(prepare(question.example), 'back') : null,
    extra: question.extra ? clozeView(prepare(question.extra), 'back') : null,
    choices: (question.choices ?? []).map((choice, index) => ({
      letter: choiceLetter(index),
      tree: clozeView(prepare(choice.content), 'front'),
      correct: choice.correct
    }))
  }
}

/** Every tree of a prepared question, for media embedding. */
export function treesOf(prepared: PreparedQuestion): OwnedTree[] {
  const {question} = prepared
  return [prepared.front, prepared.revealed, prepared.answer, prepared.example, prepared.extra, ...prepared.choices.map((choice) => choice.tree)]
    .filter((tree): tree is Root => tree !== null)
    .map((tree) => ({question, tree}))
}

/** `0` → `A`, `25` → `Z`, `26` → `AA` (spreadsheet columns). */
export function choiceLetter(index: number): string {
  let letters = ''
  let rest = index + 1
  while (rest > 0) {
    const digit = (rest - 1) % 26
    letters = String.fromCharCode(65 + digit) + letters
    rest = Math.floor((rest - 1) / 26)
  }
  return letters
}

/**
 * A copy of a tree with each cloze shown for one side of a card.
 *
 * - `front`: the hidden text becomes `[hint]`, or `[…]` without a hint. All
 *   clozes are blanked at once: paper has no "card 2 of this note".
 * - `back`: the text stays, in a `<mark>` (highlighted on screen and paper,
 *   and announced as such by screen readers).
 */
export function clozeView(tree: Root, side: 'front' | 'back'): Root {
  const copy = structuredClone(tree)
  rewrite(copy)
  return copy

  function rewrite(parent: Root | Element): void {
    parent.children = parent.children.map((child) => {
      if (child.type !== 'element') return child
      if (child.tagName === 'span' && classList(child).includes('cloze')) {
        const number = String(child.properties['dataCloze'] ?? '')
        if (side === 'back') {
          rewrite(child)
          return h('mark', {className: ['cloze-shown'], dataCloze: number}, ...child.children)
        }
        const hint = child.properties['dataHint']
        const label = typeof hint === 'string' && hint.trim() ? hint.trim() : '…'
        return h('span', {className: ['cloze-blank'], dataCloze: number}, `[${label}]`)
      }
      rewrite(child)
      return child
    }) as typeof parent.children
  }
}

function containsCloze(node: Root | ElementContent): boolean {
  if (node.type === 'element' && node.tagName === 'span' && classList(node).includes('cloze')) return true
  return (node.type === 'element' || node.type === 'root') && node.children.some((child) => containsCloze(child as ElementContent))
}

/**
 * Headings written inside a field (`### Note` in an answer) go below the
 * document's own levels (h1 title, h2 section, h3 question) so the outline
 * stays in order: h1–h3 → h4, h4 → h5, deeper → h6.
 */
function demoteHeadings(tree: Root): Root {
  const walk = (parent: Root | Element): void => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue
      const level = /^h([1-6])$/.exec(child.tagName)?.[1]
      if (level !== undefined) child.tagName = `h${Math.min(6, Math.max(4, Number(level) + 1))}`
      walk(child)
    }
  }
  walk(tree)
  return tree
}

/**
 * Tables with many columns get a smaller type (`table-wide` from 7 columns,
 * `table-wider` from 10) so that words break inside cells only when even
 * that is not enough; the stylesheet lets any cell break anywhere as a last
 * resort, so a table never runs off the page.
 */
function markWideTables(tree: Root): Root {
  const walk = (parent: Root | Element): void => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue
      if (child.tagName === 'table') {
        const columns = columnCount(child)
        if (columns >= 7) child.properties['className'] = [...classList(child), columns >= 10 ? 'table-wider' : 'table-wide']
      }
      walk(child)
    }
  }
  walk(tree)
  return tree
}

/** Most cells in one row of a table. */
export function columnCount(table: Element): number {
  let most = 0
  const walk = (element: Element): void => {
    if (element.tagName === 'tr') {
      most = Math.max(most, element.children.filter((cell) => cell.type === 'element').length)
      return
    }
    for (const child of element.children) if (child.type === 'element') walk(child)
  }
  walk(table)
  return most
}

function isEmpty(tree: Root): boolean {
  const hasMedia = (node: Root | ElementContent): boolean =>
    (node.type === 'element' && (['img', 'audio', 'video'].includes(node.tagName) || classList(node).includes('math-inline') || classList(node).includes('math-display'))) ||
    ((node.type === 'element' || node.type === 'root') && node.children.some((child) => hasMedia(child as ElementContent))) ||
    (node.type === 'raw')
  return textContent(tree).trim() === '' && !hasMedia(tree)
}
