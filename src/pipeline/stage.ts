/**
 * How `compile` options map onto the pipeline: how many workers, which
 * cache, whether jobs render note fields, and the note history handed to
 * the apkg emitter.
 *
 * @module
 */
import {fileOutputTitle, type CompileOptions} from '../compile.js'
import {apkgEmitter} from '../emit/apkg/index.js'
import {csvEmitter} from '../emit/csv/index.js'
import type {Emitter} from '../emit/types.js'
import type {ParseStageOptions} from './index.js'
import {defaultJobs} from './pool.js'

/** The parse stage of a build with these options and emitters. */
export function parseStage(options: CompileOptions, emitters: readonly Emitter[]): ParseStageOptions {
  const jobs = options.jobs ?? defaultJobs()
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new TypeError(`jobs must be a whole number of at least 1, not \`${jobs}\``)
  return {
    jobs,
    auto: options.jobs == null,
    cache: options.cache,
    // Only the built-in apkg and CSV emitters plan notes from field HTML.
    prepareNotes: emitters.some((emitter) => emitter === apkgEmitter || emitter === csvEmitter),
    // Field trees can go once their HTML is made when nothing else reads
    // them: only the apkg emitter runs and the caller wants no field trees.
    lean: options.fieldTrees === false && emitters.length > 0 && emitters.every((emitter) => emitter === apkgEmitter),
    // The apkg emitter asks the cache's note history about every note: the
    // jobs hash each note's content with its fields, for the deck its
    // output gives questions without one (the apkg context's `name`).
    historyDeck:
      options.cache && emitters.includes(apkgEmitter) && emitterOptionsFor(options, 'apkg')['history'] === options.cache.notes
        ? (input) => options.bundle ?? fileOutputTitle(input)
        : undefined
  }
}

/** Options of one emitter: the caller's, plus the cache's note history for apkg. */
export function emitterOptionsFor(options: CompileOptions, name: string): Readonly<Record<string, unknown>> {
  const own = options.emitterOptions?.[name] ?? {}
  if (name !== 'apkg' || !options.cache || 'history' in own) return own
  return {...own, history: options.cache.notes}
}
