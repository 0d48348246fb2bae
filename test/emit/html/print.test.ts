/**
 * Print the html emitter's documents in a real browser (Debian's Chromium,
 * driven by playwright-core) to PDF, A4 and Letter, in every layout, and
 * check the PDFs with poppler (`pdftotext`, `pdftoppm`):
 *
 * - every question's text is printed; page counts are in range; page
 *   numbers are printed (CSS page-margin boxes);
 * - no short question box crosses a page (its prompt and its source line
 *   land on the same page); the one longer than a page breaks inside its
 *   answer; the quiz key lists choice answers in a compact grid
 *   (print-layout.test.ts measures breaking on a 155-question quiz);
 * - cards: fronts on odd pages, backs on the following even page, each back
 *   exactly behind its front when flipped on the long edge;
 * - images decode; code and tables stay inside the text width;
 * - the page makes no request at all (only `data:`/`about:` URLs) and
 *   violates no Content-Security-Policy directive.
 *
 * Previews of the first pages go to `test/.tmp/previews/` for a person to
 * look at. Set `DECKDOWN_UPDATE_PREVIEW=1` to rewrite the README preview.
 *
 * Needs `/usr/bin/chromium` and poppler-utils (`.ci/run` installs them in
 * CI). Skipped, with a message, only outside CI when Chromium is missing.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Question, Root} from '../../../src/ast/types.js'
import type {HtmlAsset} from '../../../src/emit/html/index.js'
import {printHtmlFile} from '../../../src/emit/html/pdf.js'
import {toText} from '../../../src/render/index.js'
import {
  buildHtml,
  chromiumPath,
  fixture,
  haveChromium,
  normalize,
  pdfPages,
  previewsDir,
  pythonFile,
  richLongQuestion,
  richPrompts,
  seedFile,
  tmpRoot,
  writePreviews,
  writeRichFixture
} from './helpers.js'

const inCi = Boolean(process.env['CI'])
const skip = !haveChromium && !inCi
if (skip) {
  console.warn(`Skipping html print tests: ${chromiumPath} not found (apt-get install chromium poppler-utils). They always run in CI.`)
}

type Layout = 'study' | 'quiz' | 'cards'
type Paper = 'A4' | 'Letter'

/** Page size in CSS pixels (96 per inch). */
const paperSize: Record<Paper, {width: number; height: number}> = {
  A4: {width: (210 / 25.4) * 96, height: (297 / 25.4) * 96},
  Letter: {width: 8.5 * 96, height: 11 * 96}
}

interface Doc {
  name: string
  html: string
  tree: Root
  layout: Layout
  /** Page counts allowed for A4 and Letter. */
  pages: [number, number]
}

const pdfDir = join(tmpRoot, 'html-print')
const readmePreview = fileURLToPath(new URL('preview-study.png', import.meta.url))

