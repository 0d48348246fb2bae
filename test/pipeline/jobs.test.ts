/**
 * Worker threads: a build on a pool of workers writes exactly the bytes of a
 * build on one thread, in every format, with the same diagnostics.
 */
import {readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {compile, type CompileInput} from '../../src/index.js'
import {sortedMessages, toDiagnosticRecord} from '../../src/diagnostics/format.js'
import {openPackage} from '../emit/apkg/helpers.js'
import {withCacheFolder, writeTestCorpus} from './corpus.js'
import {openCache} from '../../src/cache/index.js'
import {runFileJob, type FileJob} from '../../src/pipeline/job.js'
import {cachedJobs, runFileJobs, workersWorthIt} from '../../src/pipeline/run.js'

const corpus = writeTestCorpus()
afterAll(() => rmSync(corpus.dir, {recursive: true, force: true}))

const inputs = (): CompileInput[] => corpus.files.map((path) => ({path, value: new Uint8Array(readFileSync(join(corpus.dir, path))), root: 'bank'}))
/** Per-file jobs for corpus files. */
const corpusJobs = (paths: readonly string[], lean = false): FileJob[] =>
  paths.map((path) => ({path, value: new Uint8Array(readFileSync(join(corpus.dir, path))), options: {}, prepareNotes: true, lean}))
const build = (jobs: number, bundle: string | null) =>
  compile(inputs(), {formats: ['apkg', 'json', 'csv'], bundle, jobs, cwd: corpus.dir, now: new Date('2026-03-01T10:00:00Z')})

describe('worker pool', () => {
  for (const bundle of ['bank', null]) {
    it(`writes the same bytes with 1 and 2 workers (${bundle ? 'bundle' : 'one output per file'})`, async () => {
      const [single, pooled] = [await build(1, bundle), await build(2, bundle)]
      expect(pooled.outputs.map((output) => output.path)).toEqual(single.outputs.map((output) => output.path))
      for (const [index, output] of single.outputs.entries()) {
        expect(Buffer.compare(Buffer.from(pooled.outputs[index]?.contents ?? ''), Buffer.from(output.contents)), output.path).toBe(0)
      }
      const diagnostics = (files: typeof single.files) => sortedMessages(files).map((message) => toDiagnosticRecord(message))
      expect(diagnostics(pooled.files)).toEqual(diagnostics(single.files))
      expect(diagnostics(single.files).map((record) => record.ruleId)).toContain('no-questions')
      expect(pooled.trees).toEqual(single.trees)
    }, 60_000)
  }

  it('builds real notes on workers, the sound included', async () => {
    const {outputs} = await build(2, 'bank')
    const apkg = outputs.find((output) => output.format === 'apkg')
    const pkg = await openPackage(apkg?.contents as Uint8Array)
    try {
      expect(pkg.rows('SELECT count(*) AS n FROM notes')[0]?.['n']).toBe(10 * 12 + 1)
      // Fields are bound as bytes and cast: they must be stored as TEXT.
      expect(pkg.rows("SELECT count(*) AS n FROM notes WHERE typeof(flds) != 'text'")[0]?.['n']).toBe(0)
      const sound = pkg.rows("SELECT flds FROM notes WHERE flds LIKE '%[sound:%'")
      expect(sound).toHaveLength(1)
      expect(Object.values(pkg.media as Record<string, string>)).toEqual(['clip.wav'])
      // Highlighted code came from a worker's rendering.
      expect(pkg.rows("SELECT count(*) AS n FROM notes WHERE flds LIKE '%hljs-keyword%'")[0]?.['n']).toBeGreaterThan(100)
    } finally {
      pkg.close()
    }
  }, 60_000)

  it('rejects a jobs count that is not a whole number of at least 1', async () => {
    await expect(compile(inputs(), {jobs: 0})).rejects.toThrow(/jobs/)
    await expect(compile(inputs(), {jobs: 1.5})).rejects.toThrow(/jobs/)
  })
})

describe('a worker that cannot finish a job', () => {
  it('runs the job here: a worker out of memory costs time, never the file', async () => {
    const jobs = corpusJobs(corpus.files.slice(0, 3))
    // A heap far too small for the parser: every worker stops with
    // ERR_WORKER_OUT_OF_MEMORY, a real crash of a real thread.
    const results = []
    for await (const result of runFileJobs(jobs, {jobs: 2, workerLimits: {maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1}})) results.push(result)
    const here = jobs.map((job) => runFileJob(job))
    expect(results.map((result) => result.path)).toEqual(jobs.map((job) => job.path))
    expect(JSON.stringify(results)).toBe(JSON.stringify(here))
    expect(results.every((result) => result.tree.children.length > 0)).toBe(true)
  }, 60_000)
})

describe('pool size', () => {
  const job = (index: number, size: number): FileJob => ({path: `f${index}.md`, value: 'x'.repeat(size), options: {}, prepareNotes: true, lean: false})

  it('counts only the files the cache does not hold', () =>
    withCacheFolder(async (folder) => {
      const jobs = Array.from({length: 40}, (_, index) => job(index, 100_000))
      expect(workersWorthIt(jobs, await cachedJobs(jobs, null), 2)).toBe(2)
      const cache = await openCache(folder)
      for (const one of jobs.slice(1)) await cache.set(one, runFileJob(one))
      const held = await cachedJobs(jobs, cache)
      expect(held.map(Boolean)).toEqual([false, ...jobs.slice(1).map(() => true)])
      // Found entries are handles, so the files need not be read again.
      expect(held[1]).toEqual({key: expect.stringMatching(/^[0-9a-f]{64}$/), path: 'f1.md'})
      // A rebuild after one edit parses it here.
      expect(workersWorthIt(jobs, held, 2)).toBe(0)
      // Twelve edited files (1.2 MB) are worth two workers; the cached ones are read here.
      const edited = held.map((cached, index) => cached && index >= 12)
      expect(workersWorthIt(jobs, edited, 2)).toBe(2)
      expect(workersWorthIt(jobs, edited, 1)).toBe(0)
      // One worker's worth of files is parsed here.
      expect(workersWorthIt(jobs.slice(0, 7), [], 2)).toBe(0)
      // Small files are not worth a worker either, cached or not.
      const small = Array.from({length: 40}, (_, index) => job(index, 100))
      expect(workersWorthIt(small, await cachedJobs(small, null), 2)).toBe(0)
    }))

  it('reads every entry from a cache that cannot check without reading (no `has`), and parses the missing ones', () =>
    withCacheFolder(async (folder) => {
      const jobs = corpusJobs(corpus.files.slice(0, 4))
      const disk = await openCache(folder)
      await disk.set(jobs[1] as FileJob, runFileJob(jobs[1] as FileJob))
      const {has: _has, find: _find, open: _open, ...withoutHas} = disk
      expect(await cachedJobs(jobs, withoutHas)).toEqual([true, true, true, true])
      for (const workers of [1, 2]) {
        const results = []
        for await (const result of runFileJobs(jobs, {jobs: workers, cache: withoutHas})) results.push(result)
        expect(JSON.stringify(results)).toBe(JSON.stringify(jobs.map((one) => runFileJob(one))))
      }
      // One that checks (`has`) but gives no handles: each held file is read
      // again for its key. (The runs above cached every file.)
      const {find: _found, open: _opened, ...hasOnly} = disk
      expect(await cachedJobs(jobs, hasOnly)).toEqual([true, true, true, true])
      const results = []
      for await (const result of runFileJobs(jobs, {jobs: 1, cache: hasOnly})) results.push(result)
      expect(JSON.stringify(results)).toBe(JSON.stringify(jobs.map((one) => runFileJob(one))))
    }), 60_000)

  it('reads entries a few ahead of the one taken: their bytes with `prefetch`, else the lookups themselves', () =>
    withCacheFolder(async (folder) => {
      const jobs = Array.from({length: 20}, (_, index) => job(index, 100))
      const disk = await openCache(folder)
      for (const one of jobs) await disk.set(one, runFileJob(one))
      const here = jobs.map((one) => runFileJob(one))
      // What was asked of the cache by the time the consumer took the first result.
      const asked = async (cache: NonNullable<Parameters<typeof runFileJobs>[1]['cache']>, log: string[]) => {
        const results = runFileJobs(jobs, {jobs: 1, cache})
        const first = await results.next()
        const before = [...log]
        const rest = [first.value]
        for await (const result of results) rest.push(result)
        expect(JSON.stringify(rest)).toBe(JSON.stringify(here))
        return before
      }
      const prefetched: string[] = []
      const withPrefetch = await openCache(folder)
      const prefetch = withPrefetch.prefetch?.bind(withPrefetch)
      const open = withPrefetch.open?.bind(withPrefetch)
      withPrefetch.prefetch = (entry) => (prefetched.push(`prefetch ${entry.path}`), prefetch?.(entry))
      withPrefetch.open = (entry) => (prefetched.push(`open ${entry.path}`), open!(entry))
      // The first entry opened, the next eight only read.
      expect(await asked(withPrefetch, prefetched)).toEqual([...jobs.slice(1, 9).map((one) => `prefetch ${one.path}`), 'open f0.md'])
      const opened: string[] = []
      const {prefetch: _prefetch, ...plain} = await openCache(folder)
      const plainOpen = plain.open?.bind(plain)
      plain.open = (entry) => (opened.push(`open ${entry.path}`), plainOpen!(entry))
      // Without `prefetch`, the first eight entries are opened (read and decoded) at once.
      expect(await asked(plain, opened)).toEqual(jobs.slice(0, 8).map((one) => `open ${one.path}`))
    }), 60_000)

  it('parses the files the cache lacks on a worker while this thread uses the cached ones, in order', () =>
    withCacheFolder(async (folder) => {
      const jobs = corpusJobs(corpus.files)
      const here = jobs.map((one) => runFileJob(one))
      let cache = await openCache(folder)
      // Every other file cached: the two kinds interleave.
      for (const [index, one] of jobs.entries()) if (index % 2 === 0) await cache.set(one, here[index] as ReturnType<typeof runFileJob>)
      cache = await openCache(folder)
      const results = []
      for await (const result of runFileJobs(jobs, {jobs: 2, cache})) results.push(result)
      expect(results.map((result) => result.path)).toEqual(jobs.map((one) => one.path))
      expect(JSON.stringify(results)).toBe(JSON.stringify(here))
      // Each file counted once: read from the cache, or missing and parsed.
      expect(cache.stats).toEqual({hits: Math.ceil(jobs.length / 2), misses: Math.floor(jobs.length / 2)})
      // The parsed files are cached now.
      expect((await cachedJobs(jobs, cache)).map(Boolean)).toEqual(jobs.map(() => true))
    }), 60_000)

  it('starts parsing a file the cache lacks before the consumer reaches it, however many cached files come first', () =>
    withCacheFolder(async (folder) => {
      // Thirty cached files, then one to parse: more than the few jobs per
      // worker that are started ahead of the consumer.
      const jobs = Array.from({length: 31}, (_, index) => job(index, 100))
      let cache = await openCache(folder)
      for (const one of jobs.slice(0, 30)) await cache.set(one, runFileJob(one))
      cache = await openCache(folder)
      const last = jobs[30] as FileJob
      const results = runFileJobs(jobs, {jobs: 2, cache})
      try {
        // Only the first result is taken; the last file is parsed (and
        // cached) meanwhile all the same.
        expect((await results.next()).value?.path).toBe(jobs[0]?.path)
        const deadline = Date.now() + 30_000
        while (!(await cache.has?.(last)) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50))
        expect(await cache.has?.(last)).toBe(true)
      } finally {
        await results.return(undefined)
      }
    }), 60_000)
})
