/**
 * Basic packages read back and checked against anki-compat.md §13 (the
 * checklist itself is in checks.ts): the seed, fields, decks, tags, edge
 * cases, reproducibility.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {basicNoteType} from '../../../src/emit/apkg/index.js'
import {checkPackage as checkAll} from './checks.js'
import {build, fieldsOf, openPackage, seedPath, seedUrl, type OpenedPackage} from './helpers.js'

const now = new Date('2026-01-01T00:00:00Z')
const checkPackage = (pkg: OpenedPackage) => checkAll(pkg, now)

const sample = `---
deck: Courses
tags: [lang, two words]
---
# Python 🟢

## What does AT&T stand for?

**Answer:** AT&T is a company; a < b when 1 < 2.

**Example:**

\`\`\`python
def f(x):
    return x < 2 and "AT&T"
\`\`\`

**Notes:** See <b>this</b>.

## Which language is this?

**Answer:** Unknown.

**Example:**

\`\`\`klingon
qaStaH nuq?
\`\`\`
`

describe('apkg: the seed fixture (mojibake, repaired)', () => {
  let pkg: OpenedPackage
  beforeAll(async () => {
    const {bytes} = await build([{path: seedPath, value: readFileSync(seedUrl)}], now)
    pkg = await openPackage(bytes)
  })
  afterAll(() => pkg.close())

  it('passes every structural check', () => {
    checkPackage(pkg)
  })

  it('has 7 notes and 7 cards in deck `Niveau Hardcore`, 5 with an Example', () => {
    const notes = pkg.rows('SELECT flds, tags FROM notes')
    expect(notes).toHaveLength(7)
    expect(pkg.rows('SELECT id FROM cards')).toHaveLength(7)
    expect(Object.values(pkg.col.decks).map((deck) => deck['name'])).toEqual(['Niveau Hardcore'])
    const [{did} = {did: 0}] = pkg.rows('SELECT DISTINCT did FROM cards')
    expect(pkg.col.decks[String(did)]?.['name']).toBe('Niveau Hardcore')
    const examples = notes.filter((note) => fieldsOf(note['flds'] ?? '')[2] !== '')
    expect(examples).toHaveLength(5)
    // The repaired text, not the mojibake.
    expect(String(notes[0]?.['flds'])).toContain('modèle de concurrence')
    expect(String(notes[0]?.['flds'])).not.toContain('√')
    expect(notes[0]?.['tags']).toBe(' difficulty::hard ')
  })

  it('uses the Basic (deckdown) note type with its constant id', () => {
    const model = pkg.col.models[String(basicNoteType.id)]
    expect(model).toBeDefined()
    expect(basicNoteType.id).toBeGreaterThanOrEqual(2 ** 30)
    expect(basicNoteType.id).toBeLessThan(2 ** 31)
    expect(model?.['name']).toBe('Basic (deckdown)')
    expect(model?.['type']).toBe(0)
    expect((model?.['flds'] as Array<{name: string}>).map((field) => field.name)).toEqual(['Front', 'Back', 'Example', 'Extra', 'Source'])
    expect((model?.['tmpls'] as Array<{name: string; qfmt: string}>).map((template) => [template.name, template.qfmt])).toEqual([
      ['Card 1', '{{Front}}']
    ])
    expect(model?.['req']).toEqual([[0, 'any', [0]]])
    expect(model?.['sortf']).toBe(0)
    // The deck new notes of this type go to is one of the package's decks.
    expect(Object.keys(pkg.col.decks)).toContain(String(model?.['did']))
  })

  it('highlights the code examples at build time', () => {
    const example = pkg.rows('SELECT flds FROM notes').map((note) => fieldsOf(note['flds'] ?? '')[2] ?? '').find(Boolean) ?? ''
    expect(example).toContain('<code class="language-python hljs">')
    expect(example).toMatch(/<span class="hljs-(?:keyword|comment)">/)
  })

  it('puts `file:line` in Source', () => {
    const sources = pkg.rows('SELECT flds FROM notes ORDER BY id').map((note) => fieldsOf(note['flds'] ?? '')[4])
    expect(sources[0]).toBe(`${seedPath}:3`)
    for (const source of sources) expect(source).toMatch(/^fixtures\/000_7f03c07bfde96dd4\.txt:\d+$/)
  })
})

describe('apkg: fields, decks and tags', () => {
  let pkg: OpenedPackage
  beforeAll(async () => {
    const {bytes} = await build([{path: 'python.md', value: sample}], now)
    pkg = await openPackage(bytes)
  })
  afterAll(() => pkg.close())

  it('passes every structural check', () => {
    checkPackage(pkg)
  })

  it('escapes HTML special characters in fields', () => {
    const [front, back, example, extra] = fieldsOf(pkg.rows('SELECT flds FROM notes ORDER BY id')[0]?.['flds'] ?? '')
    expect(front).toBe('<p>What does AT&amp;T stand for?</p>')
    expect(back).toBe('<p>AT&amp;T is a company; a &lt; b when 1 &lt; 2.</p>')
    expect(example).toContain('x &lt; <span class="hljs-number">2</span>')
    expect(example).toContain('<span class="hljs-string">"AT&amp;T"</span>')
    expect(extra).toBe('<p>See <b>this</b>.</p>')
  })

  it('keeps the sort field and checksum as Anki computes them', () => {
    const [note] = pkg.rows('SELECT sfld, csum FROM notes ORDER BY id')
    expect(note?.['sfld']).toBe('What does AT&T stand for?')
    expect(note?.['csum']).toBe(createHash('sha1').update('What does AT&T stand for?').digest().readUInt32BE(0))
  })

  it('leaves code in an unknown language plain', () => {
    const example = fieldsOf(pkg.rows('SELECT flds FROM notes ORDER BY id')[1]?.['flds'] ?? '')[2]
    expect(example).toBe('<pre><code class="language-klingon">qaStaH nuq?\n</code></pre>')
  })

  it('creates nested decks with their parents and files cards in the leaf', () => {
    const names = Object.values(pkg.col.decks).map((deck) => deck['name']).sort()
    expect(names).toEqual(['Courses', 'Courses::Python'])
    const dids = pkg.rows('SELECT DISTINCT did FROM cards').map((row) => pkg.col.decks[String(row['did'])]?.['name'])
    expect(dids).toEqual(['Courses::Python'])
  })

  it('writes tags in the " a b " form', () => {
    expect(pkg.rows('SELECT tags FROM notes ORDER BY id')[0]?.['tags']).toBe(' difficulty::easy lang two_words ')
  })

  it('ships a small stylesheet with night mode, left-aligned scrollable code and the highlight theme', () => {
    const css = String(pkg.col.models[String(basicNoteType.id)]?.['css'])
    expect(css.length).toBeLessThan(10_000)
    expect(css).toContain('.card.nightMode')
    expect(css).toContain('.nightMode .hljs-keyword')
    expect(css).toContain('.night_mode .hljs-keyword')
    expect(css).toMatch(/\.hljs-keyword[,{]/)
    expect(css).toMatch(/pre\{[^}]*text-align:left/)
    expect(css).toMatch(/pre\{[^}]*overflow-x:auto/)
    expect(css).toMatch(/img\{[^}]*max-width:100%/)
    expect(css).toContain('.mobile')
  })

  it('shows Example, Extra and Source on the back only when present', () => {
    const afmt = String((pkg.col.models[String(basicNoteType.id)]?.['tmpls'] as Array<{afmt: string}>)[0]?.afmt)
    const order = ['{{FrontSide}}', '<hr id=answer>', '{{Back}}', '{{#Example}}', '{{#Extra}}', '{{#Source}}']
    const positions = order.map((part) => afmt.indexOf(part))
    expect(positions.every((position) => position >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })
})

describe('apkg: edge cases', () => {
  it('uses the output name as deck for questions without one', async () => {
    const {bytes} = await build([{path: 'notes/misc.md', value: '## Bare?\n\n**Answer:** Yes.\n'}], now)
    const pkg = await openPackage(bytes)
    try {
      checkPackage(pkg)
      expect(Object.values(pkg.col.decks).map((deck) => deck['name'])).toEqual(['misc'])
    } finally {
      pkg.close()
    }
  })

  it('writes a valid, empty package for a file without questions', async () => {
    const {bytes} = await build([{path: 'empty.md', value: 'Just prose.\n'}], now)
    const pkg = await openPackage(bytes)
    try {
      checkPackage(pkg)
      expect(pkg.rows('SELECT id FROM notes')).toHaveLength(0)
      expect(Object.keys(pkg.col.models)).toEqual([String(basicNoteType.id)])
      expect(Object.values(pkg.col.decks).map((deck) => deck['name'])).toEqual(['empty'])
    } finally {
      pkg.close()
    }
  })

  it('bundles several files into one package with unique GUIDs', async () => {
    const {bytes} = await build(
      [
        {path: seedPath, value: readFileSync(seedUrl)},
        {path: 'python.md', value: sample}
      ],
      now,
      {bundle: 'all'}
    )
    const pkg = await openPackage(bytes)
    try {
      checkPackage(pkg)
      expect(pkg.rows('SELECT id FROM notes')).toHaveLength(9)
    } finally {
      pkg.close()
    }
  })
})

describe('apkg: reproducible output', () => {
  it('is byte-identical for two builds with the same clock', async () => {
    const input = () => [{path: seedPath, value: readFileSync(seedUrl)}, {path: 'python.md', value: sample}]
    const first = await build(input(), now, {bundle: 'all'})
    const second = await build(input(), now, {bundle: 'all'})
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true)
  })

  it('dates zip entries with the build clock', async () => {
    const {bytes} = await build([{path: 'python.md', value: sample}], now)
    // Local file header: DOS time at offset 10, date at 12 (UTC, 2026-01-01 00:00:00).
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    expect(view.getUint32(0, true)).toBe(0x04034b50)
    expect(view.getUint16(10, true)).toBe(0)
    expect(view.getUint16(12, true)).toBe(((2026 - 1980) << 9) | (1 << 5) | 1)
  })
})
