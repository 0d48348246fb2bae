/**
 * The four question kinds in one package: each gets its own note type
 * (anki-compat.md §3, §6, §7, §10), the right cards (§5, §6), and fields that
 * render as intended with no script. Packages are read back with sql.js and
 * fflate and pass the whole structural checklist (checks.ts); cloze fields
 * are read back the way Anki's cloze reader reads them (anki-cloze.ts).
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Root as MdastRoot} from 'mdast'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Cloze} from '../../../src/ast/types.js'
import {compile} from '../../../src/compile.js'
import {
  basicNoteType,
  choiceNoteType,
  clozeNoteType,
  noteTypeFor,
  noteTypes,
  reversedNoteType
} from '../../../src/emit/apkg/index.js'
import {ankiClozeNumbers, isBalanced, readClozes, reveal, visibleText} from './anki-cloze.js'
import {checkPackage} from './checks.js'
import {compileSpecs, notesWithCards, openApkg, openPackage, type OpenedPackage, type QuestionSpec} from './helpers.js'

const now = new Date('2026-01-01T00:00:00Z')

type Model = {
  id: number
  name: string
  type: number
  sortf: number
  req: unknown
  flds: Array<{name: string; ord: number}>
  tmpls: Array<{name: string; ord: number; qfmt: string; afmt: string}>
  css: string
}

const modelOf = (pkg: OpenedPackage, id: number) => pkg.col.models[String(id)] as unknown as Model | undefined

/** Build hand-made questions and open the package (checked against §13). */
async function packageOf(specs: QuestionSpec[]) {
  const result = await compileSpecs(specs, now)
  const pkg = await openApkg(result)
  checkPackage(pkg, now)
  return {pkg, result, notes: notesWithCards(pkg)}
}

/** A Cloze node built by hand (for content the cloze syntax cannot express). */
function clozeRoot(...children: MdastRoot['children']): MdastRoot {
  return {type: 'root', children}
}
const cloze = (number: number, value: string, hint: string | null = null): Cloze => ({type: 'cloze', number, hint, children: [{type: 'text', value}]})

describe('note types as data', () => {
  it('has one constant id in [2^30, 2^31) per type, all distinct, names "… (deckdown)"', () => {
    expect(noteTypes).toEqual([basicNoteType, reversedNoteType, clozeNoteType, choiceNoteType])
    expect(new Set(noteTypes.map((type) => type.id)).size).toBe(4)
    for (const type of noteTypes) {
      expect(type.id).toBeGreaterThanOrEqual(2 ** 30)
      expect(type.id).toBeLessThan(2 ** 31)
      expect(type.name).toMatch(/ \(deckdown\)$/)
    }
    // Never change these (§8, §10): a new id is a new note type to every collection.
    expect(noteTypes.map((type) => [type.name, type.id])).toEqual([
      ['Basic (deckdown)', 1_761_853_295],
      ['Basic and reversed (deckdown)', 1_272_682_795],
      ['Cloze (deckdown)', 1_364_447_296],
      ['Choice (deckdown)', 1_211_770_292]
    ])
  })

  it('maps every question kind to its note type', () => {
    expect(noteTypeFor('basic')).toBe(basicNoteType)
    expect(noteTypeFor('reversed')).toBe(reversedNoteType)
    expect(noteTypeFor('cloze')).toBe(clozeNoteType)
    expect(noteTypeFor('choice')).toBe(choiceNoteType)
  })
})

