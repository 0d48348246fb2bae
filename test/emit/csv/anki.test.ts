/**
 * Anki mode: the CSV says the same notes as the `.apkg` built from the same
 * input (GUIDs, note type names, decks, tags, field HTML), with Anki's file
 * headers, and no data line Anki could take for a comment.
 */
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {QuestionKind} from '../../../src/ast/types.js'
import {basicNoteType, noteTypeFor, type NoteType} from '../../../src/emit/apkg/note-types.js'
import {guidFor} from '../../../src/emit/apkg/ids.js'
import {toApkg} from '../../../src/emit/apkg/index.js'
import {ankiMetaColumns, csvEmitter, layoutAnkiCsv, toCsv, type CsvNote} from '../../../src/emit/csv/index.js'
import {csvRules} from '../../../src/emit/csv/shared.js'
import {compile} from '../../../src/compile.js'
import {parse} from '../../../src/parse/index.js'
import {openPackage} from '../apkg/helpers.js'
import {buildBoth, buildCsv, contextFor, packageNotes, readAnkiCsv, seedPath, seedUrl, type PackageNote} from './helpers.js'

/** An explicit id whose GUID starts with `#` (Anki's base 91 has it), found once. */
const hashId = (() => {
  for (let n = 0; n < 10_000; n += 1) if (guidFor(`hash-${n}`).startsWith('#')) return `hash-${n}`
  throw new Error('no id found')
})()
/** An explicit id whose GUID holds a comma (the separator). */
const commaId = (() => {
  for (let n = 0; n < 10_000; n += 1) if (guidFor(`comma-${n}`).includes(',')) return `comma-${n}`
  throw new Error('no id found')
})()

const tricky = `---
deck: '#Hash deck'
tags: [two words, 'x::y', café, '#tag']
---
# Level "quoted", with comma 🟢

## What does "AT&T" stand for, exactly? <!-- id: ${hashId} -->

**Answer:** AT&T is a company; a < b, "quotes", commas, and a\ttab.

**Example:**

\`\`\`
print("a,b")
# a line that starts with #
\`\`\`

## Pourquoi l'été ? 日本語 Ωμέγα <!-- id: ${commaId} -->

**Answer:**
Line one
Line two

**Notes:** Ünïcödé — “curly” ‘quotes’ and emoji 🚀.

## #hashtag prompt

**Answer:** # not a heading, just text
`

/** Check every row of a CSV against the package's notes, cell by cell. */
function expectSameNotes(csv: string, notes: PackageNote[]): void {
  const read = readAnkiCsv(csv)
  expect(read.records).toHaveLength(notes.length)
  const column = (name: string) => Number(read.headers.get(`${name} column`)) - 1
  read.records.forEach((record, index) => {
    const note = notes[index]
    if (!note) throw new Error(`no note ${index}`)
    expect(record[column('guid')]).toBe(note.guid)
    expect(record[column('notetype')]).toBe(note.notetype)
    expect(record[column('deck')]).toBe(note.deck)
    expect((record[column('tags')] ?? '').split(' ').filter(Boolean)).toEqual(note.tags)
    // Fields: every column that is not a meta column, in order (how Anki maps them).
    const meta = new Set(['guid', 'notetype', 'deck', 'tags'].map(column))
    const fields = record.filter((_, position) => !meta.has(position))
    expect(fields.slice(0, note.fields.length)).toEqual(note.fields)
    expect(fields.slice(note.fields.length).every((cell) => cell === '')).toBe(true)
  })
}

