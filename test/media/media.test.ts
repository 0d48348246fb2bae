import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Question} from '../../src/ast/types.js'
import {cleanMediaName, createMediaLoader, isRemote, mediaKey, type MediaRequest} from '../../src/media/index.js'
import {parse} from '../../src/parse/index.js'
import {toHtml} from '../../src/render/index.js'
import {questionsOf} from '../helpers.js'

let base: string
let root: string

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'deckdown-media-'))
  root = join(base, 'notes')
  mkdirSync(join(root, 'img'), {recursive: true})
  mkdirSync(join(root, 'other'), {recursive: true})
  writeFileSync(join(root, 'img', 'diagram.png'), 'PNG-A')
  writeFileSync(join(root, 'other', 'diagram.png'), 'PNG-B')
  writeFileSync(join(root, 'img', 'copy.png'), 'PNG-A')
  writeFileSync(join(root, 'img', 'x.png'), 'X1')
  writeFileSync(join(root, 'other', 'x.png'), 'X2')
  writeFileSync(join(root, 'img', 'big.png'), Buffer.alloc(2048))
  writeFileSync(join(root, 'img', 'my image.png'), 'SPACE')
  writeFileSync(join(base, 'secret.txt'), 'SECRET')
  symlinkSync(join(base, 'secret.txt'), join(root, 'img', 'link.png'))
})

afterAll(() => rmSync(base, {recursive: true, force: true}))

function question(file = 'notes/deck.md'): Question {
  return parse({path: file, value: '## Q?\n\n**Answer:** a'}).tree.children[0]!.children[0]!
}

function loader(maxBytes = 1024) {
  const reports: string[] = []
  const media = createMediaLoader({
    sourcePath: (file) => join(base, file),
    rootOf: () => root,
    maxBytes,
    report: (_question, position, reason, ruleId) => reports.push(`${ruleId} ${position.start.line}:${position.start.column} ${reason}`)
  })
  return {media, reports}
}

describe('media loading', () => {
  it('loads local files, deduplicated by content, with order-independent flat names', async () => {
    const q = question()
    const requests: MediaRequest[] = ['img/diagram.png', 'other/diagram.png', 'img/copy.png', './img/diagram.png', 'img/my%20image.png', 'img/x.png', 'other/x.png'].map((src) => ({src, question: q}))
    const {media, reports} = loader()
    const result = await media.load(requests)
    const reversed = await loader().media.load([...requests].reverse())
    expect(reports).toEqual([])
    expect(result.files.map((file) => [file.name, new TextDecoder().decode(file.data)])).toEqual([
      ['copy.png', 'PNG-A'],
      ['diagram.png', 'PNG-B'],
      ['my image.png', 'SPACE'],
      // Two contents, one name: both get 8 hex digits of their SHA-1.
      ['x-9f792b61.png', 'X2'],
      ['x-bb4e247a.png', 'X1']
    ])
    // One content, one file: both paths to PNG-A share the smallest name.
    expect(result.names.get(mediaKey(q.file, 'img/diagram.png'))).toBe('copy.png')
    expect(result.names.get(mediaKey(q.file, 'other/diagram.png'))).toBe('diagram.png')
    expect(reversed.files.map((file) => file.name)).toEqual(result.files.map((file) => file.name))
  })

  it('refuses paths outside the root, missing files, links out and large files, with positions', async () => {
    const q = question()
    const at = {start: {line: 9, column: 3}, end: {line: 9, column: 20}}
    const {media, reports} = loader()
    const result = await media.load(
      ['../secret.txt', '../../etc/passwd', '/etc/passwd', 'C:/Windows/win.ini', 'img/missing.png', 'img/link.png', 'img/big.png'].map((src) => ({src, question: q, position: at}))
    )
    expect(result.files).toEqual([])
    expect(reports.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      'media-outside-root 9:3',
      'media-outside-root 9:3',
      'media-outside-root 9:3',
      'media-outside-root 9:3',
      'missing-media 9:3',
      'media-outside-root 9:3',
      'media-too-large 9:3'
    ])
    expect(reports.at(-1)).toContain('2 KiB, over the 1 KiB limit')
  })

  it('never downloads remote URLs', async () => {
    expect(['https://x.org/a.png', 'http://x', '//cdn/x.png', 'data:image/png;base64,AA', 'mailto:a@b'].every(isRemote)).toBe(true)
    expect(isRemote('img/a.png')).toBe(false)
    const {media, reports} = loader()
    const result = await media.load([{src: 'https://example.org/a.png', question: question()}])
    expect([result.files, reports]).toEqual([[], []])
  })

  it('cleans names the way Anki does', () => {
    expect(cleanMediaName('a:b?c*.png')).toBe('abc.png')
    expect(cleanMediaName('con.mp3')).toBe('con_.mp3')
    expect(cleanMediaName('name.')).toBe('name._')
    expect(new TextEncoder().encode(cleanMediaName(`${'é'.repeat(100)}.png`)).length).toBeLessThanOrEqual(120)
    expect(cleanMediaName(`${'é'.repeat(100)}.png`).endsWith('.png')).toBe(true)
  })
})

describe('reference-style images and links', () => {
  it('are resolved at parse time so fields stand on their own', () => {
    const {tree} = parse({path: 'a.md', value: '## Q?\n\n**Answer:** ![a diagram][d] and [the docs][docs].\n\n[d]: img/diagram.png "Diagram"\n[docs]: https://example.org\n'})
    const html = toHtml(questionsOf(tree)[0]!.answer)
    expect(html).toBe('<p><img src="img/diagram.png" alt="a diagram" title="Diagram"> and <a href="https://example.org">the docs</a>.</p>')
  })
})