describe('apkg: all four kinds from Markdown, through the real parser', () => {
  const markdown = `---
deck: Kinds
---
# Mixed

The capital of {{c2::France}} is {{c1::Paris::city}}.

## What is the GIL?

**Answer:** A global lock.

## le chat
<!-- reversed -->

**Answer:** the cat

## Which are HTTP methods?

- [x] GET
- [ ] FETCH
- [x] POST

**Explanation:** FETCH is not a method.
`
  let pkg: OpenedPackage
  let json: {questions: Array<{kind: string; choices: unknown; cloze: unknown}>}
  beforeAll(async () => {
    const result = await compile([{path: 'kinds.md', value: markdown}], {formats: ['apkg', 'json'], now})
    const apkg = result.outputs.find((output) => output.format === 'apkg')
    if (!(apkg?.contents instanceof Uint8Array)) throw new Error('no apkg')
    pkg = await openPackage(apkg.contents)
    json = JSON.parse(String(result.outputs.find((output) => output.format === 'json')?.contents)) as typeof json
  })
  afterAll(() => pkg.close())

  it('passes every structural check', () => {
    checkPackage(pkg, now)
  })

  it('parses one question of each kind (the parser’s side of this test)', () => {
    expect(json.questions.map((question) => question.kind).sort()).toEqual(['basic', 'choice', 'cloze', 'reversed'])
  })

  it('writes the four note types with their type, fields, templates, req and sortf', () => {
    expect(Object.keys(pkg.col.models).sort()).toEqual(noteTypes.map((type) => String(type.id)).sort())
    const basic = modelOf(pkg, basicNoteType.id)
    const reversed = modelOf(pkg, reversedNoteType.id)
    const clozeModel = modelOf(pkg, clozeNoteType.id)
    const choice = modelOf(pkg, choiceNoteType.id)

    expect(reversed).toMatchObject({name: 'Basic and reversed (deckdown)', type: 0, sortf: 0})
    expect(reversed?.flds.map((field) => field.name)).toEqual(['Front', 'Back', 'Example', 'Extra', 'Source'])
    expect(reversed?.tmpls.map((template) => [template.name, template.qfmt])).toEqual([
      ['Card 1', '{{Front}}'],
      ['Card 2', '{{Back}}']
    ])
    // Card 1 needs Front, Card 2 needs Back (§7).
    expect(reversed?.req).toEqual([
      [0, 'any', [0]],
      [1, 'any', [1]]
    ])
    expect(reversed?.tmpls[0]?.afmt).toBe(basic?.tmpls[0]?.afmt)

    expect(clozeModel).toMatchObject({name: 'Cloze (deckdown)', type: 1, sortf: 0})
    expect(clozeModel?.flds.map((field) => field.name)).toEqual(['Text', 'Back', 'Example', 'Extra', 'Source'])
    expect(clozeModel?.tmpls.map((template) => [template.name, template.qfmt])).toEqual([['Cloze', '{{cloze:Text}}']])
    // What modern Anki computes for `{{cloze:Text}}` (req is ignored for cloze types, §6).
    expect(clozeModel?.req).toEqual([[0, 'any', [0]]])

    expect(choice).toMatchObject({name: 'Choice (deckdown)', type: 0, sortf: 0})
    expect(choice?.flds.map((field) => field.name)).toEqual(['Question', 'Choices', 'Answer', 'Example', 'Extra', 'Source'])
    expect(choice?.tmpls.map((template) => template.name)).toEqual(['Card 1'])
    expect(choice?.req).toEqual([[0, 'any', [0, 1]]])
  })

  it('makes the right cards: basic 1, reversed 2, cloze one per number (ord N − 1), choice 1', () => {
    const byType = new Map(notesWithCards(pkg).map((note) => [note.mid, note]))
    expect(byType.get(basicNoteType.id)?.ords).toEqual([0])
    expect(byType.get(reversedNoteType.id)?.ords).toEqual([0, 1])
    expect(byType.get(clozeNoteType.id)?.ords).toEqual([0, 1])
    expect(byType.get(choiceNoteType.id)?.ords).toEqual([0])
    expect(pkg.rows('SELECT id FROM cards')).toHaveLength(6)
  })

  it('writes the cloze in Anki syntax with its hint, and the choices with the correct ones marked', () => {
    const byType = new Map(notesWithCards(pkg).map((note) => [note.mid, note]))
    expect(byType.get(clozeNoteType.id)?.fields[0]).toBe('<p>The capital of {{c2::France}} is {{c1::Paris::city}}.</p>')
    const [question, choices, answer] = byType.get(choiceNoteType.id)?.fields ?? []
    expect(question).toBe('<p>Which are HTTP methods?</p>')
    expect(choices).toContain('(choose all that apply)')
    expect(choices?.match(/<li class="[^"]*"/g)).toEqual([
      '<li class="dd-choice dd-correct"',
      '<li class="dd-choice"',
      '<li class="dd-choice dd-correct"'
    ])
    expect(answer).toBe('')
  })
})

