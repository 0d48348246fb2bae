import {copyFileSync, mkdirSync} from 'node:fs'
import {defineConfig} from 'tsup'

export default defineConfig({
  entry: {index: 'src/index.ts', cli: 'src/cli/bin.ts'},
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
