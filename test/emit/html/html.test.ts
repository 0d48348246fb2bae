/**
 * The html emitter without a browser: document structure, options, layouts,
 * math, media, clozes and choices, determinism. Builds go through the real
 * `compile` (the emitter passed explicitly); the cloze/choice rendering is
 * also checked on a hand-built tree so it does not depend on the parser.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {PhrasingContent} from 'mdast'
import {VFile} from 'vfile'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Cloze, Question, Root} from '../../../src/ast/types.js'
import {report} from '../../../src/diagnostics/report.js'
import type {EmitContext} from '../../../src/emit/types.js'
import {contentSecurityPolicy, htmlEmitter, mathErrorRuleId, type HtmlAsset} from '../../../src/emit/html/index.js'
import {cssString} from '../../../src/emit/html/css.js'
import {choiceLetter} from '../../../src/emit/html/fields.js'
import {imageType} from '../../../src/emit/html/media.js'
import {createMediaLoader} from '../../../src/media/index.js'
import {parse} from '../../../src/parse/index.js'
import {createRenderer} from '../../../src/render/index.js'
import {buildHtml, fixedNow, fixture, pythonFile, seedFile, stripesPng, writeRichFixture} from './helpers.js'

let rich: ReturnType<typeof writeRichFixture>
let richValue: Uint8Array

beforeAll(() => {
  rich = writeRichFixture()
  richValue = new Uint8Array(readFileSync(join(rich.dir, rich.file)))
})
afterAll(() => rich.cleanup())

const buildRich = (options: Record<string, unknown> = {}) => buildHtml(rich.file, richValue, options, {cwd: rich.dir})

/** The `<style>` text and the CSP of a document. */
function headOf(html: string): {css: string; csp: string} {
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? ''
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]?.replace(/&#x27;/g, "'") ?? ''
  return {css, csp}
}

/** The document from `<body>` on (the stylesheet names every class). */
function bodyOf(html: string): string {
  return html.slice(html.indexOf('<body'))
}