describe('apkg: models hold only the note types used', () => {
  it('writes only Cloze (deckdown) for a cloze-only package, and says so in col.conf', async () => {
    const {pkg} = await packageOf([{kind: 'cloze', prompt: 'A {{c1::b}}.'}])
    try {
      expect(Object.keys(pkg.col.models)).toEqual([String(clozeNoteType.id)])
      expect(pkg.col.conf['curModel']).toBe(String(clozeNoteType.id))
    } finally {
      pkg.close()
    }
  })

  it('keeps the first-seen order of types in one package of several kinds', async () => {
    const {pkg} = await packageOf([
      {kind: 'choice', prompt: 'Q?', choices: [{markdown: 'a', correct: true}, {markdown: 'b', correct: false}]},
      {kind: 'basic', prompt: 'Q2?', answer: 'A'}
    ])
    try {
      expect(Object.keys(pkg.col.models).sort()).toEqual([String(basicNoteType.id), String(choiceNoteType.id)].sort())
    } finally {
      pkg.close()
    }
  })
})

describe('apkg: reversed', () => {
  it('makes Card 2 only when there is an answer, and shows the extras on its back', async () => {
    const {pkg, notes} = await packageOf([
      {kind: 'reversed', prompt: 'le chat', answer: 'the cat', example: 'Le chat dort.', extra: 'Masculine.'},
      {kind: 'reversed', prompt: 'orphan', answer: ''}
    ])
    try {
      expect(notes.map((note) => note.ords)).toEqual([[0, 1], [0]])
      expect(notes[0]?.fields).toEqual(['<p>le chat</p>', '<p>the cat</p>', '<p>Le chat dort.</p>', '<p>Masculine.</p>', 'kinds.md:1'])
      const back = modelOf(pkg, reversedNoteType.id)?.tmpls[1]?.afmt ?? ''
      const order = ['{{FrontSide}}', '<hr id=answer>', '{{Front}}', '{{#Example}}', '{{#Extra}}', '{{#Source}}']
      const positions = order.map((part) => back.indexOf(part))
      expect(positions.every((position) => position >= 0)).toBe(true)
      expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    } finally {
      pkg.close()
    }
  })
})

