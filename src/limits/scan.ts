/**
 * A cheap, linear pre-scan of a file's text that finds what would make
 * parsing slow or deep before the parser sees it: over-long lines, deep
 * nesting (lists, block quotes, `<details>`, HTML) and huge tables.
 *
 * It reads lines, not Markdown: its counts are upper bounds of what the
 * parser would build (it may count a construct the parser reads as text),
 * never much lower. That is the right error for a guard whose limits sit far
 * above real files. Every step is a single pass with bounded look-back, so a
 * 20 MB file is scanned in tens of milliseconds.
 *
 * @module
 */
import type {LimitName, Limits} from './table.js'

/** The first limit the text goes over. */
export interface Violation {
  limit: LimitName
  /** What was measured (characters, levels, cells). */
  actual: number
  /** What went over, for the message (`list nesting`, `a table`). */
  what: string
  line: number
  column: number
}

/** Elements that never hold others, or that HTML parsers close on their own. */
const notNesting = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'rp', 'rt', 'thead', 'tbody', 'tfoot', 'colgroup'
])

/**
 * HTML element names that nest. Only these count: `List<String>` in prose is
 * not an element, and counting every `<word>` would flag code-heavy banks.
 */
const nestingElements = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'caption', 'cite', 'code', 'data',
  'del', 'details', 'dfn', 'dialog', 'div', 'dl', 'em', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'i', 'ins', 'kbd', 'label', 'legend', 'main', 'mark', 'nav', 'ol', 'pre',
  'q', 's', 'samp', 'section', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'time', 'u', 'ul',
  'var', 'center', 'font', 'strike', 'tt', 'big', 'svg', 'math', 'g', 'object', 'picture', 'video', 'audio',
  'button', 'select', 'textarea', 'template', 'noscript', 'canvas', 'menu', 'search', 'hgroup', 'ruby', 'map'
])

const tagPattern = /<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(\/?)>/g
const codeSpanPattern = /(`+)[^`]*?\1/g
const listMarker = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/
const headingLine = /^ {0,3}#{1,6}(?:[ \t]|$)/

/**
 * Scan text for the first limit it goes over.
 *
 * @param text Decoded text (LF line endings).
 * @param limits Limits to hold it to.
 * @returns The first violation, or undefined when the text is within limits.
 */
