/**
 * Compile a set of question files into outputs, in memory.
 *
 * This is the library entry the CLI uses: parse every file (pure, per file),
 * make ids unique across files, then run each requested emitter on each file
 * (or once on all of them, as a bundle). No file system, no printing.
 *
 * @module
 */
import {basename, dirname, extname, isAbsolute, relative, resolve, sep} from 'node:path'
import {VFile} from 'vfile'
import type {Root} from './ast/types.js'
import {sortedMessages} from './diagnostics/format.js'
import {isRejected} from './diagnostics/rejected.js'
import {report} from './diagnostics/report.js'
import {resolveEmitters} from './emit/index.js'
import type {BundleExpectation, EmitContext, EmitResult, Emitter} from './emit/types.js'
import {describe} from './isolation.js'
import {resolveLimits} from './limits/index.js'
import {createMediaLoader, type MediaReader} from './media/index.js'
import {dialects} from './parse/dialects/index.js'
import {dedupeIds, type ParseOptions} from './parse/index.js'
import type {FileCache} from './cache/index.js'
import {emitterOptionsFor, parseStage} from './pipeline/stage.js'
import {parseInputs, type InputReader, type ParsedFile} from './pipeline/index.js'
import {openBundleStage} from './pipeline/bundle.js'
import type {SpoolFactory} from './pipeline/spool.js'
import {createRenderer} from './render/index.js'

/** One input file. */
export interface CompileInput {
  /** Path of the file, used in diagnostics and output (keep it relative). */
  path: string
  /**
   * Raw bytes (decoded by deckdown) or text; or a function that reads them,
   * called when the build reaches the file. Given readers, a build holds
   * only the files it is parsing, so memory does not grow with the number
   * of inputs (the CLI reads this way). A reader that fails is that file's
   * `read-failed` error; the build goes on with the others.
   *
   * @example
   *   {path: 'python.md', value: () => readFile('python.md'), size: (await stat('python.md')).size}
   */
  value: Uint8Array | string | InputReader
  /**
   * Size of the file in bytes, required with a reader (the build sizes its
   * worker pool and a bundle's id range from it before reading anything).
   */
  size?: number | null | undefined
  /**
   * A token that changes whenever the file's bytes may have, such as one
   * made of its inode, size and modification and change times. With a
   * cache, a rebuild finds the entry of a file whose version the cache has
   * seen without reading the file. The same version must mean the same
   * bytes: give none for a file that may change without its version
   * changing (the CLI gives none for a file changed in the last two
   * seconds, which coarse file-system clocks cannot tell apart).
   *
   * @example
   *   {path: 'python.md', value: () => readFile('python.md'), size: info.size, version: `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`}
   */
  version?: string | null | undefined
  /**
   * Deck levels for this file, put after the `deck` option and before the
   * file's own decks (the CLI passes the sub-folders below the folder
   * operand). Not part of question ids.
   */
  deck?: readonly string[] | null | undefined
  /**
   * Folder the file's media must stay inside (relative to `cwd` or absolute).
   * Default: the file's own folder. The CLI passes the folder operand the file
   * was found in.
   */
  root?: string | null | undefined
  /**
   * Output path without extension, relative to the output folder.
   * Default: the file name without its extension.
   */
  output?: string | null | undefined
  /**
   * Parse options for this file, over the shared ones (the CLI's per-glob
   * config overrides: `deck`, `dialect`…). `deck` here replaces the shared
   * `deck`; the input's own `deck` levels still follow it.
   */
  options?: ParseOptions | null | undefined
  /**
   * How outputs name the file to people (the Source field, print footers).
   * Default: `path`. The CLI passes the path below the folder operand.
   */
  sourceName?: string | null | undefined
}

