/**
 * The build cache: warm builds equal cold ones byte for byte, only changed
 * files are built again, unchanged notes keep their `mod`, and a damaged or
 * foreign cache is ignored with a `cache-ignored` info diagnostic.
 */
import {mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {serialize} from 'node:v8'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {compile, openCache, type CompileOptions, type FileCache} from '../../src/index.js'
import {openPackage} from '../emit/apkg/helpers.js'
import {writeTestCorpus, type Corpus} from '../pipeline/corpus.js'
import {fileText} from '../bench/corpus.mjs'

let corpus: Corpus
let cacheDir: string
beforeEach(() => {
  corpus = writeTestCorpus(6, 5)
  cacheDir = mkdtempSync(join(tmpdir(), 'deckdown-cache-'))
})
afterEach(() => {
  rmSync(corpus.dir, {recursive: true, force: true})
  rmSync(cacheDir, {recursive: true, force: true})
})

const t1 = new Date('2026-03-01T10:00:00Z')
const t2 = new Date('2026-03-02T10:00:00Z')

function markdownFiles(): string[] {
  return (readdirSync(join(corpus.dir, 'bank')) as string[]).filter((name) => name.endsWith('.md')).map((name) => `bank/${name}`).sort()
}

async function build(cache: FileCache | null, options: CompileOptions = {}) {
  const inputs = markdownFiles().map((path) => ({path, value: new Uint8Array(readFileSync(join(corpus.dir, path))), root: 'bank'}))
  return compile(inputs, {formats: ['apkg', 'json', 'csv'], bundle: 'bank', jobs: 1, cwd: corpus.dir, now: t1, cache, ...options})
}

async function cachedBuild(options: CompileOptions = {}) {
  const cache = await openCache(cacheDir, corpus.dir)
  const result = await build(cache, options)
  await cache.save()
  return {result, cache}
}

function bytesOf(result: Awaited<ReturnType<typeof build>>): Buffer[] {
  return result.outputs.map((output) => Buffer.from(output.contents))
}

async function notes(result: Awaited<ReturnType<typeof build>>) {
  const pkg = await openPackage(result.outputs.find((output) => output.format === 'apkg')?.contents as Uint8Array)
  try {
    return pkg.rows('SELECT guid, mod, flds FROM notes ORDER BY guid').map((row) => ({guid: String(row['guid']), mod: Number(row['mod']), flds: String(row['flds'])}))
  } finally {
    pkg.close()
  }
}

const edit = (path: string, change: (text: string) => string) => {
  const file = join(corpus.dir, path)
  writeFileSync(file, change(readFileSync(file, 'utf8')))
}

describe('build cache', {timeout: 60_000}, () => {
  it('serves unchanged files from the cache and builds the same bytes as without one', async () => {
    const cold = await build(null)
    const first = await cachedBuild()
    expect(first.cache.stats).toEqual({hits: 0, misses: 8})
    const warm = await cachedBuild()
    expect(warm.cache.stats).toEqual({hits: 8, misses: 0})
    expect(bytesOf(warm.result)).toEqual(bytesOf(cold))
    expect(bytesOf(first.result)).toEqual(bytesOf(cold))
    expect(warm.result.trees).toEqual(cold.trees)
    expect(warm.result.files.map((file) => file.messages.map(String))).toEqual(cold.files.map((file) => file.messages.map(String)))
  })

  it('builds an edited file again, and only that one', async () => {
    await cachedBuild()
    edit('bank/chapitre-03.md', (text) => text.replace('(cas 3.2)', '(cas 3.2, revu)'))
    const warm = await cachedBuild()
    expect(warm.cache.stats).toEqual({hits: 7, misses: 1})
    expect(bytesOf(warm.result)).toEqual(bytesOf(await build(null)))
    expect((await notes(warm.result)).some((note) => note.flds.includes('cas 3.2, revu'))).toBe(true)
  })

  it('parses an edited big file again from what its last parse kept, with the bytes of a cold build', async () => {
    writeFileSync(join(corpus.dir, 'bank/gros.md'), fileText(8, 40))
    await cachedBuild()
    const memos = () => (readdirSync(join(cacheDir, 'files'), {recursive: true}) as string[]).filter((name) => name.endsWith('.reparse'))
    // Only the big file (some 30 kB, parsed in pieces) keeps one.
    expect(memos()).toHaveLength(1)
    for (const change of [(text: string) => `${text}\n## Question ajoutée ?\n\n**Réponse :** Oui.\n`, (text: string) => text.replace('(cas 9.20)', '(cas 9.20, revu)')]) {
      edit('bank/gros.md', change)
      const warm = await cachedBuild()
      expect(warm.cache.stats).toEqual({hits: 8, misses: 1})
      expect(bytesOf(warm.result)).toEqual(bytesOf(await build(null)))
      expect(memos()).toHaveLength(1)
    }
  })

  it('leaves out a deleted file and builds a renamed one under its new name', async () => {
    await cachedBuild()
    unlinkSync(join(corpus.dir, 'bank/chapitre-01.md'))
    renameSync(join(corpus.dir, 'bank/chapitre-02.md'), join(corpus.dir, 'bank/renomme.md'))
    const warm = await cachedBuild()
    expect(warm.cache.stats).toEqual({hits: 6, misses: 1})
    expect(bytesOf(warm.result)).toEqual(bytesOf(await build(null)))
    const json = JSON.parse(String(warm.result.outputs.find((output) => output.format === 'json')?.contents)) as {questions: Array<{source: {file: string}}>}
    const sources = new Set(json.questions.map((question) => question.source.file))
    expect(sources.has('bank/chapitre-01.md')).toBe(false)
    expect(sources.has('bank/chapitre-02.md')).toBe(false)
    expect(sources.has('bank/renomme.md')).toBe(true)
  })

  it('builds every file again when a parse option changes', async () => {
    await cachedBuild()
    const changed = await cachedBuild({deck: ['Révisions']})
    expect(changed.cache.stats).toEqual({hits: 0, misses: 8})
    expect(bytesOf(changed.result)).toEqual(bytesOf(await build(null, {deck: ['Révisions']})))
  })

  it('never serves an apkg-only entry (field trees dropped) to a build that reads field trees', async () => {
    await cachedBuild({formats: ['apkg'], fieldTrees: false})
    const full = await cachedBuild({formats: ['apkg', 'json']})
    expect(full.cache.stats.hits).toBe(0)
    expect(bytesOf(full.result)).toEqual(bytesOf(await build(null, {formats: ['apkg', 'json']})))
    const json = JSON.parse(String(full.result.outputs.find((output) => output.format === 'json')?.contents)) as {questions: Array<{answer: {text: string}}>}
    expect(json.questions.every((question) => question.answer.text !== '')).toBe(true)
    // And the lean entries are still there for the next apkg-only build.
    expect((await cachedBuild({formats: ['apkg'], fieldTrees: false})).cache.stats.misses).toBe(0)
  })

  it('keeps the earlier mod of unchanged notes and stamps edited ones with the build time', async () => {
    await cachedBuild()
    edit('bank/chapitre-04.md', (text) => text.replace('**Réponse :**', '**Réponse :** Corrigée.'))
    const second = await cachedBuild({now: t2})
    const rows = await notes(second.result)
    const t1s = t1.getTime() / 1000
    const t2s = t2.getTime() / 1000
    const edited = rows.filter((row) => row.flds.includes('Corrigée.'))
    expect(edited.length).toBeGreaterThan(0)
    expect(edited.every((row) => row.mod === t2s)).toBe(true)
    expect(rows.filter((row) => !row.flds.includes('Corrigée.')).every((row) => row.mod === t1s)).toBe(true)
    // Without the cache every note is stamped with the build time.
    expect((await notes(await build(null, {now: t2}))).every((row) => row.mod === t2s)).toBe(true)
  })

  it('ignores a corrupt, foreign or misfiled entry with a cache-ignored info and rebuilds the file', async () => {
    const cold = await build(null)
    await cachedBuild()
    const entries = (readdirSync(join(cacheDir, 'files'), {recursive: true}) as string[]).filter((name) => name.endsWith('.bin')).map((name) => join(cacheDir, 'files', name))
    expect(entries).toHaveLength(8)
    const [a, b, c] = entries as [string, string, string]
    writeFileSync(a, 'not a cache entry')
    writeFileSync(b, serialize({name: 'someone-else', format: 1, key: 'x', result: {}}))
    // An entry filed under another file's key.
    writeFileSync(c, readFileSync(entries[3] as string))
    const warm = await cachedBuild()
    expect(warm.cache.stats).toEqual({hits: 5, misses: 3})
    const ignored = warm.cache.diagnostics.flatMap((file) => file.messages)
    expect(ignored.map((message) => [message.ruleId, message.fatal])).toEqual([
      ['cache-ignored', undefined],
      ['cache-ignored', undefined],
      ['cache-ignored', undefined]
    ])
    // One of each (in the order of the files they belong to, which the keys decide).
    const reasons = ignored.map((message) => message.reason).join('\n')
    for (const reason of [/unreadable/, /not written by this version/, /do not match/]) expect(reasons).toMatch(reason)
    expect(bytesOf(warm.result)).toEqual(bytesOf(cold))
    // Rebuilt entries replaced the bad ones.
    expect((await cachedBuild()).cache.stats).toEqual({hits: 8, misses: 0})
  })

  it('ignores a corrupt note history', async () => {
    await cachedBuild()
    writeFileSync(join(cacheDir, 'notes.json'), '{"name": "deckdown-note-history", "format": 1, "notes": ')
    const warm = await cachedBuild({now: t2})
    expect(warm.cache.diagnostics.flatMap((file) => file.messages.map((message) => message.ruleId))).toEqual(['cache-ignored'])
    expect((await notes(warm.result)).every((row) => row.mod === t2.getTime() / 1000)).toBe(true)
  })
})
