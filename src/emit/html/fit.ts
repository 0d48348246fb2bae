/**
 * Choosing a card's font size at build time.
 *
 * A card has a fixed size (its back must sit exactly behind its front), and
 * CSS cannot shrink text to fit a box; a script could, but the document runs
 * none. So the size is estimated here from the content: characters per line
 * and line heights for each size step, paragraphs and code lines counted
 * apart, images and display math as fixed heights. The estimate errs on the
 * large side (wide glyphs, a margin per block), so text that is judged to fit
 * does; a card that fits at no size gets the smallest, and the stylesheet
 * marks it with an ellipsis if it really overflows.
 *
 * @module
 */
import type {ElementContent, Root} from 'hast'
import {classList, textContent} from './hast.js'

/** Font-size steps of a card, in points, largest first (`fs-1` … `fs-5` in the CSS). */
export const cardFontSizes: readonly number[] = [11, 9.5, 8, 6.8, 5.8]

/** Usable text box of a card, in millimetres (90 × 80 mm less padding and the tag line). */
export const cardBox = {width: 78.5, height: 64}

const mmPerPoint = 25.4 / 72
// Average advance of a character in em: wide sans fonts (DejaVu, Verdana)
// run about .55, monospace .6. Using the wide value keeps estimates safe.
const sansAdvance = 0.56
const monoAdvance = 0.6
const lineHeight = 1.35

/** A block as the estimator sees it. */
type Block =
  | {kind: 'text'; chars: number; scale: number}
  | {kind: 'code'; lines: number[]}
  | {kind: 'fixed'; mm: number}
  | {kind: 'table'; rows: number[][]}

/**
 * The size step (1-based, `fs-N`) at which the trees fit on one card face;
 * the smallest step when none does (the card then shows its overflow mark).
 *
 * @param trees The face's contents, top to bottom.
 * @param extraLines Lines of chrome besides the trees (field labels, the
 *   letters of options).
 */
export function fitCard(trees: readonly Root[], extraLines = 0): number {
  const blocks = trees.flatMap((tree) => blocksOf(tree))
  for (const [index, size] of cardFontSizes.entries()) {
    if (heightOf(blocks, size, extraLines) <= cardBox.height) return index + 1
  }
  return cardFontSizes.length
}

/**
 * Estimated printed height (mm) of trees set at `size` points in a column
 * `width` mm wide: what the print layouts use to tell a short question
 * (kept whole on a page) from a long one (allowed to break in its answer).
 */
export function estimateHeight(trees: readonly Root[], width: number, size: number, extraLines = 0): number {
  return heightOf(trees.flatMap((tree) => blocksOf(tree)), size, extraLines, width)
}

function heightOf(blocks: readonly Block[], size: number, extraLines: number, width = cardBox.width): number {
  const line = size * lineHeight * mmPerPoint
  const textPerLine = width / (size * sansAdvance * mmPerPoint)
  // Card code is set at .82em with 1.4 line height, inside 3.2 mm of padding.
  const codeSize = size * 0.82
  const codePerLine = (width - 3.2) / (codeSize * monoAdvance * mmPerPoint)
  const codeLine = codeSize * 1.4 * mmPerPoint
  let height = extraLines * line
  for (const block of blocks) {
    if (block.kind === 'text') {
      height += Math.max(1, Math.ceil(block.chars / (textPerLine / block.scale))) * line * block.scale + line * 0.35
    } else if (block.kind === 'code') {
      const lines = block.lines.reduce((sum, length) => sum + Math.max(1, Math.ceil(length / codePerLine)), 0)
      height += lines * codeLine + 3.5
    } else if (block.kind === 'table') {
      height += tableHeight(block.rows, size) + line * 0.35
    } else {
      height += block.mm
    }
  }
  return height
}

/**
 * A table on a card: type at .9em, columns of equal share (the widest
 * cells get more in reality, which the rounding up below pays for), cell
 * padding 1.8 mm a side, each row as tall as its tallest cell.
 */
function tableHeight(rows: readonly number[][], size: number): number {
  const tableSize = size * 0.9
  const line = tableSize * lineHeight * mmPerPoint
  let height = 0
  for (const cells of rows) {
    const columnWidth = cardBox.width / Math.max(1, cells.length) - 3.6
    const perLine = Math.max(1, Math.floor(columnWidth / (tableSize * sansAdvance * mmPerPoint)))
    const tallest = Math.max(1, ...cells.map((length) => Math.ceil(length / perLine)))
    height += tallest * line + 1.6
  }
  return height
}

const blockTags = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'dt', 'dd', 'figcaption'])

/** Break a tree into blocks; inline content of a block counts as its characters. */
function blocksOf(node: Root | ElementContent): Block[] {
  if (node.type === 'text') return node.value.trim() ? [{kind: 'text', chars: node.value.length, scale: 1}] : []
  if (node.type !== 'element' && node.type !== 'root') return []
  if (node.type === 'element') {
    const classes = classList(node)
    if (node.tagName === 'pre') return [{kind: 'code', lines: textContent(node).replace(/\n$/, '').split('\n').map((line) => line.length)}]
    if (node.tagName === 'img') return [{kind: 'fixed', mm: 45}]
    if (classes.includes('math-display')) return [{kind: 'fixed', mm: 9}]
    if (node.tagName === 'table') return [{kind: 'table', rows: node.children.flatMap((child) => rowsOf(child))}]
    if (blockTags.has(node.tagName) && !node.children.some((child) => child.type === 'element' && isBlockish(child))) {
      // Inline formulas are raw KaTeX output (no text to count): about six characters each.
      const chars = textContent(node).length + countInlineMath(node) * 6
      const images = node.children.filter((child) => child.type === 'element' && child.tagName === 'img').length
      return [
        ...(chars > 0 || images === 0 ? [{kind: 'text' as const, chars, scale: 1}] : []),
        ...Array.from({length: images}, () => ({kind: 'fixed' as const, mm: 45}))
      ]
    }
  }
  return node.children.flatMap((child) => blocksOf(child as ElementContent))
}

function rowsOf(element: ElementContent): number[][] {
  if (element.type !== 'element') return []
  if (element.tagName === 'tr') {
    return [element.children.flatMap((cell) => (cell.type === 'element' ? [textContent(cell).length] : []))]
  }
  return element.children.flatMap((child) => rowsOf(child))
}

function isBlockish(element: ElementContent): boolean {
  return element.type === 'element' && (element.tagName === 'pre' || element.tagName === 'ul' || element.tagName === 'ol' || element.tagName === 'table' || element.tagName === 'p' || classList(element).includes('math-display'))
}

function countInlineMath(node: ElementContent | Root): number {
  if (node.type !== 'element' && node.type !== 'root') return 0
  const own = node.type === 'element' && classList(node).includes('math-inline') ? 1 : 0
  return own + node.children.reduce((sum, child) => sum + countInlineMath(child as ElementContent), 0)
}
