/**
 * The per-file job: one file's bytes → its question tree, its diagnostics
 * as records and, when notes are built, its questions' prepared notes.
 *
 * Pure and self-contained, so it runs the same on the main thread, on a
 * worker thread or not at all (its result read from the cache): everything
 * in and out is structured-clone-able data.
 *
 * @module
 */
import type {Question, Root} from '../ast/types.js'
import {VFile} from 'vfile'
import {report} from '../diagnostics/report.js'
import {parseIsolated, reportInternalError} from '../isolation.js'
import type {ParseOptions} from '../parse/index.js'
import {createRenderer} from '../render/index.js'
import {toMessageRecords, type MessageRecord} from './messages.js'
import {packPreparedNotes, prepareNote, type PreparedNote} from './prepared.js'
import {keepsMemo, ReparseMemo} from './reparse.js'

/**
 * Reads an input's bytes (or text) when the build reaches it, so a build
 * holds only the files it is parsing, not every input at once.
 */
export type InputReader = () => Promise<Uint8Array | string>

/** Parse options that can cross threads (a custom dialect object cannot). */
export type JobParseOptions = Omit<ParseOptions, 'dialect'> & {dialect?: string | null | undefined}

/** What a job needs. */
export interface FileJob {
  path: string
  value: Uint8Array | string
  /** Parse options, the input's own deck levels already merged in. */
  options: JobParseOptions
  /** Also render note fields (the build writes apkg or CSV notes). */
  prepareNotes: boolean
  /**
   * Drop the field contents (mdast) of questions whose note was
   * prepared: the build needs only the prepared note (an apkg-only build that
   * returns no trees). Much less to copy between threads, cache and hold.
   * The file's decoded text is dropped too.
   */
  lean: boolean
  /**
   * In a build that keeps a note history: the deck of this file's questions
   * that name none (its output's name). Prepared notes then carry their
   * content hash (see `PreparedNote`).
   */
  historyDeck?: string | undefined
  /**
   * In a build that keeps a cache: what the last parse of this file left
   * for this one (see reparse.ts), `null` when there is none. A job given
   * this field returns the memo it leaves (`FileJobResult.reparse`).
   */
  reparse?: Uint8Array | null | undefined
  /**
   * A token that changes whenever the file's bytes may have (see
   * `CompileInput.version`): the cache finds the entry of a version it has
   * seen without reading the file.
   */
  version?: string | undefined
}

/**
 * A job whose file may not be read yet: `value` is then a reader, and
 * `size` the file's size (bytes, or characters for text) as known without
 * reading it.
 */
export interface PendingJob extends Omit<FileJob, 'value'> {
  value: FileJob['value'] | InputReader
  size?: number | undefined
}

/** The size of a job's file, read or not (a reader without `size` counts 0). */
export function jobSize(job: PendingJob): number {
  if (typeof job.value === 'function') return job.size ?? 0
  return typeof job.value === 'string' ? job.value.length : job.value.byteLength
}

/** The job with its file read (the reader's failure passes through). */
export async function readJob(job: PendingJob): Promise<FileJob> {
  const {value} = job
  return typeof value === 'function' ? {...job, value: await value()} : {...job, value}
}

/**
 * The result of a file that could not be read: a `read-failed` error and no
 * questions, so the file is kept out of every output as a file that is not
 * text is, and the build goes on with the others.
 */
export function readFailedResult(job: PendingJob, error: unknown): FileJobResult {
  const file = new VFile({path: job.path})
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const reason = code ?? (error instanceof Error ? error.message : String(error))
  report(file, 'read-failed', `Cannot read this file: ${reason}`, {line: 1, column: 1})
  return {path: job.path, text: undefined, tree: {type: 'root', children: [], data: {files: [job.path]}}, messages: toMessageRecords(file), notes: []}
}

/** What a job gives back. */
export interface FileJobResult {
  path: string
  /**
   * Decoded text; `undefined` when the bytes were not text, and in a lean
   * job (nothing downstream reads it then).
   */
  text: string | undefined
  tree: Root
  messages: MessageRecord[]
  /**
   * Note data (fields as UTF-8, GUID, checksum, sort field, cards) per question in tree order
   * (`null` for a question with media); empty when notes were not asked for.
   */
  notes: Array<PreparedNote | null>
  /**
   * What this parse leaves for the next parse of the file, when the job was
   * given `reparse` and the file was big enough to keep one (reparse.ts).
   */
  reparse?: Uint8Array | undefined
}

/** Run one job. */
export function runFileJob(job: FileJob): FileJobResult {
  const memo = job.reparse === undefined ? undefined : new ReparseMemo(job.reparse)
  const result = runWith(job, memo)
  // A memo only saves work: should anything fail with it, the file is
  // parsed again without it, so a bad memo can never cost a file.
  if (memo?.reused && result.messages.some((message) => message.ruleId === 'internal-error')) return runWith(job, new ReparseMemo())
  return result
}

function runWith(job: FileJob, memo: ReparseMemo | undefined): FileJobResult {
  // A failure on this file (a library's exception, a stack overflow) is this
  // file's `internal-error`, never the build's.
  const parsed = parseIsolated(new VFile({path: job.path, value: job.value}), job.options, memo)
  const file = parsed.file
  let tree = parsed.tree
  const notes: FileJobResult['notes'] = []
  if (job.prepareNotes) {
    try {
      // A job renders each field once: the renderer hands each tree over
      // without a copy.
      const render = createRenderer()
      for (const section of tree.children) {
        for (const question of section.children) {
          const prepare = () => prepareNote(question, render, job.historyDeck)
          const note = memo ? memo.note(question, prepare) : prepare()
          notes.push(note)
          if (note && job.lean) dropFieldContents(question)
        }
      }
    } catch (error) {
      reportInternalError(file, 'rendering', error)
      tree = {type: 'root', children: [], data: {files: [job.path]}}
      notes.length = 0
    }
  }
  const text = typeof file.value === 'string' && !job.lean ? file.value : undefined
  const result: FileJobResult = {path: job.path, text, tree, messages: toMessageRecords(file), notes: packPreparedNotes(notes)}
  // Only a big file keeps a memo (see reparse.ts).
  if (memo && typeof file.value === 'string' && keepsMemo(file.value.length)) result.reparse = memo.toBytes()
  return result
}

const empty = (): Question['prompt'] => ({type: 'root', children: []})

/** Keep a question's outline (id, kind, deck, tags, place), not its field trees. */
function dropFieldContents(question: Question): void {
  question.prompt = empty()
  question.answer = empty()
  question.example = null
  question.extra = null
  question.choices = question.choices && question.choices.map((choice) => ({...choice, content: empty()}))
}

