/**
 * Per-file isolation and the limits, through the API: a real stack overflow
 * or a library's exception on one file is that file's error; the others are
 * built. Limits have API options, and a file over one is rejected before it
 * is parsed.
 */
import {describe, expect, it} from 'vitest'
import {compile} from '../../src/compile.js'
import type {Emitter} from '../../src/emit/types.js'
import {defaultLimits, limitTable, resolveLimits, scanText} from '../../src/limits/index.js'
import {defaultDialect} from '../../src/parse/dialects/index.js'
import type {Dialect} from '../../src/parse/dialects/types.js'
import {parse} from '../../src/parse/index.js'
import {questionsOf} from '../helpers.js'

const good = {path: 'good.md', value: '## What is good?\n\n**Answer:** This.\n'}
const bad = {path: 'bad.md', value: '## What is BOOM?\n\n**Answer:** That.\n'}

function recurse(depth: number): number {
  return recurse(depth + 1) + 1
}

/** The default dialect, except that a file saying BOOM overflows the stack. */
const overflowing: Dialect = {
  ...defaultDialect,
  recognize(tree, file, options) {
    if (String(file.value).includes('BOOM')) recurse(0)
    return defaultDialect.recognize(tree, file, options)
  }
}

describe('per-file isolation', () => {
  it('turns a stack overflow while parsing one file into internal-error on it; the others build', async () => {
    const {files, outputs} = await compile([good, bad], {formats: ['json', 'csv', 'html', 'apkg'], dialect: overflowing})
    const badFile = files.find((file) => file.path === 'bad.md')
    expect(badFile?.messages.map((message) => [message.ruleId, message.fatal, message.line, message.column])).toEqual([['internal-error', true, 1, 1]])
    expect(badFile?.messages[0]?.reason).toMatch(/Maximum call stack size exceeded/)
    expect(outputs.map((output) => output.path).sort()).toEqual(['good.apkg', 'good.csv', 'good.html', 'good.json'])
  })

  it('leaves a file an emitter fails on out of the bundle and names it', async () => {
    const picky: Emitter = {
      name: 'picky',
      extension: '.txt',
      description: 'fails on BOOM',
      emit(tree) {
        const prompts = questionsOf(tree).map((question) => JSON.stringify(question.prompt))
        if (prompts.some((prompt) => prompt.includes('BOOM'))) throw new RangeError('Invalid string length')
        return prompts.join('\n')
      }
    }
    const {files, outputs} = await compile([good, bad], {formats: ['picky', 'json'], emitters: [picky], bundle: 'all'})
    expect(outputs.map((output) => [output.path, output.sources])).toEqual([
      ['all.txt', ['good.md']],
      ['all.json', ['bad.md', 'good.md']]
    ])
    const message = files.find((file) => file.path === 'bad.md')?.messages[0]
    expect(message?.ruleId).toBe('emit-failed')
    expect(message?.reason).toContain('it is left out of `all.txt`')
  })

  it('rejects misuse up front instead of blaming a file', async () => {
    await expect(compile([good], {limits: {depth: -1}})).rejects.toThrow(/limit `depth` must be a positive number/)
    await expect(compile([good], {dialect: 'nope'})).rejects.toThrow(/unknown dialect/)
  })
})

describe('limits', () => {
  it('has one table row per limit, with a flag and a rule id', () => {
    expect(limitTable.map((row) => row.name).sort()).toEqual(Object.keys(defaultLimits).sort())
    for (const row of limitTable) {
      expect(row.flag).toMatch(/^max-[a-z-]+$/)
      expect(row.ruleId).toMatch(/^[a-z-]+$/)
    }
    expect(resolveLimits({depth: 5}).depth).toBe(5)
    expect(resolveLimits(undefined)).toEqual(defaultLimits)
  })

  it('takes each limit as an API option and reports at the offending line', () => {
    const cases: Array<[Partial<typeof defaultLimits>, string, string, number]> = [
      [{fileSize: 10}, '## Q?\n\n**Answer:** long enough\n', 'file-too-large', 1],
      [{fieldLength: 10}, '## Q?\n\n**Answer:** longer than ten\n', 'field-too-long', 3],
      [{fieldLength: 40}, '## Q?\n\n**Answer:** one\n' + 'short line\n'.repeat(5), 'field-too-long', 3],
      [{depth: 2}, '## Q?\n\n**Answer:**\n\n- a\n  - b\n    - c\n', 'too-deep', 7],
      [{depth: 2}, '## Q?\n\n**Answer:**\n\n> > > deep\n', 'too-deep', 5],
      [{depth: 2}, '## Q?\n\n<details>\n<details>\n<details>\n\nx\n', 'too-deep', 5],
      [{tableCells: 5}, '## Q?\n\n**Answer:**\n\n| a | b |\n| - | - |\n| 1 | 2 |\n', 'table-too-large', 5],
      [{questions: 1}, '## Q1 one?\n\n**Answer:** a\n\n## Q2 two?\n\n**Answer:** b\n', 'too-many-questions', 5]
    ]
    for (const [limits, value, ruleId, line] of cases) {
      const {tree, file} = parse({path: 'x.md', value}, {limits})
      expect(file.messages.map((message) => [message.ruleId, message.line]), ruleId).toEqual([[ruleId, line]])
      expect(questionsOf(tree)).toEqual([])
      // Within the default limits the same text builds.
      expect(questionsOf(parse({path: 'x.md', value}).tree).length).toBeGreaterThan(0)
    }
  })

  it('does not count code, code spans or non-HTML angle brackets as nesting', () => {
    const text = [
      '```',
      ...Array.from({length: 200}, (_, index) => `${' '.repeat(index * 2)}- in a fence`),
      '```',
      'Use `<div>` ' + '`<div>`'.repeat(200),
      'List<List<String>> '.repeat(200)
    ].join('\n')
    expect(scanText(text, defaultLimits)).toBeUndefined()
  })

  it('counts a field by its source extent, not its lines', () => {
    const value = `## Q?\n\n**Answer:**\n\n${'word '.repeat(10)}\n${'word '.repeat(10)}\n`
    expect(parse({path: 'x.md', value}, {limits: {fieldLength: 80}}).file.messages.map((message) => message.ruleId)).toEqual(['field-too-long'])
  })
})
