#!/usr/bin/env node
// The executable: everything happens in `main`, which returns the exit code.
// It runs from the bundle `dist/command.cjs`, loaded through V8's code cache
// (code-cache.ts); the flags below are set before that load.
import {fileURLToPath} from 'node:url'
import {setFlagsFromString} from 'node:v8'
import {shareCodeCacheWithWorkers} from '../pipeline/code-cache-handoff.js'
import {codeCacheDir, loadBundle} from './code-cache.js'
import type {main as Main} from './main.js'

// A build lasts seconds, and its threads spent about a fifth of their CPU
// compiling hot code with V8's optimizing compiler (each worker compiles the
// same code again), much of it inlining large functions into others.
// Inlining less makes those compiles far cheaper for little loss in the code:
// the 10k bench build used about 15 % less CPU. The flag is process-wide, so
// only the command sets it, never the library.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=60')

// Each full garbage collection costs a worker far more than its marking: V8
// keeps a function's optimized code only while some closure of it is alive,
// and the parsers make their closures anew for every file, so after each
// full collection the same hot functions are compiled again. V8 lets a
// worker's old generation reach about 75 MiB before collecting; starting it
// at 128 MiB took the 10k bench build from 6 full collections per worker to
// 2, and about a tenth off its time. Set here, it applies to the isolates
// made from now on — the workers — not to this thread's heap, which exists.
setFlagsFromString('--initial-old-space-size=128')

// A young-generation collection (a scavenge) is split into tasks for V8's
// helper threads, one per core. A build's workers already keep every core
// busy, so those helpers only take turns with the workers themselves: with
// each thread scavenging alone, the 10k bench build took about 8 % less
// time (three interleaved runs each), and a rebuild on this thread alone
// was no slower. V8 reads this flag at the start of each scavenge, so
// setting it now is safe; flags that shape a heap when it is made (the
// concurrent marker's) must not change at run time, and are left alone.
setFlagsFromString('--no-parallel-scavenge')

// The code cache (code-cache.ts) holds what V8 compiled for a run of the
// bundle and is written when a thread exits: a function V8 dropped for lack
// of use (it drops bytecode of functions not called for a while) would be
// missing from it. A worker keeps the main thread's functions it took from
// the cache and never called, and the main thread those of the parser, which
// a cold build runs on workers and a rebuild on the main thread.
setFlagsFromString('--no-flush-bytecode')

// Every flag above is set before the bundle is compiled: V8 takes cached code
// only under the flags it was made with.
const codeCache = await codeCacheDir(process.env)
shareCodeCacheWithWorkers(codeCache)
const command = process.argv[2] ?? ''
const bundle = loadBundle<{main: typeof Main}>(fileURLToPath(new URL('./command.cjs', import.meta.url)), {
  dir: codeCache,
  // What the cache records this run as: the command's name, or `other`
  // (options only, or a mistyped command).
  kind: ['build', 'check', 'init'].includes(command) ? command : 'other'
})
const {main} = bundle.exports

/** Inputs from which a build counts as big: some 40,000 questions (the 10k bench corpus is 7.8 MiB, 100k 78 MiB). */
const bigBuild = 32 * 1024 * 1024

try {
  process.exitCode = await main({
    argv: process.argv.slice(2),
    stdout: process.stdout,
    stderr: process.stderr,
    // The bundle's own `import()` would fail (see code-cache.ts).
    importModule: (url) => import(url),
    beforeBuild({bytes}) {
      // In a big build this thread holds the build's cross-file state and
      // the workers' pending results; letting its heap grow to only twice
      // its live size between full collections (V8 allows four times) keeps
      // the 100k bundle's peak RSS about 70 MiB lower beside the workers'
      // larger heaps. Smaller builds are left as they are: their main
      // thread holds little, and the extra collections cost it time (1k,
      // on this thread alone: about 5 %; a warm 10k rebuild too).
      if (bytes >= bigBuild) {
        // Code cached under this flag would not fit the next run's (V8
        // checks flags): this thread and the workers leave the cache alone.
        bundle.keepCacheAsIs()
        shareCodeCacheWithWorkers(null)
        setFlagsFromString('--heap-growing-percent=100')
      }
    }
  })
} catch (error) {
  // A bug, not bad input (bad input becomes diagnostics): say so without a
  // stack trace unless asked for one.
  const detail = process.env['DECKDOWN_DEBUG'] ? (error as Error).stack : (error as Error).message
  process.stderr.write(`deckdown: internal error: ${detail}\nPlease report this with the input that caused it (set DECKDOWN_DEBUG=1 for details).\n`)
  process.exitCode = 2
}