/** Options for {@link compile}. */
export interface CompileOptions extends ParseOptions {
  /** Formats to emit, by emitter name. Default: `['json']`. */
  formats?: readonly string[] | null | undefined
  /** Extra emitters (they may replace a built-in of the same name). */
  emitters?: readonly Emitter[] | null | undefined
  /** Options per emitter name, handed to it as `context.options`. */
  emitterOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>> | null | undefined
  /**
   * Emit one combined output named `<bundle><extension>` instead of one per
   * input file. Default: one output per file.
   */
  bundle?: string | null | undefined
  /**
   * Folder that absolute input paths are made relative to, so outputs never
   * carry machine paths. Default: `process.cwd()`.
   */
  cwd?: string | null | undefined
  /**
   * How media files are read. Default: the file system (`fsMediaReader`).
   * Pass your own to serve media from memory or to forbid reading.
   */
  mediaReader?: MediaReader | null | undefined
  /** Largest media file embedded, in bytes. Default: 20 MiB. */
  maxMediaBytes?: number | null | undefined
  /**
   * The build's clock. Default: `SOURCE_DATE_EPOCH` (seconds) when set in the
   * environment, else the current time.
   */
  now?: (() => Date) | Date | null | undefined
  /**
   * Worker threads that parse and render files. Default: the machine's
   * available parallelism (`os.availableParallelism()`); `1` works on the
   * calling thread. Outputs do not depend on it.
   */
  jobs?: number | null | undefined
  /**
   * Build cache (`openCache` from `deckdown`): files whose bytes, options and
   * deckdown version are unchanged are not parsed or rendered again, and the
   * apkg emitter keeps the earlier `mod` of unchanged notes. Default: none.
   */
  cache?: FileCache | null | undefined
  /**
   * `false` lets an apkg-only build drop each question's field trees (prompt,
   * answer… as mdast) once their note HTML is made: returned trees then keep
   * questions' ids, kinds, decks, tags and places but empty fields, and
   * returned files keep their diagnostics but not their text. Much less
   * memory for large builds (the CLI does this). Default: `true`.
   */
  fieldTrees?: boolean | null | undefined
  /** Called as files are parsed (in input order), e.g. for a progress line. */
  onProgress?: ((progress: {files: number; total: number; questions: number}) => void) | null | undefined
  /**
   * Storage for what a bundle keeps of each file until it is finished (the
   * JSON and CSV emitters keep each file's records, the apkg emitter its
   * database's pages). Default: memory. Pass a
   * spool on disk (the CLI uses a temporary file) so that a bundle of any
   * size is never held whole; with `compileStream`, a bundle finished in
   * parts then also comes as its parts (see `compileStream`).
   */
  spool?: SpoolFactory | null | undefined
}

/** One output. */
export interface CompileOutput {
  /** Path relative to the output folder, with extension (`python.json`). */
  path: string
  /** Emitter name. */
  format: string
  /** Text or bytes to write. */
  contents: EmitResult
  /** Paths of the input files it was built from. */
  sources: string[]
}

/** Result of {@link compile}. */
export interface CompileResult {
  /** One file per input, in path order, each with its diagnostics. */
  files: VFile[]
  /** One question tree per input, same order. */
  trees: Root[]
  /** Outputs in a stable order (format order, then path). */
  outputs: CompileOutput[]
}

/**
 * Compile question files.
 *
 * @param inputs Files (path + bytes or text).
 * @param options Options (see {@link CompileOptions}).
 * @returns Files with diagnostics, trees and outputs. Rejects only on misuse
 *   (unknown format or dialect, a limit that is not a positive number, two
 *   inputs mapping to one output); bad input, and any failure on one file,
 *   becomes diagnostics on that file while the others still build.
 *
 * @example
 * import {compile} from 'deckdown'
 *
 * const {outputs, files} = await compile(
 *   [{path: 'python.md', value: '## What is the GIL?\n\n**Answer:** A lock.'}],
 *   {formats: ['json']}
 * )
 * outputs[0].path // 'python.json'
 */
