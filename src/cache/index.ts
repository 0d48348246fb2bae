/**
 * The build cache: per-file job results by content hash, and the history of
 * note contents and `mod` times that keeps re-imports from touching notes
 * whose content did not change.
 *
 * Layout of the cache folder (default `node_modules/.cache/deckdown/`):
 *
 * - `files/<key>.bin`: one job result, `v8.serialize`d (the structured clone
 *   format worker threads use) inside an envelope naming the cache format and
 *   the key, its lean question outlines (outline.ts) and its prepared
 *   notes (prepared.ts) packed. The key hashes the deckdown version, the cache format, the job's
 *   options, its path and its bytes, so a changed file, option or release
 *   simply misses.
 * - `files/<key>.reparse`: what the last parse of a big file left for the
 *   next one (src/pipeline/reparse.ts), under a key of the file's path and
 *   options without its bytes, so the parse after an edit finds it.
 * - `notes.json`: note GUID → content hash and `mod` (see notes.ts).
 * - `versions.json`: per input, the version it was last read at and the
 *   key of its bytes then (see versions.ts).
 * - `pruned`: when entries unused for 30 days were last removed (see
 *   prune.ts; a build marks the entries it reads as used).
 *
 * Anything unreadable, from another format or filed under the wrong key is
 * ignored (the file is parsed again) and reported as a `cache-ignored` info
 * diagnostic on the cache file: a cache is never trusted. Every write goes
 * through a temporary file and a rename, so a crash leaves old or new
 * entries, never half of one.
 *
 * @module
 */
