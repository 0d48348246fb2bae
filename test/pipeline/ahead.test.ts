/**
 * startAhead: results in item order, at most `width` started and not yet
 * taken, nothing started before it is asked for, a failure only where it is
 * taken.
 */
import {describe, expect, it} from 'vitest'
import {startAhead} from '../../src/pipeline/ahead.js'

describe('startAhead', () => {
  it('starts up to width items ahead and gives results in order, whatever order they settle in', async () => {
    const started: number[] = []
    const items = [0, 1, 2, 3, 4, 5, 6]
    const taken: number[] = []
    const pairs = startAhead(items, 3, (item) => {
      started.push(item)
      // Later items settle first.
      return new Promise<number>((resolve) => setTimeout(() => resolve(item * 10), (items.length - item) * 2))
    })
    expect(started).toEqual([])
    for (const [item, result] of pairs) {
      // The one being taken and at most two after it.
      expect(Math.max(...started)).toBe(Math.min(item + 2, items.length - 1))
      taken.push(await result)
    }
    expect(taken).toEqual(items.map((item) => item * 10))
    expect(started).toEqual(items)
  })

  it('reports a failure where its item is taken, never as an unhandled rejection', async () => {
    const outcomes: string[] = []
    for (const [item, result] of startAhead(['a', 'bad', 'c'], 8, async (item) => {
      if (item === 'bad') throw new Error('unreadable')
      return item
    })) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      outcomes.push(await result.catch((error: Error) => `${item}: ${error.message}`))
    }
    expect(outcomes).toEqual(['a', 'bad: unreadable', 'c'])
  })
})
