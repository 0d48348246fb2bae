/**
 * The parse stage of a build: input files → (file, tree) pairs in input
 * order, through per-file jobs run on worker threads and read from the
 * cache (run.ts), with the jobs' prepared notes (fields, GUIDs, checksums,
 * cards) remembered for the apkg and CSV emitters (prepared.ts).
 *
 * @module
 */
import type {Root} from '../ast/types.js'
import type {FileCache} from '../cache/index.js'
import type {ParseOptions} from '../parse/index.js'
import type {VFile} from 'vfile'
import type {FileJobResult, InputReader, JobParseOptions, PendingJob} from './job.js'
import {restoreFile} from './messages.js'
import {rememberPreparedNote} from './prepared.js'
import {runFileJobs} from './run.js'

export {defaultJobs} from './pool.js'
export type {FileJob, FileJobResult, InputReader} from './job.js'

/** One file to parse. */
export interface ParseInput {
  path: string
  /** The file, or a reader called when its turn comes (see `CompileInput.value`). */
  value: Uint8Array | string | InputReader
  /** With a reader: the file's size (bytes), known without reading it. */
  size?: number | null | undefined
  /** A token that changes whenever the file's bytes may have (see `CompileInput.version`). */
  version?: string | null | undefined
  /** Deck levels of this input, put after `options.deck`. */
  deck?: readonly string[] | null | undefined
  /** This input's own parse options (config-file overrides), over the build's. */
  options?: ParseOptions | null | undefined
  /** How outputs name this file to people (see `ParseOptions.sourceName`). */
  sourceName?: string | null | undefined
  /** Output path without extension (see `CompileInput.output`). */
  output?: string | null | undefined
}

/** How the stage runs. */
export interface ParseStageOptions {
  /** Worker threads (1: the calling thread). */
  jobs: number
  /** `jobs` is the default: small builds use fewer workers. */
  auto?: boolean | undefined
  cache?: FileCache | null | undefined
  /** Also render note fields (the build writes apkg or CSV notes). */
  prepareNotes: boolean
  /** Drop field trees once their HTML is prepared (see `FileJob.lean`). */
  lean: boolean
  /** In a build that keeps a note history: the deck of an input's questions that name none (see `FileJob.historyDeck`). */
  historyDeck?: ((input: ParseInput) => string) | undefined
}

/** A parsed file, as `parse` returns it. */
export interface ParsedFile {
  file: VFile
  tree: Root
}

/**
 * Parse inputs in order; yields each as soon as it and those before it are
 * done.
 */
export async function* parseInputs(inputs: readonly ParseInput[], options: ParseOptions, stage: ParseStageOptions): AsyncGenerator<ParsedFile> {
  // A dialect given as an object (functions) cannot cross threads nor be
  // hashed for the cache: such builds parse here, uncached.
  const portable = typeof options.dialect !== 'object' || options.dialect === null
  const jobs = inputs.map((input): PendingJob => ({
    path: input.path,
    value: input.value,
    size: input.size ?? undefined,
    version: input.version ?? undefined,
    options: jobOptions({...options, ...input.options, ...(input.sourceName ? {sourceName: input.sourceName} : {})}, input.deck),
    prepareNotes: stage.prepareNotes,
    lean: stage.lean,
    historyDeck: stage.historyDeck?.(input)
  }))
  for await (const result of runFileJobs(jobs, portable ? stage : {jobs: 1})) yield restore(result)
}

/** The parse options of a job: only what `parse` reads, as data. */
function jobOptions(options: ParseOptions, deck: ParseInput['deck']): JobParseOptions {
  return {
    deck: deck && deck.length > 0 ? [...(options.deck ?? []), ...deck] : options.deck,
    fileDeck: options.fileDeck,
    tags: options.tags,
    // An object dialect only ever reaches an in-thread job (see above).
    dialect: options.dialect as JobParseOptions['dialect'],
    repairEncoding: options.repairEncoding,
    difficultyTags: options.difficultyTags,
    sourceName: options.sourceName,
    limits: options.limits
  }
}

function restore(result: FileJobResult): ParsedFile {
  const file = restoreFile(result.path, result.text, result.messages)
  let index = 0
  for (const section of result.tree.children) {
    for (const question of section.children) {
      const note = result.notes[index++]
      if (note) rememberPreparedNote(question, note)
    }
  }
  return {file, tree: result.tree}
}
