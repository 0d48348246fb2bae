import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {describe, expect, it} from 'vitest'
import {compile} from '../../src/compile.js'
import type {JsonDocument} from '../../src/emit/json/index.js'
import schema from '../../src/emit/json/schema.json' with {type: 'json'}
import {root, seedPath} from '../helpers.js'
import {compileSpecs} from './apkg/helpers.js'

const validate = new Ajv2020({allErrors: true, strict: true}).compile(schema)

async function jsonOf(inputs: Array<{path: string; value: string | Uint8Array}>, bundle?: string) {
  const {outputs} = await compile(inputs, {formats: ['json'], bundle: bundle ?? null, now: new Date(0)})
  return outputs.map((output) => ({path: output.path, document: JSON.parse(String(output.contents)) as JsonDocument}))
}

describe('json emitter', () => {
  it('writes documents that validate against the shipped schema', async () => {
    const inputs = [
      {path: 'fixtures/000_7f03c07bfde96dd4.txt', value: new Uint8Array(readFileSync(seedPath))},
      {path: 'fixtures/python-basics.md', value: new Uint8Array(readFileSync(join(root, 'fixtures', 'python-basics.md')))},
      {path: 'broken.md', value: '---\ndeck: [\n---\n## Q?\n\nno answer'}
    ]
    for (const {document} of await jsonOf(inputs)) {
      const valid = validate(document)
      expect(validate.errors ?? []).toEqual([])
      expect(valid).toBe(true)
    }
  })

  it('has the promised fields: markdown, sanitized html and text', async () => {
    const [output] = await jsonOf([
      {path: 'a.md', value: '# Deck\n\n## What is `<b>`?\n\n**Answer:** AT&T says a < b. <script>alert(1)</script><img src=x onerror=alert(1)>\n\n**Example:**\n\n```js\nlet x = 1\n```'}
    ])
    const question = output?.document.questions[0]
    expect(question).toMatchObject({kind: 'basic', deck: 'Deck', tags: [], idSource: 'derived', extra: null})
    expect(question?.prompt).toEqual({markdown: 'What is `<b>`?', html: '<p>What is <code>&#x3C;b></code>?</p>', text: 'What is <b>?'})
    expect(question?.answer.html).toContain('AT&#x26;T says a &#x3C; b.')
    expect(question?.answer.html).not.toMatch(/script|onerror|alert/)
    expect(question?.answer.text).toBe('AT&T says a < b.')
    expect(question?.example?.html).toBe('<pre><code class="language-js">let x = 1\n</code></pre>')
    expect(question?.source).toEqual({file: 'a.md', line: 3, column: 1, endLine: 11, endColumn: 4})
  })

  it('includes the sources’ diagnostics with positions and rule ids', async () => {
    const [output] = await jsonOf([{path: 'notes/a.md', value: '# D\n\n## Orphan?\n'}])
    expect(output?.document.diagnostics).toEqual([
      expect.objectContaining({ruleId: 'no-questions', line: 1, column: 1}),
      {
        file: 'notes/a.md',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 11,
        severity: 'warning',
        ruleId: 'missing-answer',
        message: expect.stringContaining('no answer follows it')
      }
    ])
  })

  it('writes one document per file, or one bundle', async () => {
    const inputs = [
      {path: 'b.md', value: '## B?\n\n**Answer:** b'},
      {path: 'a.md', value: '## A?\n\n**Answer:** a'}
    ]
    expect((await jsonOf(inputs)).map((output) => output.path)).toEqual(['a.json', 'b.json'])
    const bundle = await jsonOf(inputs, 'all')
    expect(bundle.map((output) => output.path)).toEqual(['all.json'])
    expect(bundle[0]?.document.questions.map((question) => question.source.file)).toEqual(['a.md', 'b.md'])
  })

  it('gives every question `choices` and `cloze`, null unless the kind has them, and still validates', async () => {
    const [output] = await jsonOf([
      {
        path: 'kinds.md',
        value:
          '# Kinds\n\nThe capital of {{c2::France}} is {{c1::Paris::city}}, again {{c1::Paris}}.\n\n' +
          '## What is the GIL?\n\n**Answer:** A lock.\n\n' +
          '## Which are HTTP methods?\n\n- [x] GET\n- [ ] `FETCH`\n- [x] POST\n\n**Explanation:** FETCH is not one.\n\n' +
          '## Which is falsy?\n\n- A: `[]`\n- B: `0`\n\n**Answer:** B\n'
      }
    ])
    const document = output?.document
    expect(document?.version).toBe(1)
    expect(validate(document)).toBe(true)
    expect(validate.errors ?? []).toEqual([])
    const byKind = (kind: string) => document?.questions.filter((question) => question.kind === kind) ?? []

    const [cloze] = byKind('cloze')
    expect(cloze?.cloze).toEqual({numbers: [1, 2]})
    expect(cloze?.choices).toBeNull()
    // The prompt keeps the render layer's forms: spans in HTML, Anki syntax in Markdown.
    expect(cloze?.prompt.html).toContain('<span class="cloze" data-cloze="1" data-hint="city">Paris</span>')
    expect(cloze?.prompt.markdown).toContain('{{c1::Paris::city}}')

    const [basic] = byKind('basic')
    expect(basic).toMatchObject({choices: null, cloze: null})

    const [tasks, letters] = byKind('choice')
    expect(tasks?.cloze).toBeNull()
    expect(tasks?.choices).toEqual([
      {label: null, correct: true, markdown: 'GET', html: '<p>GET</p>', text: 'GET'},
      {label: null, correct: false, markdown: '`FETCH`', html: '<p><code>FETCH</code></p>', text: 'FETCH'},
      {label: null, correct: true, markdown: 'POST', html: '<p>POST</p>', text: 'POST'}
    ])
    expect(letters?.choices?.map((choice) => [choice.label, choice.correct, choice.text])).toEqual([
      ['A', false, '[]'],
      ['B', true, '0']
    ])
  })

  it('counts `{{cN::…}}` written in code among the cloze numbers, as Anki does', async () => {
    const {outputs} = await compileSpecs(
      [{kind: 'cloze', prompt: 'Fill {{c2::this}} in:\n\n```python\n{{c3::return}} 1\n```\n'}],
      new Date(0),
      {formats: ['json']}
    )
    const document = JSON.parse(String(outputs[0]?.contents)) as JsonDocument
    expect(validate(document)).toBe(true)
    expect(document.questions[0]?.cloze).toEqual({numbers: [2, 3]})
  })

  it('rejects documents without the new fields or with wrong shapes', async () => {
    const [output] = await jsonOf([{path: 'a.md', value: '## A?\n\n**Answer:** a'}])
    const question = output?.document.questions[0]
    const variant = (change: Record<string, unknown>) => ({...output?.document, questions: [{...question, ...change}]})
    expect(validate(variant({}))).toBe(true)
    const {choices: _choices, ...withoutChoices} = question ?? {}
    expect(validate({...output?.document, questions: [withoutChoices]})).toBe(false)
    expect(validate(variant({cloze: {numbers: [1, 1]}}))).toBe(false)
    expect(validate(variant({cloze: {numbers: [1.5]}}))).toBe(false)
    expect(validate(variant({choices: [{label: 'A', correct: 'yes', markdown: '', html: '', text: ''}]}))).toBe(false)
    expect(validate(variant({choices: [{label: 'A', correct: true, markdown: '', html: '', text: ''}], cloze: {numbers: [1, 2]}}))).toBe(true)
  })

  it('is byte-identical for the same input', async () => {
    const input = [{path: 'a.md', value: readFileSync(join(root, 'fixtures', 'python-basics.md'), 'utf8')}]
    const first = await compile(input, {now: new Date(1)})
    const second = await compile(input, {now: new Date(2)})
    expect(first.outputs[0]?.contents).toBe(second.outputs[0]?.contents)
  })
})
