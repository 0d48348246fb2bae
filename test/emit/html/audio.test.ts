/**
 * Sound and video in print HTML, in a real browser (Debian's Chromium through
 * playwright-core): every player loads its file (inlined as a `data:` URI, or
 * copied beside the page) under the page's own Content-Security-Policy and
 * reports a duration; the PDF prints a marker (♪ / ▶ and the file name)
 * where each one is. Files are made at test time.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {HtmlAsset} from '../../../src/emit/html/index.js'
import {mp3, oggOpus, wav, webm} from '../../media/samples.js'
import {buildHtml, chromiumPath, haveChromium, normalize} from './helpers.js'

const inCi = Boolean(process.env['CI'])
const skip = !haveChromium && !inCi
if (skip) console.warn(`Skipping html audio tests: ${chromiumPath} not found. They always run in CI.`)

const bank = `---
title: Sounds
---

# Pronunciation

## How is "hello" pronounced?

**Answer:** ![Hello](audio/hello.mp3)

## Which tone is this?

**Answer:** <audio src="audio/tone.wav"></audio> and [the same, in Ogg](audio/tone.ogg)

## What does the clip show?

**Answer:** <video src="video/clip.webm"></video>

## What is missing?

**Answer:** ![](audio/missing.mp3) and ![](https://example.org/remote.mp3)

## Is $$\\frac{1}{2}$$ display math?

**Answer:** Yes: $$1 - \\frac{1}{2}$$ too.
`

describe.skipIf(skip)('html sound and video in Chromium', () => {
  let browser: Browser
  let base: string

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'deckdown-html-audio-'))
    mkdirSync(join(base, 'audio'))
    mkdirSync(join(base, 'video'))
    writeFileSync(join(base, 'audio', 'hello.mp3'), mp3(12))
    writeFileSync(join(base, 'audio', 'tone.wav'), wav(300))
    writeFileSync(join(base, 'audio', 'tone.ogg'), oggOpus(500))
    writeFileSync(join(base, 'video', 'clip.webm'), webm(600))
    const {chromium} = await import('playwright-core')
    browser = await chromium.launch({executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--autoplay-policy=no-user-gesture-required']})
  }, 30_000)

  afterAll(async () => {
    await browser?.close()
    rmSync(base, {recursive: true, force: true})
  })

  /** Open a page, recording requests that leave it and CSP complaints. */
  async function open(load: (page: Page) => Promise<unknown>) {
    const context = await browser.newContext()
    const network: string[] = []
    const problems: string[] = []
    await context.route('**/*', async (route) => {
      const url = route.request().url()
      // The page itself and the files beside it (copy mode) are local.
      if (url.startsWith('file:')) return route.continue()
      network.push(url)
      return route.abort()
    })
    const page = await context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text())
    })
    await load(page)
    return {context, page, network, problems}
  }

  /** Wait for every player's metadata; return `[tag, label, duration]`. */
  async function durations(page: Page): Promise<Array<[string, string, number]>> {
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLMediaElement>('audio, video')).every((media) => media.readyState >= 1 || media.error), null, {timeout: 10_000})
    return page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLMediaElement>('audio, video')).map((media) => [media.tagName.toLowerCase(), media.nextElementSibling?.textContent ?? '', media.error ? -1 : media.duration] as [string, string, number])
    )
  }

  function expectPlayable(found: Array<[string, string, number]>): void {
    expect(found.map(([tag, marker]) => [tag, marker])).toEqual([
      ['audio', '♪ Hello (hello.mp3)'],
      ['audio', '♪ tone.wav'],
      ['audio', '♪ the same, in Ogg (tone.ogg)'],
      ['video', '▶ clip.webm']
    ])
    const expected = [12 * 0.026, 0.3, 0.5, 0.6]
    found.forEach(([, marker, duration], index) => expect(duration, marker).toBeCloseTo(expected[index] ?? 0, 1))
  }

  it('inlines each file as a data: URI that plays under the page CSP, and prints a marker', async () => {
    const {html} = await buildHtml('sounds.md', bank, {}, {cwd: base})
    expect(html).toContain('<audio controls preload="metadata" src="data:audio/wav;base64,')
    expect(html).toContain('<video controls preload="metadata" src="data:video/webm;base64,')
    expect(html).toContain('<span class="media-missing">[sound: missing.mp3]</span>')
    expect(html).toContain('<a class="media-remote" href="https://example.org/remote.mp3">https://example.org/remote.mp3</a>')
    const {context, page, network, problems} = await open((page) => page.setContent(html, {waitUntil: 'load'}))
    try {
      expectPlayable(await durations(page))
      expect(network).toEqual([])
      expect(problems).toEqual([])
      // `$$…$$` inside a paragraph: KaTeX display math, still inside the paragraph.
      expect(await page.locator('h3.prompt > span.math-display math[display="block"]').count()).toBe(1)
      expect(await page.locator('p > span.math-display math[display="block"]').count()).toBe(1)

      const pdfPath = join(base, 'sounds.pdf')
      await page.pdf({path: pdfPath, format: 'A4', printBackground: true})
      const text = normalize(execFileSync('pdftotext', ['-enc', 'UTF-8', '-raw', pdfPath, '-'], {encoding: 'utf8'}))
      for (const marker of ['♪ Hello (hello.mp3)', '♪ tone.wav', '♪ the same, in Ogg (tone.ogg)', '▶ clip.webm', '[sound: missing.mp3]']) expect(text).toContain(marker)
    } finally {
      await context.close()
    }
  }, 30_000)

  it('copy mode: files beside the page play from file: under the same CSP', async () => {
    const assets: HtmlAsset[] = []
    const {html} = await buildHtml('sounds.md', bank, {assets: 'copy', onAsset: (asset: HtmlAsset) => assets.push(asset)}, {cwd: base})
    const out = join(base, 'out')
    mkdirSync(out, {recursive: true})
    writeFileSync(join(out, 'sounds.html'), html)
    for (const asset of assets) {
      mkdirSync(dirname(join(out, asset.path)), {recursive: true})
      writeFileSync(join(out, asset.path), asset.data)
    }
    expect(assets.map((asset) => asset.path)).toEqual(['sounds_files/clip.webm', 'sounds_files/hello.mp3', 'sounds_files/tone.ogg', 'sounds_files/tone.wav'])
    expect(html).toContain('<audio controls preload="metadata" src="sounds_files/tone.wav"></audio>')
    const {context, page, network, problems} = await open((page) => page.goto(pathToFileURL(join(out, 'sounds.html')).href))
    try {
      expectPlayable(await durations(page))
      expect(network).toEqual([])
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  }, 30_000)
})
