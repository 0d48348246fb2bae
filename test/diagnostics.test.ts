import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {formatCount, formatGithubAnnotation, formatMessage, toDiagnosticRecord} from '../src/diagnostics/format.js'
import {report} from '../src/diagnostics/report.js'
import {ruleIds, rules} from '../src/diagnostics/rules.js'

describe('diagnostics', () => {
  it('have a kebab-case id, a severity and a description each', () => {
    for (const id of ruleIds) {
      expect(id).toMatch(/^[a-z]+(?:-[a-z]+)*$/)
      expect(['error', 'warning', 'info']).toContain(rules[id].severity)
      expect(rules[id].description.length).toBeGreaterThan(20)
    }
  })

  it('are refused without a position', () => {
    const file = new VFile({path: 'a.md'})
    expect(() => report(file, 'missing-answer', 'x', {type: 'paragraph'} as never)).toThrow(/has no position/)
    expect(() => report(file, 'missing-answer', 'x', {line: 0, column: 0})).toThrow(/has no position/)
  })

  it('are recorded once when the same problem is met twice', () => {
    const file = new VFile({path: 'a.md'})
    const first = report(file, 'missing-media', 'Media `x.png` not found', {line: 3, column: 5})
    expect(report(file, 'missing-media', 'Media `x.png` not found', {start: {line: 3, column: 5}, end: {line: 3, column: 9}})).toBe(first)
    report(file, 'missing-media', 'Media `x.png` not found', {line: 4, column: 5})
    expect(file.messages).toHaveLength(2)
  })

  it('format for people, machines and GitHub', () => {
    const file = new VFile({path: 'notes, draft/a:b.md'})
    const message = report(file, 'empty-cloze', 'Cloze 50% empty\nsecond line', {start: {line: 3, column: 5}, end: {line: 3, column: 12}})
    expect(formatMessage(message)).toBe('notes, draft/a:b.md:3:5: warning Cloze 50% empty\nsecond line [empty-cloze]')
    expect(toDiagnosticRecord(message)).toEqual({
      file: 'notes, draft/a:b.md',
      line: 3,
      column: 5,
      endLine: 3,
      endColumn: 12,
      severity: 'warning',
      ruleId: 'empty-cloze',
      message: 'Cloze 50% empty\nsecond line'
    })
    expect(formatGithubAnnotation(message)).toBe(
      '::warning file=notes%2C draft/a%3Ab.md,line=3,col=5,endLine=3,endColumn=12,title=deckdown empty-cloze::Cloze 50%25 empty%0Asecond line'
    )
    const error = report(file, 'not-text', 'binary', {line: 1, column: 1})
    expect(formatGithubAnnotation(error)).toMatch(/^::error file=/)
    const info = report(file, 'implicit-answer', 'note', {line: 2, column: 1})
    expect(formatGithubAnnotation(info)).toMatch(/^::notice file=/)
  })
})

describe('formatCount', () => {
  it('writes whole numbers as en-US does, without ICU', () => {
    const samples = [0, 1, 12, 999, 1000, 1001, 99_999, 100_000, 1_234_567, 20 * 1024 * 1024, -1, -1000, -1_234_567, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1.5, 1e21]
    for (const value of samples) expect(formatCount(value)).toBe(value.toLocaleString('en-US'))
  })
})
