/**
 * Packed question outlines (cache/outline.ts): every lean result of every
 * fixture comes back exactly as it was, key order included; questions that
 * are not bare outlines are stored as they are; a malformed packed outline
 * makes the entry unusable rather than a wrong question.
 */
import {readFileSync} from 'node:fs'
import {deserialize, serialize} from 'node:v8'
import {describe, expect, it} from 'vitest'
import {fixtureFiles} from '../helpers.js'
import type {Root} from '../../src/ast/types.js'
import {packOutline, unpackOutline} from '../../src/cache/outline.js'
import {runFileJob} from '../../src/pipeline/job.js'

const inputs = await fixtureFiles()

/** Pack, store and read back as the cache does; the tree and whether it unpacked. */
function roundTrip(tree: Root, path: string): {tree: Root; ok: boolean} {
  const packed = packOutline(tree, path)
  const stored = deserialize(serialize(packed)) as typeof packed
  return {tree: stored.tree, ok: unpackOutline(stored.tree, path, stored.sourceName)}
}

describe('packed outlines', () => {
  it('give back every lean and full result of every fixture exactly', () => {
    expect(inputs.length).toBeGreaterThan(40)
    let packedQuestions = 0
    for (const path of inputs) {
      for (const lean of [true, false]) {
        for (const sourceName of [undefined, 'shown/name.md']) {
          const result = runFileJob({path, value: new Uint8Array(readFileSync(path)), options: sourceName ? {sourceName} : {}, prepareNotes: true, lean, historyDeck: 'deck'})
          const packed = packOutline(result.tree, path)
          packedQuestions += packed.tree.children.flatMap((section) => section.children).filter((item) => Array.isArray(item)).length
          const back = roundTrip(result.tree, path)
          expect(back.ok, path).toBe(true)
          expect(back.tree, path).toEqual(result.tree)
          // Same keys in the same order (the JSON of a lean tree is public).
          expect(JSON.stringify(back.tree), path).toBe(JSON.stringify(result.tree))
        }
      }
    }
    // Not vacuous: lean results of the fixtures are mostly bare outlines.
    expect(packedQuestions).toBeGreaterThan(500)
  }, 60_000)

  it('keeps a question that is more than an outline as it is', () => {
    const result = runFileJob({path: 'q.md', value: '## Q?\n\n**Answer:** A.\n', options: {}, prepareNotes: true, lean: true})
    const question = result.tree.children[0]?.children[0]
    if (!question) throw new Error('no question')
    const withData = {...question, data: {note: 'kept'}}
    const tree: Root = {...result.tree, children: [{...result.tree.children[0]!, children: [withData as typeof question]}]}
    expect(packOutline(tree, 'q.md').tree.children[0]?.children[0]).toBe(withData)
    expect(roundTrip(tree, 'q.md').tree).toEqual(tree)
  })

  it('refuses a malformed packed outline', () => {
    const result = runFileJob({path: 'q.md', value: '## Q?\n\n**Answer:** A.\n', options: {}, prepareNotes: true, lean: true})
    for (const damage of [
      (item: unknown[]) => item.pop(),
      (item: unknown[]) => (item[1] = 7),
      (item: unknown[]) => (item[2] = 'basic'),
      (item: unknown[]) => (item[3] = 'tag'),
      (item: unknown[]) => (item[4] = true),
      (item: unknown[]) => (item[6] = 1.5)
    ]) {
      const packed = deserialize(serialize(packOutline(result.tree, 'q.md'))) as ReturnType<typeof packOutline>
      const item = packed.tree.children[0]?.children[0] as unknown as unknown[]
      expect(Array.isArray(item)).toBe(true)
      damage(item)
      expect(unpackOutline(packed.tree, 'q.md', packed.sourceName)).toBe(false)
    }
    expect(unpackOutline(result.tree, 'q.md', 42)).toBe(false)
  })
})
