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
import type {VFileMessage} from 'vfile-message'
import type {Question, Root, Section} from './ast/types.js'
import {sortedMessages} from './diagnostics/format.js'
import {isRejected} from './diagnostics/rejected.js'
import {report} from './diagnostics/report.js'
import {resolveEmitters} from './emit/index.js'
import type {EmitContext, EmitResult, Emitter} from './emit/types.js'
import {describe} from './isolation.js'
import {resolveLimits} from './limits/index.js'
import {createMediaLoader, type MediaReader} from './media/index.js'
import {dialects} from './parse/dialects/index.js'
import {dedupeIds, type ParseOptions} from './parse/index.js'
import type {FileCache} from './cache/index.js'
import {emitterOptionsFor, parseStage} from './pipeline/stage.js'
import {parseInputs, type ParsedFile} from './pipeline/index.js'
import {createRenderer} from './render/index.js'

/** One input file. */
export interface CompileInput {
  /** Path of the file, used in diagnostics and output (keep it relative). */
  path: string
  /** Raw bytes (decoded by deckdown) or text. */
  value: Uint8Array | string
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
  const sourceSets = new WeakMap<readonly VFile[], Set<VFile>>()
  const sourceSetOf = (sources: readonly VFile[]): Set<VFile> => {
    let set = sourceSets.get(sources)
    if (!set) sourceSets.set(sources, (set = new Set(sources)))
    return set
  }
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

  // One merged tree for every emitter of a bundle: emitters may share work
  // keyed on the tree (the apkg and CSV note plan).
  const bundleTree = settings.bundle ? mergeTrees(readable.map((entry) => entry.tree)) : undefined
  for (const emitter of emitters) {
    if (settings.bundle && bundleTree) {
      const bundled = await runBundle(emitter, settings.bundle, bundleTree)
      if (bundled) {
        outputs.push({path: settings.bundle + emitter.extension, format: emitter.name, contents: bundled.contents, sources: bundled.sources.map(pathOf)})
      }
      continue
    }
    for (const {input, file, tree} of readable) {
      const name = outputName(input)
      const attempt = await run(emitter, tree, [file], basename(name))
      if (attempt.ok) {
        if (attempt.contents !== undefined) outputs.push({path: name + emitter.extension, format: emitter.name, contents: attempt.contents, sources: [pathOf(file)]})
      } else {
        emitFailed(file, emitter, attempt.error)
      }
    }
  }
  return {files, trees, outputs}

  /**
   * Emit a bundle. When the emitter fails on it, find the files it fails on
   * alone, leave them out (each named with an error) and emit the rest.
   */
  async function runBundle(emitter: Emitter, name: string, tree: Root): Promise<{contents: EmitResult; sources: VFile[]} | undefined> {
    const sources = readable.map((entry) => entry.file)
    const whole = await run(emitter, tree, sources, name)
    if (whole.ok) return whole.contents === undefined ? undefined : {contents: whole.contents, sources}
    const kept: typeof readable = []
    for (const entry of readable) {
      const alone = await run(emitter, entry.tree, [entry.file], name)
      if (alone.ok) kept.push(entry)
      else emitFailed(entry.file, emitter, alone.error, ` it is left out of \`${name + emitter.extension}\``)
    }
    const rest = kept.map((entry) => entry.file)
    const retry = kept.length === readable.length ? whole : await run(emitter, mergeTrees(kept.map((entry) => entry.tree)), rest, name)
    if (retry.ok) return retry.contents === undefined ? undefined : {contents: retry.contents, sources: rest}
    // Fails only together: no single file to blame, so no bundle.
    for (const file of rest) emitFailed(file, emitter, retry.error, ` \`${name + emitter.extension}\` is not written`)
    return undefined
  }

  async function run(emitter: Emitter, tree: Root, sources: VFile[], name: string): Promise<{ok: true; contents: EmitResult | undefined} | {ok: false; error: unknown}> {
    const context: EmitContext = {
      options: emitterOptionsFor(settings, emitter.name),
      render,
      files: sources,
      messages: sortedMessages(sources),
      now: clock,
      name,
      media,
      report: (node, reason, ruleId) => reportOn(sources, node, reason, ruleId)
    }
    try {
      return {ok: true, contents: await emitter.emit(tree, context)}
    } catch (error) {
      return {ok: false, error}
    }
  }

  function reportOn(sources: readonly VFile[], node: Question | Section, reason: string, ruleId: Parameters<typeof report>[1]): VFileMessage | undefined {
    const found = fileByPath.get(node.file)
    // The node's own file when it is a source of this output, else the first.
    const file = found && (sources.length === 1 ? sources[0] === found : sourceSetOf(sources).has(found)) ? found : sources[0]
    return file ? report(file, ruleId, reason, node) : undefined
  }
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
 * Merge per-file trees into one (sections in the given order).
 */
export function mergeTrees(trees: readonly Root[]): Root {
  return {
    type: 'root',
    children: trees.flatMap((tree) => tree.children),
    data: {files: trees.flatMap((tree) => tree.data?.files ?? [])}
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
export function outputName(input: CompileInput): string {
  if (input.output) return input.output
  const name = basename(input.path)
  return name.slice(0, name.length - extname(name).length) || name
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
