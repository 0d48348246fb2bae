/**
 * Worker-thread entry of the build pool: runs per-file jobs (job.ts) sent by
 * pool.ts and posts back their results. Shipped as `dist/worker.js`.
 *
 * @module
 */
import {parentPort} from 'node:worker_threads'
import {runFileJob, type FileJob} from './job.js'

parentPort?.on('message', (message: {id: number; job: FileJob} | 'close') => {
  // Leaving on our own (not terminated) lets Node finish what it does at a
  // thread's exit (a CPU profile with --cpu-prof, say).
  if (message === 'close') return parentPort?.close()
  try {
    parentPort?.postMessage({id: message.id, result: runFileJob(message.job)})
  } catch (error) {
    parentPort?.postMessage({id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error)})
  }
})
