/**
 * The work loop of a build pool's worker thread: runs per-file jobs (job.ts)
 * sent by pool.ts and posts back their results.
 *
 * @module
 */
import {parentPort} from 'node:worker_threads'
import {runFileJob, type FileJob} from './job.js'

/** Answer the pool's jobs on this worker thread until the pool says `close`. */
export function serveJobs(): void {
  parentPort?.on('message', (message: {id: number; job: FileJob} | 'close') => {
    // Leaving on our own (not terminated) lets Node finish what it does at a
    // thread's exit (a CPU profile with --cpu-prof, the code cache).
    if (message === 'close') return parentPort?.close()
    try {
      parentPort?.postMessage({id: message.id, result: runFileJob(message.job)})
    } catch (error) {
      parentPort?.postMessage({id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error)})
    }
  })
}
