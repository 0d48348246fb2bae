/**
 * Every package is read back and checked against anki-compat.md §13:
 * container (§1), schema (§2), JSON keys and types (§3), notes (§4), cards
 * (§5), ids (§10).
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {basicNoteType} from '../../../src/emit/apkg/index.js'
import {build, fieldsOf, openPackage, seedPath, seedUrl, type OpenedPackage} from './helpers.js'

const now = new Date('2026-01-01T00:00:00Z')
const nowMs = now.getTime()
const nowSeconds = Math.floor(nowMs / 1000)

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

/** Columns of schema 11 in Anki's order with their declared type (§2). */
const schema: Record<string, Array<[string, 'integer' | 'text']>> = {
  col: [
    ['id', 'integer'], ['crt', 'integer'], ['mod', 'integer'], ['scm', 'integer'], ['ver', 'integer'], ['dty', 'integer'],
    ['usn', 'integer'], ['ls', 'integer'], ['conf', 'text'], ['models', 'text'], ['decks', 'text'], ['dconf', 'text'], ['tags', 'text']
  ],
  notes: [
    ['id', 'integer'], ['guid', 'text'], ['mid', 'integer'], ['mod', 'integer'], ['usn', 'integer'], ['tags', 'text'],
    ['flds', 'text'], ['sfld', 'integer'], ['csum', 'integer'], ['flags', 'integer'], ['data', 'text']
  ],
  cards: [
    ['id', 'integer'], ['nid', 'integer'], ['did', 'integer'], ['ord', 'integer'], ['mod', 'integer'], ['usn', 'integer'],
    ['type', 'integer'], ['queue', 'integer'], ['due', 'integer'], ['ivl', 'integer'], ['factor', 'integer'], ['reps', 'integer'],
    ['lapses', 'integer'], ['left', 'integer'], ['odue', 'integer'], ['odid', 'integer'], ['flags', 'integer'], ['data', 'text']
  ],
  revlog: [
    ['id', 'integer'], ['cid', 'integer'], ['usn', 'integer'], ['ease', 'integer'], ['ivl', 'integer'], ['lastIvl', 'integer'],
    ['factor', 'integer'], ['time', 'integer'], ['type', 'integer']
  ],
  graves: [['usn', 'integer'], ['oid', 'integer'], ['type', 'integer']]
}

/**
 * Columns that must hold SQLite INTEGERs. `notes.sfld` is declared integer
 * but holds the sort field's text (§2), so it is checked separately.
 */
const integerColumns = Object.fromEntries(
  Object.entries(schema).map(([table, columns]) => [
    table,
    columns.filter(([name, type]) => type === 'integer' && !(table === 'notes' && name === 'sfld')).map(([name]) => name)
  ])
)

const isInteger = (value: unknown) => typeof value === 'number' && Number.isInteger(value)
const isI32 = (value: unknown) => isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31