describe('csv (anki mode)', () => {
  it('writes Anki’s file headers, separator first and columns last', async () => {
    const {csv} = await buildCsv([{path: 'deck.md', value: tricky}])
    const read = readAnkiCsv(csv)
    expect(read.headerLines).toEqual([
      '#separator:Comma',
      '#html:true',
      '#guid column:1',
      '#notetype column:2',
      '#deck column:3',
      '#tags column:4',
      '#if matches:update current',
      '#columns:guid,notetype,deck,tags,Front,Back,Example,Extra,Source'
    ])
    expect(read.columns).toEqual(['guid', 'notetype', 'deck', 'tags', ...basicNoteType.fields.map((field) => field.name)])
    expect(Object.fromEntries(Object.entries(ankiMetaColumns).map(([name, index]) => [name, read.columns[index - 1]]))).toEqual({
      guid: 'guid',
      notetype: 'notetype',
      deck: 'deck',
      tags: 'tags'
    })
    // Every record as wide as the columns.
    for (const record of read.records) expect(record).toHaveLength(read.columns.length)
  })

  it('says the same notes as the .apkg for the seed (7 rows)', async () => {
    const {csv, opened} = await buildBoth([{path: seedPath, value: readFileSync(seedUrl)}])
    const notes = packageNotes(opened)
    expect(notes).toHaveLength(7)
    expectSameNotes(csv, notes)
    const read = readAnkiCsv(csv)
    expect(new Set(read.records.map((record) => record[2]))).toEqual(new Set(['Niveau Hardcore']))
    expect(read.records.every((record) => record[1] === 'Basic (deckdown)')).toBe(true)
    expect(read.records.every((record) => record[3] === 'difficulty::hard')).toBe(true)
    opened.close()
  })

  it('round-trips quotes, commas, newlines, tabs, leading #, AT&T and non-ASCII', async () => {
    const {csv, opened} = await buildBoth([{path: '#notes.md', value: tricky}])
    const notes = packageNotes(opened)
    expect(notes).toHaveLength(3)
    expectSameNotes(csv, notes)
    const read = readAnkiCsv(csv)
    const [first, second, third] = read.records
    expect(first?.[0]).toBe(guidFor(hashId))
    expect(first?.[0]?.startsWith('#')).toBe(true)
    expect(second?.[0]).toBe(guidFor(commaId))
    expect(first?.[2]).toBe('#Hash deck::Level "quoted", with comma')
    // `#tag` loses its `#` in the parser; the level's 🟢 adds difficulty::easy.
    expect(first?.[3]).toBe('café difficulty::easy tag two_words x::y')
    expect(first?.[4]).toBe('<p>What does "AT&amp;T" stand for, exactly?</p>')
    expect(first?.[5]).toContain('AT&amp;T is a company; a &lt; b, "quotes", commas, and a\ttab.')
    // Inside a quoted field, a line may start with #: Anki only checks record starts.
    expect(first?.[6]).toBe('<pre><code>print("a,b")\n# a line that starts with #\n</code></pre>')
    expect(csv).toContain('\n# a line that starts with #')
    expect(first?.[8]).toBe('#notes.md:7')
    expect(second?.[4]).toBe('<p>Pourquoi l\'été ? 日本語 Ωμέγα</p>')
    expect(second?.[5]).toBe('<p>Line one\nLine two</p>')
    expect(second?.[7]).toContain('Ünïcödé — “curly” ‘quotes’ and emoji 🚀.')
    expect(third?.[4]).toBe('<p>#hashtag prompt</p>')
    opened.close()
  })

  it('never starts a data record with # (Anki would skip it as a comment)', async () => {
    const {csv} = await buildCsv([{path: '#notes.md', value: tricky}])
    const read = readAnkiCsv(csv)
    expect(read.headerLines).toHaveLength(8)
    expect(read.raws.length).toBe(3)
    for (const raw of read.raws) expect(raw.startsWith('#')).toBe(false)
    // The GUID that starts with # is quoted, as Anki's own export writes it.
    expect(read.raws[0]?.startsWith(`"${guidFor(hashId)}",`)).toBe(true)
    // Anki's header reader stops at the first line that does not start with #.
    const lines = csv.split('\r\n')
    expect(lines.findIndex((line) => !line.startsWith('#'))).toBe(8)
  })

  it('is RFC 4180: CRLF between records, LF kept inside quoted fields, no BOM', async () => {
    const {csv} = await buildCsv([{path: 'deck.md', value: tricky}])
    expect(csv.charCodeAt(0)).toBe('#'.charCodeAt(0))
    expect(csv.endsWith('\r\n')).toBe(true)
    // Outside quotes, every line break is CRLF; inside, LF as in the field.
    let quoted = false
    for (let index = 0; index < csv.length; index += 1) {
      const char = csv[index]
      if (char === '"') quoted = !quoted
      if (char === '\n' && !quoted) expect(csv[index - 1]).toBe('\r')
      if (char === '\r') expect(quoted).toBe(false)
    }
    expect(quoted).toBe(false)
  })

  it('writes a BOM when asked', async () => {
    const {csv} = await buildCsv([{path: 'deck.md', value: tricky}], {bom: true})
    expect(csv.startsWith('\uFEFF#separator:Comma\r\n')).toBe(true)
  })

  it('is deterministic and uses no clock', async () => {
    const input = [{path: 'deck.md', value: tricky}]
    const a = await buildCsv(input, {}, {now: new Date('2026-01-01T00:00:00Z')})
    const b = await buildCsv(input, {}, {now: new Date('2031-06-01T12:34:56Z')})
    expect(a.csv).toBe(b.csv)
  })

  it('names decks as the apkg does: the output name without headings, nested levels joined with ::', async () => {
    const inputs = [
      {path: 'plain.md', value: '## What is a?\n\n**Answer:** A.\n'},
      {path: 'nested.md', value: '---\ndeck: [Top, "  Spaced  "]\n---\n# Level 1\n\n## Level 2\n\n### What is b?\n\n**Answer:** B.\n'}
    ]
    for (const input of inputs) {
      const {csv, opened} = await buildBoth([input])
      expectSameNotes(csv, packageNotes(opened))
      opened.close()
    }
    const {csv} = await buildCsv([inputs[0] as (typeof inputs)[number]])
    expect(readAnkiCsv(csv).records[0]?.[2]).toBe('plain')
  })

  it('bundles several files into one CSV with the apkg’s notes', async () => {
    const {csv, opened} = await buildBoth(
      [
        {path: 'a.md', value: '# A\n\n## What is a?\n\n**Answer:** A.\n'},
        {path: 'b.md', value: '# B\n\n## What is b?\n\n**Answer:** B.\n'}
      ],
      {bundle: 'all'}
    )
    const notes = packageNotes(opened)
    expect(notes.map((note) => note.deck)).toEqual(['A', 'B'])
    expectSameNotes(csv, notes)
    opened.close()
  })

  it('leaves out what the apkg leaves out, and gives repeated ids the apkg’s GUIDs', async () => {
    const value = '# D\n\n## What is empty?\n\n**Answer:** A.\n\n## What is kept?\n\n**Answer:** B.\n\n## What repeats?\n\n**Answer:** C.\n\n## What repeats again?\n\n**Answer:** D.\n'
    const build = () => {
      const {tree, file} = parse({path: 'd.md', value})
      const [empty, , first, second] = tree.children[0]?.children ?? []
      if (!empty || !first || !second) throw new Error('parse changed')
      // Trees `compile` never makes: a front empty once rendered, one id twice (no dedupeIds).
      empty.prompt = {type: 'root', children: []}
      second.id = first.id
      return {tree, file}
    }
    const forCsv = build()
    const csv = await toCsv(forCsv.tree, contextFor(forCsv.file))
    const forApkg = build()
    const opened = await openPackage(await toApkg(forApkg.tree, contextFor(forApkg.file)))
    const notes = packageNotes(opened)
    expect(notes).toHaveLength(3)
    expectSameNotes(csv, notes)
    const first = forCsv.tree.children[0]?.children[2]
    expect(readAnkiCsv(csv).records.map((record) => record[0])).toEqual([
      notes[0]?.guid,
      guidFor(first?.id ?? ''),
      guidFor(`${first?.id ?? ''}-2`)
    ])
    const rules = forCsv.file.messages.map((message) => message.ruleId)
    expect(rules).toContain('empty-prompt')
    expect(rules).toContain('duplicate-id')
    opened.close()
  })

  it('warns once per deck whose name Anki would read as a deck id', async () => {
    const {result, csv} = await buildCsv([{path: '2024.md', value: '## What is a?\n\n**Answer:** A.\n\n## What is b?\n\n**Answer:** B.\n'}])
    expect(readAnkiCsv(csv).records.map((record) => record[2])).toEqual(['2024', '2024'])
    const warnings = result.files[0]?.messages.filter((message) => message.reason.includes('reads it as a deck id')) ?? []
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.ruleId).toBe(csvRules.numericDeck)
    expect(warnings[0]?.fatal).toBe(false)
    expect(warnings[0]?.line).toBe(1)

    const named = await buildCsv([{path: 'v2024.md', value: '## What is a?\n\n**Answer:** A.\n'}])
    expect(named.result.files[0]?.messages.some((message) => message.reason.includes('deck id'))).toBe(false)
  })

  it('rejects an unknown mode as emit-failed, writing nothing', async () => {
    const result = await compile([{path: 'deck.md', value: tricky}], {formats: ['csv'], emitters: [csvEmitter], emitterOptions: {csv: {mode: 'xml'}}})
    expect(result.outputs).toEqual([])
    const failed = result.files[0]?.messages.find((message) => message.ruleId === 'emit-failed')
    expect(failed?.reason).toContain('Unknown csv mode `xml`')
  })

  it('writes rows of every kind, each in its note type’s field order, padded to the widest', async () => {
    const value = `# Mixed

## What is basic?

**Answer:** Basic.

## What is reversed?

<!-- reversed -->

**Answer:** Reversed.

## What's \`typeof null\`?

- A: \`"null"\`
- B: \`"object"\`

**Answer:** B. A historical accident.

## The capital of {{c2::France}} is {{c3::Paris::city}}.

**Answer:** Since 508.
`
    const {csv, opened} = await buildBoth([{path: 'mixed.md', value}])
    const notes = packageNotes(opened)
    expect(notes.map((note) => note.notetype)).toEqual(['basic', 'reversed', 'choice', 'cloze'].map((kind) => noteTypeFor(kind as QuestionKind).name))
    expectSameNotes(csv, notes)
    const read = readAnkiCsv(csv)
    const width = Math.max(...notes.map((note) => note.fields.length))
    expect(read.columns).toHaveLength(4 + width)
    for (const record of read.records) expect(record).toHaveLength(4 + width)
    // Labels name each position's fields across the types used.
    const kinds: QuestionKind[] = ['basic', 'reversed', 'choice', 'cloze']
    const expected = Array.from({length: width}, (_, index) =>
      [...new Set(kinds.flatMap((kind) => noteTypeFor(kind).fields[index]?.name ?? []))].join(' / ')
    )
    expect(read.columns.slice(4)).toEqual(expected)
    opened.close()
  })
})

