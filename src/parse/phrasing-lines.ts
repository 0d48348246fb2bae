/**
 * Phrasing content cut into lines, the way a reader sees the lines of a
 * paragraph (soft line breaks are newlines inside text nodes; hard breaks are
 * `break` nodes).
 *
 * @module
 */
import type {PhrasingContent} from 'mdast'
import type {Point} from 'unist'

/** Split phrasing at newlines inside text nodes, keeping positions. */
export function phrasingLines(children: readonly PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]]
  for (const child of children) {
    // A hard break (two trailing spaces, a backslash) ends a line too.
    if (child.type === 'break') {
      lines.push([])
      continue
    }
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
