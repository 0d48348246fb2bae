/**
 * What `dist/command.cjs` holds: the command and the worker threads' loop,
 * with every dependency but those loaded at run time (tsup.config.ts). The
 * entries `dist/cli.js` and `dist/worker.js` load it through V8's code
 * cache (code-cache.ts).
 *
 * @module
 */
export {main} from './main.js'
export {serveJobs} from '../pipeline/serve.js'
// The test of the bundled parser runs per-file jobs from the bundle.
export {runFileJob} from '../pipeline/job.js'
