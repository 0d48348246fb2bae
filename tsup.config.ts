import {copyFileSync, mkdirSync} from 'node:fs'
import {defineConfig} from 'tsup'

export default defineConfig({
  // `worker` is the entry of the build's worker threads (src/pipeline/pool.ts
  // starts `worker.js` beside the bundled code).
  entry: {index: 'src/index.ts', cli: 'src/cli/bin.ts', worker: 'src/pipeline/worker.ts'},
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: {entry: {index: 'src/index.ts'}},
  clean: true,
  sourcemap: false,
  splitting: true,
  // The JSON Schema ships as its own file too (`deckdown/schema.json`), for
  // validators in other languages.
  async onSuccess() {
    mkdirSync('dist', {recursive: true})
    copyFileSync('src/emit/json/schema.json', 'dist/schema.json')
  }
})
