/**
 * `compileStream`: the streaming form of `compile`. Each file comes out as
 * soon as it and the files before it are parsed, with its own outputs; the
 * caller writes them and lets them go, so a build of any size holds a few
 * files at a time, never all of them.
 *
 * Same pipeline as `compile` (workers, cache, prepared note fields), same
 * bytes for each per-file output. What a stream cannot do: a bundle (one
 * output from every file) — use `compile` for that.
 *
 * @module
 */
import {basename, dirname, resolve} from 'node:path'
import type {VFile} from 'vfile'
import type {Question, Root} from './ast/types.js'
import {sortedMessages} from './diagnostics/format.js'
import {isRejected} from './diagnostics/rejected.js'
import {report} from './diagnostics/report.js'
import {resolveEmitters} from './emit/index.js'
import type {EmitContext} from './emit/types.js'
import {createMediaLoader} from './media/index.js'
import {dedupeIds} from './parse/index.js'
import {parseInputs} from './pipeline/index.js'
import {emitterOptionsFor, parseStage} from './pipeline/stage.js'
import {createRenderer} from './render/index.js'
import {
  checkOptions,
  checkOutputNames,
  emitFailed,
  compareStrings,
  displayPath,
  outputName,
  pathOf,
  toClock,
  type CompileInput,
  type CompileOptions,
  type CompileOutput
} from './compile.js'

/** One file of a streamed build. */
export interface CompileFileResult {
  /** The file, with its diagnostics (parse and emit). */
  file: VFile
  /** Its question tree. */
  tree: Root
  /** Its outputs, in format order. */
  outputs: CompileOutput[]
}

/**
 * Compile question files one at a time, in path order.
 *
 * Question ids are made unique across files as they come (a repeat in a
 * later file is renamed, as `compile` does).
 *
 * @throws {TypeError} With a `bundle` option (a bundle needs every file),
 *   and, before the first file, on the misuse `compile` rejects (an unknown
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
export async function* compileStream(inputs: readonly CompileInput[], options?: CompileOptions | null): AsyncGenerator<CompileFileResult> {
  const settings = options ?? {}
  if (settings.bundle) throw new TypeError('compileStream writes one output per file; use compile() for a bundle')
  const emitters = resolveEmitters(settings.formats ?? ['json'], settings.emitters ?? [])
  const cwd = settings.cwd ?? process.cwd()
  const sorted = inputs.map((input) => ({...input, path: displayPath(input.path, cwd)})).sort((a, b) => compareStrings(a.path, b.path))
  checkOutputNames(sorted, null)
  checkOptions(settings)
  const byPath = new Map(sorted.map((input) => [input.path, input]))

  const clock = toClock(settings.now)
  const render = createRenderer()
  const taken = new Set<string>()
  const firsts = new Map<string, Question>()
  let current: VFile | undefined
  const media = createMediaLoader({
    reader: settings.mediaReader,
    maxBytes: settings.maxMediaBytes,
    sourcePath: (file) => resolve(cwd, file),
    rootOf: (file) => resolve(cwd, byPath.get(file)?.root ?? dirname(file)),
    report: (_question, position, reason, ruleId) => {
      if (current) report(current, ruleId, reason, position)
    }
  })

  let done = 0
  let questions = 0
  for await (const {file, tree} of parseInputs(sorted, settings, parseStage(settings, emitters))) {
    dedupeIds([tree], [file], taken, firsts)
    for (const section of tree.children) questions += section.children.length
    settings.onProgress?.({files: ++done, total: sorted.length, questions})
    const input = byPath.get(pathOf(file)) as CompileInput
    const outputs: CompileOutput[] = []
    if (!isRejected(file)) {
      current = file
      const name = outputName(input)
      for (const emitter of emitters) {
        const context: EmitContext = {
          options: emitterOptionsFor(settings, emitter.name),
          render,
          files: [file],
          messages: sortedMessages([file]),
          now: clock,
          name: basename(name),
          media,
          report: (node, reason, ruleId) => report(file, ruleId, reason, node)
        }
        let contents
        try {
          contents = await emitter.emit(tree, context)
        } catch (error) {
          emitFailed(file, emitter, error)
          continue
        }
        if (contents !== undefined) outputs.push({path: name + emitter.extension, format: emitter.name, contents, sources: [pathOf(file)]})
      }
      current = undefined
    }
    yield {file, tree, outputs}
  }
}
