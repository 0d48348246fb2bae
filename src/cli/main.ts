/**
 * The command line, as a function: `main` takes arguments and streams and
 * returns the exit code. It never calls `process.exit`, so tests run it
 * in-process and the bin stays a few lines.
 *
 * Exit codes: 0 clean or warnings only; 1 errors (or warnings with
 * `--strict`); 2 usage or I/O errors.
 *
 * @module
 */
import {readFile} from 'node:fs/promises'
import {dirname, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {compile, sourceDateEpochClock, type CompileInput} from '../compile.js'
import {countBySeverity, formatGithubAnnotation, formatMessage, sortedMessages, toDiagnosticRecord} from '../diagnostics/format.js'
import {severityOf} from '../diagnostics/report.js'
import {csvModes} from '../emit/csv/index.js'
import {htmlLayouts, htmlPapers, type HtmlAsset} from '../emit/html/index.js'
import {printHtmlFile} from '../emit/html/pdf.js'
import {builtinEmitters} from '../emit/index.js'
import {dialects} from '../parse/dialects/index.js'
import {toDeckPath} from '../parse/frontmatter.js'
import {defaultCacheDir, openCache} from '../cache/index.js'
import {expandInputs} from './inputs.js'
import {createProgress} from './progress.js'
import {watchBuilds} from './watch.js'
import {writeAtomic} from './write.js'
import packageJson from '../../package.json' with {type: 'json'}

/** What `main` needs from the outside world. */
export interface MainOptions {
  /** Arguments after the program name. */
  argv: readonly string[]
  /** Working directory. Default: `process.cwd()`. */
  cwd?: string
  /** Environment (for `SOURCE_DATE_EPOCH`). Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>>
  /** Where results go. */
  stdout: {write(chunk: string): unknown}
  /** Where diagnostics go (progress shows when it is a terminal). */
  stderr: {write(chunk: string): unknown; isTTY?: boolean}
  /** Stops `--watch` (the CLI runs until killed). */
  signal?: AbortSignal
}

/** Exit codes. */
export const exitCodes = {ok: 0, errors: 1, usage: 2} as const

const usage = `Usage: deckdown <command> [options] <files|folders|globs…>

Commands:
  build    compile question files into outputs
  check    parse and report problems only (writes nothing)

Options:
  -o, --out-dir <dir>   output folder (build; default: out)
  -f, --format <list>   formats, comma-separated or repeated (default: json)
                        known: ${Object.keys(builtinEmitters).join(', ')}
      --bundle <name>   one combined output <name>.<ext> instead of one per file
      --deck <A::B>     deck put above every question's deck
      --layout <name>   how -f html lays questions out: study (default), quiz, cards
      --title <text>    html document title (default: frontmatter title, else the file name)
      --paper <size>    html page size: a4 or letter (default: the print dialog's; a4 with --pdf)
      --assets <mode>   html media: inline (data: URIs; default) or copy (files in <name>_files/);
                        with -f csv, copy writes the notes' media files there too
      --pdf             also print each html output to PDF with a local Chromium ($DECKDOWN_CHROMIUM)
      --csv <mode>      how -f csv writes: anki (for Anki's File › Import; default)
                        or plain (text columns for spreadsheets)
      --max-media-size <size>
                        largest media file embedded, e.g. 5MB, 800KB (default: 20MB)
      --dialect <name>  read every file with this dialect (${Object.keys(dialects).join(', ')}); default: detected per file
      --no-folder-decks sub-folders of a folder operand do not become subdecks
      --file-decks      each file's name becomes a deck level too
      --strict          exit 1 on warnings too
      --reporter <name> how diagnostics print: text (stderr; default), json (stdout),
                        github (workflow commands on stdout: annotations in pull requests)
      --quiet           print errors only
      --verbose         print info messages too
      --no-repair       do not repair mojibake (UTF-8 misread as Mac Roman/Windows-1252/Latin-1)
  -j, --jobs <n>        worker threads that parse and render (default: the available parallelism)
      --cache-dir <dir> build cache folder (default: node_modules/.cache/deckdown)
      --no-cache        build every file again and keep no note history
      --watch           build, then rebuild whenever an input changes (until Ctrl-C)
  -h, --help            show this help
  -v, --version         show the version

Folders are searched for *.md and *.markdown; a file named explicitly is read
whatever its extension. Diagnostics print as path:line:col: severity message [rule-id].
Exit codes: 0 ok or warnings, 1 errors (or warnings with --strict), 2 usage or I/O errors.
SOURCE_DATE_EPOCH (seconds) fixes every timestamp for reproducible output.
`

/**
 * Run the CLI.
 *
 * @returns The exit code (0, 1 or 2).
 *
 * @example
 * const code = await main({argv: ['check', 'notes'], stdout: process.stdout, stderr: process.stderr})
 */
export async function main(options: MainOptions): Promise<number> {
  const {stdout, stderr} = options
  const cwd = options.cwd ?? process.cwd()
  const env = options.env ?? process.env

  let parsed
  try {
    parsed = parseArgs({
      args: [...options.argv],
      allowPositionals: true,
      strict: true,
      options: {
        'out-dir': {type: 'string', short: 'o'},
        format: {type: 'string', short: 'f', multiple: true},
        bundle: {type: 'string'},
        deck: {type: 'string'},
        csv: {type: 'string'},
        layout: {type: 'string'},
        title: {type: 'string'},
        paper: {type: 'string'},
        assets: {type: 'string'},
        pdf: {type: 'boolean'},
        'max-media-size': {type: 'string'},
        dialect: {type: 'string'},
        'no-folder-decks': {type: 'boolean'},
        'file-decks': {type: 'boolean'},
        strict: {type: 'boolean'},
        quiet: {type: 'boolean'},
        reporter: {type: 'string'},
        verbose: {type: 'boolean'},
        'no-repair': {type: 'boolean'},
        jobs: {type: 'string', short: 'j'},
        'cache-dir': {type: 'string'},
        'no-cache': {type: 'boolean'},
        watch: {type: 'boolean'},
        help: {type: 'boolean', short: 'h'},
        version: {type: 'boolean', short: 'v'}
      }
    })
  } catch (error) {
    return usageError(stderr, error instanceof Error ? error.message : String(error))
  }
  const {values, positionals} = parsed
  if (values.help) {
    stdout.write(usage)
    return exitCodes.ok
  }
  if (values.version) {
    stdout.write(`${packageJson.version}\n`)
    return exitCodes.ok
  }

  const [command, ...operands] = positionals
  if (command !== 'build' && command !== 'check') {
    return usageError(stderr, command ? `unknown command \`${command}\`` : 'missing command (build or check)')
  }
  if (operands.length === 0) return usageError(stderr, `\`${command}\` needs at least one file, folder or glob`)

  const formats = (values.format ?? ['json']).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean)
  const unknown = formats.filter((format) => !(format in builtinEmitters))
  if (unknown.length > 0) {
    return usageError(stderr, `unknown format ${unknown.map((format) => `\`${format}\``).join(', ')} (known: ${Object.keys(builtinEmitters).join(', ')})`)
  }
  if (values.csv !== undefined && !(csvModes as readonly string[]).includes(values.csv)) {
    return usageError(stderr, `--csv takes ${csvModes.join(' or ')}, not \`${values.csv}\``)
  }
  if (values.csv !== undefined && !formats.includes('csv')) {
    return usageError(stderr, '--csv says how the csv format is written; add -f csv')
  }
  if (values.assets !== undefined && !formats.includes('html') && !formats.includes('csv')) {
    return usageError(stderr, '--assets says how the html and csv formats handle media files; add -f html or -f csv')
  }
  for (const flag of ['layout', 'title', 'paper', 'pdf'] as const) {
    if (values[flag] !== undefined && !formats.includes('html')) return usageError(stderr, `--${flag} says how the html format is written; add -f html`)
  }
  if (values.layout !== undefined && !(htmlLayouts as readonly string[]).includes(values.layout)) {
    return usageError(stderr, `--layout takes ${htmlLayouts.join(', ')}, not \`${values.layout}\``)
  }
  if (values.paper !== undefined && !htmlPapers.some((paper) => paper.toLowerCase() === values.paper?.toLowerCase())) {
    return usageError(stderr, `--paper takes a4 or letter, not \`${values.paper}\``)
  }
  if (values.assets !== undefined && values.assets !== 'inline' && values.assets !== 'copy') {
    return usageError(stderr, `--assets takes inline or copy, not \`${values.assets}\``)
  }
  // Media files the html and csv outputs ask to have written beside them.
  const assets: Record<string, HtmlAsset[]> = {html: [], csv: []}
  const emitterOptions: Record<string, Record<string, unknown>> = {}
  if (formats.includes('csv')) {
    emitterOptions['csv'] = {
      ...(values.csv === undefined ? {} : {mode: values.csv}),
      ...(values.assets === 'copy' ? {assets: 'copy', onAsset: (asset: HtmlAsset) => assets['csv']?.push(asset)} : {})
    }
  }
  if (formats.includes('html')) {
    emitterOptions['html'] = {
      ...(values.layout === undefined ? {} : {layout: values.layout}),
      ...(values.title === undefined ? {} : {title: values.title}),
      // Headless printing has no print dialog: A4 unless told otherwise.
      ...(values.paper !== undefined ? {paper: values.paper} : values.pdf ? {paper: 'A4'} : {}),
      ...(values.assets === 'copy' ? {assets: 'copy', onAsset: (asset: HtmlAsset) => assets['html']?.push(asset)} : {})
    }
  }
  if (values.bundle !== undefined && !/^[^/\\]+$/.test(values.bundle)) {
    return usageError(stderr, '--bundle takes a file name without folders')
  }
  const reporter = values.reporter ?? 'text'
  if (!['text', 'json', 'github'].includes(reporter)) return usageError(stderr, `--reporter takes text, json or github, not \`${reporter}\``)
  const maxMediaBytes = values['max-media-size'] === undefined ? undefined : parseSize(values['max-media-size'])
  if (maxMediaBytes === null) return usageError(stderr, `--max-media-size takes a size such as 5MB or 800KB, not \`${values['max-media-size']}\``)
  if (values.dialect !== undefined && !(values.dialect in dialects)) {
    return usageError(stderr, `unknown dialect \`${values.dialect}\` (known: ${Object.keys(dialects).join(', ')})`)
  }
  let now: () => Date
  try {
    now = sourceDateEpochClock(env)
  } catch (error) {
    return usageError(stderr, (error as Error).message)
  }

  const jobs = values.jobs === undefined ? undefined : Number(values.jobs)
  if (jobs !== undefined && !(Number.isSafeInteger(jobs) && jobs >= 1)) return usageError(stderr, `--jobs takes a whole number of at least 1, not \`${values.jobs}\``)
  if (values['no-cache'] && values['cache-dir'] !== undefined) return usageError(stderr, '--no-cache and --cache-dir contradict each other')
  const cacheDir = resolve(cwd, values['cache-dir'] ?? defaultCacheDir)
  if (values.watch) {
    if (command !== 'build') return usageError(stderr, '--watch rebuilds outputs; use it with build')
    return watchBuilds({
      operands,
      cwd,
      ignore: [values['out-dir'] ?? 'out', cacheDir],
      build: () => main({...options, argv: options.argv.filter((argument) => argument !== '--watch')}),
      stderr,
      signal: options.signal
    })
  }
  // Only builds keep a cache: `check` writes nothing.
  const cache = command === 'build' && !values['no-cache'] ? await openCache(cacheDir, cwd) : null

  let ioFailed = false
  const {inputs: found, problems} = await expandInputs(operands, cwd)
  for (const problem of problems) {
    stderr.write(`${problem.operand}:1:1: error Cannot read input: ${problem.reason} [read-failed]\n`)
    ioFailed = true
  }

  const inputs: CompileInput[] = []
  for (const input of found) {
    try {
      inputs.push({
        path: input.path,
        value: new Uint8Array(await readFile(input.absolute)),
        output: input.output,
        root: input.root,
        deck: values['no-folder-decks'] ? null : input.folders
      })
    } catch (error) {
      stderr.write(`${input.path}:1:1: error Cannot read this file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} [read-failed]\n`)
      ioFailed = true
    }
  }

  const deck = values.deck === undefined ? undefined : toDeckPath(values.deck)
  const progress = createProgress(stderr, env, values.quiet ?? false)
  let result
  try {
    result = await compile(inputs, {
      formats: command === 'build' ? formats : [],
      bundle: values.bundle ?? null,
      deck: deck ?? null,
      repairEncoding: !values['no-repair'],
      maxMediaBytes: maxMediaBytes ?? null,
      emitterOptions,
      dialect: values.dialect ?? null,
      fileDeck: values['file-decks'] ?? false,
      cwd,
      now,
      jobs: jobs ?? null,
      cache,
      // Only question counts are read from the trees here.
      fieldTrees: false,
      onProgress: progress && ((state) => progress.update(state.files, state.total, state.questions))
    })
  } catch (error) {
    return usageError(stderr, (error as Error).message)
  } finally {
    progress?.end()
  }

  const outDir = resolve(cwd, values['out-dir'] ?? 'out')
  const written: string[] = []
  for (const output of result.outputs) {
    const target = resolve(outDir, output.path)
    try {
      await writeAtomic(target, output.contents)
      written.push(target)
      const key = output.sources.join('\u0000')
      for (const asset of (assets[output.format] ?? []).filter((candidate) => candidate.sources.join('\u0000') === key)) {
        const assetTarget = resolve(dirname(target), asset.path)
        await writeAtomic(assetTarget, asset.data)
        written.push(assetTarget)
      }
      if (output.format === 'html') {
        if (values.pdf) {
          const pdfTarget = target.replace(/\.html$/, '.pdf')
          await printHtmlFile(target, pdfTarget, {env})
          written.push(pdfTarget)
        }
      }
    } catch (error) {
      stderr.write(`${output.path}:1:1: error Cannot write output: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} [write-failed]\n`)
      ioFailed = true
    }
  }

  try {
    await cache?.save()
  } catch (error) {
    // A cache that cannot be written costs the next build time, nothing else.
    stderr.write(`deckdown: cannot write the build cache: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`)
  }

  const shown = sortedMessages([...result.files, ...(cache?.diagnostics ?? [])]).filter((message) => {
    const severity = severityOf(message)
    return !(severity === 'info' && !values.verbose) && !(severity !== 'error' && values.quiet)
  })
  if (reporter === 'json') {
    stdout.write(`${JSON.stringify({diagnostics: shown.map((message) => toDiagnosticRecord(message))}, null, 2)}\n`)
  } else {
    for (const message of shown) {
      if (reporter === 'github') stdout.write(`${formatGithubAnnotation(message)}\n`)
      else stderr.write(`${formatMessage(message)}\n`)
    }
  }
  const counts = countBySeverity(result.files)
  const questions = result.trees.reduce((total, tree) => total + tree.children.reduce((sum, section) => sum + section.children.length, 0), 0)
  if (!values.quiet) {
    const parts = [
      plural(result.files.length, 'file'),
      plural(questions, 'question'),
      ...(command === 'build' ? [`${plural(written.length, 'output')} written`] : []),
      plural(counts.error, 'error'),
      plural(counts.warning, 'warning')
    ]
    stderr.write(`deckdown: ${parts.join(', ')}\n`)
  }

  if (ioFailed) return exitCodes.usage
  if (counts.error > 0 || (values.strict && counts.warning > 0)) return exitCodes.errors
  return exitCodes.ok
}

function usageError(stderr: MainOptions['stderr'], reason: string): number {
  stderr.write(`deckdown: ${reason}\nRun \`deckdown --help\` for usage.\n`)
  return exitCodes.usage
}

/** `5MB`, `800 KB`, `1.5MiB`, `2048` (bytes) → bytes; null when unreadable. */
export function parseSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?\s*$/i.exec(text)
  if (!match) return null
  const unit = (match[2] ?? 'b').toLowerCase()
  const scale = unit.startsWith('g') ? 1024 ** 3 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('k') ? 1024 : 1
  return Math.floor(Number(match[1]) * scale)
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