export function scanText(text: string, limits: Readonly<Limits>): Violation | undefined {
  // Content columns of the open list items (innermost last).
  const listStack: number[] = []
  let fence: {char: string; size: number} | undefined
  let htmlDepth = 0
  let detailsDepth = 0
  let table: {columns: number; rows: number; line: number} | undefined
  // Characters of the run of lines that make one paragraph. micromark's
  // inline pass is quadratic in a paragraph's lines (a 1.6 MB paragraph
  // takes tens of seconds), so one over the field limit stops here.
  let paragraph = {size: 0, line: 1}
  // YAML frontmatter is not Markdown (its size is bounded by the line and
  // file limits; the yaml package reads it in linear time).
  let frontmatter = text.startsWith('---\n')
  let line = 0

  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    line++
    const length = end - start
    if (length > limits.fieldLength) {
      return {limit: 'fieldLength', actual: length, what: 'a line', line, column: 1}
    }
    const content = text.slice(start, end)
    start = end + 1
    if (newline === -1 && content === '' && line > 1) break

    if (frontmatter) {
      if (line > 1 && (content === '---' || content === '...')) frontmatter = false
      continue
    }

    // Fenced code is opaque to every other check.
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(content)
    if (fence) {
      if (fenceMatch?.[1] && fenceMatch[1][0] === fence.char && fenceMatch[1].length >= fence.size && content.trim() === fenceMatch[1]) {
        fence = undefined
      }
      continue
    }
    if (fenceMatch?.[1]) {
      fence = {char: fenceMatch[1][0] ?? '`', size: fenceMatch[1].length}
      paragraph = {size: 0, line: line + 1}
      continue
    }

    const blank = content.trim() === ''
    if (table) {
      if (blank) {
        table = undefined
      } else {
        table.rows++
        const cells = table.columns * table.rows
        if (cells > limits.tableCells) {
          return {limit: 'tableCells', actual: cells, what: `a table of ${table.columns} columns`, line: table.line, column: 1}
        }
      }
    } else if (isDelimiterRow(content)) {
      const columns = content.split('|').filter((cell) => cell.trim() !== '').length
      // The header row above counts too.
      table = {columns, rows: 2, line: Math.max(1, line - 1)}
      if (columns * 2 > limits.tableCells) {
        return {limit: 'tableCells', actual: columns * 2, what: `a table of ${columns} columns`, line: table.line, column: 1}
      }
    }

    const containers = containerDepth(content, listStack)
    if (containers.depth > limits.depth) {
      return {limit: 'depth', actual: containers.depth, what: 'list and block quote nesting', line, column: containers.column}
    }

    // Lines that open a block end the paragraph (blank lines, headings, list
    // items, block quotes); marker lines such as `A:` do not, for micromark.
    // Table rows are not a paragraph either: the cell limit bounds them.
    if (table) {
      paragraph = {size: 0, line: line + 1}
    } else if (blank || containers.marked || headingLine.test(content)) {
      paragraph = blank ? {size: 0, line: line + 1} : {size: length, line}
    } else {
      paragraph.size += length + 1
    }
    if (paragraph.size > limits.fieldLength) {
      return {limit: 'fieldLength', actual: paragraph.size, what: 'a paragraph (lines with no blank line between them)', line: paragraph.line, column: 1}
    }

    if (!content.includes('<')) continue
    const prose = content.includes('`') ? content.replace(codeSpanPattern, (span) => ' '.repeat(span.length)) : content
    tagPattern.lastIndex = 0
    for (let match = tagPattern.exec(prose); match; match = tagPattern.exec(prose)) {
      const name = (match[2] ?? '').toLowerCase()
      if (!nestingElements.has(name) || notNesting.has(name)) continue
      const closing = match[1] === '/'
      if (match[3] === '/') continue
      const step = closing ? -1 : 1
      htmlDepth = Math.max(0, htmlDepth + step)
      if (name === 'details') detailsDepth = Math.max(0, detailsDepth + step)
      if (detailsDepth > limits.depth) {
        return {limit: 'depth', actual: detailsDepth, what: '`<details>` nesting', line, column: match.index + 1}
      }
      if (htmlDepth > limits.depth) {
        return {limit: 'depth', actual: htmlDepth, what: 'HTML element nesting', line, column: match.index + 1}
      }
    }
  }
  return undefined
}

/** A GFM table delimiter row (`| --- | :-: |`): only pipes, dashes, colons and spaces. */
function isDelimiterRow(line: string): boolean {
  if (!line.includes('|') || !line.includes('-')) return false
  for (let index = 0; index < line.length; index++) {
    const char = line[index]
    if (char !== '|' && char !== '-' && char !== ':' && char !== ' ' && char !== '\t') return false
  }
  return true
}

/**
 * Nesting depth of a line's containers: list items open above it (by
 * indentation) plus the block quote and list markers that start the line
 * (`> - > 1. text` is four levels).
 */
function containerDepth(line: string, listStack: number[]): {depth: number; column: number; marked: boolean} {
  let index = 0
  let column = 0
  let prefix = 0
  let firstList = true
  for (;;) {
    while (line[index] === ' ' || line[index] === '\t') {
      column = line[index] === '\t' ? column + 4 - (column % 4) : column + 1
      index++
    }
    if (line[index] === '>') {
      prefix++
      index++
      column++
      continue
    }
    const marker = listMarker.exec(line.slice(index, index + 11))
    if (!marker) break
    if (firstList && prefix === 0) {
      // A list item closes the items whose content starts right of it.
      while (listStack.length > 0 && (listStack.at(-1) ?? 0) > column) listStack.pop()
      listStack.push(column + marker[0].length + 1)
      firstList = false
    } else {
      prefix++
    }
    index += marker[0].length
    column += marker[0].length
  }
  return {depth: listStack.length + prefix, column: index + 1, marked: prefix > 0 || !firstList}
}
