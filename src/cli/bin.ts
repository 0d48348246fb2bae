#!/usr/bin/env node
// The executable: everything happens in `main`, which returns the exit code.
import {setFlagsFromString} from 'node:v8'
import {main} from './main.js'

// A build lasts seconds, and its threads spent about a fifth of their CPU
// compiling hot code with V8's optimizing compiler (each worker compiles the
// same code again), much of it inlining large functions into others.
// Inlining less makes those compiles far cheaper for little loss in the code:
// the 10k bench build used about 15 % less CPU. The flag is process-wide, so
// only the command sets it, never the library.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=60')

try {
  process.exitCode = await main({argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr})
} catch (error) {
  // A bug, not bad input (bad input becomes diagnostics): say so without a
  // stack trace unless asked for one.
  const detail = process.env['DECKDOWN_DEBUG'] ? (error as Error).stack : (error as Error).message
  process.stderr.write(`deckdown: internal error: ${detail}\nPlease report this with the input that caused it (set DECKDOWN_DEBUG=1 for details).\n`)
  process.exitCode = 2
}