describe('layoutAnkiCsv', () => {
  // A second note type with fewer fields and other names, as a future cloze type would be.
  const clozeLike: NoteType = {
    ...basicNoteType,
    id: 1,
    name: 'Cloze (test)',
    kind: 'cloze',
    fields: [
      {name: 'Text', from: 'prompt'},
      {name: 'Back Extra', from: 'extra'}
    ]
  }
  const question = {} as CsvNote['question']
  const notes: CsvNote[] = [
    {question, noteType: basicNoteType, guid: 'a', deck: 'D', tags: ['t1', 't2'], fields: ['F', 'B', 'E', 'X', 'S']},
    {question, noteType: clozeLike, guid: '#b', deck: 'D::E', tags: [], fields: ['{{c1::x}}', 'more']}
  ]

  it('pads rows of a note type with fewer fields, each row in its own field order', () => {
    const layout = layoutAnkiCsv(notes)
    expect(layout.columns).toEqual(['guid', 'notetype', 'deck', 'tags', 'Front / Text', 'Back / Back Extra', 'Example', 'Extra', 'Source'])
    expect(layout.rows).toEqual([
      ['a', 'Basic (deckdown)', 'D', 't1 t2', 'F', 'B', 'E', 'X', 'S'],
      ['#b', 'Cloze (test)', 'D::E', '', '{{c1::x}}', 'more', '', '', '']
    ])
  })

  it('labels an empty file with the fallback note type', () => {
    const layout = layoutAnkiCsv([])
    expect(layout.rows).toEqual([])
    expect(layout.columns.slice(4)).toEqual(basicNoteType.fields.map((field) => field.name))
  })
})
