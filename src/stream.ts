/**
 * `compileStream`: the streaming form of `compile`. Each file comes out as
 * soon as it and the files before it are parsed, with its own outputs; the
 * caller writes them and lets them go, so a build of any size holds a few
 * files at a time, never all of them.
 *
 * Same pipeline as `compile` (workers, cache, prepared note fields), same
 * bytes for each output. A bundle (one output from every file) is built as
 * the files come: the apkg emitter writes each file's notes into its
 * database at once, so only emitters without a streaming form (`openBundle`)
 * hold every tree until the end.
 *
 * @module
 */
import {dirname, resolve} from 'node:path'
import type {VFile} from 'vfile'
import type {Root} from './ast/types.js'
import {isRejected} from './diagnostics/rejected.js'
import {report} from './diagnostics/report.js'
import {resolveEmitters} from './emit/index.js'
import type {EmitContext, EmitParts, EmitResult, Emitter} from './emit/types.js'
import {createMediaLoader} from './media/index.js'
import {dedupeIds, type FirstPlace} from './parse/index.js'
import {parseInputs} from './pipeline/index.js'
import {openBundleStage} from './pipeline/bundle.js'
import type {SpoolFactory} from './pipeline/spool.js'
import {parseStage} from './pipeline/stage.js'
import {createRenderer} from './render/index.js'
import {
  checkInputs,
  checkOptions,
  checkOutputNames,
  emitContext,
  emitFailed,
  emitFileOutput,
  expectationOf,
  compareStrings,
  displayPath,
  pathOf,
  toClock,
  type CompileInput,
  type CompileOptions,
  type CompileOutput
} from './compile.js'

/**
 * An output of a streamed build with a `spool`: whole, or a bundle's parts
 * (`EmitParts`, which `fs.promises.writeFile` takes as they are).
 */
export interface StreamedOutput extends Omit<CompileOutput, 'contents'> {
  contents: EmitResult | EmitParts
}

/** One file of a streamed build. */
export interface CompileFileResult<Output extends StreamedOutput = CompileOutput> {
  /** The file, with its diagnostics (parse and emit). */
  file: VFile
  /** Its question tree. */
  tree: Root
  /**
   * Its outputs, in format order. With `bundle`, a file has none of its
   * own: the bundle's outputs come with the last file's result (with no
   * inputs there is no result to carry them, where `compile` makes an empty
   * bundle).
   */
  outputs: Output[]
}

/**
 * Compile question files one at a time, in path order.
 *
 * Question ids are made unique across files as they come (a repeat in a
 * later file is renamed, as `compile` does).
 *
 * @throws {TypeError} Before the first file, on the misuse `compile` rejects (an unknown
 *   dialect, a limit that is not a positive number, two inputs with one
 *   output name). A file that is rejected (not text, over a limit) or that
 *   an emitter fails on gets the same diagnostics and outputs as in
 *   `compile`.
 *
 * @example
 * import {compileStream} from 'deckdown'
 *
 * for await (const {file, outputs} of compileStream(inputs, {formats: ['json']})) {
 *   for (const output of outputs) await writeFile(output.path, output.contents)
 * }
 */
export function compileStream(inputs: readonly CompileInput[], options: CompileOptions & {spool: SpoolFactory}): AsyncGenerator<CompileFileResult<StreamedOutput>>
export function compileStream(inputs: readonly CompileInput[], options?: CompileOptions | null): AsyncGenerator<CompileFileResult>
export async function* compileStream(inputs: readonly CompileInput[], options?: CompileOptions | null): AsyncGenerator<CompileFileResult<StreamedOutput>> {
  const settings = options ?? {}
  const emitters = resolveEmitters(settings.formats ?? ['json'], settings.emitters ?? [])
  const cwd = settings.cwd ?? process.cwd()
  const sorted = inputs.map((input) => ({...input, path: displayPath(input.path, cwd)})).sort((a, b) => compareStrings(a.path, b.path))
  checkOutputNames(sorted, settings.bundle)
  checkInputs(sorted)
  checkOptions(settings)
  const byPath = new Map(sorted.map((input) => [input.path, input]))

  const clock = toClock(settings.now)
  const render = createRenderer()
  const taken = new Set<string>()
  const firsts = new Map<string, FirstPlace>()
  let current: VFile | undefined
  // Files of the bundle, for reports made once they are all in.
  const bundled = new Map<string, VFile>()
  const media = createMediaLoader({
    reader: settings.mediaReader,
    maxBytes: settings.maxMediaBytes,
    sourcePath: (file) => resolve(cwd, file),
    rootOf: (file) => resolve(cwd, byPath.get(file)?.root ?? dirname(file)),
    report: (question, position, reason, ruleId) => {
      const file = current ?? bundled.get(question.file)
      if (file) report(file, ruleId, reason, position)
    }
  })
  const shared = {render, clock, media, fileOf: (path: string) => bundled.get(path) ?? (current && pathOf(current) === path ? current : undefined)}
  const contextFor = (emitter: Emitter, sources: readonly VFile[], name: string): EmitContext => emitContext(settings, shared, emitter, sources, name)
  const bundleName = settings.bundle
  const bundle = bundleName
    ? await openBundleStage({
        name: bundleName,
        emitters,
        expected: expectationOf(sorted),
        contextFor: (emitter, sources) => contextFor(emitter, sources, bundleName),
        failed: emitFailed,
        // With a spool of their own, callers take bundles in parts.
        spool: settings.spool ?? undefined,
        keepParts: settings.spool != null
      })
    : undefined

  let done = 0
  let last: CompileFileResult<StreamedOutput> | undefined
  let questions = 0
  try {
    for await (const {file, tree} of parseInputs(sorted, settings, parseStage(settings, emitters))) {
      dedupeIds([tree], [file], taken, firsts)
      for (const section of tree.children) questions += section.children.length
      done += 1
      settings.onProgress?.({files: done, total: sorted.length, questions})
      const input = byPath.get(pathOf(file)) as CompileInput
      const outputs: StreamedOutput[] = []
      if (bundle) {
        if (!isRejected(file)) {
          bundled.set(pathOf(file), file)
          current = file
          await bundle.add(file, tree)
          current = undefined
        }
        if (done === sorted.length) {
          // The bundle is finished once the parse stage has ended, its
          // workers gone: writing the package is the build's largest step.
          last = {file, tree, outputs}
          continue
        }
      } else if (!isRejected(file)) {
        current = file
        for (const emitter of emitters) {
          const output = await emitFileOutput(emitter, input, file, tree, contextFor)
          if (output) outputs.push(output)
        }
        current = undefined
      }
      yield {file, tree, outputs}
    }
    if (bundle && last) {
      for (const output of await bundle.finish()) last.outputs.push({...output, sources: output.sources.map(pathOf)})
      yield last
    }
  } finally {
    // A consumer that stops early leaves no database open.
    bundle?.close()
  }
}
