/**
 * Cache pruning: entries a build reads are marked as used, and entries no
 * build has used for 30 days go, at most once a day, with stale temporary
 * files; what a build uses survives, and warm builds stay warm.
 */
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {compile, openCache} from '../../src/index.js'
import {pruneCache, touchEntry} from '../../src/cache/prune.js'
import {writeTestCorpus, type Corpus} from '../pipeline/corpus.js'

const day = 24 * 60 * 60 * 1000
let corpus: Corpus
let cacheDir: string
beforeEach(() => {
  corpus = writeTestCorpus(4, 3)
  cacheDir = mkdtempSync(join(tmpdir(), 'deckdown-prune-'))
})
afterEach(() => {
  rmSync(corpus.dir, {recursive: true, force: true})
  rmSync(cacheDir, {recursive: true, force: true})
})

function entries(): string[] {
  const files = join(cacheDir, 'files')
  return readdirSync(files).flatMap((shard) => readdirSync(join(files, shard)).map((name) => `${shard}${name}`)).sort()
}

/** A build of the corpus with the cache's clock at `now`. */
async function build(now: number) {
  const cache = await openCache(cacheDir, corpus.dir, {now})
  const paths = readdirSync(join(corpus.dir, 'bank')).filter((name) => name.endsWith('.md')).sort()
  const inputs = paths.map((name) => ({path: `bank/${name}`, value: new Uint8Array(readFileSync(join(corpus.dir, 'bank', name))), root: 'bank'}))
  await compile(inputs, {formats: ['json'], jobs: 1, cwd: corpus.dir, now: new Date('2026-03-01'), cache})
  await cache.save()
  return cache.stats
}

describe('cache pruning', () => {
  it('removes the entries no build used for 30 days, keeps the ones it read', async () => {
    const start = Date.now()
    // Four chapters, a file with a sound, a file without questions.
    const files = corpus.files.length
    expect(await build(start)).toEqual({hits: 0, misses: files})
    const before = entries()
    expect(before).toHaveLength(files)

    // Forty days later one file has changed: its old entry is no longer
    // read by anyone, the others are read and so marked as used.
    const edited = join(corpus.dir, corpus.files[0] as string)
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n## Une question de plus ?\n\n**Réponse :** Oui.\n`)
    expect(await build(start + 40 * day)).toEqual({hits: files - 1, misses: 1})
    const after = entries()
    expect(after).toHaveLength(files)
    expect(after.filter((entry) => !before.includes(entry))).toHaveLength(1)
    expect(before.filter((entry) => !after.includes(entry))).toHaveLength(1)

    // Still warm: nothing in use was removed.
    expect(await build(start + 41 * day)).toEqual({hits: files, misses: 0})
  })

  it('prunes at most once a day, and removes stale temporary files', async () => {
    const now = Date.now()
    const shard = join(cacheDir, 'files', 'ab')
    const old = join(shard, 'cdef.bin')
    const temporary = join(shard, 'cdef.bin.0123456789ab.tmp')
    const fresh = join(shard, 'fresh.bin')
    mkdirSync(shard, {recursive: true})
    for (const path of [old, temporary, fresh]) writeFileSync(path, 'x')
    utimesSync(old, (now - 31 * day) / 1000, (now - 31 * day) / 1000)
    utimesSync(temporary, (now - 2 * day) / 1000, (now - 2 * day) / 1000)
    expect(await pruneCache(cacheDir, {now})).toBe(2)
    expect(readdirSync(shard)).toEqual(['fresh.bin'])

    // A second pruning the same day does not look.
    utimesSync(fresh, (now - 31 * day) / 1000, (now - 31 * day) / 1000)
    expect(await pruneCache(cacheDir, {now: now + 60_000})).toBeUndefined()
    expect(readdirSync(shard)).toEqual(['fresh.bin'])
    expect(await pruneCache(cacheDir, {now: now + day + 60_000})).toBe(1)
    expect(readdirSync(shard)).toEqual([])
  })

  it('marks an entry once an hour at most per process (a --watch rebuild reads every entry)', async () => {
    const entry = join(cacheDir, 'entry.bin')
    writeFileSync(entry, 'x')
    const start = Date.parse('2026-03-01T12:00:00Z')
    const mtime = () => statSync(entry).mtimeMs
    await touchEntry(entry, start)
    expect(mtime()).toBe(start)
    await touchEntry(entry, start + 10 * 60 * 1000)
    expect(mtime()).toBe(start)
    await touchEntry(entry, start + 2 * 60 * 60 * 1000)
    expect(mtime()).toBe(start + 2 * 60 * 60 * 1000)
    // An earlier clock (a test, a clock set back) marks it again.
    await touchEntry(entry, start)
    expect(mtime()).toBe(start)
  })

  it('leaves a folder without entries alone', async () => {
    expect(await pruneCache(join(cacheDir, 'missing'), {now: Date.now()})).toBe(0)
  })
})
