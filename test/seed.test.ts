/**
 * The first real input: French interview questions whose text is mojibake
 * (UTF-8 decoded as Mac Roman and saved again). It is kept exactly as it
 * reached us.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {compile} from '../src/compile.js'
import type {JsonDocument} from '../src/emit/json/index.js'
import {parse} from '../src/parse/index.js'
import {toText} from '../src/render/index.js'
import {questionsOf, seedPath} from './helpers.js'

const bytes = new Uint8Array(readFileSync(seedPath))

describe('the seed', () => {
  it('is still the file that reached us (never fixed by hand)', () => {
    expect(createHash('sha256').update(bytes).digest('hex')).toBe('228748925ad84c19094b4e4009910389892e966f77c2f774cb627fac316f09fd')
    // Mojibake is what makes the file interesting: it must still be there.
    expect(Buffer.from(bytes).toString('utf8')).toContain('R√©ponse Attendue')
  })

  it('compiles to 7 questions in deck `Niveau Hardcore`, 5 with an example', () => {
    const {tree, file} = parse({path: 'fixtures/000_7f03c07bfde96dd4.txt', value: bytes})
    const questions = questionsOf(tree)
    expect(questions).toHaveLength(7)
    expect(questions.filter((question) => question.example)).toHaveLength(5)
    expect(new Set(questions.map((question) => question.deck.join('::')))).toEqual(new Set(['Niveau Hardcore']))
    expect(questions.every((question) => question.tags.includes('difficulty::hard'))).toBe(true)
    expect(new Set(questions.map((question) => question.id)).size).toBe(7)
    const messages = file.messages.map((message) => message.ruleId)
    expect(messages).toEqual(['encoding-repaired'])
    expect(file.messages[0]?.reason).toContain('Mac Roman')
  })

  it('has repaired text', () => {
    const {tree, file} = parse({path: 'seed.txt', value: bytes})
    const text = String(file.value)
    expect(text.startsWith('# Niveau Hardcore 🔴\n')).toBe(true)
    expect(text).toContain('**Réponse Attendue :**')
    expect(text).toContain('modèle')
    expect(text).toContain("À l'intérieur du contexte")
    expect(text).not.toMatch(/√|üî¥/)
    const first = questionsOf(tree)[0]
    expect(first && toText(first.prompt)).toBe(
      "Qu'est-ce que le modèle de concurrence en Python et quelles sont les différences entre les threads, les processus et les coroutines ?"
    )
    expect(first && toText(first.answer)).toMatch(/^Le modèle de concurrence en Python permet d'exécuter plusieurs tâches/)
  })

  it('keeps code examples as code', () => {
    const {tree} = parse({path: 'seed.txt', value: bytes})
    const metaclass = questionsOf(tree).find((question) => toText(question.prompt).includes('métaclassing'))
    const code = metaclass?.example?.children[0]
    expect(code?.type).toBe('code')
    expect(code && 'lang' in code ? code.lang : undefined).toBe('python')
    expect(code && 'value' in code ? code.value : '').toContain('print(f"Création de la classe {name}")')
  })

  it('becomes JSON with the 7 questions, repaired', async () => {
    const {outputs} = await compile([{path: 'fixtures/000_7f03c07bfde96dd4.txt', value: bytes}], {now: new Date(0)})
    expect(outputs.map((output) => output.path)).toEqual(['000_7f03c07bfde96dd4.json'])
    const document = JSON.parse(String(outputs[0]?.contents)) as JsonDocument
    expect(document.questions).toHaveLength(7)
    expect(document.questions.filter((question) => question.example)).toHaveLength(5)
    expect(document.questions[0]?.answer.html).toContain('modèle')
    expect(document.diagnostics.map((diagnostic) => diagnostic.ruleId)).toEqual(['encoding-repaired'])
  })
})
