/**
 * The pieces on their own: base91 and ids, template requirements and card
 * generation, HTML stripping, highlighting.
 */
import type {Root} from 'hast'
import {createHash} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {
  ankiBase91Alphabet,
  base91,
  basicNoteType,
  cardOrdsFor,
  choiceLabel,
  choiceNoteType,
  clozeNoteType,
  clozeNumbersInText,
  clozeNumbersOf,
  reversedNoteType,
  deckIdFor,
  fieldChecksum,
  guidFor,
  noteTypeFor,
  stripHtmlPreservingMediaNames,
  toModelJson,
  type NoteType
} from '../../../src/emit/apkg/index.js'
import {DeckIds, deckName, withAncestors} from '../../../src/emit/apkg/decks.js'
import {firstIdEndingAt} from '../../../src/emit/apkg/ids.js'
import {isNormalizedMediaName} from '../../../src/emit/apkg/package.js'
import {clozeOrds, isEmptyField, parseTemplate, requirementFor} from '../../../src/emit/apkg/template.js'
import {highlight, highlightCss} from '../../../src/render/highlight.js'
import {clozeField} from './helpers.js'
import {planNotes} from '../../../src/emit/apkg/plan.js'
import {createMediaLoader} from '../../../src/media/index.js'
import {parse} from '../../../src/parse/index.js'
import {createRenderer} from '../../../src/render/index.js'

