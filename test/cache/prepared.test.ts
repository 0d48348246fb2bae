/**
 * Packed prepared notes (cache/prepared.ts): the notes of every fixture come
 * back exactly as they were, through the serializer the cache uses, and a
 * malformed packing makes the entry unusable rather than wrong notes.
 */
import {readFileSync} from 'node:fs'
import {deserialize, serialize} from 'node:v8'
import {describe, expect, it} from 'vitest'
import {fixtureFiles} from '../helpers.js'
import {packNotes, unpackNotes, type PackedNotes} from '../../src/cache/prepared.js'
import {runFileJob} from '../../src/pipeline/job.js'
import type {PreparedNote} from '../../src/pipeline/prepared.js'

const inputs = await fixtureFiles()

const stored = (notes: ReadonlyArray<PreparedNote | null>) => deserialize(serialize(packNotes(notes))) as PackedNotes

/** Notes as plain values, so views of different buffers compare by content. */
const plain = (notes: ReadonlyArray<PreparedNote | null> | undefined) => notes?.map((note) => note && {...note, flds: Array.from(note.flds)})

const sample: Array<PreparedNote | null> = [
  {flds: new TextEncoder().encode('Q\u001fA'), guid: 'a,B`c!', csum: 4294967295, sfld: 'Q', ords: [0], contentHash: 'hash-1'},
  null,
  {flds: new Uint8Array(), guid: 'x', csum: 0, sfld: '', ords: [0, 1, 2, 299]},
  {flds: new TextEncoder().encode('é ✓ 🎧'), guid: 'y', csum: 7, sfld: 'é ✓ 🎧', ords: [], contentHash: ''}
]

describe('packed prepared notes', () => {
  it('give back the notes of every fixture exactly, with and without content hashes', () => {
    let notes = 0
    for (const path of inputs) {
      for (const historyDeck of ['deck', undefined]) {
        const result = runFileJob({path, value: new Uint8Array(readFileSync(path)), options: {}, prepareNotes: true, lean: true, historyDeck})
        notes += result.notes.length
        expect(plain(unpackNotes(stored(result.notes))), path).toEqual(plain(result.notes))
      }
    }
    expect(notes).toBeGreaterThan(200)
    // Every fixture parsed twice: about 3 s alone, more on a busy machine.
  }, 30_000)

  it('give back nulls, empty fields, many cards, no cards, an empty hash and text beyond ASCII', () => {
    const unpacked = unpackNotes(stored(sample))
    expect(plain(unpacked)).toEqual(plain(sample))
    expect(unpacked?.[2] && 'contentHash' in unpacked[2]).toBe(false)
    expect(unpackNotes(stored([]))).toEqual([])
  })

  it('refuse a malformed packing', () => {
    const good = packNotes(sample)
    const broken: unknown[] = [
      null,
      [],
      {...good, flds: 'bytes'},
      {...good, present: Uint8Array.from([1, 1, 1, 1])},
      {...good, present: Uint8Array.from([2, 0, 1, 1])},
      {...good, text: `${good.text}x`},
      {...good, text: good.text.slice(1)},
      {...good, fldsEnds: Uint32Array.from([3, 0, 100])},
      {...good, ords: good.ords.subarray(1)},
      {...good, lengths: good.lengths.subarray(3)},
      {...good, csums: new Float32Array(3)}
    ]
    for (const value of broken) expect(unpackNotes(deserialize(serialize(value)))).toBeUndefined()
  })
})
