/**
 * Parsing long texts in pieces (src/parse/blocks.ts) must give exactly the
 * tree of a parse of the whole text, positions included. Each text is parsed
 * whole and cut at every allowed point (piece size 1).
 */
import {readFile} from 'node:fs/promises'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkFrontmatter from 'remark-frontmatter'
import remarkMath from 'remark-math'
import {decodeBytes} from '../../src/text/decode.js'
import {parseInBlocks} from '../../src/parse/blocks.js'
import {parseMarkdown} from '../../src/parse/markdown.js'
import {fileText} from '../bench/corpus.mjs'
import {markdownText} from '../fuzz/arbitraries.mjs'
import {fixtureFiles} from '../helpers.js'

fc.configureGlobal({
  ...(process.env['CI'] ? {seed: 20261128} : {}),
  ...(process.env['FC_RUNS'] ? {numRuns: Number(process.env['FC_RUNS'])} : {})
})

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkMath).freeze()
const whole = (text: string) => processor.parse(text)

/** Texts whose pieces could go wrong if a cut were made in the wrong place. */
const tricky: Record<string, string> = {
  'unclosed fence before a heading': '# A\n\n```js\nlet a\n\n# not a heading\n\ntext\n',
  'fence closed later': '# A\n\n~~~\ncode\n\n# inside\n\n~~~\n\n# B\n\ntext\n',
  'longer closing fence only': '# A\n\n````\n```\n\n# inside\n\n````\n\n# B\n',
  'math block': '# A\n\n$$\nx\n\n# inside\n\n$$\n\n# B\n',
  'html block without a blank line': '# A\n\n<div>\nstuff\n# swallowed\n</div>\n\n# B\n',
  'html comment over blank lines': '# A\n\n<!--\n\n# hidden\n\n-->\n\n# B\n',
  'pre over blank lines': '<pre>\n\nx\n\n# y\n\n</pre>\n\nafter\n',
  'list continued after a blank line': '- a\n\n- b\n\nparagraph\n\n1. one\n\n2. two\n\n# H\n',
  'lazy paragraph and quote': '> quote\nlazy\n# H\n> again\n\nafter\n',
  'table then heading': '| a | b |\n| - | - |\n| 1 | 2 |\n# H\n| c |\n',
  'setext heading': 'Title\n=====\n\ntext\n---\n\n# H\ntext\n',
  'frontmatter with a heading-like line': '---\ntitle: x\n# comment: y\n---\n\n# H\n\ntext\n',
  'unclosed frontmatter': '---\n# H\n\ntext\n',
  'indented code then heading': '    code\n\n# H\n\n    more\ntext\n',
  'list with unclosed fence': '1. item\n   ```\n   code\n\nafter\n# H\n',
  'no trailing newline': '# A\n\ntext\n\n# B',
  'inline math and money': '# A\n\n$x$ costs $5\n\n# B\n\n$$y$$\n'
}

describe('parsing in pieces', () => {
  for (const [name, text] of Object.entries(tricky)) {
    it(`gives the whole-text tree: ${name}`, () => {
      expect(parseInBlocks(text, whole, 1)).toEqual(whole(text))
    })
  }

  it('gives the whole-text tree on every fixture', async () => {
    const files = await fixtureFiles()
    expect(files.length).toBeGreaterThan(20)
    for (const path of files) {
      const decoded = decodeBytes(new Uint8Array(await readFile(path)))
      if (!decoded.ok) continue
      // Pieces of a few lines: many cuts per file, in reasonable time.
      expect(parseInBlocks(decoded.text, whole, 64), path).toEqual(whole(decoded.text))
      expect(parseMarkdown(decoded.text, 256), path).toEqual(parseMarkdown(decoded.text, Number.POSITIVE_INFINITY))
    }
  }, 120_000)

  it('gives the whole-text tree on generated Markdown (fences, HTML, lists, quotes, math)', () => {
    // Definitions are taken out so that pieces are cut at all.
    const text = markdownText(fc).map((value) => value.replaceAll(']:', '] :'))
    fc.assert(
      fc.property(text, (value) => {
        expect(parseInBlocks(value, whole, 1)).toEqual(whole(value))
      }),
      {numRuns: Number(process.env['FC_RUNS'] ?? 300)}
    )
  }, 120_000)

  it('gives the whole-text tree on a long generated bank, with the default piece size', () => {
    const text = fileText(0, 400)
    expect(text.length).toBeGreaterThan(200_000)
    expect(parseMarkdown(text)).toEqual(parseMarkdown(text, Number.POSITIVE_INFINITY))
  })

  it('parses whole a file with a definition (references resolve across the file)', () => {
    const text = '# A\n\nsee [x]\n\n# B\n\n[x]: https://example.com\n'
    const tree = parseInBlocks(text, whole, 1)
    expect(tree).toEqual(whole(text))
    expect(JSON.stringify(tree)).toContain('linkReference')
  })
})
