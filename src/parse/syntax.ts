/**
 * The syntax extensions deckdown reads (GFM, YAML frontmatter, math), chosen
 * per text: a text is parsed only with the extensions whose syntax it could
 * hold.
 *
 * Why: micromark tries every extension's constructs at every character they
 * hook, matched or not. On a question bank without a table, an email address
 * or a `$`, GFM alone made parsing 1.6× slower, and GFM's autolink pass then
 * searched every text node of the tree again. Each extension below cannot
 * match without some characters (a table without `|` or an alignment colon,
 * strikethrough without `~`, math without `$`), so leaving it out of a text
 * without them changes nothing but the time.
 *
 * Contract: `syntaxParser(text)(text)` gives the same tree as parsing `text`
 * with remark-gfm, remark-frontmatter (YAML) and remark-math all on. Tests
 * hold it on every fixture and on generated text.
 *
 * @module
 */
import type {Root} from 'mdast'
import type {Extension as MdastExtension} from 'mdast-util-from-markdown'
import {frontmatterFromMarkdown} from 'mdast-util-frontmatter'
import {gfmAutolinkLiteralFromMarkdown} from 'mdast-util-gfm-autolink-literal'
import {gfmFootnoteFromMarkdown} from 'mdast-util-gfm-footnote'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmTaskListItemFromMarkdown} from 'mdast-util-gfm-task-list-item'
import {mathFromMarkdown} from 'mdast-util-math'
import {frontmatter} from 'micromark-extension-frontmatter'
import {gfmAutolinkLiteral} from 'micromark-extension-gfm-autolink-literal'
import {gfmFootnote} from 'micromark-extension-gfm-footnote'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {gfmTable} from 'micromark-extension-gfm-table'
import {gfmTaskListItem} from 'micromark-extension-gfm-task-list-item'
import {math} from 'micromark-extension-math'
import type {Extension as MicromarkExtension} from 'micromark-util-types'
import remarkParse from 'remark-parse'
import {unified} from 'unified'

/** One syntax extension, and what a text must hold for it to match anything. */
interface SyntaxFeature {
  name: string
  /** False only when no construct of the extension can match in `text`. */
  couldMatch(text: string): boolean
  micromark: MicromarkExtension
  mdast: MdastExtension
}

/**
 * In the order remark-gfm (its five parts, in its order), remark-frontmatter
 * and remark-math register them: where two hook the same character, the
 * earlier is tried first, as with the plugins.
 */
const features: readonly SyntaxFeature[] = [
  {
    name: 'gfm-autolink-literal',
    // `www.`, `http://`/`https://` (either case), or an email address: a
    // local-part character right before `@` and a domain character right
    // after it. `mailto:` and `xmpp:` links hold an address too. A Python
    // decorator (`@cache` at a line start) is none of these.
    couldMatch: (text) => /www\.|https?:\/\/|[\w+.-]@[\w-]/i.test(text),
    micromark: gfmAutolinkLiteral(),
    mdast: gfmAutolinkLiteralFromMarkdown()
  },
  {name: 'gfm-footnote', couldMatch: (text) => text.includes('[^'), micromark: gfmFootnote(), mdast: gfmFootnoteFromMarkdown()},
  {name: 'gfm-strikethrough', couldMatch: (text) => text.includes('~'), micromark: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown()},
  // A table's delimiter row holds a `|` or an alignment colon: one column
  // can be `a` over `:--` (or `--:`).
  {name: 'gfm-table', couldMatch: (text) => /\||:-|-:/.test(text), micromark: gfmTable(), mdast: gfmTableFromMarkdown()},
  // `[ ]`, `[x]`, `[X]` (the space may be a tab or a line ending).
  {name: 'gfm-task-list-item', couldMatch: (text) => /\[[\sxX]\]/.test(text), micromark: gfmTaskListItem(), mdast: gfmTaskListItemFromMarkdown()},
  // Only the very start of a text (after a byte order mark) opens frontmatter.
  {name: 'frontmatter', couldMatch: (text) => /^\uFEFF?---/.test(text), micromark: frontmatter('yaml'), mdast: frontmatterFromMarkdown('yaml')},
  {name: 'math', couldMatch: (text) => text.includes('$'), micromark: math(), mdast: mathFromMarkdown()}
]

/** Text → mdast with a fixed set of extensions. */
export type MarkdownParser = (text: string) => Root

// One frozen processor per set of extensions, made when first needed: a
// processor holds no state between parses.
const parsers = new Map<number, MarkdownParser>()

/**
 * The parser for `text`: remark-parse with the extensions `text` could use.
 *
 * @example
 * const text = '## Q?\n\nA **bold** answer.'
 * const tree = syntaxParser(text)(text) // parsed without GFM, math or frontmatter
 */
export function syntaxParser(text: string): MarkdownParser {
  let mask = 0
  for (const [index, feature] of features.entries()) if (feature.couldMatch(text)) mask |= 1 << index
  return parserWith(mask)
}

/** The parser with every extension on (what `syntaxParser` must equal). */
export function fullSyntaxParser(): MarkdownParser {
  return parserWith((1 << features.length) - 1)
}

/** Names of the extensions `syntaxParser(text)` uses (for tests and profiling). */
export function syntaxFeaturesOf(text: string): string[] {
  return features.filter((feature) => feature.couldMatch(text)).map((feature) => feature.name)
}

function parserWith(mask: number): MarkdownParser {
  let parser = parsers.get(mask)
  if (parser) return parser
  const chosen = features.filter((_, index) => (mask & (1 << index)) !== 0)
  const processor = unified()
    .use(remarkParse)
    .use(function syntaxExtensions() {
      const data = this.data()
      data.micromarkExtensions = chosen.map((feature) => feature.micromark)
      data.fromMarkdownExtensions = chosen.map((feature) => feature.mdast)
    })
    .freeze()
  parser = (text) => processor.parse(text)
  parsers.set(mask, parser)
  return parser
}
