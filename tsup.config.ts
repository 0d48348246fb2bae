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

/**
 * The command's builds: esbuild's record of the inputs, for the notices (not
 * written to dist), and minified, smaller to ship and to read at start.
 * Names are kept, so a report of an internal error still says where it
 * happened.
 */
const minifiedWithMetafile: Options['esbuildOptions'] = (options) => {
  options.metafile = true
  options.minifyWhitespace = true
  options.minifySyntax = true
}

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
    // The entries of the command and of the build's worker threads: small
    // ES modules that load the bundle below through V8's code cache
    // (src/cli/code-cache.ts). src/pipeline/pool.ts starts `worker.js`
    // beside the bundled code; the library's pool uses it too.
    entry: {cli: 'src/cli/bin.ts', worker: 'src/cli/worker-bin.ts'},
    noExternal: [/.*/],
    esbuildOptions: minifiedWithMetafile,
    esbuildPlugins: [thirdPartyNotices('dist/THIRD-PARTY-NOTICES.txt')]
  },
  {
    ...shared,
    // The command and the worker threads' loop, as one CommonJS script:
    // V8's code cache, on Node 20, is offered for scripts, not modules.
    // Their dependencies are bundled in: a process then reads a few files
    // instead of some six hundred modules, which took a third of a second of
    // every run (each worker's start included) before any work.
    entry: {command: 'src/cli/command.ts'},
    format: ['cjs'],
    splitting: false,
    // `import.meta.url` (the worker's file, iconv-lite's loader) from the
    // script's own path.
    shims: true,
    noExternal: [/^(?!(playwright-core|iconv-lite)(\/|$))/],
    external: loadedAtRunTime,
    esbuildOptions: minifiedWithMetafile,
    esbuildPlugins: [fromMarkdownSharedContext(), fdirWithoutPicomatchProbe(), thirdPartyNotices('dist/THIRD-PARTY-NOTICES.txt')]
  }
])

/**
 * mdast-util-from-markdown 2.1's compiler calls each token's handler with a
 * fresh copy of its context (`{...context, sliceSerialize}`: eight
 * properties, copied for every one of a document's events). Those copies
 * were the single largest cost of building trees: in the 10k bench build,
 * giving the handlers one context whose `sliceSerialize` is set before
 * each call took the build from 15.7 s to 13.2 s (four interleaved pairs).
 *
 * The bundled command and worker threads get that one change, made here as
 * the module is bundled; the package on disk is untouched, and the library
 * build (which imports the package) runs it as published. It gives the
 * same trees because no handler, ours or in the syntax extensions
 * deckdown uses, keeps `this` past its call: each reads `sliceSerialize`,
 * the stack and the data at once. A test parses every fixture with the
 * bundle and with the package and compares the results. If a new version
 * of the package changes these lines, the build stops here: check the
 * handlers again, then update the patterns (or drop this, once the
 * upstream compiler stops copying).
 */
function fromMarkdownSharedContext(): Plugin {
  const handlerCall = /handler\[events\[index\]\[1\]\.type\]\.call\(\{\s*\.\.\.context,\s*sliceSerialize: events\[index\]\[2\]\.sliceSerialize\s*\}, events\[index\]\[1\]\);/
  const beforeLists = /\n(\s*)const listStack = \[\];/
  return {
    name: 'from-markdown-shared-context',
    setup(build) {
      build.onLoad({filter: /[\\/]mdast-util-from-markdown[\\/](?:dev[\\/])?lib[\\/]index\.js$/}, (args) => {
        const source = readFileSync(args.path, 'utf8')
        if (!handlerCall.test(source) || !beforeLists.test(source)) {
          throw new Error(`${args.path} no longer has the handler call deckdown's build changes (see fromMarkdownSharedContext in tsup.config.ts)`)
        }
        const contents = source
          .replace(beforeLists, '\n$1const handlerContext = {...context, sliceSerialize: undefined};\n$1const listStack = [];')
          .replace(handlerCall, 'handlerContext.sliceSerialize = events[index][2].sliceSerialize;\n        handler[events[index][1].type].call(handlerContext, events[index][1]);')
        return {contents, loader: 'js'}
      })
    }
  }
}

/**
 * fdir (under tinyglobby) probes for picomatch as it loads, with a
 * `require` esbuild cannot follow, for its own `glob()`: Node then resolves
 * and compiles picomatch from `node_modules` at every start of the command
 * (6–7 ms), though tinyglobby never calls that `glob()` (it gives fdir
 * filters of its own, and deckdown's picomatch is bundled). The bundle
 * drops the probe; fdir's `pm` stays `null`, which its `glob()` reports as
 * an error if anything ever calls it. If a new version of fdir changes the
 * lines, the build stops here.
 */
function fdirWithoutPicomatchProbe(): Plugin {
  const probe = /try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/
  return {
    name: 'fdir-without-picomatch-probe',
    setup(build) {
      build.onLoad({filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/}, (args) => {
        const source = readFileSync(args.path, 'utf8')
        if (!probe.test(source)) throw new Error(`${args.path} no longer probes for picomatch as deckdown's build expects (see fdirWithoutPicomatchProbe in tsup.config.ts)`)
        return {contents: source.replace(probe, '/* picomatch probe dropped by deckdown\'s build */'), loader: 'js'}
      })
    }
  }
}

/** The packages bundled so far, by the builds that write the notices. */
const bundledPackages = new Set<string>()

/**
 * Write the licence of every package bundled into the output beside it: their
 * licences ask that the notice travel with the code.
 */
function thirdPartyNotices(target: string): Plugin {
  return {
    name: 'third-party-notices',
    setup(build) {
      build.onEnd((result) => {
        // The entries and the command's bundle are two builds, run at once:
        // each writes the notices of both as far as they are known, so the
        // one that ends last writes them all.
        const roots = bundledPackages
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
        const changed = 'Two packages are bundled with one change each (see tsup.config.ts in deckdown\'s source repository): mdast-util-from-markdown\'s compiler calls token handlers with one shared context object instead of a copy per token (fromMarkdownSharedContext), and fdir no longer probes for picomatch as it loads (fdirWithoutPicomatchProbe).'
        writeFileSync(target, `deckdown's dist/command.cjs, dist/cli.js and dist/worker.js bundle these packages. ${changed}\n\n${sections.join('\n---\n\n')}`)
      })
    }
  }
}
