/**
 * `compileStream` yields files in path order with the outputs `compile`
 * makes for them; `fieldTrees: false` builds the same package from lean
 * trees.
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {compile, compileStream, csvEmitter, fileSpools, jsonEmitter, type CompileInput, type EmitParts, type Emitter} from '../../src/index.js'
import {joinParts} from '../../src/pipeline/spool.js'
import {ReportedEmitError} from '../../src/pipeline/bundle.js'
import {writeTestCorpus} from './corpus.js'
import {checkPackage} from '../emit/apkg/checks.js'
import {openPackage} from '../emit/apkg/helpers.js'

const corpus = writeTestCorpus(5, 6)
afterAll(() => rmSync(corpus.dir, {recursive: true, force: true}))
const inputs = (): CompileInput[] => [...corpus.files].reverse().map((path) => ({path, value: new Uint8Array(readFileSync(join(corpus.dir, path))), root: 'bank'}))
const now = new Date('2026-03-01T10:00:00Z')

describe('compileStream', () => {
  it('yields each file in path order with the outputs compile makes for it', async () => {
    const options = {formats: ['json', 'apkg', 'csv'], cwd: corpus.dir, now, jobs: 2}
    const whole = await compile(inputs(), options)
    const streamed = []
    for await (const result of compileStream(inputs(), options)) streamed.push(result)
    expect(streamed.map((result) => result.file.path)).toEqual(corpus.files)
    expect(streamed.flatMap((result) => result.outputs.map((output) => output.path))).toEqual(
      // compile orders outputs by format, then path; the stream by path, then format.
      corpus.files.flatMap((path) => whole.outputs.filter((output) => output.sources[0] === path).map((output) => output.path))
    )
    for (const output of streamed.flatMap((result) => result.outputs)) {
      const same = whole.outputs.find((candidate) => candidate.path === output.path)
      expect(Buffer.compare(Buffer.from(output.contents), Buffer.from(same?.contents ?? '')), output.path).toBe(0)
    }
    expect(streamed.map((result) => result.file.messages.map(String))).toEqual(whole.files.map((file) => file.messages.map(String)))
  }, 60_000)

  it('treats misuse, rejected files and failing emitters as compile does', async () => {
    const failing = {name: 'boom', extension: '.boom', description: 'fails', emit: () => Promise.reject(new Error('no disk'))}
    const files: CompileInput[] = [
      {path: 'many.md', value: '## One?\n\n**Answer:** 1.\n\n## Two?\n\n**Answer:** 2.\n'},
      {path: 'one.md', value: '## One?\n\n**Answer:** 1.\n'},
      {path: 'binary.md', value: new Uint8Array([0, 159, 146, 150, 0, 1, 2])},
      // The same question as in one.md: renamed, naming where it was first asked.
      {path: 'two.md', value: '## One?\n\n**Answer:** Un.\n'}
    ]
    const options = {formats: ['json', 'boom'], emitters: [failing], limits: {questions: 1}, now, jobs: 1}
    const whole = await compile(files, options)
    const streamed = []
    for await (const result of compileStream(files, options)) streamed.push(result)
    expect(streamed.flatMap((result) => result.outputs.map((output) => output.path))).toEqual(whole.outputs.map((output) => output.path))
    expect(whole.outputs.map((output) => output.path)).toEqual(['one.json', 'two.json'])
    expect(streamed.map((result) => result.file.messages.map(String))).toEqual(whole.files.map((file) => file.messages.map(String)))
    expect(streamed.flatMap((result) => result.file.messages.map(String)).join('\n')).toMatch(/already asked in this deck \(first at one\.md:1:1\)/)
    await expect(compileStream(files, {dialect: 'nope'}).next()).rejects.toThrow(/unknown dialect/)
    await expect(compileStream(files, {limits: {questions: -1}}).next()).rejects.toThrow(TypeError)
  })

  it('builds a bundle as the files come: the bundle outputs compile makes, with the last file', async () => {
    const options = {formats: ['apkg', 'csv', 'json', 'html'], bundle: 'all', cwd: corpus.dir, now, jobs: 1}
    const whole = await compile(inputs(), options)
    const streamed = []
    for await (const result of compileStream(inputs(), options)) streamed.push(result)
    expect(streamed.map((result) => result.outputs.length)).toEqual([...corpus.files.map(() => 0).slice(1), 4])
    const outputs = streamed.flatMap((result) => result.outputs)
    expect(outputs.map((output) => output.path)).toEqual(['all.apkg', 'all.csv', 'all.json', 'all.html'])
    expect(whole.outputs.map((output) => output.path)).toEqual(['all.apkg', 'all.csv', 'all.json', 'all.html'])
    for (const output of outputs) {
      const same = whole.outputs.find((candidate) => candidate.path === output.path)
      expect(output.sources).toEqual(corpus.files)
      expect(Buffer.compare(Buffer.from(output.contents), Buffer.from(same?.contents ?? '')), output.path).toBe(0)
    }
    // The streamed package holds every note, in file order, ids at or before the clock.
    const pkg = await openPackage(outputs[0]?.contents as Uint8Array)
    try {
      checkPackage(pkg, now, {media: true})
      const notes = pkg.rows('SELECT id, guid FROM notes ORDER BY id')
      const questions = whole.trees.reduce((sum, tree) => sum + tree.children.reduce((count, section) => count + section.children.length, 0), 0)
      expect(notes).toHaveLength(questions)
      expect(new Set(notes.map((note) => note['guid'])).size).toBe(questions)
      expect(Math.max(...notes.map((note) => Number(note['id'])))).toBeLessThanOrEqual(now.getTime())
    } finally {
      pkg.close()
    }
  }, 60_000)

  it('builds JSON and CSV bundles file by file into the bytes emit makes of the merged tree', async () => {
    // The same emitters without their streaming form: the stage merges the
    // trees and calls `emit` once, as a bundle was built before.
    const merged = (emitter: Emitter): Emitter => ({name: `${emitter.name}-merged`, extension: `.merged${emitter.extension}`, description: 'merged', emit: emitter.emit})
    for (const mode of ['anki', 'plain']) {
      const csv = {mode}
      const result = await compile(inputs(), {
        formats: ['csv', 'csv-merged', 'json', 'json-merged'],
        emitters: [merged(csvEmitter), merged(jsonEmitter)],
        emitterOptions: {csv, 'csv-merged': csv},
        bundle: 'all',
        cwd: corpus.dir,
        now,
        jobs: 1
      })
      const text = (path: string) => String(result.outputs.find((output) => output.path === path)?.contents)
      expect(result.outputs.map((output) => output.path)).toEqual(['all.csv', 'all.merged.csv', 'all.json', 'all.merged.json'])
      expect(text('all.csv'), mode).toBe(text('all.merged.csv'))
      expect(text('all.json')).toBe(text('all.merged.json'))
      // Laid out exactly as JSON.stringify lays out the whole document.
      expect(text('all.json')).toBe(`${JSON.stringify(JSON.parse(text('all.json')), null, 2)}\n`)
      expect(JSON.parse(text('all.json')).questions.length).toBeGreaterThan(20)
    }
  }, 60_000)

  it('with a file spool, hands JSON and CSV bundles over in parts, and writes the apkg database pages there, making the bytes compile makes', async () => {
    // A choice question makes the Anki CSV one column wider than Basic: rows
    // kept before it is seen must be padded when they are written.
    const choice = {path: 'bank/zz-choix.md', value: new TextEncoder().encode('# QCM\n\n## Quelle couleur ? 🔴\n\n- [ ] Vert\n- [x] Rouge\n\n**Réponse :** Rouge.\n'), root: 'bank'}
    const spoolParent = mkdtempSync(join(tmpdir(), 'deckdown-spool-test-'))
    try {
      for (const mode of ['anki', 'plain']) {
        const options = {formats: ['apkg', 'csv', 'json'], emitterOptions: {csv: {mode}}, bundle: 'all', cwd: corpus.dir, now, jobs: 1}
        const whole = await compile([...inputs(), choice], options)
        const parts: Record<string, unknown> = {}
        const texts: Record<string, string> = {}
        for await (const {outputs} of compileStream([...inputs(), choice], {...options, spool: fileSpools(spoolParent)})) {
          for (const output of outputs) {
            parts[output.path] = output.contents
            // Read before asking for the next result, as a writer does. The
            // package comes whole: its pages were spooled while it was built.
            if (output.contents instanceof Uint8Array) texts[output.path] = Buffer.from(output.contents).toString('base64')
            else texts[output.path] = String(await joinParts(output.contents as EmitParts))
          }
        }
        expect(Object.keys(texts)).toEqual(['all.apkg', 'all.csv', 'all.json'])
        for (const output of whole.outputs) {
          expect(typeof parts[output.path], output.path).toBe('object')
          const expected = output.contents instanceof Uint8Array ? Buffer.from(output.contents).toString('base64') : output.contents
          expect(texts[output.path], `${mode} ${output.path}`).toBe(expected)
        }
        if (mode === 'anki') expect(texts['all.csv']).toContain('Choice (deckdown)')
        // Each spool's folder is gone once its records are read.
        expect(readdirSync(spoolParent)).toEqual([])
      }
    } finally {
      rmSync(spoolParent, {recursive: true, force: true})
    }
  }, 60_000)

  it('reads a file spool back record for record: large, empty and multi-byte records, text and bytes', async () => {
    const spoolParent = mkdtempSync(join(tmpdir(), 'deckdown-spool-test-'))
    try {
      const spool = fileSpools(spoolParent)()
      // Text and bytes (database pages) mixed, some larger than a batch.
      const pages = Uint8Array.from({length: 3 << 19}, (_, index) => index % 251)
      const records = ['', 'é🔴\n,"x"', 'a'.repeat(3 << 20), new Uint8Array(0), '', pages, 'Москва '.repeat(200_000), new Uint8Array([0xc3]), 'end']
      for (const record of records) spool.push(record)
      // The open spool has no name on disk: a killed build leaves nothing.
      if (process.platform !== 'win32') expect(readdirSync(spoolParent)).toEqual([])
      // The spool keeps a copy: changing the pushed bytes changes nothing.
      pages[0] = 99
      const read: Array<string | Uint8Array> = []
      for await (const record of spool.read()) read.push(record)
      expect(read.map((record) => record.length)).toEqual(records.map((record) => record.length))
      pages[0] = 0
      const comparable = (list: Array<string | Uint8Array>) => list.map((record) => (typeof record === 'string' ? record : `bytes ${Buffer.from(record).toString('hex')}`))
      expect(comparable(read)).toEqual(comparable(records))
      expect(readdirSync(spoolParent)).toEqual([])
      // Closing a spool that was never read removes it too (on Windows its
      // folder stays until then).
      const unread = fileSpools(spoolParent)()
      unread.push('x')
      expect(readdirSync(spoolParent)).toHaveLength(process.platform === 'win32' ? 1 : 0)
      unread.close?.()
      expect(readdirSync(spoolParent)).toEqual([])
    } finally {
      rmSync(spoolParent, {recursive: true, force: true})
    }
  })

  it('reports an emitter that fails while its parts are read on every file of the bundle', async () => {
    const spoolParent = mkdtempSync(join(tmpdir(), 'deckdown-spool-test-'))
    const broken: Emitter = {
      name: 'broken',
      extension: '.txt',
      description: 'fails halfway through its parts',
      emit: () => '',
      openBundle: (_context, _expected, spool) => ({
        add: () => spool.push('record'),
        finish: () =>
          (async function* () {
            yield 'first part'
            throw new Error('disk of the emitter is full')
          })()
      })
    }
    try {
      const results = []
      let thrown: unknown
      for await (const result of compileStream(inputs(), {formats: ['broken'], emitters: [broken], bundle: 'all', cwd: corpus.dir, now, jobs: 1, spool: fileSpools(spoolParent)})) {
        results.push(result)
        for (const output of result.outputs) {
          try {
            await joinParts(output.contents as EmitParts)
          } catch (error) {
            thrown = error
          }
        }
      }
      expect(thrown).toBeInstanceOf(ReportedEmitError)
      const failed = results.filter((result) => result.file.messages.some((message) => message.ruleId === 'emit-failed' && message.reason.includes('disk of the emitter is full') && message.reason.includes('`all.txt` is not written')))
      // Every file went into the bundle, so every file is told.
      expect(failed).toHaveLength(results.length)
      expect(results.length).toBe(corpus.files.length)
      expect(readdirSync(spoolParent)).toEqual([])
    } finally {
      rmSync(spoolParent, {recursive: true, force: true})
    }
  }, 60_000)

  it('names every file when an emitter cannot open its bundle, and writes no such output', async () => {
    const closed = {name: 'closed', extension: '.txt', description: 'cannot open', emit: () => '', openBundle: () => Promise.reject(new Error('no room'))}
    const files: CompileInput[] = [
      {path: 'one.md', value: '## One?\n\n**Answer:** 1.\n'},
      {path: 'two.md', value: '## Two?\n\n**Answer:** 2.\n'}
    ]
    const result = await compile(files, {formats: ['closed', 'json'], emitters: [closed], bundle: 'all', now, jobs: 1})
    expect(result.outputs.map((output) => output.path)).toEqual(['all.json'])
    for (const file of result.files) expect(file.messages.map(String)).toEqual([expect.stringMatching(/closed.*no room.*`all\.txt` is not written/)])
  })

  it('leaves a file an emitter fails on out of a streamed bundle, and names it', async () => {
    const added: string[] = []
    const picky = {
      name: 'picky',
      extension: '.txt',
      description: 'fails on two.md',
      emit: () => 'merged',
      openBundle: () => ({
        add(_tree: unknown, context: {files: readonly {path?: string}[]}) {
          const path = context.files[0]?.path ?? ''
          if (path === 'two.md') throw new Error('cannot take this one')
          added.push(path)
        },
        finish: () => added.join(',')
      })
    }
    const files: CompileInput[] = [
      {path: 'one.md', value: '## One?\n\n**Answer:** 1.\n'},
      {path: 'two.md', value: '## Two?\n\n**Answer:** 2.\n'},
      {path: 'three.md', value: '## Three?\n\n**Answer:** 3.\n'}
    ]
    const results = []
    for await (const result of compileStream(files, {formats: ['picky'], emitters: [picky], bundle: 'all', now, jobs: 1})) results.push(result)
    const outputs = results.flatMap((result) => result.outputs)
    expect(outputs.map((output) => [output.path, output.contents, output.sources])).toEqual([['all.txt', 'one.md,three.md', ['one.md', 'three.md']]])
    const two = results.find((result) => result.file.path === 'two.md')
    expect(two?.file.messages.map(String)).toEqual([expect.stringMatching(/two\.md:1:1.*picky.*cannot take this one.*left out of `all\.txt`/)])
  })

  it('closes an open bundle when the consumer stops early', async () => {
    let closed = 0
    const holding = {
      name: 'holding',
      extension: '.txt',
      description: 'holds a resource until closed',
      emit: () => '',
      openBundle: () => ({add() {}, finish: () => 'done', close: () => void closed++})
    }
    const files: CompileInput[] = [
      {path: 'one.md', value: '## One?\n\n**Answer:** 1.\n'},
      {path: 'two.md', value: '## Two?\n\n**Answer:** 2.\n'}
    ]
    for await (const result of compileStream(files, {formats: ['holding'], emitters: [holding], bundle: 'all', now, jobs: 1})) {
      expect(result.file.path).toBe('one.md')
      break
    }
    expect(closed).toBe(1)
  })
})
