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
import type {Paragraph, Parent, PhrasingContent, Root} from 'mdast'
import {splitMarker} from '../dialects/body.js'
import {phrasingLines} from '../phrasing-lines.js'
import {metadataTags} from './metadata.js'

/**
 * Split paragraphs at labelled lines, in place.
 *
 * @param tree mdast of a file.
 */
export function splitLabelledLines(tree: Root): void {
  // A plain walk (see walk.ts); paragraphs hold no paragraphs, so only
  // other parents are entered, and the paragraphs a split makes are not
  // looked at again.
  const walk = (parent: Parent): void => {
    for (let index = 0; index < parent.children.length; index++) {
      const node = parent.children[index] as Parent
      if (node.type !== 'paragraph') {
        if ('children' in node) walk(node)
        continue
      }
      const paragraphs = splitParagraph(node as Paragraph)
      if (!paragraphs) continue
      parent.children.splice(index, 1, ...paragraphs)
      index += paragraphs.length - 1
    }
  }
  walk(tree)
}

/** The paragraphs `node` reads as, one per labelled line; undefined to keep it whole. */
function splitParagraph(node: Paragraph): Paragraph[] | undefined {
  if (!node.children.some((child) => child.type === 'break' || (child.type === 'text' && child.value.includes('\n')))) return undefined
  const lines = phrasingLines(node.children)
  if (lines.length < 2) return undefined
  // Plain `Q:` / `A:` labels split lines only in a paragraph that opens
  // with a question label; bold labels anywhere.
  const plain = isQuestionLine(lines[0] ?? [])
  const starts = lines.map((line, lineIndex) => lineIndex === 0 || isLabelledLine(line) || (plain && isPlainLabelLine(line)))
  if (starts.filter(Boolean).length < 2) return undefined
  const paragraphs: Paragraph[] = []
  for (const [lineIndex, line] of lines.entries()) {
    const current = paragraphs.at(-1)
    if (starts[lineIndex] || !current) paragraphs.push({type: 'paragraph', children: [...line]})
    else current.children.push({type: 'text', value: '\n'}, ...line)
  }
  for (const paragraph of paragraphs) placeParagraph(paragraph, node)
  return paragraphs
}

function isQuestionLine(line: PhrasingContent[]): boolean {
  return splitMarker({type: 'paragraph', children: line})?.field === 'question'
}

function isPlainLabelLine(line: PhrasingContent[]): boolean {
  const field = line[0]?.type === 'text' ? splitMarker({type: 'paragraph', children: line})?.field : undefined
  return field === 'question' || field === 'answer'
}

function isLabelledLine(line: PhrasingContent[]): boolean {
  const paragraph: Paragraph = {type: 'paragraph', children: line}
  const first = line[0]
  if (!first || (first.type !== 'strong' && first.type !== 'emphasis')) return false
  return splitMarker(paragraph) !== undefined || metadataTags(paragraph) !== undefined
}

function placeParagraph(paragraph: Paragraph, original: Paragraph): void {
  const start = paragraph.children[0]?.position?.start
  const end = paragraph.children.at(-1)?.position?.end
  if (start && end) paragraph.position = {start, end}
  else if (original.position) paragraph.position = original.position
}
