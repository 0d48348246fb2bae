/**
 * Media and CSV: a CSV cannot carry files. Field HTML still names the flat
 * media names the `.apkg` uses (so importing the package once, or copying
 * the files into collection.media, makes the CSV's notes show them), and
 * each question with local media gets one warning. Real files in a real
 * temporary folder, real media loader.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {VFileMessage} from 'vfile-message'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {csvRules} from '../../../src/emit/csv/shared.js'
import {buildBoth, buildCsv, packageNotes, readAnkiCsv, readPlainCsv} from './helpers.js'

let base: string
const png = (tag: string) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(tag)])

const deck = `# Media

## Which diagram?

**Answer:** ![the diagram](img/diagram.png), again ![again](img/diagram.png) and <img src="other/diagram.png" alt="raw html">

## Which missing one?

**Answer:** ![gone](img/missing.png)

## Which remote one?

**Answer:** ![remote](https://example.org/x.png)

## No image?

**Answer:** None, but ![the diagram](img/diagram.png) in the extra.

**Notes:** ![photo](img/photo.png)
`

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'deckdown-csv-media-'))
  mkdirSync(join(base, 'notes', 'img'), {recursive: true})
  mkdirSync(join(base, 'notes', 'other'), {recursive: true})
  writeFileSync(join(base, 'notes', 'img', 'diagram.png'), png('A'))
  writeFileSync(join(base, 'notes', 'other', 'diagram.png'), png('B'))
  writeFileSync(join(base, 'notes', 'img', 'photo.png'), png('C'))
})

afterAll(() => rmSync(base, {recursive: true, force: true}))

const inputs = () => [{path: 'notes/deck.md', value: deck, root: 'notes'}]
const csvWarnings = (messages: readonly VFileMessage[]) => messages.filter((message) => message.reason.includes('a CSV cannot carry'))

describe('csv media (anki mode)', () => {
  it('points field HTML at the apkg’s flat media names', async () => {
    const {csv, opened} = await buildBoth(inputs(), {cwd: base})
    const notes = packageNotes(opened)
    const records = readAnkiCsv(csv).records
    expect(records).toHaveLength(notes.length)
    records.forEach((record, index) => expect(record.slice(4)).toEqual(notes[index]?.fields))
    const names = Object.values(opened.media as Record<string, string>).sort()
    expect(names).toHaveLength(3)
    const back = records[0]?.[5] ?? ''
    const srcs = [...back.matchAll(/src="([^"]+)"/g)].map((match) => match[1])
    expect(srcs).toHaveLength(3)
    for (const src of srcs) expect(names).toContain(src)
    // A reference that did not load becomes its alt text, as in the apkg.
    expect(records[1]?.[5]).toBe('<p>gone</p>')
    expect(records[2]?.[5]).toContain('src="https://example.org/x.png"')
    opened.close()
  })

  it('warns once per question whose HTML names local media, and not otherwise', async () => {
    const {result} = await buildCsv(inputs(), {}, {cwd: base})
    const file = result.files[0]
    const warnings = csvWarnings(file?.messages ?? [])
    expect(warnings.map((message) => message.line)).toEqual([3, 15])
    for (const warning of warnings) {
      expect(warning.ruleId).toBe(csvRules.mediaNotIncluded)
      expect(warning.fatal).toBe(false)
      expect(warning.reason).toContain('collection.media')
    }
    expect(warnings[0]?.reason).toMatch(/\(`diagram-[0-9a-f]{8}\.png`, `diagram-[0-9a-f]{8}\.png`\)/)
    expect(warnings[1]?.reason).toMatch(/`diagram-[0-9a-f]{8}\.png`, `photo\.png`/)
    // The missing image is the loader's error, not a CSV warning.
    expect(file?.messages.filter((message) => message.ruleId === 'missing-media' && message.fatal === true).map((message) => message.line)).toEqual([9])
  })

  it('writes the same CSV whether or not the apkg is built alongside', async () => {
    const alone = await buildCsv(inputs(), {}, {cwd: base})
    const both = await buildBoth(inputs(), {cwd: base})
    expect(alone.csv).toBe(both.csv)
    both.opened.close()
  })
})

describe('csv media (plain mode)', () => {
  it('warns once per question with local media, naming the sources as written', async () => {
    const {result, csv} = await buildCsv(inputs(), {mode: 'plain'}, {cwd: base})
    const rows = readPlainCsv(csv)
    expect(rows).toHaveLength(5)
    const warnings = (result.files[0]?.messages ?? []).filter((message) => message.reason.includes('plain-text CSV leaves out'))
    expect(warnings.map((message) => message.line)).toEqual([3, 7, 15])
    expect(warnings[0]?.reason).toContain('(`img/diagram.png`, `other/diagram.png`)')
    for (const warning of warnings) {
      expect(warning.ruleId).toBe(csvRules.mediaNotIncluded)
      expect(warning.fatal).toBe(false)
    }
  })
})
