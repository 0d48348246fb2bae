/**
 * Run per-file jobs in input order: on the main thread or on a worker pool,
 * each result read from the cache when it holds one.
 *
 * Results come out in the order of the jobs whatever order workers finish
 * in, and never more than a few per worker ahead of the consumer, so a slow
 * consumer (the writer) bounds memory. The output never depends on the
 * number of workers: every path runs the same `runFileJob`.
 *
 * @module
 */
import type {CachedEntry, FileCache} from '../cache/index.js'
import {jobSize, readFailedResult, readJob, runFileJob, type FileJob, type FileJobResult, type PendingJob} from './job.js'
import type {ResourceLimits} from 'node:worker_threads'
import {createJobPool} from './pool.js'
import {startAhead} from './ahead.js'
import {keepsMemo} from './reparse.js'

/** Fewest files, and bytes, per worker that make starting one worth it. */
const filesPerWorker = 4
const bytesPerWorker = 512 * 1024
/** Cache entries checked at once. */
const lookupBatch = 64
/** Cache entries read ahead of the one the consumer waits for. */
const cacheReadsAhead = 8

/** How jobs run. */
export interface RunOptions {
  /** Worker threads; 1 runs every job on the calling thread. */
  jobs: number
  /** `jobs` is the default, not asked for: fewer workers for small builds. */
  auto?: boolean | undefined
  /** Where results are remembered between builds. */
  cache?: FileCache | null | undefined
  /** Heap limits of each worker (see `createJobPool`). */
  workerLimits?: ResourceLimits | undefined
}

/**
 * Results of `jobs`, in order. A job whose file is given as a reader is read
 * only when its turn comes (and its bytes let go once it is done), so a big
 * build does not hold every input at once.
 */
export async function* runFileJobs(jobs: readonly PendingJob[], options: RunOptions): AsyncGenerator<FileJobResult> {
  const {cache} = options
  const held = await cachedJobs(jobs, cache)
  // Unless told how many workers to use, the build starts as many as the
  // files it must really parse keep busy (see `workersWorthIt`).
  const workers = options.auto ? workersWorthIt(jobs, held, options.jobs) : options.jobs > 1 ? options.jobs : 0
  const fromCache = cachedInOrder()
  if (workers === 0) {
    const parseHere = parseWith(runFileJob)
    for (const [index, job] of jobs.entries()) yield (held[index] ? await fromCache(index) : undefined) ?? (await parseHere(job))
    return
  }
  const pool = createJobPool(workers, options.workerLimits)
  const parse = parseWith((job) => pool.run(job).catch(() => runHere(job)))
  try {
    // Files to parse go to the workers first, a few per worker ahead of the
    // consumer, while this thread reads and uses the cached ones in order:
    // a rebuild after a few edits parses them beside the cached work, not
    // when the consumer reaches them.
    const parsed = startAhead(
      jobs.filter((_, index) => !held[index]),
      workers * 4,
      parse
    )
    // Asked for now, so the first parses start before the consumer reaches
    // them; each one taken asks for the next.
    let nextParsed = parsed.next()
    for (const [index, job] of jobs.entries()) {
      if (held[index]) {
        // An entry that turned out unreadable is parsed after all.
        yield (await fromCache(index)) ?? (await parse(job))
      } else {
        const [, result] = take(nextParsed)
        nextParsed = parsed.next()
        yield await result
      }
    }
  } finally {
    await pool.close()
  }

  /** Read a job's file and run it with `run`, remembering the result. */
  function parseWith(run: (job: FileJob) => FileJobResult | Promise<FileJobResult>): (pending: PendingJob) => Promise<FileJobResult> {
    return (pending) => withFile(pending, async (job) => remember(job, await run(await withMemo(job))))
  }

  /**
   * A big file parsed in a build that keeps a cache takes what its last
   * parse left (reparse.ts), and leaves a memo for the next. A small file
   * keeps none, nor a huge one (see `keepsMemo`).
   */
  async function withMemo(job: FileJob): Promise<FileJob> {
    if (!cache?.recall || !keepsMemo(jobSize(job))) return job
    return {...job, reparse: await cache.recall(job)}
  }

  /**
   * The cached results of the held jobs, each asked for in order
   * (`fromCache(index)`), with the next few read ahead so the disk is not
   * waited for one entry at a time. A cache that can `prefetch` reads the
   * next entries' bytes and each is decoded only when taken (decoded
   * entries waiting their turn were most of what the garbage collector had
   * to copy in a rebuild); with another cache the next lookups themselves
   * start ahead.
   */
  function cachedInOrder(): (index: number) => Promise<FileJobResult | undefined> {
    const prefetch = cache?.prefetch?.bind(cache)
    if (prefetch) {
      return (index) => {
        for (let ahead = index + 1; ahead <= index + cacheReadsAhead && ahead < held.length; ahead++) {
          const entry = held[ahead]
          if (typeof entry === 'object') prefetch(entry)
        }
        return cached(jobs[index] as PendingJob, held[index] as Held)
      }
    }
    const ahead = startAhead(
      jobs.flatMap((job, index) => (held[index] ? [[job, held[index]] as const] : [])),
      cacheReadsAhead,
      ([job, entry]) => cached(job, entry)
    )
    return () => take(ahead.next())[1]
  }

  /**
   * A job's cached result, `undefined` when the cache has none: from the
   * entry `find` gave, or by the job's key, which needs the file's bytes.
   */
  function cached(pending: PendingJob, held: Held): Promise<FileJobResult | undefined> {
    if (!cache) return Promise.resolve(undefined)
    if (typeof held === 'object' && cache.open) return cache.open(held)
    return withFile(pending, (job) => cache.get(job))
  }

  /**
   * A job its worker could not finish (the worker ran out of memory or
   * stopped, or its result could not be sent back) runs again here, where
   * any failure of the file's own is that file's diagnostic: one file never
   * fails the build.
   */
  function runHere(job: FileJob): FileJobResult {
    return runFileJob(job)
  }

  async function remember(job: FileJob, result: FileJobResult): Promise<FileJobResult> {
    await cache?.set(job, result)
    return result
  }
}

