/**
 * Inputs given as readers: read when the build reaches them (so a build
 * holds only the files it is parsing), building the same bytes as inputs
 * given whole; a reader that fails is that file's `read-failed` error.
 */
import {readFileSync, rmSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {compile, compileStream, type CompileInput, type CompileOptions} from '../../src/index.js'
import {openCache} from '../../src/cache/index.js'
import {withCacheFolder, writeTestCorpus} from './corpus.js'

const corpus = writeTestCorpus(24, 6)
afterAll(() => rmSync(corpus.dir, {recursive: true, force: true}))

const whole = (): CompileInput[] => corpus.files.map((path) => ({path, value: new Uint8Array(readFileSync(join(corpus.dir, path))), root: 'bank'}))
/** The corpus as readers; `reads` lists the paths read, in call order. */
function readers(reads: string[] = [], failing?: string): CompileInput[] {
  return corpus.files.map((path) => ({
    path,
    root: 'bank',
    size: readFileSync(join(corpus.dir, path)).byteLength,
    value: async () => {
      reads.push(path)
      if (path === failing) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), {code: 'ENOENT'})
      return new Uint8Array(await readFile(join(corpus.dir, path)))
    }
  }))
}
const options = (jobs: number, extra: Partial<CompileOptions> = {}): CompileOptions => ({
  formats: ['apkg', 'json', 'csv'],
  bundle: 'bank',
  jobs,
  cwd: corpus.dir,
  now: new Date('2026-03-01T10:00:00Z'),
  ...extra
})
const bytesOf = (outputs: ReadonlyArray<{path: string; contents: Uint8Array | string}>) => outputs.map((output) => [output.path, Buffer.from(output.contents).toString('base64')])

describe('inputs given as readers', () => {
  for (const jobs of [1, 2]) {
    it(`build the bytes of inputs given whole (${jobs === 1 ? 'one thread' : 'two workers'}), cold and from the cache`, async () => {
      const expected = bytesOf((await compile(whole(), options(jobs))).outputs)
      expect(bytesOf((await compile(readers(), options(jobs))).outputs)).toEqual(expected)
      await withCacheFolder(async (folder) => {
        const cold = await compile(readers(), options(jobs, {cache: await openCache(folder)}))
        expect(bytesOf(cold.outputs)).toEqual(expected)
        const cache = await openCache(folder)
        const reads: string[] = []
        const warm = await compile(readers(reads), options(jobs, {cache}))
        expect(bytesOf(warm.outputs)).toEqual(expected)
        expect(cache.stats.hits).toBe(corpus.files.length)
        // Each input is read once: for its key, the entry then read by it.
        expect(reads).toEqual(corpus.files)
      })
    }, 60_000)
  }

  for (const jobs of [1, 2]) {
    it(`are not read again when the cache has seen their version (${jobs === 1 ? 'one thread' : 'two workers'})`, async () => {
      const versioned = (reads: string[], versions: (path: string) => string | undefined) =>
        readers(reads).map((input) => ({...input, version: versions(input.path)}))
      const expected = bytesOf((await compile(whole(), options(jobs))).outputs)
      await withCacheFolder(async (folder) => {
        const first = await openCache(folder)
        await compile(versioned([], () => 'v1'), options(jobs, {cache: first}))
        await first.save()
        // Same versions: nothing read, everything from the cache.
        const reads: string[] = []
        const warm = await openCache(folder)
        expect(bytesOf((await compile(versioned(reads, () => 'v1'), options(jobs, {cache: warm}))).outputs)).toEqual(expected)
        expect(reads).toEqual([])
        expect(warm.stats.hits).toBe(corpus.files.length)
        // A new version, or none, is read (and found by its bytes).
        const changed = corpus.files[2] as string
        const unversioned = corpus.files[5] as string
        const again: string[] = []
        const next = await openCache(folder)
        const result = await compile(
          versioned(again, (path) => (path === changed ? 'v2' : path === unversioned ? undefined : 'v1')),
          options(jobs, {cache: next})
        )
        expect(bytesOf(result.outputs)).toEqual(expected)
        expect(again.sort()).toEqual([changed, unversioned].sort())
        expect(next.stats.hits).toBe(corpus.files.length)
        await next.save()
        // The new version is remembered for the next build.
        const later: string[] = []
        await compile(versioned(later, (path) => (path === changed ? 'v2' : 'v1')), options(jobs, {cache: await openCache(folder)}))
        expect(later).toEqual([])
      })
    }, 60_000)
  }

  it('are read when the entry their version names is gone', async () => {
    await withCacheFolder(async (folder) => {
      const first = await openCache(folder)
      await compile(readers().map((input) => ({...input, version: 'v1'})), options(1, {cache: first}))
      await first.save()
      rmSync(join(folder, 'files'), {recursive: true, force: true})
      const reads: string[] = []
      const result = await compile(
        readers(reads).map((input) => ({...input, version: 'v1'})),
        options(1, {cache: await openCache(folder)})
      )
      expect(bytesOf(result.outputs)).toEqual(bytesOf((await compile(whole(), options(1))).outputs))
      // Each file is read for its key, found missing, and read to be parsed.
      expect([...new Set(reads)].sort()).toEqual([...corpus.files].sort())
    })
  }, 60_000)

  it('are read only as the build reaches their files', async () => {
    const reads: string[] = []
    const stream = compileStream(readers(reads), options(2, {bundle: null, formats: ['json']}))
    const first = await stream.next()
    expect(first.done).toBe(false)
    // Two workers are kept a few files ahead of the consumer, not the whole list.
    expect(reads.length).toBeGreaterThan(0)
    expect(reads.length).toBeLessThan(corpus.files.length / 2)
    expect(reads).toEqual(corpus.files.slice(0, reads.length))
    let files = 1
    for await (const _ of stream) files++
    expect(files).toBe(corpus.files.length)
    expect(reads).toEqual(corpus.files)
  }, 60_000)

  for (const jobs of [1, 2]) {
    it(`report a failed read as that file's error and build the others (${jobs === 1 ? 'one thread' : 'two workers'}, with a cache)`, async () => {
      const failing = corpus.files[3] as string
      await withCacheFolder(async (folder) => {
        const result = await compile(readers([], failing), options(jobs, {cache: await openCache(folder)}))
        const file = result.files.find((candidate) => candidate.path === failing)
        expect(file?.messages.map((message) => [message.ruleId, message.line, message.column, message.fatal])).toEqual([['read-failed', 1, 1, true]])
        expect(String(file?.messages[0]?.reason)).toBe('Cannot read this file: ENOENT')
        // The other files are all in the deck; the failed one is in no output.
        const json = JSON.parse(String(result.outputs.find((output) => output.format === 'json')?.contents)) as {questions: Array<{source: {file: string}}>}
        const sources = [...new Set(json.questions.map((question) => question.source.file))]
        expect(sources).toEqual(corpus.files.filter((path) => path !== failing && path !== 'bank/vide.md'))
        // Nothing was cached for it: once readable, it is parsed.
        const again = await compile(readers(), options(jobs, {cache: await openCache(folder)}))
        expect(bytesOf(again.outputs)).toEqual(bytesOf((await compile(whole(), options(jobs))).outputs))
      })
    }, 60_000)
  }

  it('need their size', async () => {
    const [first] = readers()
    const {size: _, ...sizeless} = first as CompileInput
    await expect(compile([sizeless], options(1))).rejects.toThrow(/is given as a reader, so it needs its `size`/)
    await expect(compileStream([sizeless], options(1)).next()).rejects.toThrow(TypeError)
  })
})
