/**
 * The bounded memo (memo.ts) the marker and deck-name normalizers share.
 */
import {describe, expect, it} from 'vitest'
import {rememberResults} from '../src/memo.js'

describe('rememberResults', () => {
  it('computes each argument once while it is kept, and keeps at most `size`', () => {
    const calls: string[] = []
    const upper = rememberResults((text) => (calls.push(text), text.toUpperCase()), 3, 5)
    expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A'])
    expect(calls).toEqual(['a', 'b'])
    // Longer than `maxLength`: computed every time.
    expect([upper('longer'), upper('longer')]).toEqual(['LONGER', 'LONGER'])
    expect(calls).toEqual(['a', 'b', 'longer', 'longer'])
    // A fourth argument forgets the three kept: `a` is computed again.
    upper('c')
    upper('d')
    upper('a')
    expect(calls).toEqual(['a', 'b', 'longer', 'longer', 'c', 'd', 'a'])
  })
})
