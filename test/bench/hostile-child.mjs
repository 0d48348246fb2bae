/**
 * Runs the built CLI with the given arguments and, on exit, writes its peak
 * resident memory (KB) to the file named by `DECKDOWN_RSS_FILE`, so
 * `hostile.mjs` can hold each build to a memory ceiling.
 */
import {writeFileSync} from 'node:fs'

process.on('exit', () => {
  if (process.env.DECKDOWN_RSS_FILE) writeFileSync(process.env.DECKDOWN_RSS_FILE, String(process.resourceUsage().maxRSS))
})
await import('../../dist/cli.js')
