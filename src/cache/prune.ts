/**
 * Keeping the cache folder from growing without end: every edit of a file
 * adds an entry under a new key, and nothing reads the old one again.
 *
 * A build touches the entries it reads (their modification time becomes
 * now), so an entry's time says when a build last used it. At most once a
 * day (a `pruned` marker file records when), entries no build has used for
 * 30 days are removed, with temporary files a killed build left behind.
 * Several projects or configurations sharing one cache folder keep their
 * entries as long as each builds now and then. Pruning never fails a build:
 * a file that cannot be read or removed is left as it is.
 *
 * @module
 */
import {readdir, rm, stat, utimes, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

/** When pruning happens, and what goes. */
export interface PruneOptions {
  /** The present, in milliseconds (default: `Date.now()`). */
  now?: number | undefined
  /** Entries unused for longer are removed (default: 30 days). */
  maxAgeMs?: number | undefined
  /** Least time between two prunings of one folder (default: a day). */
  intervalMs?: number | undefined
}

const day = 24 * 60 * 60 * 1000
const markerName = 'pruned'

/**
 * Entries this process marked as used, and when: pruning counts in days,
 * so `--watch` need not mark every cached file again on every rebuild.
 */
const touched = new Map<string, number>()
const touchAgainAfter = 60 * 60 * 1000

/** Mark an entry as used now (unless this process did less than an hour before). */
export async function touchEntry(path: string, now: number = Date.now()): Promise<void> {
  const last = touched.get(path)
  if (last !== undefined && now >= last && now - last < touchAgainAfter) return
  touched.set(path, now)
  const seconds = now / 1000
  try {
    await utimes(path, seconds, seconds)
  } catch {
    // Gone meanwhile, or read-only: it is only a hint for pruning.
    touched.delete(path)
  }
}

/**
 * Remove the entries of `folder/files` no build has used for `maxAgeMs`,
 * unless the folder was pruned less than `intervalMs` ago. Returns how many
 * files were removed, or `undefined` when it was not time to prune.
 */
export async function pruneCache(folder: string, options: PruneOptions = {}): Promise<number | undefined> {
  const now = options.now ?? Date.now()
  const maxAge = options.maxAgeMs ?? 30 * day
  const interval = options.intervalMs ?? day
  const marker = join(folder, markerName)
  const last = await modified(marker)
  if (last !== undefined && now - last < interval) return undefined
  let removed = 0
  const files = join(folder, 'files')
  for (const shard of await list(files)) {
    for (const name of await list(join(files, shard))) {
      const path = join(files, shard, name)
      const time = await modified(path)
      // Temporary files are never read: a day is long enough for any write.
      const limit = name.endsWith('.tmp') ? day : maxAge
      if (time === undefined || now - time <= limit) continue
      try {
        await rm(path, {force: true})
        removed++
      } catch {
        // Left for the next pruning.
      }
    }
  }
  try {
    await writeFile(marker, '')
    await utimes(marker, now / 1000, now / 1000)
  } catch {
    // Pruned again next time.
  }
  return removed
}

async function list(folder: string): Promise<string[]> {
  try {
    return await readdir(folder)
  } catch {
    return []
  }
}

async function modified(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs
  } catch {
    return undefined
  }
}
