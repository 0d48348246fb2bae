/**
 * The structural checklist every package must pass, whatever its content:
 * anki-compat.md §13 — container (§1), schema (§2), JSON keys and types
 * (§3), notes (§4), cards (§5, §6), `req` (§7), ids (§10). Shared by every
 * apkg test file.
 */
import {createHash} from 'node:crypto'
import {expect} from 'vitest'
import {clozeOrds} from '../../../src/emit/apkg/template.js'
import {fieldsOf, type OpenedPackage} from './helpers.js'

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
export function checkPackage(pkg: OpenedPackage, now: Date, options: {media?: boolean} = {}): void {
  const nowMs = now.getTime()
  const nowSeconds = Math.floor(nowMs / 1000)
  // §1: exactly the collection and the media map (no media unless asked), in order.
  if (!options.media) {
    expect(pkg.members).toEqual(['collection.anki2', 'media'])
    expect(pkg.media).toEqual({})
  }

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

  checkModels(pkg, nowSeconds)
  checkDecks(pkg)
  checkDeckConfigs(pkg)
  checkNotesAndCards(pkg, nowMs, nowSeconds)
}

function checkModels(pkg: OpenedPackage, nowSeconds: number): void {
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

    // §7: one requirement per template, `[ord, "any"|"all"|"none", [field ords]]`.
    const req = model['req'] as unknown[]
    expect(Array.isArray(req)).toBe(true)
    expect(req).toHaveLength(templates.length)
    req.forEach((entry, ord) => {
      expect(Array.isArray(entry) && entry.length === 3).toBe(true)
      const [templateOrd, kind, ords] = entry as [unknown, unknown, unknown]
      expect(templateOrd).toBe(ord)
      expect(['any', 'all', 'none']).toContain(kind)
      expect(Array.isArray(ords) && ords.every((fieldOrd) => isInteger(fieldOrd) && (fieldOrd as number) < fields.length)).toBe(true)
    })

    // §6: a cloze type uses its first template, which reads a field through `cloze:`.
    if (model['type'] === 1) {
      expect(templates).toHaveLength(1)
      expect(String(templates[0]?.['qfmt'])).toMatch(/\{\{cloze:[^}]+\}\}/)
      expect(String(templates[0]?.['afmt'])).toMatch(/\{\{cloze:[^}]+\}\}/)
    }
    // Templates name only the type's fields (or Anki's special FrontSide).
    const names = new Set([...fields.map((field) => String(field['name'])), 'FrontSide'])
    for (const template of templates) {
      for (const side of [template['qfmt'], template['afmt']]) {
        for (const match of String(side).matchAll(/\{\{[#^/]?([^}]*)\}\}/g)) {
          const name = (match[1] ?? '').split(':').pop()?.trim() ?? ''
          expect(names, `template field ${name}`).toContain(name)
        }
      }
    }
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

function checkNotesAndCards(pkg: OpenedPackage, nowMs: number, nowSeconds: number): void {
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
    // Media tags leave their file name, padded with spaces (§4).
    const stripped = first
      .replace(/<img [^>]*?src="([^"]*)"[^>]*>/g, ' $1 ')
      .replace(/<[^>]*>/g, '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')
    expect(note['csum']).toBe(createHash('sha1').update(stripped).digest().readUInt32BE(0))
    expect(String(note['sfld'])).toBe(stripped)
  }
  expect(guids.size, 'unique GUIDs').toBe(notes.length)

  const deckKeys = new Set(Object.keys(pkg.col.decks))
  const positions = new Map<unknown, unknown>()
  const modelOf = new Map(notes.map((note) => [note['id'], pkg.col.models[String(note['mid'])]]))
  for (const card of cards) {
    expect(noteIds).toContain(card['nid'])
    expect(deckKeys).toContain(String(card['did']))
    expect(card['did']).not.toBe(1)
    expect(card).toMatchObject({usn: -1, type: 0, queue: 0, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0, odue: 0, odid: 0, flags: 0, data: '', mod: nowSeconds})
    // §5, §6: a standard ord names a template; a cloze ord is N − 1, at most 499.
    const model = modelOf.get(card['nid'])
    const limit = model?.['type'] === 1 ? 500 : (model?.['tmpls'] as unknown[]).length
    expect(isInteger(card['ord']) && (card['ord'] as number) >= 0 && (card['ord'] as number) < limit, `ord ${String(card['ord'])}`).toBe(true)
    expect(Number(card['id'])).toBeLessThanOrEqual(nowMs)
    if (positions.has(card['nid'])) expect(card['due'], 'cards of a note share its position').toBe(positions.get(card['nid']))
    positions.set(card['nid'], card['due'])
  }
  expect(new Set(cards.map((card) => card['id'])).size).toBe(cards.length)
  // One card per (note, ord), and every note has a card (§5).
  expect(new Set(cards.map((card) => `${String(card['nid'])}:${String(card['ord'])}`)).size).toBe(cards.length)
  for (const note of notes) expect(positions.has(note['id']), 'note has cards').toBe(true)
  // §6: a cloze note's cards are exactly its cloze numbers in the cloze field.
  for (const note of notes) {
    const model = modelOf.get(note['id'])
    if (model?.['type'] !== 1) continue
    const ords = cards.filter((card) => card['nid'] === note['id']).map((card) => card['ord'])
    expect(ords).toEqual(clozeOrds(fieldsOf(note['flds'] ?? '')[0] ?? ''))
  }
  // New-card positions follow the question order, 1, 2, 3 …
  const duesInNoteOrder = notes.map((note) => positions.get(note['id']))
  expect(duesInNoteOrder).toEqual(notes.map((_, index) => index + 1))
}

