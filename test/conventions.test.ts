/**
 * Every convention fixture, end to end: the same parse becomes JSON that
 * validates against the shipped schema and an .apkg that passes the
 * structural checklist, with one note per question, the note type of its
 * kind and the cards that kind makes.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {describe, expect, it} from 'vitest'
import {compile} from '../src/compile.js'
import {guidFor} from '../src/emit/apkg/ids.js'
import {noteTypeFor} from '../src/emit/apkg/note-types.js'
import type {JsonDocument} from '../src/emit/json/index.js'
import schema from '../src/emit/json/schema.json' with {type: 'json'}
import {checkPackage} from './emit/apkg/checks.js'
import {notesWithCards, openPackage} from './emit/apkg/helpers.js'
import {root} from './helpers.js'

const validate = new Ajv2020({allErrors: true, strict: true}).compile(schema)
const now = new Date(Date.UTC(2026, 5, 1))
const base = join(root, 'test', 'fixtures')

const cases = ['heading', 'qa', 'sr'].flatMap((dialect) =>
  readdirSync(join(base, dialect), {withFileTypes: true})
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({name: `${dialect}/${entry.name}`, folder: join(base, dialect, entry.name)}))
)

describe('conventions end to end (AST → JSON and .apkg)', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const input = readdirSync(testCase.folder).find((name) => name.startsWith('input.'))
      if (!input) throw new Error('no input')
      const value = new Uint8Array(readFileSync(join(testCase.folder, input)))
      const {outputs, trees} = await compile([{path: input, value}], {formats: ['json', 'apkg'], now})
      const questions = trees.flatMap((tree) => tree.children.flatMap((section) => section.children))

      const json = outputs.find((output) => output.format === 'json')
      const document = JSON.parse(String(json?.contents)) as JsonDocument
      expect(validate(document), JSON.stringify(validate.errors)).toBe(true)
      expect(document.questions.map((question) => [question.id, question.kind])).toEqual(questions.map((question) => [question.id, question.kind]))
      for (const [index, question] of document.questions.entries()) {
        const source = questions[index]
        expect(question.choices?.length ?? null).toBe(source?.choices?.length ?? null)
        expect(question.choices?.filter((choice) => choice.correct).length ?? null).toBe(source?.choices?.filter((choice) => choice.correct).length ?? null)
        expect(question.cloze === null).toBe(source?.kind !== 'cloze')
      }

      const apkg = outputs.find((output) => output.format === 'apkg')
      const pkg = await openPackage(apkg?.contents as Uint8Array)
      try {
        checkPackage(pkg, now)
        const notes = notesWithCards(pkg)
        expect(notes.map((note) => note.guid).sort()).toEqual(questions.map((question) => guidFor(question.id)).sort())
        for (const question of questions) {
          const note = notes.find((candidate) => candidate.guid === guidFor(question.id))
          const noteType = noteTypeFor(question.kind)
          expect(note?.mid).toBe(noteType.id)
          const expectedCards =
            question.kind === 'cloze'
              ? (document.questions.find((entry) => entry.id === question.id)?.cloze?.numbers.length ?? 0)
              : question.kind === 'reversed'
                ? 2
                : 1
          expect(note?.ords.length, `${question.id} cards`).toBe(expectedCards)
        }
      } finally {
        pkg.close()
      }
    })
  }
})
