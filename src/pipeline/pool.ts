/**
 * A pool of worker threads running per-file jobs (job.ts), one job per
 * worker at a time, results handed back per job.
 *
 * The worker entry is `worker.js` beside the bundled code (`dist/`). Run
 * from the TypeScript sources (the test suite), it is `worker.ts`, loaded
 * through dev-loader.mjs, which compiles TypeScript with esbuild (the
 * compiler tsup builds `dist/` with).
 *
 * @module
 */
import {availableParallelism} from 'node:os'
import {Worker, type ResourceLimits} from 'node:worker_threads'
import type {FileJob, FileJobResult} from './job.js'
import {codeCacheForWorkers} from './code-cache-handoff.js'

/** Runs jobs on worker threads. */
export interface JobPool {
  run(job: FileJob): Promise<FileJobResult>
  /** Stop the workers (pending jobs reject). */
  close(): Promise<void>
}

interface Pending {
  job: FileJob
  resolve: (result: FileJobResult) => void
  reject: (error: Error) => void
}

/** The default number of workers: what the machine can run in parallel. */
export function defaultJobs(): number {
  return availableParallelism()
}

/**
 * Start `size` workers. They are started lazily, on the first jobs, and do
 * not keep the process alive while idle.
 *
 * @param resourceLimits Heap limits of each worker (Node's own default:
 *   none beyond the process's). A worker that exceeds them stops; its job
 *   rejects and later jobs get a fresh worker.
 */
export function createJobPool(size: number, resourceLimits?: ResourceLimits): JobPool {
  const queue: Pending[] = []
  const idle: Worker[] = []
  const busy = new Map<Worker, Pending>()
  const workers: Worker[] = []
  let nextId = 0
  let closed = false

  function start(): Worker {
    const source = import.meta.url.endsWith('.ts')
    const worker = new Worker(new URL(source ? './worker.ts' : './worker.js', import.meta.url), {
      ...(resourceLimits ? {resourceLimits} : {}),
      workerData: {codeCacheDir: codeCacheForWorkers()},
      // Workers inherit the process's Node flags (`--cpu-prof`, say).
      ...(source ? {execArgv: [...process.execArgv, '--import', new URL('./dev-loader.mjs', import.meta.url).href]} : {})
    })
    worker.on('message', (message: {result?: FileJobResult; error?: string}) => {
      const pending = busy.get(worker)
      busy.delete(worker)
      if (pending) {
        if (message.result) pending.resolve(message.result)
        else pending.reject(new Error(message.error ?? 'worker failed'))
      }
      release(worker)
    })
    worker.on('error', (error) => fail(worker, error))
    worker.on('exit', (code) => {
      if (!closed) fail(worker, new Error(`worker stopped with exit code ${code}`))
    })
    worker.unref()
    workers.push(worker)
    return worker
  }

  function fail(worker: Worker, error: Error): void {
    const pending = busy.get(worker)
    busy.delete(worker)
    const index = workers.indexOf(worker)
    if (index < 0) return // `error` and then `exit`: handled once
    workers.splice(index, 1)
    const idleIndex = idle.indexOf(worker)
    if (idleIndex >= 0) idle.splice(idleIndex, 1)
    pending?.reject(error)
    // Later jobs get a fresh worker.
    pump()
  }

  function release(worker: Worker): void {
    idle.push(worker)
    pump()
  }

  function pump(): void {
    while (queue.length > 0 && !closed) {
      const worker = idle.pop() ?? (workers.length < size ? start() : undefined)
      if (!worker) return
      const pending = queue.shift() as Pending
      busy.set(worker, pending)
      worker.ref()
      worker.postMessage({id: nextId++, job: pending.job})
    }
    // Idle workers must not keep the process alive.
    for (const worker of idle) worker.unref()
  }

  return {
    run(job) {
      if (closed) return Promise.reject(new Error('the job pool is closed'))
      return new Promise((resolve, reject) => {
        queue.push({job, resolve, reject})
        pump()
      })
    },
    async close() {
      closed = true
      for (const pending of queue.splice(0)) pending.reject(new Error('the job pool is closed'))
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((done) => {
              worker.once('exit', () => done())
              // Referenced, or the process could end before the worker does.
              worker.ref()
              worker.postMessage('close')
            })
        )
      )
    }
  }
}
