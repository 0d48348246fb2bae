/**
 * Re-import updates in place (anki-compat.md §8, §9, §13 item 10): after an
 * answer is edited, questions reordered and one added, a later build keeps
 * every GUID, note-type id and deck id, and moves every `mod` forward.
 */
import {describe, expect, it} from 'vitest'
import {basicNoteType, guidFor} from '../../../src/emit/apkg/index.js'
import {build, fieldsOf, openPackage} from './helpers.js'

const v1 = `# Python 🟢

## What is the GIL?

**Answer:** A lock.

## What is a decorator?

**Answer:** A function that wraps another.
`

const v2 = `# Python 🟢

## What is a generator?

**Answer:** A function that yields.

## What is a decorator?

**Answer:** A function that wraps another.

## What is the GIL?

**Answer:** The global interpreter lock: one thread runs Python bytecode at a time.
`

async function snapshot(value: string, now: Date) {
  const {bytes, result} = await build([{path: 'python.md', value}], now)
  const pkg = await openPackage(bytes)
  try {
    const notes = pkg.rows('SELECT guid, mod, flds FROM notes ORDER BY id').map((row) => ({
      guid: String(row['guid']),
      mod: Number(row['mod']),
      front: fieldsOf(row['flds'] ?? '')[0] ?? '',
      back: fieldsOf(row['flds'] ?? '')[1] ?? ''
    }))
    const ids = result.trees[0]?.children.flatMap((section) => section.children.map((question) => question.id)) ?? []
    return {
      notes,
      ids,
      byFront: new Map(notes.map((note) => [note.front, note])),
      modelIds: Object.keys(pkg.col.models),
      modelMod: Number(pkg.col.models[String(basicNoteType.id)]?.['mod']),
      decks: Object.fromEntries(Object.values(pkg.col.decks).map((deck) => [String(deck['name']), Number(deck['id'])]))
    }
  } finally {
    pkg.close()
  }
}

describe('apkg: rebuilding after edits', () => {
  it('keeps GUIDs, note-type and deck ids, and moves mod forward', async () => {
    const first = await snapshot(v1, new Date('2026-01-01T00:00:00Z'))
    const second = await snapshot(v2, new Date('2026-01-02T09:30:00Z'))

    expect(first.notes).toHaveLength(2)
    expect(second.notes).toHaveLength(3)

    for (const front of ['<p>What is the GIL?</p>', '<p>What is a decorator?</p>']) {
      const before = first.byFront.get(front)
      const after = second.byFront.get(front)
      expect(before && after, front).toBeTruthy()
      expect(after?.guid, front).toBe(before?.guid)
      expect(after?.mod ?? 0, front).toBeGreaterThan(before?.mod ?? Infinity)
    }
    // The edited answer really changed, under the same GUID.
    expect(first.byFront.get('<p>What is the GIL?</p>')?.back).toBe('<p>A lock.</p>')
    expect(second.byFront.get('<p>What is the GIL?</p>')?.back).toContain('global interpreter lock')

    // The new question has a GUID of its own.
    const added = second.byFront.get('<p>What is a generator?</p>')
    expect(added).toBeDefined()
    expect(first.notes.map((note) => note.guid)).not.toContain(added?.guid)

    // GUIDs come from question ids only.
    expect(second.notes.map((note) => note.guid)).toEqual(second.ids.map((id) => guidFor(id)))

    expect(second.modelIds).toEqual(first.modelIds)
    expect(second.modelIds).toEqual([String(basicNoteType.id)])
    // Templates and CSS reach users only with a strictly newer note-type mod (§8).
    expect(second.modelMod).toBeGreaterThan(first.modelMod)
    expect(second.decks).toEqual(first.decks)
  })
})
