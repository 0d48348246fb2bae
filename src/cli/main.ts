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
import {readFile, stat} from 'node:fs/promises'
import {dirname, relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import type {VFile} from 'vfile'
import type {Root} from '../ast/types.js'
import {sourceDateEpochClock, type CompileInput, type CompileOptions} from '../compile.js'
import {compileStream, type StreamedOutput} from '../stream.js'
import {countBySeverity, formatGithubAnnotation, formatMessage, sortedMessages, toDiagnosticRecord} from '../diagnostics/format.js'
import {severityOf} from '../diagnostics/report.js'
import {csvModes} from '../emit/csv/index.js'
import {htmlLayouts, htmlPapers, type HtmlAsset} from '../emit/html/index.js'
import {printHtmlFile} from '../emit/html/pdf.js'
import {builtinEmitters} from '../emit/index.js'
import {dialects} from '../parse/dialects/index.js'
import {toDeckPath} from '../parse/frontmatter.js'
import type {ParseOptions} from '../parse/index.js'
import {configFileNames, loadConfig, type LoadedConfig} from '../config/load.js'
import {optionsHelp, parseArgsOptions} from '../config/options.js'
import {configInputs, configValues, overrideValues, type FlagValues} from '../config/resolve.js'
import {init} from './init.js'
import {expandInputs, stableVersion} from './inputs.js'
import {readLimitFlags} from './limits.js'
import {defaultCacheDir, openCache} from '../cache/index.js'
import {createProgress} from './progress.js'
import {watchBuilds} from './watch.js'
import {ReportedEmitError} from '../pipeline/bundle.js'
import type {SpoolFactory} from '../pipeline/spool.js'
import {fileSpools} from '../pipeline/file-spool.js'
import {writeAtomic} from './write.js'
import {startAhead} from '../pipeline/ahead.js'
import packageJson from '../../package.json' with {type: 'json'}

/** Input files read at once (few enough never to run out of file descriptors). */
const readsAhead = 16

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
  /**
   * Called with the number of inputs and their total size (bytes) once they
   * are known, before each build starts (each rebuild with `--watch`). The
   * executable tunes V8 for the build's size with it.
   */
  beforeBuild?: (inputs: {files: number; bytes: number}) => void
  /**
   * Loads a config file written as a module, given its `file:` URL.
   * Default: `import()`. The executable passes its own (see
   * `LoadConfigOptions.importModule`).
   */
  importModule?: (url: string) => Promise<unknown>
}

/** Exit codes. */
export const exitCodes = {ok: 0, errors: 1, usage: 2} as const

