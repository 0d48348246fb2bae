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
import {createJobPool} from './pool.js'

/** Fewest files, and bytes, per worker that make starting one worth it. */
const filesPerWorker = 4
const bytesPerWorker = 512 * 1024

/** How jobs run. */
export interface RunOptions {
  /** Worker threads; 1 runs every job on the calling thread. */
  jobs: number
  /** `jobs` is the default, not asked for: fewer workers for small builds. */
  auto?: boolean | undefined
  /** Where results are remembered between builds. */
  cache?: FileCache | null | undefined
}

/** Results of `jobs`, in order. */
export async function* runFileJobs(jobs: readonly FileJob[], options: RunOptions): AsyncGenerator<FileJobResult> {
  const {cache} = options
  // Starting a worker costs about as much as parsing a few files or half a
  // megabyte: unless told how many workers to use, small builds stay on this
  // thread.
  const bytes = jobs.reduce((sum, job) => sum + (typeof job.value === 'string' ? job.value.length : job.value.byteLength), 0)
  const worthIt = options.auto ? Math.min(Math.floor(jobs.length / filesPerWorker), Math.floor(bytes / bytesPerWorker)) : jobs.length
  const workers = Math.max(1, Math.min(options.jobs, worthIt))
  if (workers === 1) {
    for (const job of jobs) yield (await cache?.get(job)) ?? remember(job, runFileJob(job))
    return
  }
  const pool = createJobPool(workers)
  const ahead = workers * 4
  const started: Array<Promise<FileJobResult>> = []
  const start = (job: FileJob) => {
    const result = (async () => (await cache?.get(job)) ?? remember(job, await pool.run(job)))()
    // Handled when consumed; never an unhandled rejection meanwhile.
    result.catch(() => undefined)
    started.push(result)
  }
  try {
    let next = 0
    for (let index = 0; index < jobs.length; index++) {
      while (next < jobs.length && next < index + ahead) start(jobs[next++] as FileJob)
      const result = await (started[index] as Promise<FileJobResult>)
      // Drop the reference: the consumer owns it now.
      delete started[index]
      yield result
    }
  } finally {
    await pool.close()
  }

  async function remember(job: FileJob, result: FileJobResult): Promise<FileJobResult> {
    await cache?.set(job, result)
    return result
  }
}
