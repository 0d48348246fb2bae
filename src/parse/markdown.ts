/**
 * Text → mdast, with the syntax deckdown reads: CommonMark, GFM (tables, task
 * lists, strikethrough, autolinks, footnotes) and YAML frontmatter.
 *
 * @module
 */
import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'

// One frozen processor: parsing holds no state between calls, so sharing it
// keeps `parse` a pure function of its input while saving the set-up cost per
// file (it matters at 100,000 questions).
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml'])
  .freeze()

/**
 * Parse Markdown text into mdast (with positions).
 *
 * @param text Decoded text (LF line endings).
 * @returns mdast root.
 */
export function parseMarkdown(text: string): Root {
  return processor.parse(text)
}
