/**
 * The spool helpers: parts joined back into one value, and coalesced for
 * writing, without changing a byte.
 */
import {describe, expect, it} from 'vitest'
import {coalesceParts, createMemorySpool, joinParts} from '../../src/pipeline/spool.js'

async function* partsOf(...parts: Array<string | Uint8Array>) {
  yield* parts
}

describe('spool helpers', () => {
  it('joins text parts into text, and mixed parts into the UTF-8 bytes of the whole', async () => {
    expect(await joinParts(partsOf('é', '🔴', ''))).toBe('é🔴')
    const joined = await joinParts(partsOf('é,', new Uint8Array([0, 255]), 'z'))
    expect(joined).toBeInstanceOf(Uint8Array)
    expect([...(joined as Uint8Array)]).toEqual([...Buffer.from('é,', 'utf8'), 0, 255, ...Buffer.from('z')])
  })

  it('coalesces text into pieces of about the size asked, passing bytes through in order', async () => {
    const pieces: Array<string | Uint8Array> = []
    for await (const piece of coalesceParts(partsOf('ab', 'cd', 'ef', new Uint8Array([1]), 'g'), 4)) pieces.push(piece)
    expect(pieces).toEqual(['abcd', 'ef', new Uint8Array([1]), 'g'])
  })

  it('keeps records in memory in order, read once', async () => {
    const spool = createMemorySpool()
    spool.push('a')
    spool.push('')
    spool.push(new Uint8Array([0, 255]))
    const read: Array<string | Uint8Array> = []
    for await (const record of spool.read()) read.push(record)
    expect(read).toEqual(['a', '', new Uint8Array([0, 255])])
  })
})