export async function compile(inputs: readonly CompileInput[], options?: CompileOptions | null): Promise<CompileResult> {
  const settings = options ?? {}
  const emitters = resolveEmitters(settings.formats ?? ['json'], settings.emitters ?? [])
  const cwd = settings.cwd ?? process.cwd()
  const sorted = inputs
    .map((input) => ({...input, path: displayPath(input.path, cwd)}))
    .sort((a, b) => compareStrings(a.path, b.path))
  checkOutputNames(sorted, settings.bundle)
  checkInputs(sorted)
  checkOptions(settings)

  const parsed: ParsedFile[] = []
  let questions = 0
  for await (const entry of parseInputs(sorted, settings, parseStage(settings, emitters))) {
    parsed.push(entry)
    for (const section of entry.tree.children) questions += section.children.length
    settings.onProgress?.({files: parsed.length, total: sorted.length, questions})
  }
  const files = parsed.map((result) => result.file)
  const trees = parsed.map((result) => result.tree)
  // Within a file ids are already unique; this pass catches repeats across files.
  dedupeIds(trees, files)

  // One lookup per report, not a search of every file.
  const fileByPath = new Map(files.map((file) => [pathOf(file), file]))
  const clock = toClock(settings.now)
  const render = createRenderer()
  const rootByPath = new Map(sorted.map((input) => [input.path, resolve(cwd, input.root ?? dirname(input.path))]))
  const media = createMediaLoader({
    reader: settings.mediaReader,
    maxBytes: settings.maxMediaBytes,
    sourcePath: (file) => resolve(cwd, file),
    rootOf: (file) => rootByPath.get(file) ?? resolve(cwd, dirname(file)),
    report: (question, position, reason, ruleId) => {
      const file = fileByPath.get(question.file)
      if (file) report(file, ruleId, reason, position)
    }
  })
  const outputs: CompileOutput[] = []
  const readable = sorted.flatMap((input, index) => {
    const file = files[index]
    const tree = trees[index]
    return file && tree && !isRejected(file) ? [{input, file, tree}] : []
  })

  const bundleName = settings.bundle
  if (bundleName) {
    const bundle = await openBundleStage({
      name: bundleName,
      emitters,
      expected: expectationOf(sorted),
      contextFor: (emitter, sources) => contextFor(emitter, sources, bundleName),
      failed: emitFailed,
      spool: settings.spool ?? undefined
    })
    try {
      for (const {file, tree} of readable) await bundle.add(file, tree)
      for (const output of await bundle.finish()) outputs.push({...output, sources: output.sources.map(pathOf)})
    } finally {
      bundle.close()
    }
    return {files, trees, outputs}
  }
  for (const emitter of emitters) {
    for (const {input, file, tree} of readable) {
      const output = await emitFileOutput(emitter, input, file, tree, contextFor)
      if (output) outputs.push(output)
    }
  }
  return {files, trees, outputs}

  function contextFor(emitter: Emitter, sources: readonly VFile[], name: string): EmitContext {
    return emitContext(settings, {render, clock, media, fileOf: (path) => fileByPath.get(path)}, emitter, sources, name)
  }
}

/** What every output of a build shares. */
interface BuildShared {
  render: EmitContext['render']
  clock: () => Date
  media: EmitContext['media']
  /** The build's file of a path (reports land on the node's own file). */
  fileOf(path: string): VFile | undefined
}

const sourceSets = new WeakMap<readonly VFile[], Set<VFile>>()

/**
 * The emit context of one output made from `sources`.
 *
 * @internal Shared with `compileStream`.
 */
export function emitContext(settings: CompileOptions, shared: BuildShared, emitter: Emitter, sources: readonly VFile[], name: string): EmitContext {
  return {
    options: emitterOptionsFor(settings, emitter.name),
    render: shared.render,
    files: sources,
    messages: sortedMessages(sources),
    now: shared.clock,
    name,
    media: shared.media,
    report(node, reason, ruleId) {
      // The node's own file when it is a source of this output, else the first.
      const found = shared.fileOf(node.file)
      const file = found && isSource(sources, found) ? found : sources[0]
      return file ? report(file, ruleId, reason, node) : undefined
    }
  }
}

/** Whether `file` is one of `sources`: one set per source list, not a search per report. */
function isSource(sources: readonly VFile[], file: VFile): boolean {
  if (sources.length === 1) return sources[0] === file
  let set = sourceSets.get(sources)
  if (!set) sourceSets.set(sources, (set = new Set(sources)))
  return set.has(file)
}

/**
 * Catch misuse once, before any file is read, so that a failure inside
 * `parse` is always about the file.
 *
 * @internal Shared with `compileStream`.
 */
export function checkOptions(settings: CompileOptions): void {
  resolveLimits(settings.limits)
  if (typeof settings.dialect === 'string' && !(settings.dialect in dialects)) {
    throw new TypeError(`deckdown: unknown dialect \`${settings.dialect}\` (known: ${Object.keys(dialects).join(', ')})`)
  }
}

/** @internal Shared with `compileStream`. */
export function emitFailed(file: VFile, emitter: Emitter, error: unknown, consequence = ''): void {
  report(file, 'emit-failed', `The \`${emitter.name}\` emitter failed on this file: ${describe(error)};${consequence || ' that output is not written'}`, {line: 1, column: 1})
}

