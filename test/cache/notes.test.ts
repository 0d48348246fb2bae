/**
 * The note history's file: written column by column (format 2), read back
 * as it was written; a format 1 file (an object of `guid: [hash, mod]`) is
 * still read, and rewritten in format 2 by the next save; a damaged one is
 * ignored with a reason.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {NoteHistory} from '../../src/cache/notes.js'

let folder: string
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'deckdown-notes-'))
})
afterEach(() => rmSync(folder, {recursive: true, force: true}))

const note = (guid: string, hash: string) => ({guid, noteTypeId: 1, deck: 'D', tags: '', fields: ['Q', 'A'], contentHash: hash})

async function read(text: string): Promise<{history: NoteHistory; ignored: string[]}> {
  const path = join(folder, 'notes.json')
  writeFileSync(path, text)
  const ignored: string[] = []
  return {history: await NoteHistory.read(path, (reason) => ignored.push(reason)), ignored}
}

describe('note history file', () => {
  it('writes three sorted columns and reads them back as they were', async () => {
    const history = new NoteHistory()
    history.modFor(note('b', 'hash-b'), 200)
    history.modFor(note('a', 'hash-a'), 100)
    const json = history.toJson()
    expect(JSON.parse(json)).toEqual({name: 'deckdown-note-history', format: 2, guids: ['a', 'b'], hashes: ['hash-a', 'hash-b'], mods: [100, 200]})
    const {history: back, ignored} = await read(json)
    expect(ignored).toEqual([])
    expect(back.changed).toBe(false)
    // Unchanged notes keep their mod; a changed one gets now.
    expect(back.modFor(note('a', 'hash-a'), 300)).toBe(100)
    expect(back.modFor(note('b', 'hash-b'), 300)).toBe(200)
    expect(back.changed).toBe(false)
    expect(back.modFor(note('b', 'other'), 300)).toBe(300)
    expect(back.changed).toBe(true)
    expect(back.toJson()).toBe(JSON.stringify({name: 'deckdown-note-history', format: 2, guids: ['a', 'b'], hashes: ['hash-a', 'other'], mods: [100, 300]}))
  })

  it('reads a format 1 file, leaving out malformed notes, and saves it again in format 2', async () => {
    const {history, ignored} = await read(JSON.stringify({name: 'deckdown-note-history', format: 1, notes: {a: ['hash-a', 100], b: ['hash-b', -1], c: 'x'}}))
    expect(ignored).toEqual([])
    expect(history.changed).toBe(true)
    expect(history.modFor(note('a', 'hash-a'), 300)).toBe(100)
    expect(history.modFor(note('b', 'hash-b'), 300)).toBe(300)
    expect(JSON.parse(history.toJson()).format).toBe(2)
  })

  it('ignores a file whose columns do not agree, or of another format or tool', async () => {
    for (const text of [
      JSON.stringify({name: 'deckdown-note-history', format: 2, guids: ['a', 'b'], hashes: ['h'], mods: [1, 2]}),
      JSON.stringify({name: 'deckdown-note-history', format: 2, guids: 'a', hashes: [], mods: []}),
      JSON.stringify({name: 'deckdown-note-history', format: 3, guids: [], hashes: [], mods: []}),
      JSON.stringify({name: 'something-else', format: 2, guids: [], hashes: [], mods: []})
    ]) {
      const {history, ignored} = await read(text)
      expect([text, ignored]).toEqual([text, ['not a note history of this version of deckdown']])
      expect(history.modFor(note('a', 'h'), 5)).toBe(5)
    }
    const {ignored} = await read('{"name": "deckdown-note-history", "format": 2, "guids": [')
    expect(ignored).toEqual(['unreadable'])
  })

  it('leaves out a malformed note of a format 2 file, not the history', async () => {
    const {history} = await read(JSON.stringify({name: 'deckdown-note-history', format: 2, guids: ['a', 'b', 7], hashes: ['h', 'h', 'h'], mods: [1, 1.5, 1]}))
    expect(history.modFor(note('a', 'h'), 9)).toBe(1)
    expect(history.modFor(note('b', 'h'), 9)).toBe(9)
  })
})
