import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {parse} from '../../src/parse/index.js'
import {deriveId, normalizePrompt, slugify, uniqueIds} from '../../src/parse/identity.js'
import {markerField, markerTables} from '../../src/parse/markers.js'
import {deckNameFromHeading, difficultyTag} from '../../src/parse/level.js'
import {toText} from '../../src/render/index.js'
import {questionsOf} from '../helpers.js'

const bank = `# Python 🟡

## What is the GIL?

**Answer:** A global lock.

## What is a list?

**Answer:** A mutable sequence.
`

describe('identity', () => {
  it('does not change when the answer or example is edited', () => {
    const before = questionsOf(parse({path: 'a.md', value: bank}).tree).map((q) => q.id)
    const edited = bank.replace('A global lock.', 'A mutex held by the interpreter.\n\n**Example:**\n\n```py\nx\n```')
    const after = questionsOf(parse({path: 'a.md', value: edited}).tree).map((q) => q.id)
    expect(after).toEqual(before)
  })

  it('does not change when questions are reordered or renumbered', () => {
    const numbered = `# Python\n\n## 1. What is the GIL?\n\n**Answer:** x\n\n## 2. What is a list?\n\n**Answer:** y\n`
    const reordered = `# Python\n\n## 1. What is a list?\n\n**Answer:** y\n\n## 2. What is the GIL?\n\n**Answer:** x\n`
    const ids = (text: string) => new Map(questionsOf(parse({path: 'a.md', value: text}).tree).map((q) => [toText(q.answer), q.id]))
    expect(ids(reordered)).toEqual(ids(numbered))
  })

  it('does not depend on the file path, punctuation or spacing', () => {
    const a = questionsOf(parse({path: 'a.md', value: "# D\n\n## Qu'est-ce que X ?\n\n**Réponse :** r"}).tree)[0]
    const b = questionsOf(parse({path: 'sub/b.md', value: '# D\n\n## Qu’est-ce   que X?\n\n**Réponse :** autre'}).tree)[0]
    expect(a?.id).toBe(b?.id)
  })

  it('changes with the deck path', () => {
    expect(deriveId(['A'], 'What?')).not.toBe(deriveId(['B'], 'What?'))
    expect(deriveId(['A', 'B'], 'What?')).not.toBe(deriveId(['A'], 'What?'))
  })

  it('normalizes and slugs', () => {
    expect(normalizePrompt('  Qu’est-ce   que le GIL ?')).toBe('qu est ce que le gil')
    expect(slugify('modèle de concurrence')).toBe('modele-de-concurrence')
    expect(deriveId([], '什么是闭包？')).toMatch(/^q-[0-9a-f]{10}$/)
  })

  it('disambiguates duplicates deterministically', () => {
    expect(uniqueIds(['a', 'a', 'a-2', 'b', 'a'])).toEqual([
      {id: 'a', duplicateOf: undefined},
      {id: 'a-2', duplicateOf: 'a'},
      {id: 'a-2-2', duplicateOf: 'a-2'},
      {id: 'b', duplicateOf: undefined},
      {id: 'a-3', duplicateOf: 'a'}
    ])
  })
})

describe('markers', () => {
  it('reads each language table, any case, with or without the colon', () => {
    expect(markerField('Réponse Attendue :')).toBe('answer')
    expect(markerField('RÉPONSE\u00A0:')).toBe('answer')
    expect(markerField('Answer')).toBe('answer')
    expect(markerField('Exemple :')).toBe('example')
    expect(markerField('Example:')).toBe('example')
    expect(markerField('Explanation：')).toBe('extra')
    expect(markerField('Attention')).toBeUndefined()
    expect(Object.keys(markerTables)).toEqual(expect.arrayContaining(['en', 'fr']))
  })
})

describe('level headings', () => {
  it('drop marker emoji from deck names and turn them into difficulty tags', () => {
    expect(deckNameFromHeading('Niveau Hardcore 🔴')).toBe('Niveau Hardcore')
    expect(deckNameFromHeading('🟢 Easy one')).toBe('Easy one')
    expect(deckNameFromHeading('A::B')).toBe('A:B')
    expect(difficultyTag('Niveau Hardcore 🔴')).toBe('difficulty::hard')
    expect(difficultyTag('Plain')).toBeUndefined()
  })

  it('can leave difficulty tags out', () => {
    const {tree} = parse({path: 'a.md', value: bank}, {difficultyTags: false})
    expect(questionsOf(tree)[0]?.tags).toEqual([])
  })

  it('falls back to the file name for the deck, under the --deck root', () => {
    const {tree} = parse({path: 'notes/python-basics.md', value: '## Q?\n\n**Answer:** a'}, {deck: ['Root']})
    expect(questionsOf(tree)[0]?.deck).toEqual(['Root', 'python-basics'])
  })
})

