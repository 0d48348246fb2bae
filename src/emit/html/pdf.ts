/**
 * HTML file → PDF with a locally installed Chromium (`--headless
 * --print-to-pdf`), for the CLI's `--pdf`. Not part of the library's pure
 * API: it spawns a browser and touches the file system, so only the CLI
 * imports it, after writing the HTML.
 *
 * The browser opens the document from disk with networking features off;
 * the document's own Content-Security-Policy already forbids every load but
 * its inline stylesheet and images.
 *
 * @module
 */
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

/** Options for {@link printHtmlFile}. */
export interface PrintOptions {
  /**
   * Browser binary. Default: `$DECKDOWN_CHROMIUM`, else the first of
   * {@link chromiumCandidates} that exists.
   */
  executablePath?: string | undefined
  /** Environment to read `DECKDOWN_CHROMIUM` from. Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined
  /** Give up after this many milliseconds. Default: 60 000. */
  timeout?: number | undefined
}

/** Where Chromium-family browsers usually live (Debian, Ubuntu, Fedora, macOS). */
export const chromiumCandidates: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
]

/**
 * The browser `--pdf` will use, or undefined when none is found.
 */
export function findChromium(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const configured = env['DECKDOWN_CHROMIUM']
  if (configured) return configured
  return chromiumCandidates.find((candidate) => existsSync(candidate))
}

/**
 * Print an HTML file to PDF. Paper size comes from the document (the html
 * emitter's `paper` option writes `@page {size}`); without it Chromium uses
 * Letter. Page numbers come from the document's page-margin boxes, so
 * Chromium's own header and footer are turned off.
 *
 * @param htmlPath Absolute path of the HTML file (its images, in `copy`
 *   mode, beside it).
 * @param pdfPath Absolute path of the PDF to write.
 * @throws {Error} When no browser is found or it fails (message says which).
 */
export async function printHtmlFile(htmlPath: string, pdfPath: string, options: PrintOptions = {}): Promise<void> {
  const browser = options.executablePath ?? findChromium(options.env)
  if (!browser) {
    throw new Error('no Chromium found for --pdf; install one (apt-get install chromium) or set DECKDOWN_CHROMIUM')
  }
  // A fresh profile each time: nothing from (or to) a person's own browser.
  const profile = await mkdtemp(join(tmpdir(), 'deckdown-chromium-'))
  const args = [
    '--headless',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--no-pdf-header-footer',
    `--user-data-dir=${profile}`,
    `--print-to-pdf=${pdfPath}`,
    // Chromium refuses to run as root with its sandbox (containers, CI).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    pathToFileURL(htmlPath).href
  ]
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(browser, args, {timeout: options.timeout ?? 60_000, windowsHide: true}, (error, _stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new Error(`no Chromium at ${browser} for --pdf; install one (apt-get install chromium) or set DECKDOWN_CHROMIUM; the HTML is written`))
        } else if (error) reject(new Error(`${browser} could not print ${htmlPath}: ${String(stderr).trim().split('\n').at(-1) || error.message}`))
        else resolve()
      })
    })
    if (!existsSync(pdfPath)) throw new Error(`${browser} wrote no PDF for ${htmlPath}`)
  } finally {
    await rm(profile, {recursive: true, force: true})
  }
}
