import {copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import type {Plugin} from 'esbuild'
import {defineConfig, type Options} from 'tsup'
import {configSchema} from './src/config/schema.js'

/**
 * Packages the CLI and the worker threads load from `node_modules` at run
 * time, when needed, instead of carrying them: playwright-core prints PDFs,
 * iconv-lite reads files that are not UTF-8 (src/text/code-pages.ts).
 */
const loadedAtRunTime = ['playwright-core', 'iconv-lite']

const shared: Options = {
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: false,
  splitting: true
}

export default defineConfig([
  {
    ...shared,
    // The library: dependencies stay dependencies, shared with the
    // project that imports deckdown.
    entry: {index: 'src/index.ts'},
    dts: {entry: {index: 'src/index.ts'}},
    clean: true,
    // The JSON Schema ships as its own file too (`deckdown/schema.json`), for
    // validators in other languages; the config file's schema is derived from
    // the option table (`deckdown/config-schema.json`, for editors).
    async onSuccess() {
      mkdirSync('dist', {recursive: true})
      copyFileSync('src/emit/json/schema.json', 'dist/schema.json')
      writeFileSync('dist/config-schema.json', `${JSON.stringify(configSchema(), null, 2)}\n`)
    }
  },
  {
    ...shared,
    // The command and the build's worker threads (src/pipeline/pool.ts starts
    // `worker.js` beside the bundled code; the library's pool uses it too).
    // Their dependencies are bundled in: a process then reads a few files
    // instead of some six hundred modules, which took a third of a second of
    // every run (each worker's start included) before any work.
    entry: {cli: 'src/cli/bin.ts', worker: 'src/pipeline/worker.ts'},
    noExternal: [/^(?!(playwright-core|iconv-lite)(\/|$))/],
    external: loadedAtRunTime,
    // Bundled CommonJS code calls `require` (Node's built-ins, mostly).
    banner: {js: "import {createRequire as __deckdownCreateRequire} from 'node:module';\nconst require = __deckdownCreateRequire(import.meta.url);"},
    // esbuild's record of the inputs, for the notices (not written to dist).
    esbuildOptions(options) {
      options.metafile = true
      // Smaller to ship and to read at start; names are kept, so a report
      // of an internal error still says where it happened.
      options.minifyWhitespace = true
      options.minifySyntax = true
    },
    esbuildPlugins: [thirdPartyNotices('dist/THIRD-PARTY-NOTICES.txt')]
  }
])

/**
 * Write the licence of every package bundled into the output beside it: their
 * licences ask that the notice travel with the code.
 */
function thirdPartyNotices(target: string): Plugin {
  return {
    name: 'third-party-notices',
    setup(build) {
      build.onEnd((result) => {
        const roots = new Set<string>()
        for (const input of Object.keys(result.metafile?.inputs ?? {})) {
          const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)
          if (match?.[1]) roots.add(match[1])
        }
        const sections = [...roots].sort().map((root) => {
          const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {name: string; version: string; license?: string; homepage?: string; repository?: string | {url?: string}}
          const home = manifest.homepage ?? (typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url)
          const licenceFile = readdirSync(root).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name))
          const text = licenceFile ? readFileSync(join(root, licenceFile), 'utf8').trim() : `License: ${manifest.license ?? 'not stated'} (the package ships no licence file${home ? `; see ${home}` : ''})`
          return `${manifest.name}@${manifest.version}\n\n${text}\n`
        })
        mkdirSync(dirname(target), {recursive: true})
        writeFileSync(target, `deckdown's dist/cli.js and dist/worker.js bundle these packages:\n\n${sections.join('\n---\n\n')}`)
      })
    }
  }
}
