/**
 * Look-alike question banks (README "Syntax › How deckdown reads a file"):
 * each folder under `test/fixtures/banks/` (and the `sr` vault note) holds
 * an `input.md` written in the layout of a family of public banks, with its
 * irregularities, and a `reader.json`: the questions a careful reader counts,
 * in order, with their kind (and tags or decks where the layout gives them).
 * deckdown must find exactly those.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from '../src/parse/index.js'
import {toText} from '../src/render/index.js'
import {questionsOf, root} from './helpers.js'

interface ReaderCount {
  count: number
  deck?: string[]
  questions: Array<{prompt: string; kind: string; tags?: string[]}>
}

const base = join(root, 'test', 'fixtures')
const folders = ['banks', 'sr', 'readme-decks']
  .filter((group) => existsSync(join(base, group)))
  .flatMap((group) =>
    readdirSync(join(base, group), {withFileTypes: true})
      .filter((entry) => entry.isDirectory() && existsSync(join(base, group, entry.name, 'reader.json')))
      .map((entry) => ({name: `${group}/${entry.name}`, folder: join(base, group, entry.name)}))
  )

/** Plain prompt text as a reader writes it: one line, spaces collapsed, no bold title line. */
function promptLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

describe('question banks as a careful reader counts them', () => {
  for (const {name, folder} of folders) {
    it(name, () => {
      const expected = JSON.parse(readFileSync(join(folder, 'reader.json'), 'utf8')) as ReaderCount
      const input = readdirSync(folder).find((file) => /^(?:input\.|readme\.md$|index\.md$)/i.test(file))
      if (!input) throw new Error(`${folder} has no input`)
      const {tree} = parse({path: join(name, input), value: new Uint8Array(readFileSync(join(folder, input)))})
      const questions = questionsOf(tree)
      expect(expected.questions).toHaveLength(expected.count)
      const found = questions.map((question) => ({prompt: promptLine(toText(question.prompt)), kind: question.kind}))
      expect(found.length, found.map((entry) => entry.prompt).join('\n')).toBe(expected.count)
      for (const [index, question] of expected.questions.entries()) {
        const actual = found[index]
        expect(actual?.prompt, `question ${index + 1}`).toContain(promptLine(question.prompt))
        expect(actual?.kind, `question ${index + 1}: ${question.prompt}`).toBe(question.kind)
        if (question.tags) expect(questions[index]?.tags, `question ${index + 1} tags`).toEqual(expect.arrayContaining(question.tags))
      }
      if (expected.deck) {
        for (const question of questions) expect(question.deck.join('::'), question.id).toContain(expected.deck.join('::'))
      }
    })
  }
})
