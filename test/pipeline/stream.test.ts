/**
 * `compileStream` yields files in path order with the outputs `compile`
 * makes for them; `fieldTrees: false` builds the same package from lean
 * trees.
 */
import {readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {compile, compileStream, type CompileInput} from '../../src/index.js'
import {writeTestCorpus} from './corpus.js'

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

  it('refuses a bundle', async () => {
    await expect(compileStream(inputs(), {bundle: 'all'}).next()).rejects.toThrow(/use compile\(\) for a bundle/)
  })
})

describe('fieldTrees: false', () => {
  it('writes the same package, from trees that keep questions but not their field contents', async () => {
    const options = {formats: ['apkg'], bundle: 'bank', cwd: corpus.dir, now}
    const full = await compile(inputs(), options)
    const lean = await compile(inputs(), {...options, fieldTrees: false})
    expect(Buffer.compare(Buffer.from(lean.outputs[0]?.contents ?? ''), Buffer.from(full.outputs[0]?.contents ?? ''))).toBe(0)
    const questions = (result: typeof full) => result.trees.flatMap((tree) => tree.children.flatMap((section) => section.children))
    expect(questions(lean).map((question) => [question.id, question.kind, question.deck, question.tags])).toEqual(
      questions(full).map((question) => [question.id, question.kind, question.deck, question.tags])
    )
    // The question with a sound keeps its fields: its media are loaded by the build.
    const withSound = questions(lean).filter((question) => question.answer.children.length > 0)
    expect(withSound.map((question) => question.file)).toEqual(['bank/son.md'])
  }, 60_000)
})
