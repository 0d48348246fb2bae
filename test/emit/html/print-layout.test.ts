/**
 * Print sheets worth printing: a generated 155-question multiple-choice quiz
 * with code (the shape people print to study) is printed by headless
 * Chromium on A4, and the PDF is measured:
 *
 * - `study` fits in 60 pages (boxes break inside long answers instead of
 *   jumping whole to the next page);
 * - no page ends with a prompt alone: from `pdftotext -bbox` word positions,
 *   the last prompt on every page has its answer's start below it, on the
 *   same page;
 * - short questions stay whole: a question with no long answer has its
 *   prompt and its source line on one page;
 * - the long answers do break across pages;
 * - `quiz` prints its answer key compactly, several answers per line.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {compile} from '../../../src/compile.js'
import {chromiumPath, fixedNow, haveChromium, tmpRoot} from './helpers.js'
import {quizBankMarkdown} from './quiz-bank.js'

const skip = !haveChromium && !process.env['CI']
const pdfDir = join(tmpRoot, 'print-layout')
const count = 155

/** One word of `pdftotext -bbox`, in points from the page's top left. */
interface Word {
  text: string
  x: number
  y: number
  bottom: number
}

/** Pages of words, in reading order, from `pdftotext -bbox`. */
function pdfWords(pdfPath: string): Word[][] {
  const xhtml = execFileSync('pdftotext', ['-bbox', pdfPath, '-'], {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
  return xhtml
    .split(/<page [^>]*>/)
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => ({
        text: decode(match[4] ?? ''),
        x: Number(match[1]),
        y: Number(match[2]),
        bottom: Number(match[3])
      }))
    )
}

function decode(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
}

/** Words grouped into lines (same baseline within 2 pt), top to bottom. */
function linesOf(words: readonly Word[]): string[] {
  const sorted = [...words].sort((a, b) => a.bottom - b.bottom || a.x - b.x)
  const lines: Array<{bottom: number; words: Word[]}> = []
  for (const word of sorted) {
    const line = lines.at(-1)
    if (line && Math.abs(line.bottom - word.bottom) < 2) line.words.push(word)
    else lines.push({bottom: word.bottom, words: [word]})
  }
  return lines.map((line) => line.words.sort((a, b) => a.x - b.x).map((word) => word.text).join(' '))
}

async function printQuiz(browser: Browser, layout: 'study' | 'quiz'): Promise<{html: string; pages: Word[][]}> {
  const {outputs} = await compile([{path: 'quiz.md', value: quizBankMarkdown(count)}], {
    formats: ['html'],
    emitterOptions: {html: {layout, paper: 'A4'}},
    now: fixedNow
  })
  const html = String(outputs[0]?.contents)
  const context = await browser.newContext({javaScriptEnabled: false})
  try {
    const page = await context.newPage()
    await page.setContent(html, {waitUntil: 'load'})
    const pdfPath = join(pdfDir, `quiz-${layout}.pdf`)
    await page.pdf({path: pdfPath, format: 'A4'})
    return {html, pages: pdfWords(pdfPath)}
  } finally {
    await context.close()
  }
}

describe.skipIf(skip)('print layout of a 155-question quiz', () => {
  let browser: Browser

  beforeAll(async () => {
    const {chromium} = await import('playwright-core')
    browser = await chromium.launch({executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu']})
    mkdirSync(pdfDir, {recursive: true})
  }, 30_000)

  afterAll(async () => {
    await browser?.close()
  })

  it('study: at most 60 A4 pages, no prompt alone at a page bottom, short questions whole', async () => {
    const {html, pages} = await printQuiz(browser, 'study')
    console.log(`study: ${pages.length} pages`)
    expect(pages.length).toBeLessThanOrEqual(60)

    const lines = pages.map(linesOf)
    const promptLine = /output of snippet (\d+)\?/
    const seen = new Set<number>()
    for (const [index, page] of lines.entries()) {
      const prompts = page.flatMap((line, at) => {
        const match = promptLine.exec(line)
        return match ? [{number: Number(match[1]), at}] : []
      })
      for (const prompt of prompts) seen.add(prompt.number)
      const last = prompts.at(-1)
      if (!last) continue
      // Below the last prompt on the page: its code's first lines (the
      // answer side starts there), not just the page number.
      const below = page.slice(last.at + 1).filter((line) => !/^\d+ ?\/ ?\d+$/.test(line.trim()))
      expect(below.length, `page ${index + 1} ends with the prompt of question ${last.number} (${below.join(' | ')})`).toBeGreaterThanOrEqual(3)
    }
    expect(seen.size, 'every prompt is printed').toBe(count)

    // Short questions (marked at build time) are whole: prompt and source
    // line on one page. The longest (every 40th) break inside their answer.
    const short = new Set([...html.matchAll(/<li class="q [^"]*\bq-short\b[^"]*" id="q(\d+)"/g)].map((match) => Number(match[1])))
    expect(short.size, 'the questions with a short answer are short').toBeGreaterThan(count / 3)
    const text = pages.map((page) => linesOf(page).join('\n'))
    for (let number = 1; number <= count; number++) {
      const start = text.findIndex((page) => page.includes(`snippet ${number}?`))
      const end = text.findIndex((page, at) => at >= start && sourceAfterPrompt(page, number, at === start))
      if (number % 40 === 0) {
        expect(short.has(number), `question ${number} is long`).toBe(false)
        expect(end, `question ${number} breaks across pages`).toBeGreaterThan(start)
      } else if (short.has(number)) {
        expect(end, `question ${number} is whole`).toBe(start)
      }
    }
  }, 120_000)

  it('quiz: the answer key is compact, several answers per line', async () => {
    const {pages} = await printQuiz(browser, 'quiz')
    console.log(`quiz: ${pages.length} pages`)
    const lines = pages.map(linesOf)
    const keyStart = lines.findIndex((page) => page.some((line) => line.includes('Answer key')) && !page.some((line) => line.includes('snippet')))
    expect(keyStart).toBeGreaterThan(0)
    const keyLines = lines.slice(keyStart).flat()
    // "1 B 2 C 3 D …": lines holding several numbered answers.
    const dense = keyLines.filter((line) => (line.match(/\b\d+\.? [A-D]\b/g) ?? []).length >= 4)
    expect(dense.length, 'key lines with four or more answers').toBeGreaterThanOrEqual(Math.floor(count / 10))
    expect(pages.length - keyStart, 'pages of the answer key').toBeLessThanOrEqual(3)
  }, 120_000)
})

/**
 * Whether `page` holds question `number`'s source line (`quiz.md:line`, on
 * the box's bottom border): after its prompt on the prompt's page, before
 * the next prompt on a later page.
 */
function sourceAfterPrompt(page: string, number: number, promptPage: boolean): boolean {
  const at = promptPage ? page.indexOf(`snippet ${number}?`) : 0
  const next = page.indexOf(`snippet ${number + 1}?`, at)
  return /quiz\.md:\d+/.test(page.slice(at, next === -1 ? page.length : next))
}
