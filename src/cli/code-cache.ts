/**
 * Loading the command's bundle through V8's code cache.
 *
 * Every start of `deckdown` compiled its 1.9 MB bundle anew: some 75 ms to
 * compile the script, and as much again to compile, on first call, the
 * functions a build runs. That was a tenth of a rebuild after one edit.
 * V8 can serialize what it has compiled for a script and take it back in a
 * later process (Node 22's `module.enableCompileCache` does this for
 * modules; Node 20 offers it only for `vm.Script`). So the command ships as
 * one CommonJS bundle (`dist/command.cjs`), which the small ESM entries
 * (`dist/cli.js`, `dist/worker.js`) compile here with the cached data of
 * an earlier run.
 *
 * The cache is an optimisation and never trusted beyond that:
 * - its file name holds a SHA-256 of the bundle's bytes and Node's version
 *   and architecture, so another deckdown or Node finds no file to take;
 * - its own SHA-256 is checked before V8 sees it, so a torn or damaged file
 *   is ignored (V8 checks versions and flags, not the payload's integrity);
 * - V8 may still reject it (other V8 flags): the script then compiles from
 *   source, as without a cache;
 * - every failure to read or write it is silent: the command runs the same,
 *   only slower.
 *
 * The bundle must not call `import()`: functions V8 brings back from a cache
 * have lost the script's dynamic-import callback, and Node then rejects the
 * call. The entries pass `import` in where the bundle needs it (config
 * files written as modules).
 *
 * What goes in: V8 serializes every function compiled in the thread when it
 * writes, those it took from the cache included (the command turns off V8's
 * dropping of unused bytecode, so they are still there). The file records
 * the kinds of run it holds (`build`, `check`, `worker`…); a thread of a
 * kind it lacks writes it anew as it exits, adding its own. That matters
 * because a cold build compiles the parser on its worker threads, and a
 * rebuild after one edit runs it on the main thread: with the workers'
 * functions in the cache, the rebuild compiles neither. A thread does not
 * write over a file written since it read it that holds kinds it lacks
 * (the cold build's main thread, after its workers): the next run takes
 * that file and adds its own kind. A file always holds what its kinds
 * say; two processes writing at once only delay what a later run adds.
 *
 * @module
 */
import {createHash} from 'node:crypto'
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import vm from 'node:vm'
import {threadId} from 'node:worker_threads'

/** How many cache files a folder keeps (other deckdown or Node versions). */
const keptFiles = 8

const magic = Buffer.from('DDC2')

/**
 * The folder for the code cache: `DECKDOWN_CODE_CACHE` if set (`0`, `off`
 * or `false` turn the cache off), else `code/` in the user's cache folder
 * (none without a home folder)
 * (`~/.cache/deckdown` on Linux, `~/Library/Caches/deckdown` on macOS,
 * `%LOCALAPPDATA%\\deckdown\\Cache` on Windows).
 */
export async function codeCacheDir(env: Readonly<Record<string, string | undefined>>): Promise<string | null> {
  const setting = env['DECKDOWN_CODE_CACHE']
  if (setting !== undefined && setting !== '') return /^(0|off|false|no)$/i.test(setting) ? null : setting
  try {
    // Imported here: env-paths asks for the home folder as it loads, and
    // Node throws where there is none (a container run as a user without an
    // entry in /etc/passwd, and no HOME). There is then no cache.
    const {default: envPaths} = await import('env-paths')
    return join(envPaths('deckdown', {suffix: ''}).cache, 'code')
  } catch {
    return null
  }
}

/** A loaded bundle and the control of its cache. */
export interface LoadedBundle<Exports> {
  exports: Exports
  /** Whether compiled code came from the cache (V8 accepted it). */
  fromCache: boolean
  /**
   * Write nothing at exit. For a thread whose V8 flags change after the
   * load: code cached under the new flags would be rejected by the next
   * run, which starts without them.
   */
  keepCacheAsIs(): void
}

/** Where the cache is, and what kind of run this thread is. */
export interface CodeCacheOptions {
  /** The cache's folder; null: compile from source, write nothing. */
  dir: string | null
  /**
   * What this thread runs (`build`, `worker`…). The cache records the kinds
   * of run whose compiled functions it holds; a thread of a kind it lacks
   * writes it again at exit, with those functions added.
   */
  kind: string
}

