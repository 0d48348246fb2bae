/**
 * Media in packages: local images are embedded once, under flat names, with
 * the `media` map and numbered members; bad references are reported at the
 * image and the question is still built. Real files, real zip, real sql.js.
 */
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {compile} from '../../../src/compile.js'
import {formatMessage, sortedMessages} from '../../../src/diagnostics/format.js'
import {openPackage} from './helpers.js'

let base: string
const png = (tag: string) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(tag)])

const deck = `# Media

## Which diagram?

**Answer:** This one: ![the diagram](img/diagram.png)

And the same file again, by reference: ![again][d]

<img src="other/diagram.png" alt="raw html">

## Which missing one?

**Answer:** ![gone](img/missing.png) and ![escape](../secret.png) and <img src="img/link.png" alt="link">

## Which remote one?

**Answer:** ![remote](https://example.org/x.png) and ![big](img/big.png)

[d]: ./img/diagram.png
`

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'deckdown-apkg-media-'))
  mkdirSync(join(base, 'notes', 'img'), {recursive: true})
  mkdirSync(join(base, 'notes', 'other'), {recursive: true})
  writeFileSync(join(base, 'notes', 'img', 'diagram.png'), png('A'))
  writeFileSync(join(base, 'notes', 'other', 'diagram.png'), png('B'))
  writeFileSync(join(base, 'notes', 'img', 'big.png'), new Uint8Array(4096))
  writeFileSync(join(base, 'secret.png'), png('SECRET'))
  symlinkSync(join(base, 'secret.png'), join(base, 'notes', 'img', 'link.png'))
})

afterAll(() => rmSync(base, {recursive: true, force: true}))

async function buildDeck() {
  const result = await compile([{path: 'notes/deck.md', value: deck, root: 'notes'}], {
    formats: ['apkg'],
    cwd: base,
    now: new Date(Date.UTC(2026, 0, 1)),
    maxMediaBytes: 1024
  })
  const output = result.outputs[0]
  if (!(output?.contents instanceof Uint8Array)) throw new Error('no package')
  return {result, bytes: output.contents, opened: await openPackage(output.contents)}
}

describe('apkg media', () => {
  it('embeds each local file once, with numbered members and a media map', async () => {
    const {opened} = await buildDeck()
    expect(opened.members).toEqual(['collection.anki2', 'media', '0', '1'])
    const names = Object.values(opened.media as Record<string, string>)
    expect(names).toHaveLength(2)
    for (const [index, name] of Object.entries(opened.media as Record<string, string>)) {
      expect(name).toMatch(/^diagram-[0-9a-f]{8}\.png$/)
      expect(opened.files[index]?.slice(0, 4)).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))
    }
    opened.close()
  })

  it('points field HTML at the flat names', async () => {
    const {opened} = await buildDeck()
    const [first] = opened.rows("SELECT flds FROM notes WHERE flds LIKE '%Which diagram%'")
    const back = String(first?.['flds']).split('\u001F')[1] ?? ''
    const srcs = [...back.matchAll(/src="([^"]+)"/g)].map((match) => match[1])
    const media = Object.values(opened.media as Record<string, string>)
    expect(srcs).toHaveLength(3)
    expect(srcs.every((src) => media.includes(src ?? ''))).toBe(true)
    // Same file by path and by reference: one name.
    expect(srcs[0]).toBe(srcs[1])
    expect(srcs[2]).not.toBe(srcs[0])
    opened.close()
  })

  it('reports bad references at the image, builds the question without them, never downloads', async () => {
    const {result, opened} = await buildDeck()
    const lines = sortedMessages(result.files).map((message) => formatMessage(message))
    expect(lines).toEqual([
      expect.stringMatching(/^notes\/deck\.md:13:13: error Media `img\/missing\.png` not found \[missing-media\]$/),
      expect.stringMatching(/^notes\/deck\.md:13:42: error Media `\.\.\/secret\.png` is outside the input folder .* \[media-outside-root\]$/),
      expect.stringMatching(/^notes\/deck\.md:13:71: error Media `img\/link\.png` is a link to a file outside the input folder .* \[media-outside-root\]$/),
      expect.stringMatching(/^notes\/deck\.md:17:54: error Media `img\/big\.png` is 4 KiB, over the 1 KiB limit; it is not embedded \[media-too-large\]$/)
    ])
    expect(opened.rows('SELECT count(*) AS n FROM notes')[0]?.['n']).toBe(3)
    const [missing] = opened.rows("SELECT flds FROM notes WHERE flds LIKE '%missing one%'")
    const back = String(missing?.['flds']).split('\u001F')[1] ?? ''
    expect(back).not.toContain('<img')
    expect(back).toContain('gone')
    const [remote] = opened.rows("SELECT flds FROM notes WHERE flds LIKE '%remote one%'")
    expect(String(remote?.['flds'])).toContain('src="https://example.org/x.png"')
    expect(Object.values(opened.media as Record<string, string>).some((name) => name.includes('secret') || name.includes('link'))).toBe(false)
    opened.close()
  })

  it('is byte-identical across builds, media included', async () => {
    const first = await buildDeck()
    const second = await buildDeck()
    expect(Buffer.from(first.bytes).equals(Buffer.from(second.bytes))).toBe(true)
  })
})