/**
 * One file's own output by one emitter; `undefined` when the emitter makes
 * none or fails (reported on the file as `emit-failed`).
 *
 * @internal Shared with `compileStream`.
 */
export async function emitFileOutput(
  emitter: Emitter,
  input: CompileInput,
  file: VFile,
  tree: Root,
  contextFor: (emitter: Emitter, sources: readonly VFile[], name: string) => EmitContext
): Promise<CompileOutput | undefined> {
  const name = outputName(input)
  try {
    const contents = await emitter.emit(tree, contextFor(emitter, [file], fileOutputTitle(input)))
    return contents === undefined ? undefined : {path: name + emitter.extension, format: emitter.name, contents, sources: [pathOf(file)]}
  } catch (error) {
    emitFailed(file, emitter, error)
    return undefined
  }
}

/**
 * A clock that honours `SOURCE_DATE_EPOCH` (seconds since 1970) when it is
 * set, as the reproducible-builds convention asks, else the current time.
 *
 * @throws {TypeError} When `SOURCE_DATE_EPOCH` is set but not a whole number.
 */
export function sourceDateEpochClock(env: Readonly<Record<string, string | undefined>> = process.env): () => Date {
  const raw = env['SOURCE_DATE_EPOCH']
  if (raw === undefined || raw === '') return () => new Date()
  if (!/^\d+$/.test(raw.trim())) {
    throw new TypeError(`SOURCE_DATE_EPOCH must be a whole number of seconds, not \`${raw}\``)
  }
  const fixed = new Date(Number(raw.trim()) * 1000)
  return () => new Date(fixed)
}

/** @internal Shared with `compileStream`. */
export function toClock(now: CompileOptions['now']): () => Date {
  if (now instanceof Date) return () => new Date(now)
  if (typeof now === 'function') return now
  return sourceDateEpochClock()
}

/** @internal Shared with `compileStream`. */
export function outputName(input: Pick<CompileInput, 'path' | 'output'>): string {
  if (input.output) return input.output
  const name = basename(input.path)
  return name.slice(0, name.length - extname(name).length) || name
}

/**
 * The name an emitter is given for a file's own output (`EmitContext.name`:
 * the deck of its questions that name none, a document title).
 *
 * @internal Shared with the parse stage.
 */
export function fileOutputTitle(input: Pick<CompileInput, 'path' | 'output'>): string {
  return basename(outputName(input))
}

/** @internal Shared with `compileStream`. */
export function checkOutputNames(inputs: readonly CompileInput[], bundle: string | null | undefined): void {
  if (bundle) return
  const seen = new Map<string, string>()
  for (const input of inputs) {
    const name = outputName(input)
    const other = seen.get(name)
    if (other !== undefined) {
      throw new TypeError(`\`${other}\` and \`${input.path}\` would both be written as \`${name}\`; rename one or use --bundle`)
    }
    seen.set(name, input.path)
  }
}

/** Relative, `/`-separated form of a path for diagnostics and outputs. */
/** @internal Shared with `compileStream`. */
export function displayPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path.split(sep).join('/')
  return relative(cwd, path).split(sep).join('/') || path
}

/** @internal Shared with `compileStream`. */
export function pathOf(file: VFile): string {
  return file.path ?? ''
}

/** @internal Shared with `compileStream`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * What a bundle of these inputs is known to hold before any is read.
 *
 * @internal Shared with `compileStream`.
 */
export function expectationOf(inputs: readonly CompileInput[]): BundleExpectation {
  let size = 0
  for (const input of inputs) size += typeof input.value === 'function' ? (input.size ?? 0) : input.value.length
  return {files: inputs.length, size}
}

/**
 * Refuse inputs the build cannot use: a reader without its size.
 *
 * @internal Shared with `compileStream`.
 */
export function checkInputs(inputs: readonly CompileInput[]): void {
  for (const input of inputs) {
    if (typeof input.value === 'function' && !(typeof input.size === 'number' && Number.isSafeInteger(input.size) && input.size >= 0)) {
      throw new TypeError(`deckdown: input \`${input.path}\` is given as a reader, so it needs its \`size\` (bytes, a whole number ≥ 0)`)
    }
  }
}

export {mergeTrees} from './pipeline/bundle.js'