describe('apkg: cloze', () => {
  it('makes one card per distinct number, ord = N − 1, whatever the order or repeats', async () => {
    const {pkg, notes} = await packageOf([{kind: 'cloze', prompt: '{{c3::c}} {{c1::a}} {{c3::again}} {{c10::j}}'}])
    try {
      expect(notes[0]?.ords).toEqual([0, 2, 9])
      expect(ankiClozeNumbers(notes[0]?.fields[0] ?? '')).toEqual([1, 3, 10])
    } finally {
      pkg.close()
    }
  })

  it('keeps the answer, example, extra and source in their fields and shows them on the back', async () => {
    const {pkg, notes} = await packageOf([{kind: 'cloze', prompt: 'x {{c1::y}}', answer: 'Back **text**', example: 'ex', extra: 'more'}])
    try {
      expect(notes[0]?.fields).toEqual(['<p>x {{c1::y}}</p>', '<p>Back <strong>text</strong></p>', '<p>ex</p>', '<p>more</p>', 'kinds.md:1'])
      const afmt = modelOf(pkg, clozeNoteType.id)?.tmpls[0]?.afmt ?? ''
      const order = ['{{cloze:Text}}', '<hr id=answer>', '{{Back}}', '{{#Example}}', '{{#Extra}}', '{{#Source}}']
      const positions = order.map((part) => afmt.indexOf(part))
      expect(positions.every((position) => position >= 0)).toBe(true)
      expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    } finally {
      pkg.close()
    }
  })

  it('breaks `}}` in math with a space and `::` in code with a comment, so Anki reads the cloze as written', async () => {
    const prompt = 'Then {{c1::$\\frac{a}{\\frac{b}{c}}$::fraction}} and {{c2::`std::vector`}} and {{c3::$a::b$}}.'
    const {pkg, notes} = await packageOf([{kind: 'cloze', prompt}])
    try {
      const text = notes[0]?.fields[0] ?? ''
      expect(text).toBe(
        '<p>Then {{c1::<span class="math math-inline">\\(\\frac{a}{\\frac{b}{c} }\\)</span>::fraction}}' +
          ' and {{c2::<code>std:<!-- -->:vector</code>}}' +
          ' and {{c3::<span class="math math-inline">\\(a: :b\\)</span>}}.</p>'
      )
      expect(notes[0]?.ords).toEqual([0, 1, 2])
      // As Anki reads it: three clozes, the hint where it was written.
      const clozes = readClozes(text).filter((node) => typeof node !== 'string')
      expect(clozes.map((node) => typeof node !== 'string' && [node.numbers, node.hint])).toEqual([
        [[1], 'fraction'],
        [[2], null],
        [[3], null]
      ])
      expect(visibleText(reveal(text, 1, true))).toBe('Then [fraction] and std::vector and \\(a: :b\\).')
      expect(visibleText(reveal(text, 1, false))).toBe('Then \\(\\frac{a}{\\frac{b}{c} }\\) and std::vector and \\(a: :b\\).')
      expect(visibleText(reveal(text, 2, true))).toBe('Then \\(\\frac{a}{\\frac{b}{c} }\\) and [...] and \\(a: :b\\).')
    } finally {
      pkg.close()
    }
  })

  it('breaks `}` or `:` that would meet the closing `}}` or the hint’s `::`, and `}}` inside a hint', async () => {
    const {pkg, notes} = await packageOf([
      {kind: 'cloze', prompt: clozeRoot({type: 'paragraph', children: [cloze(1, 'set {x}'), {type: 'text', value: ' '}, cloze(2, 'ratio 1:', 'h'), {type: 'text', value: ' '}, cloze(3, 'y', 'a}}b<c')]})}
    ])
    try {
      const text = notes[0]?.fields[0] ?? ''
      expect(text).toBe('<p>{{c1::set {x}<!-- -->}} {{c2::ratio 1:<!-- -->::h}} {{c3::y::a}<!-- -->}b&lt;c}}</p>')
      const clozes = readClozes(text).filter((node) => typeof node !== 'string')
      expect(clozes.map((node) => typeof node !== 'string' && [node.numbers, visibleText(node.children.join('')), node.hint && visibleText(node.hint)])).toEqual([
        [[1], 'set {x}', null],
        [[2], 'ratio 1:', 'h'],
        [[3], 'y', 'a}}b<c']
      ])
    } finally {
      pkg.close()
    }
  })

  it('nests clozes as Anki 2.1.56+ reads them', async () => {
    const {pkg, notes} = await packageOf([{kind: 'cloze', prompt: '{{c1::outer {{c2::inner}} end}}'}])
    try {
      const text = notes[0]?.fields[0] ?? ''
      expect(text).toBe('<p>{{c1::outer {{c2::inner}} end}}</p>')
      expect(notes[0]?.ords).toEqual([0, 1])
      expect(visibleText(reveal(text, 2, true))).toBe('outer [...] end')
      expect(visibleText(reveal(text, 1, true))).toBe('[...]')
    } finally {
      pkg.close()
    }
  })

  it('keeps `{{cN::…}}` written in a code block whole and balanced while highlighting it', async () => {
    const prompt = 'Fill in:\n\n```python\ndef f(x):\n    {{c1::return x + 1::what}}\n    y = "{{c2::s}}"\n```\n'
    const {pkg, notes} = await packageOf([{kind: 'cloze', prompt}])
    try {
      const text = notes[0]?.fields[0] ?? ''
      // Highlighted …
      expect(text).toContain('<code class="language-python hljs"><span class="hljs-keyword">def</span>')
      // … with the markers as plain text directly in <code>, never cut by a span.
      expect(text).toContain('    {{c1::<span class="hljs-keyword">return</span> x + <span class="hljs-number">1</span>::what}}\n')
      expect(text).toContain('y = <span class="hljs-string">"</span>{{c2::<span class="hljs-string">s</span>}}<span class="hljs-string">"</span>')
      expect(notes[0]?.ords).toEqual([0, 1])
      expect(isBalanced(text)).toBe(true)
      for (const number of [1, 2]) {
        for (const question of [true, false]) expect(isBalanced(reveal(text, number, question)), `c${number} ${question}`).toBe(true)
      }
      expect(visibleText(reveal(text, 1, true))).toContain('    [what]\n')
      expect(visibleText(reveal(text, 1, false))).toContain('    return x + 1\n')
      expect(visibleText(reveal(text, 2, true))).toContain('y = "[...]"')
    } finally {
      pkg.close()
    }
  })

  it('highlights code blocks without cloze markers as in Basic', async () => {
    const {pkg, notes} = await packageOf([{kind: 'cloze', prompt: '{{c1::Python}}:\n\n```python\nx = {"a": {"b": 1}}\n```\n'}])
    try {
      const text = notes[0]?.fields[0] ?? ''
      expect(text).toContain('<code class="language-python hljs">x = {<span class="hljs-string">"a"</span>: {<span class="hljs-string">"b"</span>: <span class="hljs-number">1</span>}}')
      // The `}}` of the code is outside any cloze: Anki leaves it as text.
      expect(visibleText(reveal(text, 1, false))).toContain('x = {"a": {"b": 1}}')
      expect(notes[0]?.ords).toEqual([0])
    } finally {
      pkg.close()
    }
  })

  it('writes no note, and says why, for a cloze question without a cloze', async () => {
    const result = await compileSpecs([{kind: 'cloze', prompt: 'No cloze here.'}, {kind: 'basic', prompt: 'Q', answer: 'A'}], now)
    const pkg = await openApkg(result)
    try {
      checkPackage(pkg, now)
      expect(notesWithCards(pkg).map((note) => note.mid)).toEqual([basicNoteType.id])
      const messages = result.files.flatMap((file) => file.messages)
      expect(messages.map((message) => [message.ruleId, message.reason])).toContainEqual([
        'empty-prompt',
        'This cloze question makes no card: its text has no cloze deletion (`{{c1::…}}`)'
      ])
    } finally {
      pkg.close()
    }
  })

  it('styles the active cloze in light and night mode', () => {
    expect(clozeNoteType.css.startsWith(basicNoteType.css)).toBe(true)
    expect(clozeNoteType.css).toMatch(/(^|\n)\.cloze\{[^}]*font-weight:bold/)
    expect(clozeNoteType.css).toContain('.nightMode .cloze,.night_mode .cloze{')
  })
})