import {createHash, randomBytes} from 'node:crypto'
import {access, mkdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {dirname, join, relative, sep} from 'node:path'
import {deserialize, serialize} from 'node:v8'
import {VFile} from 'vfile'
import {digest} from '../digest.js'
import {report} from '../diagnostics/report.js'
import type {FileJob, FileJobResult} from '../pipeline/job.js'
import packageJson from '../../package.json' with {type: 'json'}
import {NoteHistory} from './notes.js'
import {InputVersions} from './versions.js'
import {packOutline, unpackOutline} from './outline.js'
import {packNotes, unpackNotes} from './prepared.js'
import {pruneCache, touchEntry, type PruneOptions} from './prune.js'

/** Bumped whenever what an entry holds changes shape. */
const cacheFormat = 6
const envelopeName = 'deckdown-cache'

/** Where the CLI keeps its cache when not told otherwise (relative to cwd). */
export const defaultCacheDir = join('node_modules', '.cache', 'deckdown')

/** Per-file results and note history, on disk. */
export interface FileCache {
  /** The cached result of a job, if there is a sound one. */
  get(job: FileJob): Promise<FileJobResult | undefined>
  /**
   * Whether the cache has an entry for a job, without reading it (the build
   * sizes its worker pool by the files it must really parse).
   */
  has?(job: FileJob): Promise<boolean>
  /**
   * Where the cache holds a job's entry, without reading it (`undefined`:
   * it holds none): a handle `open` takes instead of the job. A build checks
   * every input first and uses the entries later, so with `find` and `open`
   * it reads each cached input once, not twice. The entry is the one of the
   * file's bytes when `find` ran.
   */
  find?(job: FileJob): Promise<CachedEntry | undefined>
  /**
   * The entry of a job given with a version (`CompileInput.version`) whose
   * bytes the cache has seen at that version, found without reading the
   * file; `undefined` when it has not (the build then reads the file and
   * asks `find`, which remembers the version).
   */
  findVersion?(job: Omit<FileJob, 'value'> & {version: string}): Promise<CachedEntry | undefined>
  /** The result of an entry `find` gave, if it is sound. */
  open?(entry: CachedEntry): Promise<FileJobResult | undefined>
  /**
   * Start reading an entry `open` will be asked for soon, without decoding
   * it: a build reads the next entries' bytes while it uses this one, and
   * decodes each only when its turn comes.
   */
  prefetch?(entry: CachedEntry): void
  /** Remember the result of a job (and the memo it left, `result.reparse`). */
  set(job: FileJob, result: FileJobResult): Promise<void>
  /**
   * What the last parse of a file (same path and options) left for the
   * next, `null` when nothing (see src/pipeline/reparse.ts). A build asks
   * before it parses a big file again.
   */
  recall?(job: Omit<FileJob, 'value'>): Promise<Uint8Array | null>
  /** Note contents and `mod` times of earlier builds. */
  notes: NoteHistory
  /**
   * Write the note history (call once the build is written), then remove
   * entries no build has used for 30 days (at most once a day).
   *
   * @throws The first error met writing an entry or the history.
   */
  save(): Promise<void>
  /** Diagnostics about the cache itself (`cache-ignored`), one file per problem. */
  diagnostics: VFile[]
  /**
   * Since opening: files served from the cache (`get`), and files not
   * found (by `get`, or by `has`, after which a build parses the file
   * without asking `get`).
   */
  stats: {hits: number; misses: number}
}

/** An entry the cache holds, as `FileCache.find` gives it. */
export interface CachedEntry {
  /** The entry's key (see `keyOf`). */
  readonly key: string
  /** The path of the job it was found for. */
  readonly path: string
}

/**
 * Open (or start) the cache in `folder`.
 *
 * @param folder Cache folder (created on first write).
 * @param cwd Folder diagnostic paths are relative to.
 * @param prune When `save` prunes old entries (defaults: unused for 30
 *   days, at most once a day).
 */
export async function openCache(folder: string, cwd: string = process.cwd(), prune: PruneOptions = {}): Promise<FileCache> {
  const diagnostics: VFile[] = []
  const ignored = (path: string, reason: string) => {
    const file = new VFile({path: relative(cwd, path).split(sep).join('/') || path})
    report(file, 'cache-ignored', `Cache entry ignored (${reason}); the file is built again`, {line: 1, column: 1})
    diagnostics.push(file)
  }
  const notesPath = join(folder, 'notes.json')
  const notes = await NoteHistory.read(notesPath, (reason) => ignored(notesPath, reason))
  const versionsPath = join(folder, 'versions.json')
  const versions = await InputVersions.read(versionsPath, (reason) => ignored(versionsPath, reason))
  let writeError: unknown
  // Entries read by this build, marked as used (awaited by `save`).
  let touches: Array<Promise<void>> = []

  const stats = {hits: 0, misses: 0}
  // Entry bytes read ahead (`prefetch`), until `read` takes them.
  const fetched = new Map<string, Promise<Buffer | undefined>>()
  return {
    notes,
    diagnostics,
    stats,
    get(job) {
      return counted(read(keyOf(job), job.path))
    },
    async has(job) {
      return (await find(job)) !== undefined
    },
    find,
    async findVersion(job) {
      const key = versions.keyOf(inputKey(job), job.version)
      if (key === undefined) return undefined
      try {
        await access(entryPath(folder, key))
        return {key, path: job.path}
      } catch {
        return undefined
      }
    },
    open(entry) {
      return counted(read(entry.key, entry.path))
    },
    prefetch(entry) {
      if (!fetched.has(entry.key)) fetched.set(entry.key, readEntry(entry.key))
    },
    async set(job, {reparse, ...result}) {
      const key = keyOf(job)
      try {
        const path = entryPath(folder, key)
        const {tree, sourceName} = packOutline(result.tree, result.path)
        await writeAtomically(path, serialize({name: envelopeName, format: cacheFormat, key, result: {...result, tree, notes: packNotes(result.notes)}, sourceName}))
        const input = inputKey(job)
        if (reparse) await writeAtomically(reparsePath(folder, input), reparse)
        if (job.version !== undefined) versions.remember(input, job.version, key)
        // Written now, unless the cache was given another clock.
        if (prune.now !== undefined) touches.push(touchEntry(path, prune.now))
      } catch (error) {
        // The build goes on without caching; `save` reports it.
        writeError ??= error
      }
    },
    async recall(job) {
      try {
        return await readFile(reparsePath(folder, inputKey(job)))
      } catch {
        return null
      }
    },
    async save() {
      // Entries read ahead for a build that stopped before taking them.
      fetched.clear()
      if (writeError) throw writeError
      if (notes.changed) await writeAtomically(notesPath, notes.toJson())
      if (versions.changed) await writeAtomically(versionsPath, versions.toJson())
      await Promise.all(touches)
      touches = []
      await pruneCache(folder, prune)
    }
  }

  async function find(job: FileJob): Promise<CachedEntry | undefined> {
    const key = keyOf(job)
    try {
      await access(entryPath(folder, key))
      if (job.version !== undefined) versions.remember(inputKey(job), job.version, key)
      return {key, path: job.path}
    } catch {
      // A build asks once per file and parses the files it is told are
      // missing without asking `get`.
      stats.misses++
      return undefined
    }
  }

  async function counted(reading: Promise<FileJobResult | undefined>): Promise<FileJobResult | undefined> {
    const result = await reading
    if (result) stats.hits++
    else stats.misses++
    return result
  }

  /** The bytes of entry `key`, `undefined` when it cannot be read. */
  async function readEntry(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(entryPath(folder, key))
    } catch {
      return undefined
    }
  }

  /** The sound entry `key` holds for the job of `jobPath`. */
  async function read(key: string, jobPath: string): Promise<FileJobResult | undefined> {
    const path = entryPath(folder, key)
    const prefetched = fetched.get(key)
    fetched.delete(key)
    const bytes = await (prefetched ?? readEntry(key))
    if (!bytes) return undefined
    try {
      const envelope = deserialize(bytes) as {name?: unknown; format?: unknown; key?: unknown; result?: unknown; sourceName?: unknown}
      if (envelope?.name !== envelopeName || envelope.format !== cacheFormat) {
        ignored(path, 'not written by this version of deckdown')
        return undefined
      }
      const stored = isStoredResult(envelope.result, jobPath) ? envelope.result : undefined
      const notes = stored && unpackNotes(stored.notes)
      if (envelope.key !== key || !stored || !notes || !unpackOutline(stored.tree, jobPath, envelope.sourceName)) {
        ignored(path, 'its contents do not match its name')
        return undefined
      }
      const result: FileJobResult = {...stored, notes}
      touches.push(touchEntry(path, prune.now))
      return result
    } catch {
      ignored(path, 'unreadable')
      return undefined
    }
  }
}

