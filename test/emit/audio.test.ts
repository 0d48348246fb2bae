/**
 * Sound and video through the card emitters: real files made at test time
 * (WAV, MP3, Ogg Opus, WebM), compiled to a package read back with sql.js and
 * fflate, to Anki CSV and to JSON validated against the shipped schema.
 * Fields hold Anki's `[sound:…]`, the media map holds the files, JSON says
 * each reference's kind, and every unusable reference is reported where it
 * was written.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {parse as parseCsv} from 'csv-parse/sync'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {compile, type CompileResult} from '../../src/compile.js'
import {formatMessage, sortedMessages} from '../../src/diagnostics/format.js'
import type {JsonDocument} from '../../src/emit/json/index.js'
import schema from '../../src/emit/json/schema.json' with {type: 'json'}
import {fieldsOf, openPackage, type OpenedPackage} from './apkg/helpers.js'
import {mp3, oggOpus, wav, webm} from '../media/samples.js'

const deck = `# Sounds

## How is "hello" pronounced?

**Answer:** ![Hello](audio/hello.mp3) and <audio src="audio/hello.mp3"></audio>

## Which tone is this?

**Answer:** <audio controls><source src="audio/tone.wav" type="audio/wav"></audio> or [listen](audio/tone.ogg), see <video src="video/clip.webm"></video>

## The French for hello is {{c1::bonjour ![](audio/hello.mp3)}}.

## Is a sound inside a link played?

**Answer:** [![](audio/hello.mp3) go](https://example.org/hello)

## What do files with a wrong or no extension hold?

**Answer:** ![](audio/beep) and ![](audio/fake.png)

## Which ones are broken?

**Answer:** ![](audio/missing.mp3), <audio src="https://example.org/x.mp3"></audio>, <audio></audio>, <video src="javascript:alert(1)"></video>, ![](audio/noise.mp3), ![](audio/big.wav)

## Is $$\\sum_{n=1}^{3} n$$ display math?

**Answer:** Yes: $$6$$ too.
`

let base: string
let result: CompileResult
let pkg: OpenedPackage

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'deckdown-audio-'))
  mkdirSync(join(base, 'audio'))
  mkdirSync(join(base, 'video'))
  writeFileSync(join(base, 'audio', 'hello.mp3'), mp3())
  writeFileSync(join(base, 'audio', 'tone.wav'), wav())
  writeFileSync(join(base, 'audio', 'tone.ogg'), oggOpus())
  writeFileSync(join(base, 'video', 'clip.webm'), webm())
  // No extension, and an extension that lies: the bytes decide.
  writeFileSync(join(base, 'audio', 'beep'), wav(50))
  writeFileSync(join(base, 'audio', 'fake.png'), mp3(3))
  writeFileSync(join(base, 'audio', 'noise.mp3'), 'not a sound at all')
  writeFileSync(join(base, 'audio', 'big.wav'), wav(2000))
  result = await compile([{path: 'sounds.md', value: deck}], {
    formats: ['apkg', 'csv', 'json'],
    cwd: base,
    now: new Date(Date.UTC(2026, 0, 1)),
    maxMediaBytes: 20_000
  })
  pkg = await openPackage(output('apkg') as Uint8Array)
})

afterAll(() => {
  pkg?.close()
  rmSync(base, {recursive: true, force: true})
})

function output(format: string): string | Uint8Array {
  const found = result.outputs.find((candidate) => candidate.format === format)
  if (!found) throw new Error(`no ${format} output`)
  return found.contents
}

function notes(): string[][] {
  return pkg.rows('SELECT flds FROM notes ORDER BY id').map((row) => fieldsOf(row['flds'] ?? ''))
}

describe('apkg', () => {
  it('writes [sound:…] for every kind of sound or video reference', () => {
    const [hello, tone] = notes()
    expect(hello?.[1]).toBe('<p>[sound:hello.mp3] and [sound:hello.mp3]</p>')
    expect(tone?.[1]).toBe('<p>[sound:tone.wav] or [sound:tone.ogg], see [sound:clip.webm]</p>')
  })

  it('holds each file once in the media map, with its bytes', () => {
    const media = pkg.media as Record<string, string>
    expect(Object.values(media).sort()).toEqual(['beep.wav', 'clip.webm', 'fake.png.mp3', 'hello.mp3', 'noise.mp3', 'tone.ogg', 'tone.wav'])
    for (const [member, name] of Object.entries(media)) {
      const expected = {'hello.mp3': mp3(), 'tone.wav': wav(), 'tone.ogg': oggOpus(), 'clip.webm': webm(), 'beep.wav': wav(50), 'fake.png.mp3': mp3(3)}[name]
      if (expected) expect(pkg.files[member], name).toEqual(expected)
    }
  })

  it('keeps a cloze whole around a sound', () => {
    const cloze = notes()[2]
    expect(cloze?.[0]).toBe('<p>The French for hello is {{c1::bonjour [sound:hello.mp3]}}.</p>')
  })

  it('moves a sound out of a link (a play button cannot sit inside one)', () => {
    expect(notes()[3]?.[1]).toBe('<p><a href="https://example.org/hello"> go</a>[sound:hello.mp3]</p>')
  })

  it('names sound files by their bytes when the extension is missing or lies', () => {
    expect(notes()[4]?.[1]).toBe('<p>[sound:beep.wav] and [sound:fake.png.mp3]</p>')
  })

  it('leaves out what cannot be embedded, links remote sound, and writes display math as \\[…\\]', () => {
    const all = notes()
    expect(all[5]?.[1]).toBe('<p>, <a href="https://example.org/x.mp3">https://example.org/x.mp3</a>, , , [sound:noise.mp3], </p>')
    expect(all[6]?.[0]).toBe('<p>Is <span class="math math-display">\\[\\sum_{n=1}^{3} n\\]</span> display math?</p>')
    expect(all[6]?.[1]).toBe('<p>Yes: <span class="math math-display">\\[6\\]</span> too.</p>')
  })
})

describe('diagnostics', () => {
  it('reports each unusable reference at its position, with a rule id', () => {
    const lines = sortedMessages(result.files)
      .map((message) => formatMessage(message))
      .filter((line) => !line.includes('csv-media-not-included'))
    expect(lines).toEqual([
      'sounds.md:23:13: error Audio `audio/missing.mp3` not found [missing-media]',
      'sounds.md:23:37: info Audio `https://example.org/x.mp3` is remote: it stays a link and is not downloaded [remote-media]',
      'sounds.md:23:86: warning This `<audio>` element has no source deckdown can use: give it a `src` (or a `<source src>`) naming a local file or an http(s) URL (`data:` and script URLs are removed); it is left out [unusable-media]',
      'sounds.md:23:103: warning This `<video>` element has no source deckdown can use: give it a `src` (or a `<source src>`) naming a local file or an http(s) URL (`data:` and script URLs are removed); it is left out [unusable-media]',
      'sounds.md:23:146: warning Audio `audio/noise.mp3` is in no format deckdown recognises (MP3, AAC, Ogg, Opus, WAV, FLAC, M4A/MP4, MOV, WebM, Matroska); it is embedded as it is, but may not play [media-unknown-format]',
      'sounds.md:23:168: error Audio `audio/big.wav` is 32 KiB, over the 20 KiB limit; it is not embedded [media-too-large]'
    ])
  })

  it('says so when a sound file is really an image', async () => {
    writeFileSync(join(base, 'audio', 'picture.mp3'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const built = await compile([{path: 'p.md', value: '## Which?\n\n**Answer:** ![x](audio/picture.mp3)\n'}], {formats: ['apkg'], cwd: base, now: new Date(0)})
    expect(sortedMessages(built.files).map((message) => formatMessage(message))).toEqual([
      'p.md:3:13: warning Audio `audio/picture.mp3` is a PNG image, not audio; it is shown as an image [media-unknown-format]'
    ])
    const opened = await openPackage(built.outputs[0]?.contents as Uint8Array)
    expect(fieldsOf(opened.rows('SELECT flds FROM notes')[0]?.['flds'] ?? '')[1]).toBe('<p><img src="picture.mp3" alt="x"></p>')
    opened.close()
  })
})

describe('csv', () => {
  it('holds the same [sound:…] fields as the package, and warns that the files must be copied', () => {
    const body = String(output('csv')).split('\r\n').filter((line) => !line.startsWith('#')).join('\r\n')
    const rows = parseCsv(body, {relax_column_count: true}) as string[][]
    expect(rows.map((row) => row.slice(4, 6))).toEqual(notes().map((fields) => fields.slice(0, 2)))
    const warnings = result.files[0]?.messages.filter((message) => message.ruleId === 'csv-media-not-included').map((message) => message.reason)
    expect(warnings).toContain(
      "This question uses media (`clip.webm`, `tone.ogg`, `tone.wav`) that a CSV cannot carry; import the .apkg once, or copy the files into Anki's collection.media folder before importing the CSV"
    )
  })
})

describe('json', () => {
  it('gives each question its media with their kinds, valid against the schema', () => {
    const document = JSON.parse(String(output('json'))) as JsonDocument
    const ajv = new Ajv2020({allErrors: true, strict: false})
    expect(ajv.validate(schema, document), ajv.errorsText()).toBe(true)
    expect(document.questions.map((question) => question.media)).toEqual([
      [{src: 'audio/hello.mp3', kind: 'audio', remote: false}],
      [
        {src: 'audio/tone.wav', kind: 'audio', remote: false},
        {src: 'audio/tone.ogg', kind: 'audio', remote: false},
        {src: 'video/clip.webm', kind: 'video', remote: false}
      ],
      [{src: 'audio/hello.mp3', kind: 'audio', remote: false}],
      [{src: 'audio/hello.mp3', kind: 'audio', remote: false}],
      // The bytes decide: no extension, and a `.png` holding MP3.
      [
        {src: 'audio/beep', kind: 'audio', remote: false},
        {src: 'audio/fake.png', kind: 'audio', remote: false}
      ],
      [
        {src: 'audio/missing.mp3', kind: 'audio', remote: false},
        {src: 'https://example.org/x.mp3', kind: 'audio', remote: true},
        {src: 'audio/noise.mp3', kind: 'audio', remote: false},
        {src: 'audio/big.wav', kind: 'audio', remote: false}
      ],
      []
    ])
    expect(document.questions[1]?.answer.html).toBe(
      '<p><audio controls src="audio/tone.wav"></audio> or <audio controls src="audio/tone.ogg" aria-label="listen"></audio>, see <video controls src="video/clip.webm"></video></p>'
    )
    // Display math keeps its `$$` in Markdown.
    expect(document.questions[6]?.answer.markdown).toBe('Yes: $$6$$ too.')
  })

  it('lists images as images', async () => {
    writeFileSync(join(base, 'pic.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const built = await compile([{path: 'i.md', value: '## Which?\n\n**Answer:** ![a](pic.png) ![b](https://example.org/b.png)\n'}], {cwd: base})
    const document = JSON.parse(String(built.outputs[0]?.contents)) as JsonDocument
    expect(document.questions[0]?.media).toEqual([
      {src: 'pic.png', kind: 'image', remote: false},
      {src: 'https://example.org/b.png', kind: 'image', remote: true}
    ])
  })
})
