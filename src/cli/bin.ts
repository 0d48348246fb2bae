#!/usr/bin/env node
// The executable: everything happens in `main`, which returns the exit code.
import {main} from './main.js'

try {
  process.exitCode = await main({argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr})
} catch (error) {
  // A bug, not bad input (bad input becomes diagnostics): say so without a
  // stack trace unless asked for one.
  const detail = process.env['DECKDOWN_DEBUG'] ? (error as Error).stack : (error as Error).message
  process.stderr.write(`deckdown: internal error: ${detail}\nPlease report this with the input that caused it (set DECKDOWN_DEBUG=1 for details).\n`)
  process.exitCode = 2
}
