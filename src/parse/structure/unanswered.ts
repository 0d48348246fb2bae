/**
 * Questions without answers: lists of prompts with nothing to reveal
 * (`- <b>What did you learn this week?</b>`), written for self-assessment
 * or discussion. They make no cards; a person wants to hear about them once
 * per list, not once per line.
 *
 * @module
 */
import type {List, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import {report} from '../../diagnostics/report.js'
import {opensDetails} from './details.js'
import {opensWithPromptWord} from './forms.js'

/**
 * Report each list among `blocks` whose items are all bare questions (one
 * line ending in `?`, nothing nested), unless a question already covers it.
 *
 * @param blocks A region's blocks.
 * @param covered Positions of the questions made from the region.
 */
export function reportUnansweredLists(blocks: readonly RootContent[], covered: readonly Position[], file: VFile): void {
  for (const [index, block] of blocks.entries()) {
    if (block.type !== 'list' || !isQuestionList(block) || !block.position) continue
    // A `<details>` right after it is its answer block (an empty one is reported as such).
    if (opensDetails(blocks[index + 1])) continue
    const start = block.position.start
    if (covered.some((position) => position.start.line <= start.line && position.end.line >= start.line)) continue
    const first = toString(block.children[0], {includeHtml: false}).trim()
    report(
      file,
      'unanswered-questions',
      `${block.children.length} question(s) in this list have no answers (first: \`${first.slice(0, 80)}\`); they make no cards`,
      block
    )
  }
}

/**
 * Every item a single line with nothing below it, and most of them asking
 * (a question mark, or an interrogative or imperative opening: `Tell us
 * about …`).
 */
function isQuestionList(list: List): boolean {
  const lines = list.children.map((item) => (item.children.length === 1 && item.children[0]?.type === 'paragraph' ? toString(item, {includeHtml: false}).trim() : undefined))
  if (lines.length === 0 || lines.some((line) => line === undefined || line.includes('\n'))) return false
  const asking = lines.filter((line) => line !== undefined && (/[?？؟]$/.test(line) || opensWithPromptWord(line))).length
  return asking * 2 > lines.length && lines.some((line) => line !== undefined && /[?？؟]$/.test(line))
}
