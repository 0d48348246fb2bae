/**
 * Run per-file jobs in input order: on the main thread (`jobs: 1`) or on a
 * worker pool, each result read from the cache when it holds one.
 *
 * Results come out in the order of the jobs whatever order workers finish
 * in, and never more than a few per worker ahead of the consumer, so a slow
 * consumer (the writer) bounds memory. The output never depends on the
 * number of workers: every path runs the same `runFileJob`.
 *
 * @module
 */
import type {FileCache} from '../cache/index.js'
import {runFileJob, type FileJob, type FileJobResult} from './job.js'
import type {ResourceLimits} from 'node:worker_threads'
import {createJobPool} from './pool.js'
import {startAhead} from './ahead.js'

/** Fewest files, and bytes, per worker that make starting one worth it. */
const filesPerWorker = 4
const bytesPerWorker = 512 * 1024
/** Cache entries looked up at once when sizing the pool. */
const lookupBatch = 64
/** Cache entries read ahead of the one a single-thread build waits for. */
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

/** Results of `jobs`, in order. */
export async function* runFileJobs(jobs: readonly FileJob[], options: RunOptions): AsyncGenerator<FileJobResult> {
  const {cache} = options
  // Starting a worker costs about as much as parsing a few files or half a
  // megabyte: unless told how many workers to use, small builds — counting
  // only the files the cache does not hold (a rebuild after one edit parses
  // one file) — stay on this thread.
  const workers = Math.max(1, options.auto ? await workersWorthIt(jobs, options.jobs, cache) : options.jobs)
  if (workers === 1) {
    // Cache entries are read a few ahead, so reading the next ones overlaps
    // with this thread's work instead of waiting on the disk one at a time.
    const lookup = (job: FileJob) => cache?.get(job) ?? Promise.resolve(undefined)
    for (const [job, cached] of startAhead(jobs, cacheReadsAhead, lookup)) yield (await cached) ?? (await remember(job, runFileJob(job)))
    return
  }
  const pool = createJobPool(workers, options.workerLimits)
  const run = async (job: FileJob) => (await cache?.get(job)) ?? remember(job, await pool.run(job).catch(() => runHere(job)))
  try {
    // A few jobs per worker are under way ahead of the one the consumer waits for.
    for (const [, result] of startAhead(jobs, workers * 4, run)) yield await result
  } finally {
    await pool.close()
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
 * How many of `most` workers the jobs the cache does not hold keep busy.
 * Looks up the cache a batch at a time and stops as soon as `most` is
 * reached: a cold build checks a few entries, not all of them.
 */
export async function workersWorthIt(jobs: readonly FileJob[], most: number, cache: FileCache | null | undefined): Promise<number> {
  let files = 0
  let bytes = 0
  const enough = () => Math.min(Math.floor(files / filesPerWorker), Math.floor(bytes / bytesPerWorker)) >= most
  for (let start = 0; start < jobs.length && !enough(); start += lookupBatch) {
    const batch = jobs.slice(start, start + lookupBatch)
    const cached = cache?.has ? await Promise.all(batch.map((job) => cache.has?.(job))) : []
    batch.forEach((job, index) => {
      if (cached[index]) return
      files++
      bytes += typeof job.value === 'string' ? job.value.length : job.value.byteLength
    })
  }
  return Math.min(most, Math.floor(files / filesPerWorker), Math.floor(bytes / bytesPerWorker))
}
