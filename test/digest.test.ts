import {createHash} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {digest} from '../src/digest.js'

describe('digest', () => {
  it('gives the bytes and text createHash gives, for UTF-8 text', () => {
    for (const text of ['', 'deckdown:q1', 'Réponse attendue — 答案 🔴', 'x'.repeat(100_000)]) {
      for (const algorithm of ['sha1', 'sha256'] as const) {
        const expected = createHash(algorithm).update(text, 'utf8').digest()
        expect(digest(algorithm, text).equals(expected)).toBe(true)
        expect(digest(algorithm, text, 'hex')).toBe(expected.toString('hex'))
        expect(digest(algorithm, text, 'base64')).toBe(expected.toString('base64'))
        expect(digest(algorithm, text, 'base64url')).toBe(expected.toString('base64url'))
      }
    }
  })
})