describe('ids', () => {
  it('uses Anki’s 91-character alphabet without quotes, backslash or space', () => {
    expect(ankiBase91Alphabet).toHaveLength(91)
    expect(new Set(ankiBase91Alphabet).size).toBe(91)
    expect(ankiBase91Alphabet).not.toMatch(/["'\\ ]/)
    expect(ankiBase91Alphabet.slice(0, 3)).toBe('abc')
  })

  it('writes base 91 most significant digit first', () => {
    expect(base91(0n)).toBe('a')
    expect(base91(90n)).toBe('~')
    expect(base91(91n)).toBe('ba')
    expect(base91(2n ** 64n - 1n)).toHaveLength(10)
  })

  it('writes base 91 with numbers as it does with BigInt division, at every size', () => {
    const reference = (value: bigint): string => {
      let digits = ''
      let rest = value
      do {
        digits = ankiBase91Alphabet.charAt(Number(rest % 91n)) + digits
        rest /= 91n
      } while (rest > 0n)
      return digits
    }
    const values = [0n, 1n, 90n, 91n, 91n ** 5n - 1n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 80n + 12345n]
    for (let index = 0; index < 2000; index++) values.push(createHash('sha256').update(String(index)).digest().readBigUInt64BE(0))
    for (const value of values) expect(base91(value), String(value)).toBe(reference(value))
    // A GUID is the base 91 of the first 8 bytes of SHA-256("deckdown:" + id).
    for (const id of ['what-is-the-gil-3f2a9c01de', 'é', '']) {
      expect(guidFor(id)).toBe(reference(createHash('sha256').update(`deckdown:${id}`, 'utf8').digest().readBigUInt64BE(0)))
    }
  })

  it('derives GUIDs from the id only: stable, distinct, short', () => {
    expect(guidFor('what-is-the-gil')).toBe(guidFor('what-is-the-gil'))
    expect(guidFor('what-is-the-gil')).not.toBe(guidFor('what-is-the-gil-2'))
    const guids = new Set(Array.from({length: 2000}, (_, index) => guidFor(`question-${index}`)))
    expect(guids.size).toBe(2000)
    for (const guid of guids) expect(guid.length).toBeLessThanOrEqual(10)
  })

  it('derives deck ids from the full name, never 1, in a safe range', () => {
    expect(deckIdFor('Python::Niveau Hardcore')).toBe(deckIdFor('Python::Niveau Hardcore'))
    expect(deckIdFor('Python')).not.toBe(deckIdFor('Python::Niveau Hardcore'))
    for (const name of ['Default', '', 'a', 'Python', 'A::B::C']) {
      const id = deckIdFor(name)
      expect(Number.isSafeInteger(id)).toBe(true)
      expect(id).toBeGreaterThanOrEqual(2 ** 31)
      expect(id).toBeLessThan(2 ** 40)
    }
  })

  it('ends note and card ids at the build time', () => {
    expect(firstIdEndingAt(1_000, 3)).toBe(998)
    expect(firstIdEndingAt(1_000.7, 1)).toBe(1_000)
    expect(firstIdEndingAt(1, 3)).toBe(1)
    expect(firstIdEndingAt(1_000, 0)).toBe(1_001)
  })
})

describe('decks', () => {
  it('joins paths with ::, normalizes components like Anki, falls back to the output name', () => {
    expect(deckName(['Python', 'Niveau Hardcore'], 'x')).toBe('Python::Niveau Hardcore')
    expect(deckName([], 'python')).toBe('python')
    expect(deckName([' A: ', '', 'B\u0007'], 'x')).toBe('A::blank::B')
    expect(deckName(['Cafe\u0301'], 'x')).toBe('Café')
  })

  it('lists every ancestor', () => {
    expect(withAncestors('A::B::C')).toEqual(['A', 'A::B', 'A::B::C'])
  })

  it('gives each deck its hash id, ancestors first, and lists them sorted', () => {
    const ids = new DeckIds()
    expect(ids.idOf('B::C')).toBe(deckIdFor('B::C'))
    expect(ids.idOf('A')).toBe(deckIdFor('A'))
    expect(ids.idOf('A')).toBe(deckIdFor('A'))
    expect(ids.entries()).toEqual([
      ['A', deckIdFor('A')],
      ['B', deckIdFor('B')],
      ['B::C', deckIdFor('B::C')]
    ])
  })
})

describe('templates', () => {
  const fields = ['Front', 'Back', 'Example', 'Extra', 'Source']

  it('parses fields, filters and sections', () => {
    expect(parseTemplate('a {{cloze:Text}} {{#Extra}}x{{Extra}}{{/Extra}}')).toEqual([
      {type: 'text', value: 'a '},
      {type: 'field', name: 'Text', filters: ['cloze']},
      {type: 'text', value: ' '},
      {type: 'section', name: 'Extra', negated: false, children: [{type: 'text', value: 'x'}, {type: 'field', name: 'Extra', filters: []}]}
    ])
  })

  it('derives req as Anki does', () => {
    expect(requirementFor(0, '{{Front}}', fields)).toEqual([0, 'any', [0]])
    expect(requirementFor(0, '{{Front}}<br>{{Back}}', fields)).toEqual([0, 'any', [0, 1]])
    expect(requirementFor(1, '{{#Back}}{{Front}}{{/Back}}', fields)).toEqual([1, 'all', [0, 1]])
    expect(requirementFor(0, 'static text only', fields)).toEqual([0, 'none', []])
    expect(toModelJson(basicNoteType, {mod: 1, deckId: null}).req).toEqual([[0, 'any', [0]]])
  })

  it('treats whitespace, <br> and <div> as empty and an image as content', () => {
    expect(isEmptyField('')).toBe(true)
    expect(isEmptyField(' <br> <div></div>\n')).toBe(true)
    expect(isEmptyField('<img src="a.png">')).toBe(false)
  })

  it('makes one card for a Basic note with a front, none without', () => {
    expect(cardOrdsFor(basicNoteType, ['<p>Q</p>', '<p>A</p>', '', '', 'f.md:1'])).toEqual([0])
    expect(cardOrdsFor(basicNoteType, ['', '<p>A</p>', '', '', 'f.md:1'])).toEqual([])
  })

  it('generates cards from data for other note types (reversed, cloze)', () => {
    const reversed: NoteType = {
      ...basicNoteType,
      id: 1,
      templates: [
        {name: 'Card 1', qfmt: '{{Front}}', afmt: '{{Back}}'},
        {name: 'Card 2', qfmt: '{{Back}}', afmt: '{{Front}}'}
      ]
    }
    expect(cardOrdsFor(reversed, ['Q', 'A', '', '', ''])).toEqual([0, 1])
    expect(cardOrdsFor(reversed, ['Q', '', '', '', ''])).toEqual([0])

    const cloze: NoteType = {
      id: 2,
      name: 'Cloze (test)',
      kind: 'cloze',
      fields: [
        {name: 'Text', from: 'prompt'},
        {name: 'Back Extra', from: 'extra'}
      ],
      templates: [{name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>{{Back Extra}}'}],
      sortField: 0,
      css: ''
    }
    expect(cardOrdsFor(cloze, ['{{c2::a}} {{c1::b}} {{c2::c}}', '{{c9::not a cloze field}}'])).toEqual([0, 1])
    expect(toModelJson(cloze, {mod: 1, deckId: null}).type).toBe(1)
    expect(clozeOrds('{{c0::x}} {{c777::y}}')).toEqual([0, 499])
  })

  it('has a note type for every kind and refuses a kind it does not know', () => {
    expect(noteTypeFor('basic')).toBe(basicNoteType)
    expect(noteTypeFor('cloze').kind).toBe('cloze')
    expect(() => noteTypeFor('essay' as never)).toThrow(/`essay` have no Anki note type/)
  })

  it('derives req for the reversed and choice types, and the cloze type’s as modern Anki does', () => {
    expect(toModelJson(reversedNoteType, {mod: 1, deckId: null}).req).toEqual([
      [0, 'any', [0]],
      [1, 'any', [1]]
    ])
    expect(toModelJson(choiceNoteType, {mod: 1, deckId: null}).req).toEqual([[0, 'any', [0, 1]]])
    expect(toModelJson(clozeNoteType, {mod: 1, deckId: null})).toMatchObject({type: 1, req: [[0, 'any', [0]]], sortf: 0})
  })

  it('makes cards for reversed, choice and cloze notes from their fields', () => {
    expect(cardOrdsFor(reversedNoteType, ['<p>Q</p>', '<p>A</p>', '', '', 's'])).toEqual([0, 1])
    expect(cardOrdsFor(reversedNoteType, ['<p>Q</p>', '', '', '', 's'])).toEqual([0])
    expect(cardOrdsFor(choiceNoteType, ['<p>Q</p>', '<ol></ol>', '', '', '', 's'])).toEqual([0])
    expect(cardOrdsFor(clozeNoteType, ['<p>{{c2::a}} and {{c5::b::h}}</p>', '{{c9::not read}}', '', '', 's'])).toEqual([1, 4])
    expect(cardOrdsFor(clozeNoteType, ['<p>no cloze</p>', '', '', '', 's'])).toEqual([])
  })
})

describe('cloze numbers as Anki reads them', () => {
  it('counts closed clozes only, nested ones too, and `c1,2`', () => {
    expect(clozeNumbersInText('{{c2::a}} {{c1::b::hint}} {{c2::c}}')).toEqual([1, 2])
    expect(clozeNumbersInText('{{c1::never closed')).toEqual([])
    expect(clozeNumbersInText('}} stray {{c3::x}}')).toEqual([3])
    expect(clozeNumbersInText('{{c1::outer {{c2::inner}} still}}')).toEqual([1, 2])
    expect(clozeNumbersInText('{{c1,3::both}}')).toEqual([1, 3])
    expect(clozeNumbersInText('{{c,::no}} {{cx::no}} {{c4::yes}}')).toEqual([4])
    expect(clozeOrds('{{c1::never closed')).toEqual([])
  })

  it('counts clozes of a field’s mdast, and `{{cN::…}}` written in code outside them', () => {
    const tree = clozeField('A {{c2::b}} `{{c4::in code}}` {{c1::c `{{c9::inside a cloze}}`}}\n\n```js\n{{c3::x}}\n```')
    expect(clozeNumbersOf(tree)).toEqual([1, 2, 3, 4])
  })
})

describe('choice labels', () => {
  it('uses written labels, else letters by position (A … Z, AA …)', () => {
    const option = (label: string | null) => ({label, content: {type: 'root' as const, children: []}, correct: false})
    expect(choiceLabel(option('b'), 0)).toBe('b')
    expect(choiceLabel(option(null), 0)).toBe('A')
    expect(choiceLabel(option(' '), 2)).toBe('C')
    expect(choiceLabel(option(null), 25)).toBe('Z')
    expect(choiceLabel(option(null), 26)).toBe('AA')
    expect(choiceLabel(option(null), 27)).toBe('AB')
  })
})

describe('sort field and checksum', () => {
  it('strips tags, keeps media names, decodes references', () => {
    expect(stripHtmlPreservingMediaNames('<p>AT&amp;T &lt;3</p>')).toBe('AT&T <3')
    expect(stripHtmlPreservingMediaNames('a<img src="x.png">b')).toBe('a x.png b')
    expect(stripHtmlPreservingMediaNames("<audio data-x='1' src='s.mp3'></audio>")).toBe(' s.mp3 ')
    expect(stripHtmlPreservingMediaNames('<!-- c --><style>p{}</style>x&nbsp;y<script>1</script>')).toBe('x y')
    expect(stripHtmlPreservingMediaNames('&#x41;&#66;&unknown;')).toBe('AB&unknown;')
  })

  it('checksums the stripped first field (first 4 bytes of SHA-1, unsigned)', () => {
    // SHA-1("hello") = aaf4c61d…
    expect(fieldChecksum('<b>hello</b>')).toBe(0xaaf4c61d)
  })
})

describe('media names', () => {
  it('accepts only names Anki keeps unchanged', () => {
    expect(isNormalizedMediaName('diagram.png')).toBe(true)
    for (const name of ['', '..', 'a/b.png', 'a:b.png', 'trailing.', 'con.mp3', 'x'.repeat(121), 'e\u0301.png']) {
      expect(isNormalizedMediaName(name), name).toBe(false)
    }
  })
})

describe('highlight', () => {
  const code = (className: string[] | undefined, value: string): Root => ({
    type: 'root',
    children: [
      {
        type: 'element',
        tagName: 'pre',
        properties: {},
        children: [{type: 'element', tagName: 'code', properties: className ? {className} : {}, children: [{type: 'text', value}]}]
      }
    ]
  })

  it('adds hljs classes to code with a known language', () => {
    const tree = highlight(code(['language-py'], 'def f(): pass'))
    const serialized = JSON.stringify(tree)
    expect(serialized).toContain('hljs-keyword')
    expect(serialized).toContain('"hljs"')
  })

  it('leaves code without or with an unknown language as it was', () => {
    const plain = code(undefined, 'x < 1')
    expect(highlight(structuredClone(plain))).toEqual(plain)
    const unknown = code(['language-nope'], 'x < 1')
    expect(highlight(structuredClone(unknown))).toEqual(unknown)
  })

  it('writes light rules and night rules for both night classes', () => {
    const css = highlightCss()
    expect(css).toMatch(/^\.hljs-comment,/)
    expect(css).toContain('.nightMode .hljs-string')
    expect(css).toContain('.night_mode .hljs-string')
    expect(css).toContain('.hljs-title.class_')
    expect(highlightCss({nightSelectors: ['.dark']})).toContain('.dark .hljs-string')
    expect(highlightCss({nightSelectors: []})).not.toContain('nightMode')
    expect(css.length).toBeLessThan(5_000)
  })
})

describe('note plan', () => {
  it('is computed once per build, tree and output name, and shared by emitters', async () => {
    const {tree} = parse({path: 'a.md', value: '# D\n\n## Q?\n\n**Answer:** a\n'})
    const base = {options: {}, files: [], messages: [], now: () => new Date(0), report: () => undefined}
    const media = createMediaLoader({sourcePath: (file) => file, rootOf: () => '.', report: () => {}})
    const render = createRenderer()
    const first = planNotes(tree, {...base, render, media, name: 'a'})
    expect(planNotes(tree, {...base, render, media, name: 'a'})).toBe(first)
    expect(planNotes(tree, {...base, render, media, name: 'b'})).not.toBe(first)
    expect(planNotes(tree, {...base, render: createRenderer(), media, name: 'a'})).not.toBe(first)
    expect((await first).notes).toHaveLength(1)
  })
})