const usage = `Usage: deckdown <command> [options] [files|folders|globs…]

Commands:
  build    compile question files into outputs
  check    everything build does (every -f format; default: all), writing nothing
  init     write a starter question file and deckdown.config.json here

Options:
${optionsHelp()}
Config file: options can also live in ${configFileNames.filter((name) => name !== 'package.json').join(', ')}
or a "deckdown" key in package.json, found from the current folder upward. Keys are
the long options in camelCase (outDir, format: [...]), plus inputs (used when no operand
is given) and overrides: [{files: "sql/**", deck: "SQL"}]. Flags win over the file.
Its JSON Schema is deckdown/config-schema.json.

Folders are searched for *.md and *.markdown; a file named explicitly is read
whatever its extension. Diagnostics print as path:line:col: severity message [rule-id].
Exit codes: 0 ok or warnings, 1 errors (or warnings with --strict; a file that fails
is reported and the others still build), 2 usage errors or an unwritable output.
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
    parsed = parseArgs({args: [...options.argv], allowPositionals: true, strict: true, options: parseArgsOptions()})
  } catch (error) {
    return usageError(stderr, error instanceof Error ? error.message : String(error))
  }
  const {positionals} = parsed
  const cli = parsed.values as FlagValues
  if (cli['help']) {
    stdout.write(usage)
    return exitCodes.ok
  }
  if (cli['config'] !== undefined && cli['no-config']) return usageError(stderr, '--config and --no-config contradict each other')

  // The config file: found from the working folder upward, or named.
  let config: LoadedConfig | null = null
  if (!cli['no-config']) {
    const loaded = await loadConfig({cwd, path: text(cli, 'config'), importModule: options.importModule})
    if (!loaded.ok) {
      for (const message of loaded.file.messages) stderr.write(`${formatMessage(message)}\n`)
      stderr.write(`deckdown: fix the config file (its schema: deckdown/config-schema.json), or run with --no-config\n`)
      return exitCodes.usage
    }
    config = loaded.config
  }
  if (cli['version']) {
    const where = config ? relative(cwd, config.path) || config.path : cli['no-config'] ? 'not read (--no-config)' : `none found (${configFileNames.join(', ')})`
    stdout.write(`${packageJson.version}\nconfig file: ${where}\n`)
    return exitCodes.ok
  }

  const [command, ...given] = positionals
  if (command === 'init') {
    if (given.length > 0) return usageError(stderr, '`init` takes no operand: it writes into the current folder')
    const result = await init(cwd)
    if (!result.ok) return usageError(stderr, `init writes nothing: ${result.existing.join(' and ')} already exist${result.existing.length === 1 ? 's' : ''} here`)
    stderr.write(`deckdown: wrote ${result.written.join(' and ')}; now run \`deckdown build\` (outputs go to out/)\n`)
    return exitCodes.ok
  }
  if (command !== 'build' && command !== 'check') {
    return usageError(stderr, command ? `unknown command \`${command}\`` : 'missing command (build, check or init)')
  }
  // Config first, flags over it: a flag always wins.
  const fromConfig = config ? configValues(config) : {}
  const values: FlagValues = {...fromConfig, ...cli}
  const operands = given.length > 0 ? given : config ? configInputs(config, cwd) : []
  if (operands.length === 0) {
    return usageError(
      stderr,
      config
        ? `\`${command}\` needs files, folders or globs: name them, or list them as \`inputs\` in ${relative(cwd, config.path) || config.path}`
        : `\`${command}\` needs files, folders or globs, and no config file lists \`inputs\`.\nTo start: \`deckdown init\` writes a starter questions.md and deckdown.config.json here; then run \`deckdown build\``
    )
  }

  // `check` runs everything `build` does, so by default every format's checks.
  const defaultFormats = command === 'check' ? Object.keys(builtinEmitters) : ['json']
  const formats = (list(values, 'format') ?? defaultFormats).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean)
  const unknown = formats.filter((format) => !(format in builtinEmitters))
  if (unknown.length > 0) {
    return usageError(stderr, `unknown format ${unknown.map((format) => `\`${format}\``).join(', ')} (known: ${Object.keys(builtinEmitters).join(', ')})`)
  }
  const csv = text(values, 'csv')
  if (csv !== undefined && !(csvModes as readonly string[]).includes(csv)) {
    return usageError(stderr, `--csv takes ${csvModes.join(' or ')}, not \`${csv}\``)
  }
  // A format's options given on the command line without the format are a
  // mistake; in a config file they are settings for when it is built.
  if (cli['csv'] !== undefined && !formats.includes('csv')) {
    return usageError(stderr, '--csv says how the csv format is written; add -f csv')
  }
  if (cli['assets'] !== undefined && !formats.includes('html') && !formats.includes('csv')) {
    return usageError(stderr, '--assets says how the html and csv formats handle media files; add -f html or -f csv')
  }
  for (const flag of ['layout', 'title', 'paper', 'pdf'] as const) {
    if (cli[flag] !== undefined && !formats.includes('html')) return usageError(stderr, `--${flag} says how the html format is written; add -f html`)
  }
  const layout = text(values, 'layout')
  if (layout !== undefined && !(htmlLayouts as readonly string[]).includes(layout)) {
    return usageError(stderr, `--layout takes ${htmlLayouts.join(', ')}, not \`${layout}\``)
  }
  const paper = text(values, 'paper')
  if (paper !== undefined && !htmlPapers.some((candidate) => candidate.toLowerCase() === paper.toLowerCase())) {
    return usageError(stderr, `--paper takes a4 or letter, not \`${paper}\``)
  }
  const assets = text(values, 'assets')
  if (assets !== undefined && assets !== 'inline' && assets !== 'copy') {
    return usageError(stderr, `--assets takes inline or copy, not \`${assets}\``)
  }
  const title = text(values, 'title')
  const pdf = values['pdf'] === true
  // Media files the html and csv outputs ask to have written beside them.
  const assetFiles: Record<string, HtmlAsset[]> = {html: [], csv: []}
  const emitterOptions: Record<string, Record<string, unknown>> = {}
  if (csv !== undefined || formats.includes('csv')) {
    emitterOptions['csv'] = {
      ...(csv === undefined ? {} : {mode: csv}),
      ...(assets === 'copy' && formats.includes('csv') ? {assets: 'copy', onAsset: (asset: HtmlAsset) => assetFiles['csv']?.push(asset)} : {})
    }
  }
  if (formats.includes('html')) {
    emitterOptions['html'] = {
      ...(layout === undefined ? {} : {layout}),
      ...(title === undefined ? {} : {title}),
      // Headless printing has no print dialog: A4 unless told otherwise.
      ...(paper !== undefined ? {paper} : pdf ? {paper: 'A4'} : {}),
      ...(assets === 'copy' ? {assets: 'copy', onAsset: (asset: HtmlAsset) => assetFiles['html']?.push(asset)} : {})
    }
  }
  const bundle = text(values, 'bundle')
  if (bundle !== undefined && !/^[^/\\]+$/.test(bundle)) {
    return usageError(stderr, '--bundle takes a file name without folders')
  }
  const reporter = text(values, 'reporter') ?? 'text'
  if (!['text', 'json', 'github'].includes(reporter)) return usageError(stderr, `--reporter takes text, json or github, not \`${reporter}\``)
  const maxMediaSize = text(values, 'max-media-size')
  const maxMediaBytes = maxMediaSize === undefined ? undefined : parseSize(maxMediaSize)
  if (maxMediaBytes === null) return usageError(stderr, `--max-media-size takes a size such as 5MB or 800KB, not \`${maxMediaSize}\``)
  const limitFlags = readLimitFlags(values, parseSize)
  if ('error' in limitFlags) return usageError(stderr, limitFlags.error)
  const dialect = text(values, 'dialect')
  if (dialect !== undefined && !(dialect in dialects)) {
    return usageError(stderr, `unknown dialect \`${dialect}\` (known: ${Object.keys(dialects).join(', ')})`)
  }
  const quiet = values['quiet'] === true
  const verbose = values['verbose'] === true
  let now: () => Date
  try {
    now = sourceDateEpochClock(env)
  } catch (error) {
    return usageError(stderr, (error as Error).message)
  }

  const jobsFlag = text(values, 'jobs')
  const jobs = jobsFlag === undefined ? undefined : Number(jobsFlag)
  if (jobs !== undefined && !(Number.isSafeInteger(jobs) && jobs >= 1)) return usageError(stderr, `--jobs takes a whole number of at least 1, not \`${jobsFlag}\``)
  const noCache = values['no-cache'] === true
  if (noCache && text(values, 'cache-dir') !== undefined) return usageError(stderr, '--no-cache and --cache-dir contradict each other')
  const cacheDir = resolve(cwd, text(values, 'cache-dir') ?? defaultCacheDir)
  if (cli['watch'] === true) {
    if (command !== 'build') return usageError(stderr, '--watch rebuilds outputs; use it with build')
    return watchBuilds({
      operands,
      cwd,
      ignore: [text(values, 'out-dir') ?? 'out', cacheDir],
      build: () => main({...options, argv: options.argv.filter((argument) => argument !== '--watch')}),
      stderr,
      signal: options.signal
    })
  }
  // Only builds keep a cache: `check` writes nothing.
  const cache = command === 'build' && !noCache ? await openCache(cacheDir, cwd) : null

  // Exit 2 is for what stops the whole run (an operand that names nothing,
  // an unwritable output); one unreadable file is that file's error.
  let ioFailed = false
  let readFailed = false
  const {inputs: found, problems} = await expandInputs(operands, cwd)
  for (const problem of problems) {
    stderr.write(`${problem.operand}:1:1: error Cannot read input: ${problem.reason} [read-failed]\n`)
    ioFailed = true
  }

  const inputs: CompileInput[] = []
  // Files are read when the build reaches them, not all up front: a big
  // build then holds only the few it is parsing. Their sizes (for sizing
  // the worker pool) come from stat, a few at a time ahead of the one being
  // added.
  for (const [input, info] of startAhead(found, readsAhead, (input) => stat(input.absolute))) {
    // Per file: the config, the overrides matching this file, then the flags.
    const own: FlagValues = config ? {...fromConfig, ...overrideValues(config, input.absolute), ...cli} : values
    try {
      inputs.push({
        path: input.path,
        sourceName: input.name,
        value: async () => plainBytes(await readFile(input.absolute)),
        size: (await info).size,
        version: stableVersion(await info, Date.now()),
        output: input.output,
        root: input.root,
        deck: own['no-folder-decks'] ? null : input.folders,
        options: parseOptionsOf(own)
      })
    } catch (error) {
      stderr.write(`${input.path}:1:1: error Cannot read this file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} [read-failed]\n`)
      readFailed = true
    }
  }

  options.beforeBuild?.({files: inputs.length, bytes: inputs.reduce((total, input) => total + (input.size ?? 0), 0)})

  // Without -o, outputs go to out/ beside the config file, if there is one.
  const outDir = resolve(config?.folder ?? cwd, text(values, 'out-dir') ?? 'out')
  const written: string[] = []
  const progress = createProgress(stderr, env, values['quiet'] === true)
  const writeOutput = async (output: StreamedOutput): Promise<void> => {
    const target = resolve(outDir, output.path)
    try {
      await writeAtomic(target, output.contents)
      written.push(target)
      const key = output.sources.join('\u0000')
      for (const asset of (assetFiles[output.format] ?? []).filter((candidate) => candidate.sources.join('\u0000') === key)) {
        const assetTarget = resolve(dirname(target), asset.path)
        await writeAtomic(assetTarget, asset.data)
        written.push(assetTarget)
      }
      if (output.format === 'html') {
        if (pdf) {
          const pdfTarget = target.replace(/\.html$/, '.pdf')
          await printHtmlFile(target, pdfTarget, {env})
          written.push(pdfTarget)
        }
      }
    } catch (error) {
      // An emitter that failed while its bundle was written is reported on
      // the bundle's files (emit-failed) and counts as their error.
      if (error instanceof ReportedEmitError) return
      progress?.end()
      stderr.write(`${output.path}:1:1: error Cannot write output: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} [write-failed]\n`)
      ioFailed = true
    }
  }

  const compileOptions: CompileOptions & {spool: SpoolFactory} = {
    formats,
    limits: limitFlags.limits,
    bundle: bundle ?? null,
    maxMediaBytes: maxMediaBytes ?? null,
    emitterOptions,
    cwd,
    now,
    jobs: jobs ?? null,
    cache,
    // Only question counts are read from the trees here.
    fieldTrees: false,
    // Bundles keep what they make of each file (JSON and CSV records, the
    // package's database pages) in a temporary file; JSON and CSV come in
    // parts, written as they are read: never held whole.
    spool: fileSpools(),
    onProgress: progress && ((state) => progress.update(state.files, state.total, state.questions))
  }
  const files: VFile[] = []
  let questions = 0
  const countQuestions = (tree: Root) => tree.children.reduce((sum, section) => sum + section.children.length, 0)
  try {
    // Each file's outputs are written as soon as it is built (a bundle's
    // come with the last file), so a build of any size holds a few files at
    // a time: the apkg bundle takes each file's notes into its database.
    for await (const {file, tree, outputs} of compileStream(inputs, compileOptions)) {
      files.push(file)
      questions += countQuestions(tree)
      for (const output of command === 'build' ? outputs : []) await writeOutput(output)
    }
  } catch (error) {
    // Misuse (a limit or dialect the API refuses, two inputs with one
    // output name) is found before any file is read or written.
    return usageError(stderr, (error as Error).message)
  } finally {
    progress?.end()
  }

  try {
    await cache?.save()
  } catch (error) {
    // A cache that cannot be written costs the next build time, nothing else.
    stderr.write(`deckdown: cannot write the build cache: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`)
  }

  const shown = sortedMessages([...files, ...(cache?.diagnostics ?? [])]).filter((message) => {
    const severity = severityOf(message)
    return !(severity === 'info' && !verbose) && !(severity !== 'error' && quiet)
  })
  if (reporter === 'json') {
    stdout.write(`${JSON.stringify({diagnostics: shown.map((message) => toDiagnosticRecord(message))}, null, 2)}\n`)
  } else {
    for (const message of shown) {
      if (reporter === 'github') stdout.write(`${formatGithubAnnotation(message)}\n`)
      else stderr.write(`${formatMessage(message)}\n`)
    }
  }
  const counts = countBySeverity(files)
  if (!quiet) {
    const parts = [
      plural(files.length, 'file'),
      plural(questions, 'question'),
      ...(command === 'build' ? [`${plural(written.length, 'output')} written`] : []),
      plural(counts.error, 'error'),
      plural(counts.warning, 'warning')
    ]
    stderr.write(`deckdown: ${parts.join(', ')}\n`)
  }

  if (ioFailed) return exitCodes.usage
  if (readFailed || counts.error > 0 || (values['strict'] === true && counts.warning > 0)) return exitCodes.errors
  return exitCodes.ok
}

/**
 * A file's bytes as a plain `Uint8Array` viewing the Buffer's memory (a
 * file read whole owns its memory): no copy of every input on every build.
 */
function plainBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

/** How one file is read, from its merged option values. */
function parseOptionsOf(values: FlagValues): ParseOptions {
  const deck = text(values, 'deck')
  const dialect = text(values, 'dialect')
  return {
    ...(deck === undefined ? {} : {deck: toDeckPath(deck)}),
    ...(dialect === undefined ? {} : {dialect}),
    fileDeck: values['file-decks'] === true,
    repairEncoding: values['no-repair'] !== true
  }
}

function text(values: FlagValues, flag: string): string | undefined {
  const value = values[flag]
  return typeof value === 'string' ? value : undefined
}

function list(values: FlagValues, flag: string): string[] | undefined {
  const value = values[flag]
  return Array.isArray(value) ? value : undefined
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
