/**
 * Parsing with only the syntax extensions a text could use
 * (src/parse/syntax.ts) must give exactly the tree of remark-parse with
 * remark-gfm, remark-frontmatter and remark-math all on — the plugins
 * themselves are the oracle.
 */
import {readFile} from 'node:fs/promises'
import fc from 'fast-check'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {fullSyntaxParser, syntaxFeaturesOf, syntaxParser} from '../../src/parse/syntax.js'
import {decodeBytes} from '../../src/text/decode.js'
import {fileText} from '../bench/corpus.mjs'
import {markdownText} from '../fuzz/arbitraries.mjs'
import {fixtureFiles} from '../helpers.js'

fc.configureGlobal({
  ...(process.env['CI'] ? {seed: 20261129} : {}),
  ...(process.env['FC_RUNS'] ? {numRuns: Number(process.env['FC_RUNS'])} : {})
})

const plugins = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkMath).freeze()
const oracle = (text: string) => plugins.parse(text)
const chosen = (text: string) => syntaxParser(text)(text)

/** Texts that come close to an extension's syntax without using it, and texts that use it. */
const nearMisses: Record<string, string[]> = {
  'autolink literal': [
    '@decorator\ndef f(): pass\n', 'mail me @ home', 'a@', '@b.c', 'x @y.z', 'www', 'wwwexample.com', 'http:/x', 'https:example',
    'a@b.c', 'WWW.EXAMPLE.COM', 'HTTPS://x.y', 'mailto:a@b.c', 'xmpp:a@b.c/d', '`a@b.c`', '    a@b.c\n', '_a@b.c_', 'a+b@c-d.e'
  ],
  footnote: ['[^]', '[ ^1]', '^1]', 'a[^1] b\n\n[^1]: note\n', '[^1]: only a definition\n'],
  strikethrough: ['-strike-', '~~a~~', '~a~', '~~~\nfenced\n~~~\n'],
  table: ['a\n-\nb', '@\n:---', 'a\n--:', 'a\n: -', 'a | b', '| a |\n| - |\n| 1 |', 'a|b\n-|-\n1|2', '- a\n- b\n---\n'],
  'task list item': ['- [] a', '- [y] a', '- [ ] a', '- [x] a', '- [X] a', '* [\t] a', '[x]', '- [ ]\n'],
  frontmatter: ['--\ntitle: x\n--\n', ' ---\na: b\n---\n', '---\na: b\n---\n\n# H\n', '\uFEFF---\na: b\n---\n', 'text\n---\n'],
  math: ['costs 5 dollars', '$x$', '$$\nx\n$$\n', 'it costs $5 and $10', '`$x$`', '\\$x\\$']
}

describe('syntax extensions chosen per text', () => {
  for (const [feature, texts] of Object.entries(nearMisses)) {
    it(`gives the plugins' tree around ${feature} syntax`, () => {
      for (const text of texts) expect(chosen(text), JSON.stringify(text)).toEqual(oracle(text))
    })
  }

  it('leaves out what a text cannot use, keeps what it can', () => {
    expect(syntaxFeaturesOf('## Q?\n\n**Réponse :** un texte.\n\n```python\n@cache\ndef f(): pass\n```\n')).toEqual([])
    expect(syntaxFeaturesOf('---\na: 1\n---\nsee www.example.com | $x$ ~~y~~ [^1] - [ ] t')).toEqual([
      'gfm-autolink-literal',
      'gfm-footnote',
      'gfm-strikethrough',
      'gfm-table',
      'gfm-task-list-item',
      'frontmatter',
      'math'
    ])
  })

  it('with every extension on, is the plugins', () => {
    const text = fileText(3, 20)
    expect(fullSyntaxParser()(text)).toEqual(oracle(text))
  })

  it("gives the plugins' tree on every fixture", async () => {
    const files = await fixtureFiles()
    expect(files.length).toBeGreaterThan(20)
    for (const path of files) {
      const decoded = decodeBytes(new Uint8Array(await readFile(path)))
      if (decoded.ok) expect(chosen(decoded.text), path).toEqual(oracle(decoded.text))
    }
  }, 120_000)

  it("gives the plugins' tree on short texts made of the extensions' trigger characters", () => {
    // Dense in near misses: `@` next to word characters or not, `[` `]` with
    // spaces and `x`, pipes and dashes on lines of their own, `$` and `~` runs.
    const piece = fc.constantFrom('@', 'a', 'b.c', 'www.', 'w', 'http', '://', ':', '/', '[', ']', '^', 'x', ' ', '\t', '\n', '-', '|', '~', '$', '_', '*', '`', '#', '1.', '>', '---', ':---', '--:')
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 24}).map((pieces) => pieces.join('')), (text) => {
        expect(chosen(text)).toEqual(oracle(text))
      }),
      {numRuns: Number(process.env['FC_RUNS'] ?? 2000)}
    )
  }, 120_000)

  it("gives the plugins' tree on generated Markdown", () => {
    fc.assert(
      fc.property(markdownText(fc), (text) => {
        expect(chosen(text)).toEqual(oracle(text))
      }),
      {numRuns: Number(process.env['FC_RUNS'] ?? 300)}
    )
  }, 120_000)
})
