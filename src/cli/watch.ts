/**
 * `--watch`: build, then build again whenever an input changes, until
 * stopped (Ctrl-C, or the signal given to `main`).
 *
 * Each rebuild is a whole `build` run through the cache, so only changed
 * files are parsed again; it prints its diagnostics and its one summary
 * line, as a single build does. A failing build (errors, even a crash)
 * does not stop watching.
 *
 * @module
 */
import {watch as watchFolder, type FSWatcher} from 'node:fs'
import {stat} from 'node:fs/promises'
import {dirname, relative, resolve, sep} from 'node:path'
import {isDynamicPattern} from 'tinyglobby'

/** What watching needs. */
export interface WatchOptions {
  operands: readonly string[]
  cwd: string
  /** Folders whose changes never trigger a build (outputs, cache). */
  ignore: readonly string[]
  /** One build; resolves to its exit code. */
  build(): Promise<number>
  /** Where watch's own lines go. */
  stderr: {write(chunk: string): unknown}
  /** Stops watching. */
  signal?: AbortSignal | undefined
}

/** Wait this long after the last change before building (editors write in bursts). */
const settleMs = 150

/**
 * Build, then watch. Resolves with the last build's exit code once `signal`
 * aborts; runs until the process ends otherwise.
 */
export async function watchBuilds(options: WatchOptions): Promise<number> {
  const {stderr, signal} = options
  let code = await safeBuild(options)
  const roots = await watchRoots(options.operands, options.cwd)
  const ignored = options.ignore.map((folder) => resolve(options.cwd, folder) + sep)
  let timer: NodeJS.Timeout | undefined
  let building: Promise<void> | undefined
  let again = false

  const rebuild = () => {
    if (building) {
      again = true
      return
    }
    building = (async () => {
      do {
        again = false
        code = await safeBuild(options)
      } while (again && !signal?.aborted)
      building = undefined
    })()
  }

  const watchers: FSWatcher[] = roots.map((root) =>
    watchFolder(root, {recursive: true}, (_event, name) => {
      const path = resolve(root, String(name ?? ''))
      if (ignored.some((folder) => path.startsWith(folder) || `${path}${sep}` === folder)) return
      // Temporary files of atomic writes, editor swap files, hidden files and
      // folders inside the watched one (not above it: a project may live in
      // a hidden folder).
      if (relative(root, path).split(sep).some((part) => part.startsWith('.') && part !== '.' && part !== '..') || path.endsWith('.tmp') || path.endsWith('~')) return
      clearTimeout(timer)
      timer = setTimeout(rebuild, settleMs)
    })
  )
  stderr.write(`deckdown: watching ${options.operands.join(', ')} (Ctrl-C to stop)\n`)

  await new Promise<void>((done) => {
    if (signal?.aborted) return done()
    signal?.addEventListener('abort', () => done(), {once: true})
  })
  clearTimeout(timer)
  for (const watcher of watchers) watcher.close()
  await building
  return code
}

async function safeBuild(options: WatchOptions): Promise<number> {
  try {
    return await options.build()
  } catch (error) {
    options.stderr.write(`deckdown: build failed: ${(error as Error).message}; still watching\n`)
    return 2
  }
}

/** Folders to watch: each folder operand, a file's folder, the working folder for a glob. */
async function watchRoots(operands: readonly string[], cwd: string): Promise<string[]> {
  const roots = new Set<string>()
  for (const operand of operands) {
    const path = resolve(cwd, operand)
    try {
      roots.add((await stat(path)).isDirectory() ? path : dirname(path))
    } catch {
      roots.add(isDynamicPattern(operand) ? cwd : dirname(path))
    }
  }
  // A folder inside another watched folder is already watched.
  return [...roots].filter((root) => ![...roots].some((other) => other !== root && root.startsWith(other + sep)))
}
