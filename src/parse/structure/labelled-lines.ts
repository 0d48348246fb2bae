/**
 * Labelled lines written without blank lines between them:
 *
 * ```markdown
 * **Compétence** : Programmation - Python
 * **Question** : Comment créer une liste vide ?
 * **Réponse** : `[]` ou `list()`.
 * ```
 *
 * CommonMark makes one paragraph of these lines, so the answer label would be
 * buried in the middle of the question. {@link splitLabelledLines} splits
 * such paragraphs before every line that opens with a bold label and a colon
 * (a field marker or a metadata label), as a reader sees them: one line, one
 * field.
 *
 * @module
 */
import type {Paragraph, PhrasingContent, Root} from 'mdast'
import type {Point} from 'unist'
import {visit} from 'unist-util-visit'
import {splitMarker} from '../dialects/body.js'
import {metadataTags} from './metadata.js'

/**
 * Split paragraphs at labelled lines, in place.
 *
 * @param tree mdast of a file.
 */
export function splitLabelledLines(tree: Root): void {
  visit(tree, 'paragraph', (node, index, parent) => {
    if (!parent || index === undefined) return undefined
    if (!node.children.some((child) => child.type === 'text' && child.value.includes('\n'))) return undefined
    const lines = phrasingLines(node.children)
    if (lines.length < 2) return undefined
    const starts = lines.map((line, lineIndex) => lineIndex === 0 || isLabelledLine(line))
    if (starts.filter(Boolean).length < 2) return undefined
    const paragraphs: Paragraph[] = []
    for (const [lineIndex, line] of lines.entries()) {
      const current = paragraphs.at(-1)
      if (starts[lineIndex] || !current) paragraphs.push({type: 'paragraph', children: [...line]})
      else current.children.push({type: 'text', value: '\n'}, ...line)
    }
    for (const paragraph of paragraphs) placeParagraph(paragraph, node)
    parent.children.splice(index, 1, ...paragraphs)
    return index + paragraphs.length
  })
}

function isLabelledLine(line: PhrasingContent[]): boolean {
  const paragraph: Paragraph = {type: 'paragraph', children: line}
  const first = line[0]
  if (!first || (first.type !== 'strong' && first.type !== 'emphasis')) return false
  return splitMarker(paragraph) !== undefined || metadataTags(paragraph) !== undefined
}

/** Split phrasing at newlines inside text nodes, keeping positions. */
function phrasingLines(children: readonly PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]]
  for (const child of children) {
    if (child.type !== 'text' || !child.value.includes('\n')) {
      lines.at(-1)?.push(child)
      continue
    }
    const parts = child.value.split('\n')
    let line = child.position?.start.line
    let offset = child.position?.start.offset
    let column = child.position?.start.column
    for (const [partIndex, part] of parts.entries()) {
      if (partIndex > 0) {
        lines.push([])
        line = line === undefined ? undefined : line + 1
        column = 1
      }
      if (part) {
        const text: PhrasingContent = {type: 'text', value: part}
        if (line !== undefined && column !== undefined) {
          const start: Point = {line, column}
          const end: Point = {line, column: column + part.length}
          if (offset !== undefined) {
            start.offset = offset
            end.offset = offset + part.length
          }
          text.position = {start, end}
        }
        lines.at(-1)?.push(text)
      }
      if (offset !== undefined) offset += part.length + 1
      if (column !== undefined) column += part.length
    }
  }
  return lines
    .map((line) => trimLeadingSpace(line))
    .filter((line) => line.length > 0)
}

function trimLeadingSpace(line: PhrasingContent[]): PhrasingContent[] {
  const first = line[0]
  if (first?.type !== 'text') return line
  const value = first.value.replace(/^[ \t]+/, '')
  if (value === '') return line.slice(1)
  return value === first.value ? line : [{...first, value}, ...line.slice(1)]
}

function placeParagraph(paragraph: Paragraph, original: Paragraph): void {
  const start = paragraph.children[0]?.position?.start
  const end = paragraph.children.at(-1)?.position?.end
  if (start && end) paragraph.position = {start, end}
  else if (original.position) paragraph.position = original.position
}