describe('apkg: choice', () => {
  it('marks the correct option, with no "choose all" for a single answer, and shows the explanation', async () => {
    const {pkg, notes} = await packageOf([
      {
        kind: 'choice',
        prompt: 'What does `typeof null` give?',
        answer: 'A historical accident.',
        example: 'typeof null // "object"',
        choices: [
          {label: 'A', markdown: '`"null"`', correct: false},
          {label: 'B', markdown: '`"object"`', correct: true},
          {label: 'C', markdown: '`"undefined"`', correct: false}
        ]
      }
    ])
    try {
      expect(notes[0]?.ords).toEqual([0])
      const [question, choices, answer, example, extra, source] = notes[0]?.fields ?? []
      expect(question).toBe('<p>What does <code>typeof null</code> give?</p>')
      expect(choices).toBe(
        '<ol class="dd-choices">' +
          '<li class="dd-choice"><span class="dd-label">A</span><div class="dd-option"><p><code>"null"</code></p></div></li>' +
          '<li class="dd-choice dd-correct"><span class="dd-label">B</span><div class="dd-option"><p><code>"object"</code></p></div></li>' +
          '<li class="dd-choice"><span class="dd-label">C</span><div class="dd-option"><p><code>"undefined"</code></p></div></li>' +
          '</ol>'
      )
      expect([answer, example, extra, source]).toEqual(['<p>A historical accident.</p>', '<p>typeof null // "object"</p>', '', 'kinds.md:1'])
    } finally {
      pkg.close()
    }
  })

  it('says "(choose all that apply)" when several are correct, letters unlabelled options, keeps written labels', async () => {
    const {pkg, notes} = await packageOf([
      {kind: 'choice', prompt: 'Which?', choices: [{markdown: 'GET', correct: true}, {markdown: 'FETCH', correct: false}, {markdown: 'POST', correct: true}]},
      {kind: 'choice', prompt: 'Which number?', choices: [{label: '1', markdown: 'one', correct: false}, {label: '2', markdown: 'two', correct: true}]}
    ])
    try {
      const multiple = notes[0]?.fields[1] ?? ''
      expect(multiple.startsWith('<p class="dd-multi">(choose all that apply)</p><ol class="dd-choices">')).toBe(true)
      expect([...multiple.matchAll(/<span class="dd-label">([^<]*)<\/span>/g)].map((match) => match[1])).toEqual(['A', 'B', 'C'])
      expect([...multiple.matchAll(/<li class="([^"]*)"/g)].map((match) => match[1])).toEqual(['dd-choice dd-correct', 'dd-choice', 'dd-choice dd-correct'])
      const numbered = notes[1]?.fields[1] ?? ''
      expect(numbered).not.toContain('dd-multi')
      expect([...numbered.matchAll(/<span class="dd-label">([^<]*)<\/span>/g)].map((match) => match[1])).toEqual(['1', '2'])
    } finally {
      pkg.close()
    }
  })

  it('marks answers on the back only, with CSS (no script): front plain, back inside .dd-reveal', () => {
    const [template] = choiceNoteType.templates
    expect(template?.qfmt).toContain('{{Question}}')
    expect(template?.qfmt).toContain('{{Choices}}')
    expect(template?.qfmt).not.toContain('dd-reveal')
    expect(template?.afmt).toMatch(/<div class="[^"]*dd-reveal[^"]*">\{\{Choices\}\}<\/div>/)
    const order = ['{{Question}}', '<hr id=answer>', '{{Choices}}', '{{#Answer}}', '{{#Example}}', '{{#Extra}}', '{{#Source}}']
    const positions = order.map((part) => template?.afmt.indexOf(part) ?? -1)
    expect(positions.every((position) => position >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    for (const side of [template?.qfmt, template?.afmt]) expect(side).not.toMatch(/<script/i)

    const css = choiceNoteType.css
    expect(css.startsWith(basicNoteType.css)).toBe(true)
    // Every rule that marks .dd-correct is scoped to .dd-reveal (the back).
    for (const rule of css.split(/(?<=\})/)) {
      if (rule.includes('.dd-correct')) expect(rule.split('{')[0]?.split(',').every((selector) => selector.includes('.dd-reveal')), rule).toBe(true)
    }
    expect(css).toMatch(/\.dd-reveal \.dd-correct\{[^}]*font-weight:bold/)
    expect(css).toMatch(/\.dd-reveal \.dd-correct::after\{content:"\\2713"/)
    expect(css).toContain('.nightMode .dd-reveal .dd-correct,.night_mode .dd-reveal .dd-correct{')
  })

  it('writes an empty Choices field for a choice question without options (still one card)', async () => {
    const {pkg, notes} = await packageOf([{kind: 'choice', prompt: 'Options lost?', choices: null}])
    try {
      expect(notes[0]?.fields[1]).toBe('')
      expect(notes[0]?.ords).toEqual([0])
    } finally {
      pkg.close()
    }
  })
})

describe('apkg: media in new fields', () => {
  let base: string
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'deckdown-apkg-kinds-'))
    mkdirSync(join(base, 'img'))
    writeFileSync(join(base, 'img', 'opt.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1]))
  })
  afterAll(() => rmSync(base, {recursive: true, force: true}))

  it('embeds images of options and of cloze text under their flat names', async () => {
    const result = await compileSpecs(
      [
        {kind: 'choice', prompt: 'Which picture?', choices: [{markdown: '![first](img/opt.png)', correct: true}, {markdown: 'none', correct: false}]},
        {kind: 'cloze', prompt: 'See {{c1::![pic](img/opt.png)}}.'}
      ],
      now,
      {cwd: base}
    )
    const pkg = await openApkg(result)
    try {
      checkPackage(pkg, now, {media: true})
      expect(pkg.media).toEqual({0: 'opt.png'})
      const notes = notesWithCards(pkg)
      expect(notes[0]?.fields[1]).toContain('<img src="opt.png" alt="first">')
      expect(notes[1]?.fields[0]).toBe('<p>See {{c1::<img src="opt.png" alt="pic">}}.</p>')
    } finally {
      pkg.close()
    }
  })
})

describe('apkg: rebuilds', () => {
  it('keeps every GUID and card ord of the new kinds when answers change', async () => {
    const specs = (answer: string): QuestionSpec[] => [
      {kind: 'reversed', prompt: 'le chat', answer},
      {kind: 'cloze', prompt: 'A {{c1::b}} {{c2::c}}', answer},
      {kind: 'choice', prompt: 'Q?', answer, choices: [{markdown: 'x', correct: true}, {markdown: 'y', correct: false}]}
    ]
    const first = await packageOf(specs('one'))
    const second = await packageOf(specs('two'))
    try {
      const summary = (notes: typeof first.notes) => notes.map((note) => [note.guid, note.mid, note.ords])
      expect(summary(second.notes)).toEqual(summary(first.notes))
      expect(second.notes.map((note) => note.fields[1])).not.toEqual(first.notes.map((note) => note.fields[1]))
    } finally {
      first.pkg.close()
      second.pkg.close()
    }
  })
})