/**
 * Load the CommonJS bundle `file` (its `module.exports`), compiled with the
 * code cache in `options.dir`, and write the cache when the thread exits if
 * it lacks what this kind of run compiles.
 *
 * @example
 *   const {exports} = loadBundle<{main: typeof main}>(fileURLToPath(new URL('./command.cjs', import.meta.url)), {dir: await codeCacheDir(process.env), kind: 'build'})
 */
export function loadBundle<Exports>(file: string, options: CodeCacheOptions): LoadedBundle<Exports> {
  const source = readFileSync(file)
  const cacheFile = options.dir === null ? null : join(options.dir, `${createHash('sha256').update(source).update(`\0${process.version}\0${process.arch}`).digest('hex').slice(0, 32)}.bin`)
  const found = cacheFile === null ? undefined : readCache(cacheFile)

  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`, {
    filename: file,
    ...(found ? {cachedData: found.data} : {})
  })
  const fromCache = found !== undefined && script.cachedDataRejected === false
  const bundleModule = {exports: {} as Exports}
  ;(script.runInThisContext() as (...parameters: unknown[]) => void)(bundleModule.exports, createRequire(file), bundleModule, file, dirname(file))

  // What this thread's cache will hold: what it took (all of it compiled in
  // this thread now, kept by --no-flush-bytecode) and what it compiles.
  const kinds = new Set(fromCache ? found.kinds : [])
  let keep = cacheFile === null || kinds.has(options.kind)
  kinds.add(options.kind)
  if (cacheFile !== null) {
    process.once('exit', () => {
      if (!keep) writeCache(cacheFile, [...kinds].sort(), script, found?.digest, fromCache)
    })
  }
  return {
    exports: bundleModule.exports,
    fromCache,
    keepCacheAsIs() {
      keep = true
    }
  }
}

/** A cache file: its kinds of run, V8's data, and its digest. */
interface CacheFile {
  kinds: string[]
  data: Buffer
  digest: Buffer
}

/**
 * The cache file's contents if it is whole. Layout: `DDC2`, the SHA-256 of
 * the rest, the length of the kinds (2 bytes), the kinds (comma-separated),
 * V8's data.
 */
function readCache(file: string): CacheFile | undefined {
  try {
    const stored = readFileSync(file)
    if (stored.length <= 38 || !stored.subarray(0, 4).equals(magic)) return undefined
    const digest = stored.subarray(4, 36)
    if (!createHash('sha256').update(stored.subarray(36)).digest().equals(digest)) return undefined
    const kindsEnd = 38 + stored.readUInt16LE(36)
    return {kinds: stored.subarray(38, kindsEnd).toString('utf8').split(',').filter(Boolean), data: stored.subarray(kindsEnd), digest}
  } catch {
    return undefined
  }
}

/**
 * Write the script's compiled code to `file` (through a temporary file and a
 * rename, so a reader never sees half of it), unless the file there now is
 * one V8 can take (not the one it turned down at load) and either holds
 * every kind of run this one would, or was written since the load (by a
 * worker of this build, say) with kinds this one lacks: writing over it
 * would drop that writer's functions, and the next run of this kind, taking
 * them, adds its own.
 */
function writeCache(file: string, kinds: string[], script: vm.Script, loaded: Buffer | undefined, taken: boolean): void {
  try {
    const now = readCache(file)
    const usable = now && !(loaded && !taken && now.digest.equals(loaded))
    if (usable) {
      if (kinds.every((kind) => now.kinds.includes(kind))) return
      const replaced = !loaded || !now.digest.equals(loaded)
      if (replaced && now.kinds.some((kind) => !kinds.includes(kind))) return
    }
    const data = script.createCachedData()
    const label = Buffer.from(kinds.join(','))
    const body = Buffer.concat([Buffer.alloc(2), label, data])
    body.writeUInt16LE(label.length, 0)
    const folder = dirname(file)
    mkdirSync(folder, {recursive: true})
    const temporary = `${file}.${process.pid}.${threadId}.tmp`
    writeFileSync(temporary, Buffer.concat([magic, createHash('sha256').update(body).digest(), body]))
    renameSync(temporary, file)
    // A new file (not one written over): others may be old enough to go.
    if (!now) pruneOthers(folder)
  } catch {
    // A read-only or full disk: the next run compiles from source.
  }
}

/** Remove all but the newest few cache files (left by other versions). */
function pruneOthers(folder: string): void {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.bin'))
    .map((name) => ({path: join(folder, name), time: statOrNull(join(folder, name))?.mtimeMs ?? 0}))
    .sort((a, b) => b.time - a.time)
  for (const {path} of files.slice(keptFiles)) rmSync(path, {force: true})
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file)
  } catch {
    return null
  }
}