describe('document', () => {
  it('is a complete, self-describing page', async () => {
    const {html} = await buildHtml(pythonFile, fixture(pythonFile))
    expect(html.startsWith('<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')).toBe(true)
    expect(html).toContain('<title>Python basics</title>')
    expect(html).toContain('<h1>Python basics</h1>')
    expect(html).toContain('<time datetime="2026-03-14">2026-03-14</time>')
    expect(html).toContain('fixtures/python-basics.md')
    // Landmarks and outline: banner, navigation, main; h1 → h2 → h3.
    expect(html).toMatch(/<header class="doc-header">[\s\S]*<nav class="toc" aria-labelledby="toc-title">[\s\S]*<main id="main">/)
    const headings = [...html.matchAll(/<h([1-6])\b/g)].map((match) => Number(match[1]))
    for (const [index, level] of headings.entries()) if (index > 0) expect(level - (headings[index - 1] ?? 1)).toBeLessThanOrEqual(1)
    expect(html).toMatch(/<ol class="questions" start="1">/)
    expect(html.endsWith('</html>\n')).toBe(true)
  })

  it('forbids every network load with a CSP whose style hash matches', async () => {
    const {html} = await buildRich()
    const {css, csp} = headOf(html)
    const hash = createHash('sha256').update(css, 'utf8').digest('base64')
    expect(csp).toBe(`default-src 'none'; img-src data:; media-src data:; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`)
    expect(contentSecurityPolicy(css, 'inline')).toBe(csp)
    // Nothing that could load: no script, no external stylesheet, no url() or @import.
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed/i)
    expect(css).not.toMatch(/url\(|@import|@font-face/i)
    // Every src is data: (the remote image became a link).
    for (const match of html.matchAll(/\ssrc="([^"]*)"/g)) expect(match[1]).toMatch(/^data:image\//)
    expect(html).toContain('<a class="image-remote" href="https://example.com/badge.png">Remote badge</a>')
  })

  it('is byte-identical for the same input and clock', async () => {
    const first = await buildRich({layout: 'cards'})
    const second = await buildRich({layout: 'cards'})
    expect(second.html).toBe(first.html)
    const other = await buildHtml(rich.file, richValue, {layout: 'cards'}, {cwd: rich.dir, now: new Date('2027-01-01T00:00:00Z')})
    expect(other.html).not.toBe(first.html)
    expect(other.html.replaceAll('2027-01-01', '2026-03-14')).toBe(first.html)
  })

  it('takes its title from the option, then frontmatter, then the output name', async () => {
    expect((await buildHtml(pythonFile, fixture(pythonFile), {title: 'Revision sheet'})).html).toContain('<title>Revision sheet</title>')
    expect((await buildHtml(seedFile, fixture(seedFile))).html).toContain('<title>000_7f03c07bfde96dd4</title>')
    const bundle = await buildHtml(pythonFile, fixture(pythonFile), {}, {bundle: 'all'})
    expect(bundle.html).toContain('<title>all</title>')
  })

  it('writes the title into CSS safely (page header) and keeps the hash valid', async () => {
    expect(cssString('A "b" </style> \\ c')).toBe('"A \\22 b\\22  \\3c /style\\3e  \\5c  c"')
    const {html} = await buildHtml('x.md', '---\ntitle: "Evil </style><script>x()</script> \\"q\\""\n---\n\n## Q?\n\n**Answer:** A.\n')
    expect(html).not.toContain('<script>')
    const {css, csp} = headOf(html)
    expect(css).not.toContain('</')
    expect(csp).toContain(createHash('sha256').update(css, 'utf8').digest('base64'))
  })

  it('uses the frontmatter language for lang and its labels', async () => {
    const {html} = await buildHtml('fr.md', '---\nlang: fr\n---\n\n## Pourquoi ?\n\n**Réponse :** Parce que.\n\n**Exemple :** `x`\n')
    expect(html).toContain('<html lang="fr">')
    expect(html).toContain('<p class="field-label">Réponse</p>')
    expect(html).toContain('<p class="field-label">Exemple</p>')
  })

  it('keeps every question of the seed, in order, numbered across sections', async () => {
    const {html, result} = await buildHtml(seedFile, fixture(seedFile))
    const questions = result.trees[0]?.children.flatMap((section) => section.children) ?? []
    expect(questions).toHaveLength(7)
    const numbers = [...html.matchAll(/<li class="q q-\w+(?: q-short)?" id="q(\d+)" value="\1">/g)].map((match) => Number(match[1]))
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(html).toContain('modèle de concurrence')
  })

  it('moves headings inside fields below the question level', async () => {
    const {html} = await buildHtml('h.md', '## Q?\n\n**Answer:**\n\nText\n\n<h1>Inner</h1>\n')
    expect(html).toContain('<h4>Inner</h4>')
  })

  it('shrinks the type of tables with many columns', async () => {
    const {html} = await buildRich()
    expect(html).toContain('<table class="table-wider">')
  })

  it('still gives a valid page for a file without questions', async () => {
    for (const layout of ['study', 'quiz', 'cards']) {
      const {html, result} = await buildHtml('empty.md', '# Notes\n\nJust text.\n', {layout})
      expect(result.files[0]?.messages.map((message) => message.ruleId)).toContain('no-questions')
      expect(bodyOf(html)).toContain('<dt>Questions</dt><dd>0</dd>')
      expect(bodyOf(html)).not.toMatch(/class="(?:q|card) /)
    }
  })

  it('asks for a paper size only when told to', async () => {
    const css = async (options: Record<string, unknown>) => headOf((await buildHtml(pythonFile, fixture(pythonFile), options)).html).css
    expect(await css({})).toMatch(/^@page\{margin:/)
    expect(await css({paper: 'a4'})).toMatch(/^@page\{size:A4;margin:/)
    expect(await css({paper: 'Letter'})).toMatch(/^@page\{size:Letter;margin:/)
  })

  it('rejects unknown options as an emit failure', async () => {
    const {compile} = await import('../../../src/compile.js')
    const result = await compile([{path: 'a.md', value: '## Q?\n\n**Answer:** A.'}], {
      formats: ['html'],
      emitters: [htmlEmitter],
      emitterOptions: {html: {layout: 'poster'}}
    })
    expect(result.outputs).toEqual([])
    expect(result.files[0]?.messages.map((message) => [message.ruleId, message.reason])).toEqual([
      ['emit-failed', 'The `html` emitter failed on this file: Unknown html layout `poster` (known: study, quiz, cards); that output is not written']
    ])
  })
})

describe('layouts', () => {
  it('study: each question with its answer, example and notes', async () => {
    const html = bodyOf((await buildHtml(pythonFile, fixture(pythonFile))).html)
    expect(html).toContain('<body class="layout-study">')
    expect(html.match(/class="field field-answer"/g)).toHaveLength(4)
    expect(html.match(/class="field field-example"/g)).toHaveLength(2)
    expect(html).toContain('<p class="field-label">Notes</p>')
    expect(html).not.toContain('answer-key')
  })

  it('quiz: questions only, then an answer key with the same numbers', async () => {
    const html = bodyOf((await buildHtml(pythonFile, fixture(pythonFile), {layout: 'quiz'})).html)
    const [questions = '', key = ''] = html.split('<section class="answer-key"')
    expect(questions).not.toContain('field-answer')
    expect(questions.match(/<li class="q /g)).toHaveLength(4)
    expect(key.match(/<li class="q [^"]*" id="key(\d)" value="\1">/g)).toHaveLength(4)
    expect(key.match(/field-answer/g)).toHaveLength(4)
    expect(html).toContain('<a href="#answer-key">Answer key</a>')
  })

  it('cards: six per sheet, fronts then mirrored backs, with cut marks', async () => {
    const {html} = await buildHtml(seedFile, fixture(seedFile), {layout: 'cards'})
    const sheets = [...html.matchAll(/<section class="sheet sheet-(fronts|backs)" aria-label="([^"]*)">([\s\S]*?)<\/section>/g)]
    expect(sheets.map((sheet) => sheet[1])).toEqual(['fronts', 'backs', 'fronts', 'backs'])
    const slots = (body: string) => [...body.matchAll(/<div class="card (?:card-(front|back) fs-\d" id="card-\1-(\d+)"|card-empty")/g)].map((match) => (match[2] ? Number(match[2]) : 0))
    expect(slots(sheets[0]?.[3] ?? '')).toEqual([1, 2, 3, 4, 5, 6])
    expect(slots(sheets[1]?.[3] ?? '')).toEqual([2, 1, 4, 3, 6, 5])
    expect(slots(sheets[2]?.[3] ?? '')).toEqual([7, 0, 0, 0, 0, 0])
    expect(slots(sheets[3]?.[3] ?? '')).toEqual([0, 7, 0, 0, 0, 0])
    expect(sheets[0]?.[3]?.match(/class="cut /g)).toHaveLength(14)
    expect(sheets.map((sheet) => sheet[2])).toEqual(['Sheet 1, fronts', 'Sheet 1, backs', 'Sheet 2, fronts', 'Sheet 2, backs'])
    // Title page, then the printing notes, so fronts start on page 3 (a recto).
    expect(html).toMatch(/<div class="title-page"><header[\s\S]*<\/nav><\/div><section class="printing"/)
  })
})

describe('math', () => {
  it('renders KaTeX MathML without delimiters, inline and display', async () => {
    const {html} = await buildRich()
    expect(html).toContain('<span class="math-inline"><span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML">')
    expect(html).toMatch(/<div class="math-display"><span class="katex"><math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML" display="block">/)
    expect(html).toContain('<annotation encoding="application/x-tex">\\frac{1}{2}</annotation>')
    expect(html).not.toMatch(/\\\(|\\\)|\\\[|\\\]/)
    // No KaTeX stylesheet or font is needed or referenced.
    expect(html).not.toContain('katex-html')
  })

  it('prints a formula that does not parse as code and reports it', async () => {
    const {html, result} = await buildRich()
    expect(html).toContain('<code class="math-error" title="Unexpected end of input in a macro argument, expected &#x27;}&#x27;">\\frac{1</code>')
    const messages = result.files[0]?.messages.filter((message) => message.ruleId === mathErrorRuleId) ?? []
    expect(messages.map((message) => [message.line, message.reason])).toEqual([
      [23, "Math `\\frac{1` does not parse (Unexpected end of input in a macro argument, expected '}'); it is printed as source"]
    ])
  })
})

describe('images', () => {
  it('inlines local images as data URIs with sniffed types', async () => {
    const {html, result} = await buildRich()
    const png = Buffer.from(readFileSync(join(rich.dir, 'img', 'stripes.png'))).toString('base64')
    expect(html).toContain(`<img src="data:image/png;base64,${png}" alt="Three coloured stripes" decoding="sync">`)
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Vector logo" decoding="sync">/)
    // A missing file: its alt text, and the loader's diagnostic.
    expect(html).toContain('<span class="image-missing">[image: A missing chart]</span>')
    expect(result.files[0]?.messages.map((message) => message.ruleId)).toContain('missing-media')
  })

  it('refuses images outside the input folder', async () => {
    const {html, result} = await buildHtml('a.md', '## Q?\n\n**Answer:** ![secret](../../etc/passwd)\n', {}, {cwd: rich.dir})
    expect(html).toContain('[image: secret]')
    expect(bodyOf(html)).not.toContain('<img')
    expect(result.files[0]?.messages.map((message) => message.ruleId)).toContain('media-outside-root')
  })

  it('copy mode: flat names in a folder beside the document, files handed to onAsset', async () => {
    const assets: HtmlAsset[] = []
    const {html} = await buildRich({assets: 'copy', onAsset: (asset: HtmlAsset) => assets.push(asset)})
    expect(html).toContain('<img src="rich_files/stripes.png" alt="Three coloured stripes" decoding="sync">')
    expect(html).toContain('<img src="rich_files/logo.svg" alt="Vector logo" decoding="sync">')
    expect(html).not.toContain('data:image')
    expect(headOf(html).csp).toContain("img-src data: 'self';")
    expect(headOf(html).csp).toContain("media-src data: 'self';")
    expect(assets.map((asset) => [asset.path, asset.output, asset.sources, asset.data.length])).toEqual([
      ['rich_files/logo.svg', 'rich', ['rich.md'], readFileSync(join(rich.dir, 'img', 'logo.svg')).length],
      ['rich_files/stripes.png', 'rich', ['rich.md'], readFileSync(join(rich.dir, 'img', 'stripes.png')).length]
    ])
    const custom = await buildRich({assets: 'copy', assetsFolder: 'media files'})
    expect(custom.html).toContain('src="media%20files/stripes.png"')
  })

  it('sniffs image types from bytes before names', () => {
    expect(imageType('x.jpg', stripesPng(2, 2))).toBe('image/png')
    expect(imageType('x.bin', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(imageType('x.txt', new TextEncoder().encode('<?xml version="1.0"?><svg/>'))).toBe('image/svg+xml')
    expect(imageType('x.dat', new Uint8Array([1, 2, 3]))).toBe('application/octet-stream')
  })
})

describe('clozes and choices (hand-built tree)', () => {
  /** Emit a tree directly, with a context made of the real render and media layers. */
  async function emitTree(tree: Root, options: Record<string, unknown> = {}): Promise<{html: string; file: VFile}> {
    const file = new VFile({path: 'hand.md', value: ''})
    const context: EmitContext = {
      options,
      render: createRenderer(),
      files: [file],
      messages: [],
      now: () => fixedNow,
      name: 'hand',
      media: createMediaLoader({sourcePath: (path) => path, rootOf: () => '.', report: () => undefined}),
      report: (node, reason, ruleId) => report(file, ruleId, reason, node)
    }
    const html = await htmlEmitter.emit(tree, context)
    if (typeof html !== 'string') throw new Error('not text')
    return {html, file}
  }

  function handTree(): Root {
    const {tree} = parse(new VFile({path: 'hand.md', value: '# Deck\n\n## PROMPT\n\n**Answer:** Extra words.\n\n## Which are mutable?\n\n**Answer:** Explanation.\n'}))
    const [cloze, choice] = tree.children[0]?.children ?? []
    if (!cloze || !choice) throw new Error('fixture did not parse')
    const hidden = (number: number, hint: string | null, value: string): Cloze => ({type: 'cloze', number, hint, children: [{type: 'text', value}]})
    const paragraph: PhrasingContent[] = [{type: 'text', value: 'The '}, hidden(1, 'acronym', 'GIL'), {type: 'text', value: ' runs '}, hidden(2, null, 'bytecode'), {type: 'text', value: '.'}]
    cloze.kind = 'cloze'
    cloze.prompt = {type: 'root', children: [{type: 'paragraph', children: paragraph}]}
    const option = (value: string) => ({type: 'root' as const, children: [{type: 'paragraph' as const, children: [{type: 'text' as const, value}]}]})
    ;(choice as Question).kind = 'choice'
    choice.choices = [
      {label: 'a', content: option('tuple'), correct: false},
      {label: 'b', content: option('list'), correct: true},
      {label: 'c', content: option('frozenset'), correct: false},
      {label: 'd', content: option('dict'), correct: true}
    ]
    return tree
  }

  it('study: blanks on the question, highlighted text in the answer', async () => {
    const {html} = await emitTree(handTree())
    expect(html).toContain('<h3 class="prompt">The <span class="cloze-blank" data-cloze="1">[acronym]</span> runs <span class="cloze-blank" data-cloze="2">[…]</span>.</h3>')
    expect(html).toContain('<div class="cloze-revealed"><p>The <mark class="cloze-shown" data-cloze="1">GIL</mark> runs <mark class="cloze-shown" data-cloze="2">bytecode</mark>.</p></div>')
    expect(html).toContain('<p>Extra words.</p>')
  })

  it('choices are lettered; the quiz key gives the correct letters compactly, study marks them in place', async () => {
    const {html} = await emitTree(handTree(), {layout: 'quiz'})
    const [questions = '', key = ''] = html.split('<section class="answer-key"')
    const letters = (part: string) => [...part.matchAll(/<li class="choice( correct)?"><span class="choice-letter">(\w+)<\/span><div class="choice-body">(\w+)<\/div>/g)].map((match) => `${match[2]}:${match[3]}${match[1] ? '+' : ''}`)
    expect(letters(questions)).toEqual(['A:tuple', 'B:list', 'C:frozenset', 'D:dict'])
    expect(key).toContain('<ol class="key-grid"><li class="key-choice" id="key2" value="2"><span class="q-num">2</span> <span class="key-letters">B, D</span></li></ol>')
    expect(questions).not.toContain('GIL')
    expect(key).toContain('<mark class="cloze-shown" data-cloze="1">GIL</mark>')

    const study = (await emitTree(handTree(), {layout: 'study'})).html
    expect(letters(study)).toEqual(['A:tuple', 'B:list+', 'C:frozenset', 'D:dict+'])
    expect(study.match(/<span class="choice-mark">✓<\/span>/g)).toHaveLength(2)
  })

  it('cards: blanks on the front, text on the back', async () => {
    const {html} = await emitTree(handTree(), {layout: 'cards'})
    const front = /<div class="card card-front[^"]*" id="card-front-1">([\s\S]*?)<span class="card-cover"/.exec(html)?.[1] ?? ''
    const back = /<div class="card card-back[^"]*" id="card-back-1">([\s\S]*?)<span class="card-cover"/.exec(html)?.[1] ?? ''
    expect(front).toContain('[acronym]')
    expect(front).not.toContain('GIL')
    expect(back).toContain('<mark class="cloze-shown" data-cloze="1">GIL</mark>')
    const choiceBack = /id="card-back-2">([\s\S]*?)<span class="card-cover"/.exec(html)?.[1] ?? ''
    expect(choiceBack).toContain('<span class="choice-letter">B</span>')
    expect(choiceBack).not.toContain('tuple')
  })

  it('letters run A…Z, then AA', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(choiceLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
  })
})
