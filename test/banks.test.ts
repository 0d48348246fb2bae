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
  questions: Array<{prompt: string; kind: string; tags?: string[]; title?: string; answer?: string; section?: string}>
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
        const parsed = questions[index]
        if (question.tags) expect(parsed?.tags, `question ${index + 1} tags`).toEqual(expect.arrayContaining(question.tags))
        // A heading over one question titles it: the title leads the prompt.
        if (question.title) expect(actual?.prompt.startsWith(promptLine(question.title)), `question ${index + 1} title`).toBe(true)
        // `answer`: the correct option letters of a choice question (`A, C`).
        if (question.answer) {
          const correct = parsed?.choices?.filter((choice) => choice.correct).map((choice) => choice.label?.toUpperCase())
          expect(correct?.join(','), `question ${index + 1} answer`).toBe(question.answer.toUpperCase().replace(/\s+/g, ''))
        }
        if (question.section) expect(parsed?.deck.at(-1), `question ${index + 1} section`).toBe(question.section)
      }
      // `deck`: the decks a reader expects, as `::` paths; each question's deck
      // is one of them or below one of them, and every one is used.
      if (expected.deck) {
        const decks = expected.deck
        for (const question of questions) {
          const path = question.deck.join('::')
          expect(decks.some((deck) => path === deck || path.startsWith(`${deck}::`)), `${question.id} in ${path}`).toBe(true)
        }
        for (const deck of decks) expect(questions.some((question) => question.deck.join('::').startsWith(deck)), deck).toBe(true)
      }
    })
  }
})