/** The content hash a job is cached under. */
export function keyOf(job: FileJob): string {
  const hash = createHash('sha256')
  hash.update(jobIdentity(job))
  hash.update('\u0000')
  hash.update(typeof job.value === 'string' ? `text:${job.value}` : job.value)
  return hash.digest('hex')
}

/** What, besides the file's bytes, makes a job's result what it is. */
function jobIdentity(job: Omit<FileJob, 'value'>): string {
  return JSON.stringify([envelopeName, cacheFormat, packageJson.version, job.path, job.prepareNotes, job.lean, job.historyDeck ?? null, sortedOptions(job.options)])
}

/** Where the entry of `key` is, in a folder per its first two characters. */
function entryPath(folder: string, key: string, extension = '.bin'): string {
  return join(folder, 'files', key.slice(0, 2), `${key.slice(2)}${extension}`)
}

/** A hash of what names an input apart from its bytes: its path and options. */
function inputKey(job: Omit<FileJob, 'value'>): string {
  return digest('sha256', jobIdentity(job), 'hex')
}

/** Where the memo of an input's last parse is (one per path and options, see `inputKey`; replaced on each parse). */
function reparsePath(folder: string, input: string): string {
  return entryPath(folder, input, '.reparse')
}

function sortedOptions(options: FileJob['options']): Array<[string, unknown]> {
  return Object.entries(options)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/** A result as an entry holds it: its notes packed (prepared.ts). */
type StoredResult = Omit<FileJobResult, 'notes'> & {notes: unknown}

/** Shape check of a deserialized result: enough that using it cannot throw. */
function isStoredResult(value: unknown, path: string): value is StoredResult {
  if (typeof value !== 'object' || value === null) return false
  const result = value as Partial<StoredResult>
  return (
    result.path === path &&
    (result.text === undefined || typeof result.text === 'string') &&
    typeof result.tree === 'object' &&
    result.tree !== null &&
    result.tree.type === 'root' &&
    Array.isArray(result.tree.children) &&
    Array.isArray(result.messages) &&
    'notes' in result
  )
}

/** Write through a temporary file and a rename. */
export async function writeAtomically(target: string, contents: string | Uint8Array): Promise<void> {
  await mkdir(dirname(target), {recursive: true})
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await writeFile(temporary, contents)
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

export {NoteHistory} from './notes.js'
