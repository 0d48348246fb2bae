/**
 * Worker-thread entry of the build pool when deckdown runs from its
 * TypeScript sources (the test suite). Built, the entry is `dist/worker.js`
 * (src/cli/worker-bin.ts), which runs the same loop from the bundle.
 *
 * @module
 */
import {serveJobs} from './serve.js'

serveJobs()
