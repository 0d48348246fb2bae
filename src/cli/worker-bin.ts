/**
 * Worker-thread entry of the build pool, shipped as `dist/worker.js`: loads
 * the bundle (`dist/command.cjs`) with the code cache the starting thread
 * handed over, if any (src/pipeline/code-cache-handoff.ts), and serves jobs.
 *
 * @module
 */
import {fileURLToPath} from 'node:url'
import {workerData} from 'node:worker_threads'
import {loadBundle} from './code-cache.js'

const dir = (workerData as {codeCacheDir?: string | null} | null)?.codeCacheDir ?? null
loadBundle<{serveJobs(): void}>(fileURLToPath(new URL('./command.cjs', import.meta.url)), {dir, kind: 'worker'}).exports.serveJobs()
