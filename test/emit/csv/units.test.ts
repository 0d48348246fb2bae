/**
 * The small pieces: option checking, Anki's integer reading of deck cells,
 * and tags normalized as the apkg stores them.
 */
import {describe, expect, it} from 'vitest'
import {resolveCsvOptions} from '../../../src/emit/csv/index.js'
import {ankiTags, readsAsAnkiId} from '../../../src/emit/csv/shared.js'
import {buildBoth, packageNotes, readAnkiCsv} from './helpers.js'

describe('resolveCsvOptions', () => {
  it('defaults to Anki mode, no BOM, no formula escaping', () => {
    const noAssets = {copyAssets: false, assetsFolder: undefined, onAsset: undefined}
    expect(resolveCsvOptions({})).toEqual({mode: 'anki', bom: false, escapeFormulas: false, ...noAssets})
    expect(resolveCsvOptions({mode: null, bom: undefined})).toEqual({mode: 'anki', bom: false, escapeFormulas: false, ...noAssets})
    expect(resolveCsvOptions({mode: 'plain', bom: true, escapeFormulas: true})).toEqual({mode: 'plain', bom: true, escapeFormulas: true, ...noAssets})
    expect(resolveCsvOptions({assets: 'copy', assetsFolder: 'media/'})).toMatchObject({copyAssets: true, assetsFolder: 'media'})
    expect(() => resolveCsvOptions({assets: 'embed'})).toThrow(/Unknown csv assets mode/)
    expect(() => resolveCsvOptions({assets: 'copy', assetsFolder: '../up'})).toThrow(/relative folder/)
  })

  it('refuses unknown modes and non-boolean flags', () => {
    expect(() => resolveCsvOptions({mode: 'Plain'})).toThrow(TypeError)
    expect(() => resolveCsvOptions({mode: 1})).toThrow('Unknown csv mode `1` (known: anki, plain)')
    expect(() => resolveCsvOptions({escapeFormulas: 'true'})).toThrow('`escapeFormulas` must be a boolean')
  })
})

describe('readsAsAnkiId', () => {
  it('is true exactly when Rust’s i64 parse accepts the text', () => {
    for (const name of ['0', '01', '2024', '+5', '-1', '9223372036854775807', '-9223372036854775808']) expect(readsAsAnkiId(name), name).toBe(true)
    for (const name of ['', '2024a', 'v1', ' 1', '1 ', '1.5', '9223372036854775808', '-9223372036854775809', '１２', 'A::1', '+', '-'])
      expect(readsAsAnkiId(name), name).toBe(false)
  })
})

describe('ankiTags', () => {
  it('normalizes like the apkg’s notes.tags', async () => {
    const tags = ['two words', '  spaced :: out  ', 'x::y', 'café', 'Cafe\u0301', 'x::y', 'a::_b_', '\u3000wide\u3000space']
    const value = `---\ntags: ${JSON.stringify(tags)}\n---\n## What is a?\n\n**Answer:** A.\n`
    const {csv, opened, result} = await buildBoth([{path: 'tags.md', value}])
    const question = result.trees[0]?.children[0]?.children[0]
    const [note] = packageNotes(opened)
    expect(ankiTags(question?.tags ?? [])).toEqual(note?.tags)
    expect(readAnkiCsv(csv).records[0]?.[3]).toBe(note?.tags.join(' '))
    opened.close()
  })

  it('drops empty tags and names empty components blank', () => {
    expect(ankiTags(['', '  ', 'a b', 'a::', '::b', 'x\u0000y'])).toEqual(['a_b', 'a::blank', 'blank::b', 'xy'])
  })
})
