import {describe, expect, it} from 'vitest'
import {compile, sourceDateEpochClock} from '../src/compile.js'
import type {Emitter} from '../src/emit/types.js'
import {questionsOf} from './helpers.js'

const a = {path: 'a.md', value: '# Deck\n\n## Shared question?\n\n**Answer:** from a\n'}
const b = {path: 'b.md', value: '# Deck\n\n## Shared question?\n\n**Answer:** from b\n'}

describe('compile', () => {
  it('makes ids unique across files, in path order, and says where the first one is', async () => {
    const {trees, files} = await compile([b, a], {formats: []})
    expect(files.map((file) => file.path)).toEqual(['a.md', 'b.md'])
    const [idA, idB] = trees.map((tree) => questionsOf(tree)[0]?.id)
    expect(idB).toBe(`${idA}-2`)
    expect(files[1]?.messages.map((message) => [message.ruleId, message.line, message.reason.includes('first at a.md:3:1')])).toEqual([
      ['duplicate-question', 3, true]
    ])
    expect(files[0]?.messages).toEqual([])
  })

  it('accepts custom emitters and hands them the context', async () => {
    const seen: string[] = []
    const ids: Emitter = {
      name: 'ids',
      extension: '.txt',
      description: 'one id per line',
      emit(tree, context) {
        seen.push(context.name, context.now().toISOString(), String(context.files.length), context.render.text(questionsOf(tree)[0]!.answer))
        return questionsOf(tree).map((question) => question.id).join('\n')
      }
    }
    const {outputs} = await compile([a], {formats: ['ids', 'json'], emitters: [ids], now: new Date(Date.UTC(2026, 0, 2))})
    expect(outputs.map((output) => [output.path, output.format, output.sources])).toEqual([
      ['a.txt', 'ids', ['a.md']],
      ['a.json', 'json', ['a.md']]
    ])
    expect(seen).toEqual(['a', '2026-01-02T00:00:00.000Z', '1', 'from a'])
  })

  it('turns an emitter failure into an error diagnostic and goes on', async () => {
    const broken: Emitter = {name: 'broken', extension: '.x', description: 'fails', emit: () => Promise.reject(new Error('boom'))}
    const {outputs, files} = await compile([a], {formats: ['broken', 'json'], emitters: [broken]})
    expect(outputs.map((output) => output.format)).toEqual(['json'])
    expect(files[0]?.messages.map((message) => [message.ruleId, message.fatal, message.reason])).toEqual([
      ['emit-failed', true, 'The `broken` emitter failed on this file: boom; that output is not written']
    ])
  })

  it('refuses unknown formats and colliding output names', async () => {
    await expect(compile([a], {formats: ['docx']})).rejects.toThrow(/Unknown format `docx`/)
    await expect(compile([a, {path: 'sub/a.md', value: ''}])).rejects.toThrow(/would both be written as `a`/)
    await expect(compile([a, {path: 'sub/a.md', value: ''}], {bundle: 'all'})).resolves.toBeDefined()
  })

  it('lets emitters report against a question with its position', async () => {
    const picky: Emitter = {
      name: 'picky',
      extension: '.x',
      description: 'reports',
      emit(tree, context) {
        const question = questionsOf(tree)[0]!
        context.report(question, 'Picky about this one', 'emit-failed')
        return ''
      }
    }
    const {files} = await compile([a], {formats: ['picky'], emitters: [picky]})
    expect(files[0]?.messages.map((message) => [message.line, message.column, message.source])).toEqual([[3, 1, 'deckdown']])
  })
})

describe('sourceDateEpochClock', () => {
  it('honours SOURCE_DATE_EPOCH, and refuses garbage', () => {
    expect(sourceDateEpochClock({SOURCE_DATE_EPOCH: '1700000000'})().toISOString()).toBe('2023-11-14T22:13:20.000Z')
    expect(() => sourceDateEpochClock({SOURCE_DATE_EPOCH: '1.5'})).toThrow(/whole number/)
    const now = Date.now()
    expect(Math.abs(sourceDateEpochClock({})().getTime() - now)).toBeLessThan(5000)
  })
})

describe('paths', () => {
  it('never puts absolute paths in outputs', async () => {
    const {outputs, files} = await compile([{path: '/srv/deckdown/notes/a.md', value: a.value}], {cwd: '/srv/deckdown'})
    expect(files[0]?.path).toBe('notes/a.md')
    const document = JSON.parse(String(outputs[0]?.contents))
    expect(document.questions[0].source.file).toBe('notes/a.md')
    expect(String(outputs[0]?.contents)).not.toContain('/srv/')
  })
})

describe('diagnostics across emitters', () => {
  it('reports a problem two emitters meet only once', async () => {
    const input = {path: 'a.md', value: '# D\n\n## Q?\n\n**Answer:** ![x](missing.png)\n'}
    const {files} = await compile([input], {formats: ['apkg', 'csv'], mediaReader: {
      realpath: () => Promise.reject(Object.assign(new Error('missing'), {code: 'ENOENT'})),
      stat: () => Promise.reject(new Error('unreachable')),
      readFile: () => Promise.reject(new Error('unreachable'))
    }})
    expect(files[0]?.messages.filter((message) => message.ruleId === 'missing-media')).toHaveLength(1)
  })
})
