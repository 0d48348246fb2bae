/**
 * Note data prepared by a per-file job (fields as UTF-8, GUID, checksum, sort
 * field, card ordinals, note history hash) makes the very package, and the
 * very note history, the apkg emitter makes computing everything itself.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {toApkg} from '../../src/emit/apkg/index.js'
import {parse} from '../../src/parse/index.js'
import {openCache} from '../../src/cache/index.js'
import {NoteHistory} from '../../src/cache/notes.js'
import {apkgEmitter} from '../../src/emit/apkg/index.js'
import {jsonEmitter} from '../../src/emit/json/index.js'
import {parseStage} from '../../src/pipeline/stage.js'
import {withCacheFolder} from './corpus.js'
import {runFileJob, type FileJobResult} from '../../src/pipeline/job.js'
import {preparedFields, preparedNote, rememberPreparedNote} from '../../src/pipeline/prepared.js'
import {planNotes} from '../../src/emit/apkg/plan.js'
import {toCsv} from '../../src/emit/csv/index.js'
import {contextFor} from '../emit/csv/helpers.js'

// The bundled examples and every dialect fixture: all kinds of note
// (basic, reversed, cloze, choice), media, empty fields, repeated ids.
const root = fileURLToPath(new URL('../..', import.meta.url))
const markdown = [
  ...readdirSync(join(root, 'fixtures')).map((name) => join('fixtures', name)),
  ...readdirSync(join(root, 'test/fixtures'), {recursive: true, encoding: 'utf8'}).map((name) => join('test/fixtures', name))
]
  .filter((name) => /\.(md|txt)$/.test(name))
  .sort()

describe('prepared notes', () => {
  it('has fixtures to check', () => {
    expect(markdown.length).toBeGreaterThan(40)
  })

  /** Run the job for a fixture and remember its prepared notes; how many there are. */
  function prepare(job: FileJobResult): number {
    let index = 0
    let prepared = 0
    for (const section of job.tree.children) {
      for (const question of section.children) {
        const note = job.notes[index++]
        if (!note) continue
        rememberPreparedNote(question, note)
        prepared++
      }
    }
    return prepared
  }

  for (const name of markdown) {
    it(`${name}: the package and the note history are the same with the job's note data as without`, async () => {
      const path = join(root, name)
      const value = new Uint8Array(readFileSync(path))
      const alone = parse(new VFile({path, value}))
      // `contextFor` names the output `deck`: the deck of questions without one.
      const job = runFileJob({path, value, options: {}, prepareNotes: true, lean: true, historyDeck: 'deck'})
      const prepared = prepare(job)
      const questions = job.tree.children.flatMap((section) => section.children)
      expect(questions.filter((question) => preparedNote(question))).toHaveLength(prepared)
      expect(job.notes.filter((note) => note?.contentHash)).toHaveLength(prepared)
      const [withHistory, computedHistory] = [new NoteHistory(), new NoteHistory()]
      const withJob = await toApkg(job.tree, contextFor(new VFile({path}), {history: withHistory}))
      const computed = await toApkg(alone.tree, contextFor(alone.file, {history: computedHistory}))
      expect(Buffer.compare(Buffer.from(withJob), Buffer.from(computed))).toBe(0)
      expect(withHistory.toJson()).toBe(computedHistory.toJson())
    })
  }

  it("carries a file's fields as one buffer, decoded only for an emitter that reads them (CSV)", async () => {
    const path = join(root, 'fixtures', 'python-basics.md')
    const value = new Uint8Array(readFileSync(path))
    const job = runFileJob({path, value, options: {}, prepareNotes: true, lean: true})
    const notes = job.notes.filter((note) => note !== null)
    expect(notes.length).toBeGreaterThan(3)
    expect(new Set(notes.map((note) => note.flds.buffer)).size).toBe(1)
    prepare(job)
    const alone = parse(new VFile({path, value}))
    const fromJob = await planNotes(job.tree, contextFor(new VFile({path})))
    const computed = await planNotes(alone.tree, contextFor(alone.file))
    expect(fromJob.notes.map((note) => note.fields)).toEqual(computed.notes.map((note) => note.fields))
    expect(fromJob.notes.every((note) => note.flds instanceof Uint8Array)).toBe(true)
    expect(preparedFields(notes[0] as (typeof notes)[number])).toEqual(computed.notes[0]?.fields)
    expect(await toCsv(job.tree, contextFor(new VFile({path}), {mode: 'anki'}))).toBe(await toCsv(alone.tree, contextFor(alone.file, {mode: 'anki'})))
  })

  it("uses the job's history hash rather than hashing the note again", async () => {
    const path = join(root, 'fixtures', 'python-basics.md')
    const value = new Uint8Array(readFileSync(path))
    const job = runFileJob({path, value, options: {}, prepareNotes: true, lean: true, historyDeck: 'deck'})
    const first = job.notes.find((note) => note?.contentHash)
    if (!first) throw new Error('python-basics.md has no prepared note')
    first.contentHash = 'not-the-hash'
    prepare(job)
    const history = new NoteHistory()
    await toApkg(job.tree, contextFor(new VFile({path}), {history}))
    expect(history.toJson()).toContain('"not-the-hash"')
  })

  it("has jobs hash notes for the history only when the apkg emitter uses the cache's", async () => {
    await withCacheFolder(async (folder) => {
      const cache = await openCache(folder)
      const input = {path: 'banks/python.md', value: '', output: 'out/py'}
      expect(parseStage({cache}, [apkgEmitter]).historyDeck?.(input)).toBe('py')
      expect(parseStage({cache, bundle: 'all'}, [apkgEmitter, jsonEmitter]).historyDeck?.(input)).toBe('all')
      expect(parseStage({cache}, [jsonEmitter]).historyDeck).toBeUndefined()
      expect(parseStage({}, [apkgEmitter]).historyDeck).toBeUndefined()
      // A history of the caller's own may compute its hash another way.
      expect(parseStage({cache, emitterOptions: {apkg: {history: new NoteHistory()}}}, [apkgEmitter]).historyDeck).toBeUndefined()
    })
  })
})