describe.skipIf(skip)('html in Chromium', () => {
  let browser: Browser
  const docs = new Map<string, Doc>()
  let cleanup = () => {}

  beforeAll(async () => {
    const {chromium} = await import('playwright-core')
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    })
    mkdirSync(pdfDir, {recursive: true})
    const rich = writeRichFixture()
    cleanup = rich.cleanup
    const sources: Array<{name: string; path: string; value: Uint8Array; cwd?: string; pages: Record<Layout, [number, number]>}> = [
      {name: 'seed', path: seedFile, value: fixture(seedFile), pages: {study: [2, 5], quiz: [2, 6], cards: [6, 6]}},
      {name: 'python', path: pythonFile, value: fixture(pythonFile), pages: {study: [1, 3], quiz: [2, 4], cards: [4, 4]}},
      {name: 'rich', path: rich.file, value: new Uint8Array(readFileSync(join(rich.dir, rich.file))), cwd: rich.dir, pages: {study: [3, 6], quiz: [4, 8], cards: [6, 6]}}
    ]
    for (const source of sources) {
      for (const layout of ['study', 'quiz', 'cards'] as const) {
        const {html, result} = await buildHtml(source.path, source.value, {layout}, source.cwd ? {cwd: source.cwd} : {})
        const tree = result.trees[0]
        if (!tree) throw new Error(`no tree for ${source.path}`)
        docs.set(`${source.name}-${layout}`, {name: `${source.name}-${layout}`, html, tree, layout, pages: source.pages[layout]})
      }
    }
  }, 30_000)

  afterAll(async () => {
    await browser?.close()
    cleanup()
  })

  /**
   * Open a document in a fresh page (a page's CSP outlives `setContent`, so
   * documents never share one), recording every request and console error.
   */
  async function open(html: string, paper: Paper) {
    const context = await browser.newContext({viewport: {width: Math.round(paperSize[paper].width), height: 900}, javaScriptEnabled: true})
    // `network`: what reached the network layer (recorded, then refused);
    // `requests`: every load the page attempted, even one the CSP blocked.
    const network: string[] = []
    const requests: string[] = []
    const problems: string[] = []
    await context.route('**/*', async (route) => {
      network.push(route.request().url())
      await route.abort()
    })
    const page = await context.newPage()
    page.on('request', (request) => requests.push(request.url()))
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    await page.setContent(html, {waitUntil: 'load'})
    return {context, page, network, requests, problems}
  }

  async function printAndCheck(doc: Doc, paper: Paper): Promise<string[]> {
    const {context, page, network, requests, problems} = await open(doc.html, paper)
    try {
      // Images: every <img> decoded.
      const images = await page.evaluate(() => Array.from(document.images).map((image) => ({ok: image.complete && image.naturalWidth > 0, alt: image.alt})))
      for (const image of images) expect(image, `image "${image.alt}" decodes`).toMatchObject({ok: true})

      await page.emulateMedia({media: 'print'})
      // Code and tables stay inside their box at the printed text width.
      const overflowing = await page.evaluate(() =>
        Array.from(document.querySelectorAll('pre, table')).flatMap((element) => {
          const box = element.getBoundingClientRect()
          const container = element.closest('.q, .card')?.getBoundingClientRect()
          const wide = element.scrollWidth > element.clientWidth + 1 || (container !== undefined && box.right > container.right + 1)
          return wide ? [element.textContent?.slice(0, 40) ?? ''] : []
        })
      )
      expect(overflowing, 'code or tables wider than their box').toEqual([])

      if (doc.layout === 'cards') await checkCardGeometry(page)

      const pdfPath = join(pdfDir, `${doc.name}-${paper}.pdf`)
      await page.pdf({path: pdfPath, format: paper})
      expect(network, 'requests that reached the network').toEqual([])
      expect(requests.filter((url) => !/^(data|about):/.test(url)), 'loads the page attempted').toEqual([])
      expect(problems, 'console errors / CSP violations').toEqual([])

      const pages = pdfPages(pdfPath)
      const [min, max] = doc.pages
      expect(pages.length, `${doc.name} ${paper} page count`).toBeGreaterThanOrEqual(min)
      expect(pages.length, `${doc.name} ${paper} page count`).toBeLessThanOrEqual(max)
      // Page numbers from the @page margin box, on every page.
      // (pdftotext drops the spaces around the slash.)
      pages.forEach((text, index) => expect(text, `page ${index + 1} number`).toMatch(new RegExp(`(?:^|\\s)${index + 1} ?/ ?${pages.length}(?:\\s|$)`)))
      if (paper === 'A4') writePreviews(pdfPath, `${doc.name}-${paper}`, doc.layout === 'cards' ? 4 : 2)
      if (doc.name === 'rich-study' && paper === 'A4' && process.env['DECKDOWN_UPDATE_PREVIEW']) {
        execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfPath, readmePreview.replace(/\.png$/, '')])
      }
      return pages
    } finally {
      await context.close()
    }
  }

  /**
   * Each back sits where its front lands when the sheet turns over its long
   * edge: same row, mirrored column, same distances from the sheet's edges.
   */
  async function checkCardGeometry(page: import('playwright-core').Page): Promise<void> {
    const cards = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.card[id]')).map((card) => {
        const sheet = card.closest('.sheet')?.getBoundingClientRect()
        const box = card.getBoundingClientRect()
        // The cover starts where the content ends: below the card's inner
        // edge means the content is cut (and the "…" mark shows).
        const cover = card.querySelector('.card-cover')?.getBoundingClientRect()
        const inner = box.bottom - Number.parseFloat(getComputedStyle(card).borderBottomWidth)
        return {
          id: card.id,
          left: box.left - (sheet?.left ?? 0),
          right: (sheet?.right ?? 0) - box.right,
          top: box.top - (sheet?.top ?? 0),
          step: /\bfs-(\d)\b/.exec(card.className)?.[1],
          overflows: cover === undefined || cover.top > inner + 0.5
        }
      })
    )
    const byId = new Map(cards.map((card) => [card.id, card]))
    for (const front of cards.filter((card) => card.id.startsWith('card-front-'))) {
      const back = byId.get(front.id.replace('front', 'back'))
      expect(back, `${front.id} has a back`).toBeDefined()
      expect(Math.abs((back?.right ?? 0) - front.left), `${front.id} mirrored`).toBeLessThan(0.5)
      expect(Math.abs((back?.top ?? 0) - front.top), `${front.id} same row`).toBeLessThan(0.5)
    }
    // The build-time size estimate never leaves a card overflowing at a size
    // it could have gone below (overflow only at the smallest step).
    for (const card of cards) if (card.overflows) expect(card.step, `${card.id} overflows above the smallest size`).toBe('5')
  }

  /** The printed text with all whitespace removed (lines wrap anywhere). */
  const squash = (value: string) => normalize(value).replace(/\s+/g, '')

  /**
   * For study and quiz: every question box (and, in the quiz, every key
   * entry) has its prompt and its source line on one page. Boxes are found
   * in document order, so the key's repeated prompts are told apart.
   */
  function checkBoxesOnOnePage(doc: Doc, pages: string[], paper: Paper): void {
    const squashed = pages.map(squash)
    const questions = doc.tree.children.flatMap((section) => section.children)
    const passes = doc.layout === 'quiz' ? 2 : 1
    let cursor = 0
    for (let pass = 0; pass < passes; pass++) {
      // The key starts on a new page, after the last question.
      if (pass === 1) cursor += 1
      const passStart = cursor
      for (const [index, question] of questions.entries()) {
        const number = index + 1
        // The key gives choice questions as a compact grid of letters, before the other answers.
        if (pass === 1 && question.kind === 'choice') {
          expect(squashed.slice(passStart).join(''), `${doc.name} ${paper}: key of question ${number}`).toMatch(new RegExp(`${number}\\.[A-Z]`))
          continue
        }
        const prompt = promptStart(doc, question, number)
        const start = squashed.findIndex((text, page) => page >= cursor && text.includes(prompt))
        expect(start, `${doc.name} ${paper}: prompt of question ${number} printed`).toBeGreaterThanOrEqual(0)
        const source = new RegExp(`${escape(`${question.file}:${question.position.start.line}`)}(?!\\d)`)
        const end = pages.findIndex((text, page) => page >= start && source.test(text))
        expect(end, `${doc.name} ${paper}: source line of question ${number} printed`).toBeGreaterThanOrEqual(start)
        // The question longer than a page breaks, where its answer is printed.
        const long = doc.name.startsWith('rich') && number === richLongQuestion && (doc.layout === 'study' || pass === 1)
        if (long) {
          expect(end, `${doc.name} ${paper}: question ${number} spans pages`).toBeGreaterThan(start)
          expect(squashed.slice(start, end + 1).join('')).toContain('line_95=compute(95)#step95ofthelongexample')
        } else {
          expect(end, `${doc.name} ${paper}: question ${number} crosses a page`).toBe(start)
        }
        cursor = end
      }
    }
  }

  /** The first characters of a question's printed prompt. */
  function promptStart(doc: Doc, question: Question, number: number): string {
    // The rich bank's prompts hold math and clozes, printed differently from their source.
    if (doc.name.startsWith('rich')) return squash(richPrompts[number - 1] ?? '').slice(0, 30)
    return squash(toText(question.prompt)).slice(0, 30)
  }

  /** Cards: page 3 + 2k holds the fronts of sheet k, the next page their backs. */
  function checkCardPages(doc: Doc, pages: string[], paper: Paper): void {
    const questions = doc.tree.children.flatMap((section) => section.children)
    const squashed = pages.map(squash)
    expect(pages.length, `${doc.name} ${paper}: title, printing notes, then a front and a back per sheet`).toBe(2 + 2 * Math.ceil(questions.length / 6))
    for (const [index, question] of questions.entries()) {
      const number = index + 1
      const sheet = Math.floor(index / 6)
      expect(squashed[2 + 2 * sheet], `${doc.name} ${paper}: front ${number} on page ${3 + 2 * sheet}`).toContain(promptStart(doc, question, number))
      if (!doc.name.startsWith('rich')) {
        expect(squashed[3 + 2 * sheet], `${doc.name} ${paper}: back ${number} on page ${4 + 2 * sheet}`).toContain(squash(toText(question.answer)).slice(0, 30))
      }
    }
  }

  function escape(value: string): string {
    return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }

  for (const fixtureName of ['seed', 'python', 'rich']) {
    for (const layout of ['study', 'quiz', 'cards'] as const) {
      it(`${fixtureName}, ${layout}: prints on A4 and Letter`, async () => {
        const doc = docs.get(`${fixtureName}-${layout}`)
        if (!doc) throw new Error('document not built')
        for (const paper of ['A4', 'Letter'] as const) {
          const pages = await printAndCheck(doc, paper)
          const all = squash(pages.join(' '))
          expect(all).toContain(squash(doc.tree.data?.title ?? (fixtureName === 'seed' ? '000_7f03c07bfde96dd4' : '')))
          if (layout === 'cards') checkCardPages(doc, pages, paper)
          else checkBoxesOnOnePage(doc, pages, paper)
          if (fixtureName === 'rich' && layout !== 'quiz') {
            // Nothing cut: the end of the long code line and of the wide table are printed.
            expect(all).toContain('END_OF_LONG_LINE')
            expect(all).toContain('TABLEEND')
            // The cloze is a blank on the question side and shown on the answer side.
            expect(all).toContain(squash('The [acronym] lets one thread run [...]'.replace('...', '…')))
            expect(all).toContain('GlobalInterpreterLock')
          }
        }
      }, 30_000)
    }
  }

  it('would see a request or a blocked load (control for the checks above)', async () => {
    const doc = docs.get('python-study')
    if (!doc) throw new Error('document not built')
    const probe = 'http://127.0.0.1:9/probe.png'
    const html = doc.html.replace('</body>', `<img src="${probe}" alt="probe"></body>`)
    // With the document's policy the attempt is seen and blocked before the network…
    const guarded = await open(html, 'A4')
    await guarded.context.close()
    expect(guarded.requests).toContain(probe)
    expect(guarded.network).toEqual([])
    expect(guarded.problems.join('\n')).toMatch(/Content Security Policy/)
    // …and without it the request goes out (here, to the recording route).
    const unguarded = await open(html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), 'A4')
    await unguarded.context.close()
    expect(unguarded.network).toContain(probe)
  }, 20_000)

  it('copy mode: images load from the folder beside the file, nothing else', async () => {
    const rich = writeRichFixture()
    const out = join(tmpRoot, 'html-copy')
    rmSync(out, {recursive: true, force: true})
    try {
      const {html} = await buildHtml(rich.file, new Uint8Array(readFileSync(join(rich.dir, rich.file))), {
        assets: 'copy',
        // What the CLI will do with the files: write them beside the document.
        onAsset: (asset: HtmlAsset) => {
          mkdirSync(dirname(join(out, asset.path)), {recursive: true})
          writeFileSync(join(out, asset.path), asset.data)
        }
      }, {cwd: rich.dir})
      writeFileSync(join(out, 'rich.html'), html)
      const context = await browser.newContext()
      const outside: string[] = []
      const base = pathToFileURL(out).href
      await context.route('**/*', async (route) => {
        const url = route.request().url()
        if (url.startsWith(`${base}/`)) return route.continue()
        outside.push(url)
        return route.abort()
      })
      const page = await context.newPage()
      const problems: string[] = []
      page.on('console', (message) => problems.push(message.text()))
      await page.goto(`${base}/rich.html`)
      const images = await page.evaluate(() => Array.from(document.images).map((image) => [image.getAttribute('src'), image.complete && image.naturalWidth > 0]))
      await context.close()
      expect(images).toEqual([
        ['rich_files/stripes.png', true],
        ['rich_files/logo.svg', true]
      ])
      expect(outside).toEqual([])
      expect(problems).toEqual([])
    } finally {
      rich.cleanup()
    }
  }, 20_000)

  it('--pdf: prints a written file with the installed Chromium, on the paper the document asks for', async () => {
    const out = join(tmpRoot, 'html-pdf')
    mkdirSync(out, {recursive: true})
    for (const paper of ['A4', 'Letter'] as const) {
      const {html} = await buildHtml(pythonFile, fixture(pythonFile), {layout: 'cards', paper})
      const htmlPath = join(out, `python-${paper}.html`)
      const pdfPath = join(out, `python-${paper}.pdf`)
      writeFileSync(htmlPath, html)
      rmSync(pdfPath, {force: true})
      await printHtmlFile(htmlPath, pdfPath, {executablePath: chromiumPath})
      const info = execFileSync('pdfinfo', [pdfPath], {encoding: 'utf8'})
      expect(info).toMatch(paper === 'A4' ? /Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/ : /Page size:\s+612 x 792 pts \(letter\)/)
      const pages = pdfPages(pdfPath)
      expect(pages).toHaveLength(4)
      expect(pages[0]).toMatch(/(?:^|\s)1 ?\/ ?4(?:\s|$)/)
      // No header or footer of Chromium's own (date, file URL).
      expect(pages.join(' ')).not.toContain('file://')
    }
  }, 30_000)

  it('has a small README preview of the study layout', () => {
    const size = statSync(readmePreview).size
    expect(size).toBeGreaterThan(5_000)
    expect(size).toBeLessThan(150 * 1024)
  })

  it('writes previews for people to look at', () => {
    expect(statSync(join(previewsDir, 'rich-study-A4-1.png')).isFile()).toBe(true)
    expect(statSync(join(previewsDir, 'rich-cards-A4-3.png')).isFile()).toBe(true)
  })
})