describe('positions and diagnostics', () => {
  it('put every node and message at a real position', () => {
    const {tree, file} = parse({path: 'a.md', value: '# D\n\n## Q one\n\nno marker\n\n## Q two?\n\n**Answer:**\nyes\n'})
    const question = questionsOf(tree)[0]
    expect(question?.position.start).toMatchObject({line: 7, column: 1})
    expect(question?.position.end).toMatchObject({line: 10, column: 4})
    expect(question?.answer.position?.start).toMatchObject({line: 10, column: 1})
    expect(tree.children[0]?.position.start.line).toBe(1)
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column, m.source])).toEqual([['missing-answer', 3, 1, 'deckdown']])
  })

  it('keep line numbers of CRLF files', () => {
    const {tree} = parse({path: 'a.md', value: new TextEncoder().encode('# D\r\n\r\n## Q?\r\n\r\n**Answer:** a\r\n')})
    expect(questionsOf(tree)[0]?.position.start.line).toBe(3)
  })

  it('report a file that is not text and build nothing from it', () => {
    const {tree, file} = parse({path: 'image.md', value: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0])})
    expect(tree.children).toEqual([])
    expect(file.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['not-text', true]])
    expect(String(file.messages[0])).toMatch(/^image\.md:\d+:\d+: Cannot read this file as text/)
  })

  it('read UTF-16 files with a BOM', () => {
    const text = '# Deck\n\n## Was ist das?\n\n**Answer:** Größe\n'
    for (const encoding of ['utf16le', 'utf16be'] as const) {
      const bom = encoding === 'utf16le' ? [0xff, 0xfe] : [0xfe, 0xff]
      const bytes = new Uint8Array([...bom, ...iconv.encode(text, encoding)])
      const {tree, file} = parse({path: 'a.md', value: bytes})
      expect(file.messages).toEqual([])
      expect(questionsOf(tree).map((q) => toText(q.answer))).toEqual(['Größe'])
    }
  })

  it('pass clean text in many languages through unchanged', () => {
    const samples = [
      '## Qu’est-ce qu’un « décorateur » ?\n\n**Réponse :** Une fonction — très utile. Élan, où, ça, cœur.',
      '## Was ist ein Übergang?\n\n**Answer:** Größe, Maß, Ärger, Öl, Fuß.',
      '## ¿Qué es una función?\n\n**Answer:** Año, niño, acción, pingüino.',
      '## O que é uma função?\n\n**Answer:** Ação, coração, pão, você, avô.',
      '## Emoji?\n\n**Answer:** 🔴 🟢 🚀 👩‍💻 ✅',
      '## 什么是闭包？\n\n**Answer:** 闭包是函数和其环境的组合。日本語、한국어。',
      '## Что такое замыкание?\n\n**Answer:** Функция и её окружение. Ελληνικά.'
    ]
    for (const sample of samples) {
      const bytes = new TextEncoder().encode(sample)
      const file = new VFile({path: 'a.md', value: bytes})
      const {tree} = parse(file)
      expect(file.value).toBe(sample)
      expect(file.messages.filter((m) => m.ruleId?.startsWith('encoding'))).toEqual([])
      expect(questionsOf(tree)).toHaveLength(1)
    }
  })

  it('repair Windows-1252 mojibake and say so once', () => {
    const original = '# Niveau\n\n## Qu’est-ce que le modèle ?\n\n**Réponse :** Une tâche, à l’intérieur.\n'
    const mojibake = iconv.decode(Buffer.from(original, 'utf8'), 'windows-1252')
    expect(mojibake).toContain('RÃ©ponse')
    const file = new VFile({path: 'a.md', value: new TextEncoder().encode(mojibake)})
    const {tree} = parse(file)
    expect(file.value).toBe(original)
    expect(file.messages.map((m) => [m.ruleId, m.reason.includes('Windows-1252')])).toEqual([['encoding-repaired', true]])
    expect(questionsOf(tree)).toHaveLength(1)
  })

  it('leave mojibake alone when asked', () => {
    const mojibake = iconv.decode(Buffer.from('## Qu’est-ce ?\n\n**Réponse :** é', 'utf8'), 'windows-1252')
    const file = new VFile({path: 'a.md', value: new TextEncoder().encode(mojibake)})
    parse(file, {repairEncoding: false})
    expect(file.value).toBe(mojibake)
  })
})

describe('purity', () => {
  it('gives equal, JSON-serializable results for equal input', () => {
    const first = parse({path: 'a.md', value: bank})
    const second = parse({path: 'a.md', value: bank})
    expect(JSON.parse(JSON.stringify(first.tree))).toEqual(second.tree)
    expect(structuredClone(first.tree)).toEqual(first.tree)
  })
})
