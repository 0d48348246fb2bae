/**
 * Plain mode: a spreadsheet CSV. A header row, then one row per question,
 * checked column by column against the question tree and the render layer.
 */
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {FieldContent} from '../../../src/ast/types.js'
import {compile} from '../../../src/compile.js'
import {csvEmitter, plainColumns} from '../../../src/emit/csv/index.js'
import {toText} from '../../../src/render/index.js'
import {buildCsv, readPlainCsv, seedPath, seedUrl} from './helpers.js'

const tricky = `---
deck: Courses
tags: [two words, café]
---
# Level "one", with comma 🔴

## What does "AT&T" stand for, exactly?

**Answer:** AT&T is a company; a < b, "quotes", commas, and a\ttab.

**Example:**

\`\`\`
print("a,b")\t# tabbed
# a line that starts with #
\`\`\`

**Notes:** Ünïcödé — 日本語 🚀.

## =1+1 is what?

**Answer:**
Line one

Line two
`

describe('csv (plain mode)', () => {
  it('writes a header row and no Anki headers', async () => {
    const {csv} = await buildCsv([{path: 'deck.md', value: tricky}], {mode: 'plain'})
    expect(csv.startsWith(`${plainColumns.join(',')}\r\n`)).toBe(true)
    expect(csv.split('\r\n').some((line) => line.startsWith('#'))).toBe(false)
    expect(readPlainCsv(csv)[0]).toEqual(['id', 'deck', 'kind', 'prompt', 'answer', 'example', 'extra', 'tags', 'source'])
  })

  it('holds each question’s id, deck, kind, plain-text fields, tags and file:line', async () => {
    const {csv, result} = await buildCsv([{path: 'deck.md', value: tricky}], {mode: 'plain'})
    const [header, ...rows] = readPlainCsv(csv)
    const questions = result.trees.flatMap((tree) => tree.children.flatMap((section) => section.children))
    expect(rows).toHaveLength(questions.length)
    expect(rows).toHaveLength(2)
    const text = (field: FieldContent | null) => (field ? toText(field) : '')
    questions.forEach((question, index) => {
      const row = Object.fromEntries((header ?? []).map((name, column) => [name, rows[index]?.[column]]))
      expect(row).toEqual({
        id: question.id,
        deck: 'Courses::Level "one", with comma',
        kind: 'basic',
        prompt: text(question.prompt),
        answer: text(question.answer),
        example: text(question.example),
        extra: text(question.extra),
        tags: 'café difficulty::hard two_words',
        source: `deck.md:${question.position.start.line}`
      })
    })
    expect(rows[0]?.[3]).toBe('What does "AT&T" stand for, exactly?')
    // Plain text collapses whitespace in prose (a tab becomes a space), keeps it in code.
    expect(rows[0]?.[4]).toBe('AT&T is a company; a < b, "quotes", commas, and a tab.')
    expect(rows[0]?.[5]).toBe('print("a,b")\t# tabbed\n# a line that starts with #')
    expect(rows[0]?.[6]).toBe('Ünïcödé — 日本語 🚀.')
    expect(rows[1]?.[3]).toBe('=1+1 is what?')
    // Paragraphs stay apart as lines (soft line breaks inside one become spaces).
    expect(rows[1]?.[4]).toBe('Line one\n\nLine two')
    expect(rows[1]?.[5]).toBe('')
  })

  it('escapes formulas only when asked', async () => {
    const {csv} = await buildCsv([{path: 'deck.md', value: tricky}], {mode: 'plain', escapeFormulas: true})
    const rows = readPlainCsv(csv)
    expect(rows[2]?.[3]).toBe("'=1+1 is what?")
    expect(rows[1]?.[3]).toBe('What does "AT&T" stand for, exactly?')
  })

  it('writes the seed’s 7 questions, repaired, and a BOM when asked', async () => {
    const {csv} = await buildCsv([{path: seedPath, value: readFileSync(seedUrl)}], {mode: 'plain', bom: true})
    expect(csv.startsWith('\uFEFFid,deck,')).toBe(true)
    const rows = readPlainCsv(csv.slice(1))
    expect(rows).toHaveLength(8)
    expect(rows[1]?.[1]).toBe('Niveau Hardcore')
    expect(rows[1]?.[3]).toContain('modèle de concurrence')
    expect(rows[1]?.[8]).toBe(`${seedPath}:3`)
  })

  it('rejects an option of the wrong type as emit-failed', async () => {
    const result = await compile([{path: 'deck.md', value: tricky}], {formats: ['csv'], emitters: [csvEmitter], emitterOptions: {csv: {mode: 'plain', bom: 'yes'}}})
    expect(result.outputs).toEqual([])
    expect(result.files[0]?.messages.find((message) => message.ruleId === 'emit-failed')?.reason).toContain('`bom` must be a boolean')
  })
})