/** Checks every package must pass, whatever its content. */
function checkPackage(pkg: OpenedPackage): void {
  // §1: exactly the collection and the media map (no media here), in order.
  expect(pkg.members).toEqual(['collection.anki2', 'media'])
  expect(pkg.media).toEqual({})

  // §2: all five tables, columns in order, declared types.
  const tables = pkg.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((row) => row['name'])
  expect(tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog'])
  for (const [table, columns] of Object.entries(schema)) {
    const info = pkg.rows(`PRAGMA table_info(${table})`)
    expect(info.map((row) => [row['name'], String(row['type']).toLowerCase()]), table).toEqual(columns)
  }

  // §2 storage classes: every integer column holds an INTEGER in every row.
  for (const [table, columns] of Object.entries(integerColumns)) {
    for (const column of columns ?? []) {
      const kinds = pkg.rows(`SELECT DISTINCT typeof(${column}) AS kind FROM ${table}`).map((row) => row['kind'])
      for (const kind of kinds) expect(kind, `${table}.${column}`).toBe('integer')
    }
  }
  for (const column of ['guid', 'tags', 'flds', 'data']) {
    const kinds = pkg.rows(`SELECT DISTINCT typeof(${column}) AS kind FROM notes`).map((row) => row['kind'])
    for (const kind of kinds) expect(kind, `notes.${column}`).toBe('text')
  }

  // One col row, ver 11, times as integers (seconds for crt, ms for mod/scm).
  const cols = pkg.rows('SELECT * FROM col')
  expect(cols).toHaveLength(1)
  expect(cols[0]).toMatchObject({id: 1, ver: 11, dty: 0, usn: 0, ls: 0, crt: nowSeconds, mod: nowMs, scm: nowMs})
  expect(pkg.col.tags).toEqual({})
  expect(typeof pkg.col.conf).toBe('object')
  expect(Array.isArray(pkg.col.conf)).toBe(false)

  checkModels(pkg)
  checkDecks(pkg)
  checkDeckConfigs(pkg)
  checkNotesAndCards(pkg)
}

function checkModels(pkg: OpenedPackage): void {
  const entries = Object.entries(pkg.col.models)
  expect(entries.length).toBeGreaterThan(0)
  for (const [key, model] of entries) {
    // §3 col.models: required keys and JSON types; key == inner id.
    expect(String(model['id'])).toBe(key)
    expect(isInteger(model['id'])).toBe(true)
    expect(typeof model['name']).toBe('string')
    expect(String(model['name']).replaceAll('"', '')).not.toBe('')
    expect([0, 1]).toContain(model['type'])
    expect(model['mod']).toBe(nowSeconds)
    expect(isI32(model['usn'])).toBe(true)
    expect(isInteger(model['sortf'])).toBe(true)
    expect(model).toHaveProperty('did')
    expect(model).toHaveProperty('css')
    expect(typeof model['css']).toBe('string')
    expect(typeof model['latexPre']).toBe('string')
    expect(typeof model['latexPost']).toBe('string')

    const fields = model['flds'] as Array<Record<string, unknown>>
    expect(Array.isArray(fields) && fields.length > 0).toBe(true)
    fields.forEach((field, ord) => {
      expect(typeof field['name']).toBe('string')
      expect(field['ord']).toBe(ord)
      expect(typeof field['sticky']).toBe('boolean')
      expect(typeof field['rtl']).toBe('boolean')
      expect(typeof field['font']).toBe('string')
      expect(isInteger(field['size'])).toBe(true)
    })
    const templates = model['tmpls'] as Array<Record<string, unknown>>
    expect(Array.isArray(templates) && templates.length > 0).toBe(true)
    templates.forEach((template, ord) => {
      expect(template).toMatchObject({ord, bqfmt: '', bafmt: '', did: null})
      expect(typeof template['name']).toBe('string')
      expect(typeof template['qfmt']).toBe('string')
      expect(typeof template['afmt']).toBe('string')
    })
    expect((model['sortf'] as number) < fields.length).toBe(true)
  }
}

function checkDecks(pkg: OpenedPackage): void {
  const entries = Object.entries(pkg.col.decks)
  expect(entries.length).toBeGreaterThan(0)
  // Default (1) is not needed and must not hold cards (§5).
  expect(pkg.col.decks).not.toHaveProperty('1')
  for (const [key, deck] of entries) {
    expect(String(deck['id'])).toBe(key)
    expect(Number.isSafeInteger(deck['id'])).toBe(true)
    expect(typeof deck['name']).toBe('string')
    expect(isI32(deck['usn'])).toBe(true)
    for (const today of ['lrnToday', 'revToday', 'newToday', 'timeToday']) {
      expect(Array.isArray(deck[today]), today).toBe(true)
    }
    // JSON booleans: 0/1 fail modern import.
    expect(deck['collapsed']).toBe(false)
    expect(deck['browserCollapsed']).toBe(false)
    expect(deck['dyn']).toBe(0)
    expect(deck['conf']).toBe(1)
    expect(pkg.col.dconf).toHaveProperty(String(deck['conf']))
    expect(isInteger(deck['mod'])).toBe(true)
    expect(typeof deck['desc']).toBe('string')
  }
  // Every ancestor of every deck is a deck too.
  const names = new Set(entries.map(([, deck]) => String(deck['name'])))
  for (const name of names) {
    const parts = name.split('::')
    for (let index = 1; index < parts.length; index++) expect(names).toContain(parts.slice(0, index).join('::'))
  }
}

function checkDeckConfigs(pkg: OpenedPackage): void {
  const group = pkg.col.dconf['1']
  expect(group).toBeDefined()
  expect(group).toMatchObject({id: 1, name: 'Default'})
  expect(isInteger(group?.['mod'])).toBe(true)
  expect(isI32(group?.['usn'])).toBe(true)
  expect(isI32(group?.['maxTaken'])).toBe(true)
  expect(typeof group?.['autoplay']).toBe('boolean')
  for (const key of ['timer', 'new', 'rev', 'lapse']) expect(group).toHaveProperty(key)
  for (const key of ['new', 'rev', 'lapse']) expect(typeof group?.[key]).toBe('object')
}

function checkNotesAndCards(pkg: OpenedPackage): void {
  const notes = pkg.rows('SELECT * FROM notes ORDER BY id')
  const cards = pkg.rows('SELECT * FROM cards ORDER BY id')
  const guids = new Set<string>()
  const noteIds = new Set<unknown>()
  for (const note of notes) {
    const model = pkg.col.models[String(note['mid'])]
    expect(model, 'mid is a model key').toBeDefined()
    const fieldCount = (model?.['flds'] as unknown[]).length
    expect(fieldsOf(note['flds'] ?? '')).toHaveLength(fieldCount)
    expect(typeof note['guid'] === 'string' && note['guid'].length > 0).toBe(true)
    guids.add(String(note['guid']))
    noteIds.add(note['id'])
    expect(note['mod']).toBe(nowSeconds)
    expect(note['usn']).toBe(-1)
    expect(note['flags']).toBe(0)
    expect(note['data']).toBe('')
    expect(Number(note['id'])).toBeLessThanOrEqual(nowMs)
    expect(Number(note['id'])).toBeGreaterThan(0)
    const tags = String(note['tags'])
    expect(tags === '' || /^ (?:\S+ )+$/.test(tags), `tags ${JSON.stringify(tags)}`).toBe(true)
    // csum: first 4 bytes of SHA-1 of the stripped first field (§4).
    const first = fieldsOf(note['flds'] ?? '')[0] ?? ''
    const stripped = first.replace(/<[^>]*>/g, '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')
    expect(note['csum']).toBe(createHash('sha1').update(stripped).digest().readUInt32BE(0))
    expect(String(note['sfld'])).toBe(stripped)
  }
  expect(guids.size, 'unique GUIDs').toBe(notes.length)

  const deckKeys = new Set(Object.keys(pkg.col.decks))
  const positions = new Map<unknown, unknown>()
  for (const card of cards) {
    expect(noteIds).toContain(card['nid'])
    expect(deckKeys).toContain(String(card['did']))
    expect(card['did']).not.toBe(1)
    expect(card).toMatchObject({ord: 0, usn: -1, type: 0, queue: 0, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0, odue: 0, odid: 0, flags: 0, data: '', mod: nowSeconds})
    expect(Number(card['id'])).toBeLessThanOrEqual(nowMs)
    positions.set(card['nid'], card['due'])
  }
  expect(new Set(cards.map((card) => card['id'])).size).toBe(cards.length)
  // New-card positions follow the question order, 1, 2, 3 …
  const duesInNoteOrder = notes.map((note) => positions.get(note['id']))
  expect(duesInNoteOrder).toEqual(notes.map((_, index) => index + 1))
}

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