/**
 * Read a job's file and `use` it. A file that cannot be read is that file's
 * `read-failed` result, never the build's, and nothing is cached for it
 * (reading may work next time).
 */
async function withFile<Result>(pending: PendingJob, use: (job: FileJob) => Promise<Result>): Promise<Result | FileJobResult> {
  let job: FileJob
  try {
    job = await readJob(pending)
  } catch (error) {
    return readFailedResult(pending, error)
  }
  return use(job)
}

function take<Pair>(next: IteratorResult<Pair, unknown>): Pair {
  // Both lists are split from `jobs`, so each has exactly the items asked for.
  if (next.done) throw new Error('deckdown: a job list ran out before the jobs did')
  return next.value
}

/**
 * Whether the cache may hold a job's entry: `false`, `true`, or the entry
 * `FileCache.find` found (then read without reading the file again).
 */
export type Held = boolean | CachedEntry

/**
 * Which jobs the cache may hold an entry for (checked with `find` or `has`,
 * without reading the entries, a batch at a time; a file given as a reader
 * is read for its key, unless `findVersion` knows its version). All false
 * without a cache; all true with a cache that cannot tell without reading
 * (neither): each entry is then read, and the file parsed if it is
 * missing.
 */
export async function cachedJobs(jobs: readonly PendingJob[], cache: FileCache | null | undefined): Promise<Held[]> {
  const find = cache?.find?.bind(cache)
  const has = cache?.has?.bind(cache)
  const findVersion = cache?.findVersion?.bind(cache)
  const lookup: ((job: FileJob) => Promise<Held>) | undefined = find ? async (job) => (await find(job)) ?? false : has
  if (!lookup) return jobs.map(() => Boolean(cache))
  // A file that cannot be read is not held: its parse reports why. A file
  // given with a version the cache has seen is not read at all.
  const check = async (pending: PendingJob): Promise<Held> => {
    const {version} = pending
    const known = version !== undefined && findVersion ? await findVersion({...pending, version}) : undefined
    return known ?? readJob(pending).then(lookup, () => false)
  }
  const held: Held[] = []
  for (let start = 0; start < jobs.length; start += lookupBatch) {
    held.push(...(await Promise.all(jobs.slice(start, start + lookupBatch).map(check))))
  }
  return held
}

/**
 * How many of `most` workers a build should start (0: none, parse on the
 * calling thread), given which jobs the cache holds.
 *
 * Starting a worker costs about as much as parsing a few files or half a
 * megabyte, so only the files to parse count: a worker per four files and
 * half a megabyte, and one worker's worth is parsed here, where nothing
 * has to start. (A rebuild after one edit parses that file here too: on
 * two cores, a worker parsing it beside this thread's cached work was
 * measured no faster, its start and cold compiler eating the overlap.)
 */
export function workersWorthIt(jobs: readonly PendingJob[], held: readonly Held[], most: number): number {
  let files = 0
  let bytes = 0
  for (const [index, job] of jobs.entries()) {
    if (held[index]) continue
    files++
    bytes += jobSize(job)
  }
  const workers = Math.min(most, Math.floor(files / filesPerWorker), Math.floor(bytes / bytesPerWorker))
  return workers >= 2 ? workers : 0
}
