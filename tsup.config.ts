import {copyFileSync, mkdirSync, writeFileSync} from 'node:fs'
import {defineConfig} from 'tsup'
import {configSchema} from './src/config/schema.js'

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
  // validators in other languages; the config file's schema is derived from
  // the option table (`deckdown/config-schema.json`, for editors).
  async onSuccess() {
    mkdirSync('dist', {recursive: true})
    copyFileSync('src/emit/json/schema.json', 'dist/schema.json')
    writeFileSync('dist/config-schema.json', `${JSON.stringify(configSchema(), null, 2)}\n`)
  }
})
