/**
 * Fixtures and tools for the html emitter tests: a rich question bank built
 * on disk (real PNG and SVG files for the media loader), builds through the
 * real `compile`, and printing in Debian's Chromium through playwright-core.
 */
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {deflateSync} from 'node:zlib'
import {compile, type CompileOptions, type CompileResult} from '../../../src/compile.js'
import {htmlEmitter} from '../../../src/emit/html/index.js'
import {root} from '../../helpers.js'

/** The clock every build here uses: the document prints this date. */
export const fixedNow = new Date('2026-03-14T15:09:26Z')

/** Where Debian installs Chromium (apt-get install chromium). */
export const chromiumPath = '/usr/bin/chromium'

/** Whether the browser tests can run here. */
export const haveChromium = existsSync(chromiumPath)

/** Scratch output (ignored by git). */
export const tmpRoot = join(root, 'test', '.tmp')
export const previewsDir = join(tmpRoot, 'previews')

/** The repository's fixtures. */
export const seedFile = 'fixtures/000_7f03c07bfde96dd4.txt'
export const pythonFile = 'fixtures/python-basics.md'

/**
 * The rich bank: images (PNG, SVG, one missing, one remote), inline and
 * display math and a formula that does not parse, a code line far wider
 * than the page, a twelve-column table, a cloze and a choice question, and
 * one question longer than a page.
 */
export const richMarkdown = `---
title: Rich print test
lang: en
deck: Rich
---

# Media and math

## What does the stripes diagram show?

![Three coloured stripes](img/stripes.png)

**Answer:** Three stripes; the logo is ![Vector logo](img/logo.svg)

## What is the value of $\\int_0^1 x\\,dx$?

**Answer:** It is $\\frac{1}{2}$ because

$$
\\int_0^1 x\\,dx = \\left[\\frac{x^2}{2}\\right]_0^1 = \\frac{1}{2}
$$

## Which formula is broken: $\\frac{1$?

**Answer:** The brace after \`\\frac\` is never closed, so it prints as source.

## What happens to a missing image?

**Answer:** It becomes its alt text: ![A missing chart](img/missing.png) and
a remote one becomes a link: ![Remote badge](https://example.com/badge.png)

# Layout stress

## Does a very long line of code wrap instead of being cut?

**Answer:** It wraps.

\`\`\`python
result = some_function_with_a_rather_long_name(argument_number_one, argument_number_two, argument_number_three, "a string literal that keeps going far past the right edge of the page", END_OF_LONG_LINE)
\`\`\`

## Does a wide table fit on the page?

**Answer:**

| Column one | Column two | Column three | Column four | Column five | Column six | Column seven | Column eight | Column nine | Column ten | Column eleven | LASTCOLUMN |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| supercalifragilisticexpialidocious | antidisestablishmentarianism | pneumonoultramicroscopic | value | value | value | value | value | value | value | value | TABLEEND |

## The {{c1::Global Interpreter Lock::acronym}} lets one thread run {{c2::bytecode}} at a time.

**Answer:** CPython's GIL.

## Which of these types are mutable?

- [ ] tuple
- [x] list
- [ ] frozenset
- [x] dict

**Answer:** Lists and dicts can change in place.

## Can a question longer than a page still print?

**Answer:** Yes: the box breaks across pages, and everything is printed.

\`\`\`python
${Array.from({length: 95}, (_, index) => `line_${index + 1} = compute(${index + 1})  # step ${index + 1} of the long example`).join('\n')}
\`\`\`
`

/** Prompts of the rich bank in order, as printed (clozes as blanks). */
export const richPrompts = [
  'What does the stripes diagram show?',
  'What is the value of',
  'Which formula is broken:',
  'What happens to a missing image?',
  'Does a very long line of code wrap instead of being cut?',
  'Does a wide table fit on the page?',
  'The [acronym] lets one thread run [',
  'Which of these types are mutable?',
  'Can a question longer than a page still print?'
]

/** Number of the question in the rich bank that is longer than a page. */
export const richLongQuestion = 9

/** A folder with `rich.md` and its images, created once per test file. */
export function writeRichFixture(): {dir: string; file: string; cleanup: () => void} {
  const dir = mkdtempSync(join(tmpdir(), 'deckdown-html-'))
  mkdirSync(join(dir, 'img'))
  writeFileSync(join(dir, 'rich.md'), richMarkdown)
  writeFileSync(join(dir, 'img', 'stripes.png'), stripesPng(240, 90))
  writeFileSync(
    join(dir, 'img', 'logo.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="24" viewBox="0 0 48 24"><rect width="48" height="24" rx="4" fill="#2a5db0"/><circle cx="12" cy="12" r="7" fill="#fff"/></svg>\n'
  )
  return {dir, file: 'rich.md', cleanup: () => rmSync(dir, {recursive: true, force: true})}
}

/** Build one file to HTML through `compile`; returns the document and the result. */
export async function buildHtml(
  path: string,
  value: Uint8Array | string,
  htmlOptions: Record<string, unknown> = {},
  extra: Partial<CompileOptions> = {}
): Promise<{html: string; result: CompileResult}> {
  const result = await compile([{path, value}], {
    formats: ['html'],
    emitters: [htmlEmitter],
    emitterOptions: {html: htmlOptions},
    now: fixedNow,
    ...extra
  })
  const output = result.outputs.find((candidate) => candidate.format === 'html')
  if (!output || typeof output.contents !== 'string') {
    throw new Error(`no html output: ${result.files.flatMap((file) => file.messages.map(String)).join('\n')}`)
  }
  return {html: output.contents, result}
}

/** Read a repository fixture. */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(root, path)))
}

/** Text of each page of a PDF in content order (`pdftotext -raw`: Chromium paints in DOM order, so side-by-side cards do not interleave). */
export function pdfPages(pdfPath: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-raw', pdfPath, '-'], {encoding: 'utf8'})
  const pages = text.split('\f')
  if (pages.at(-1)?.trim() === '') pages.pop()
  return pages.map((page) => normalize(page))
}

/** Whitespace collapsed, compatibility forms folded (ligatures, no-break spaces). */
export function normalize(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, ' ').trim()
}

/** Render the first pages of a PDF as small PNGs for a person to look at. */
export function writePreviews(pdfPath: string, name: string, pages = 2): void {
  mkdirSync(previewsDir, {recursive: true})
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', String(pages), pdfPath, join(previewsDir, name)])
}

/**
 * A PNG of vertical colour stripes, written by hand (zlib + CRC-32) so the
 * tests need no image library.
 */
export function stripesPng(width: number, height: number): Uint8Array {
  const colours = [
    [0xc0, 0x26, 0x4b],
    [0x1a, 0x7f, 0x37],
    [0x0b, 0x5c, 0xad]
  ]
  const rowLength = 1 + width * 3
  const raw = Buffer.alloc(rowLength * height)
  for (let y = 0; y < height; y++) {
    raw[y * rowLength] = 0
    for (let x = 0; x < width; x++) {
      const colour = colours[Math.floor((x * colours.length) / width)] ?? [0, 0, 0]
      raw.set(colour, y * rowLength + 1 + x * 3)
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0))
  ])
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}
