/**
 * The `sr` dialect (Obsidian spaced-repetition cards): separators, multi-line
 * cards, clozes, deck tags, scheduling comments, diagnostics and detection.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {Cloze, Question} from '../../src/ast/types.js'
import {ruleIds} from '../../src/diagnostics/rules.js'
import {parseMarkdown} from '../../src/parse/markdown.js'
import {parse} from '../../src/parse/index.js'
import {dialects} from '../../src/parse/dialects/index.js'
import {srDialect} from '../../src/parse/dialects/sr.js'
import {findSeparator} from '../../src/parse/dialects/sr-separator.js'
import {renderField, toMarkdown, toText} from '../../src/render/index.js'
import {visit} from 'unist-util-visit'
import {questionsOf, root} from '../helpers.js'

function read(text: string, path = 'note.md') {
  const {tree, file} = parse({path, value: text}, {dialect: 'sr'})
  const questions = questionsOf(tree)
  return {
    questions,
    cards: questions.map((question) => ({kind: question.kind, prompt: toMarkdown(question.prompt), answer: toMarkdown(question.answer), deck: question.deck.join('::')})),
    messages: file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)
  }
}

function clozesOf(question: Question | undefined): Array<{number: number; hint: string | null; text: string}> {
  const found: Array<{number: number; hint: string | null; text: string}> = []
  if (question) visit(question.prompt, 'cloze', (node: Cloze) => void found.push({number: node.number, hint: node.hint, text: toText({type: 'root', children: [{type: 'paragraph', children: node.children}]})}))
  return found
}

describe('sr dialect: one-line cards', () => {
  it('splits `front::back` and `front:::back` (reversed), trimming spaces', () => {
    const {cards} = read('#flashcards\n\nA group of cats is called a::clowder\nquestion :: answer\ninfo 1:::info 2\n')
    expect(cards.map(({kind, prompt, answer}) => [kind, prompt, answer])).toEqual([
      ['basic', 'A group of cats is called a', 'clowder'],
      ['basic', 'question', 'answer'],
      ['reversed', 'info 1', 'info 2']
    ])
  })

  it('reads cards in list items and callouts, without their bullets', () => {
    const {cards} = read('- Adjacent sibling::`+`\n- Child::`>`\n\n> [!tip] Shorthand\n> Margin order::top, right, bottom, left\n')
    expect(cards.map(({prompt, answer}) => [prompt, answer])).toEqual([
      ['Adjacent sibling', '`+`'],
      ['Child', '`>`'],
      ['Margin order', 'top, right, bottom, left']
    ])
  })

  it('does not split at `::` in inline code, CSS pseudo-elements, C++/Rust paths or Dataview fields', () => {
    const {cards} = read(
      [
        'Use `a::b` and std::vector, Vec::new(), std::collections::HashMap, HashMap::new.',
        'Style a::before, li::marker, input::placeholder, p::first-line and ::selection.',
        'up:: [[Index]]',
        'A field [rating:: 5] inline.',
        'Inserts content first?::The `::before` pseudo-element (`a::before`), not ::after'
      ].join('\n\n')
    )
    expect(cards).toEqual([{kind: 'basic', prompt: 'Inserts content first?', answer: 'The `::before` pseudo-element (`a::before`), not ::after', deck: 'note'}])
  })

  it('finds the separator a reader sees', () => {
    expect(findSeparator('What container is std::vector?::A dynamic array')).toEqual({index: 30, length: 2})
    expect(findSeparator('Which pseudo-element?::before')).toEqual({index: 21, length: 2})
    expect(findSeparator('{{1::Portuguese::language}} is spoken in Brazil')).toBeUndefined()
    expect(findSeparator('::no front')).toBeUndefined()
    expect(findSeparator('a::::b')).toBeUndefined()
  })
})

describe('sr dialect: multi-line cards', () => {
  it('splits at `?` (basic) and `??` (reversed), up to the blank line', () => {
    const {cards} = read('As per the definition\nof "multiline" the prompt\n?\nsame goes for\nthe answer\n\nNot part of the card.\n\ninfo 1A\n??\ninfo 2A\n- a list\n- in the answer\n')
    expect(cards.map(({kind, prompt, answer}) => [kind, prompt, answer])).toEqual([
      ['basic', 'As per the definition\nof "multiline" the prompt', 'same goes for\nthe answer'],
      ['reversed', 'info 1A', 'info 2A\n\n- a list\n- in the answer']
    ])
  })

  it('reads multi-line cards in a list item or a callout without the bullet or the quote', () => {
    const {cards} = read('- Q1::A1\n- What does `sticky` do?\n  ?\n  It sticks.\n\n> [!question] Why?\n> ?\n> Because.\n\n?\n- a one-item list answer\n')
    expect(cards.map(({prompt, answer}) => [prompt, answer])).toEqual([
      ['Q1', 'A1'],
      ['What does `sticky` do?', 'It sticks.'],
      ['Why?', 'Because.']
    ])
  })

  it('keeps code blocks (even with blank lines) in the answer', () => {
    const {cards} = read('Centre a child\n?\n```css\n.a {\n\n  display: grid;\n}\n```\n')
    expect(cards[0]?.answer).toBe('```css\n.a {\n\n  display: grid;\n}\n```')
  })

  it('starts a new card at a second `?` in the same block: its front is the line above', () => {
    const {cards} = read('Q1\n?\nA1\nQ2\n?\nA2\n')
    expect(cards.map(({prompt, answer}) => [prompt, answer])).toEqual([
      ['Q1', 'A1'],
      ['Q2', 'A2']
    ])
  })

  it('reports a `?` card with no answer or no question, with its place', () => {
    const {cards, messages} = read('A question never answered\n?\n\n?\nAn answer without question\n\nFront::\n')
    expect(cards).toEqual([])
    expect(messages).toEqual(['2:1 empty-answer', '4:1 empty-prompt', '7:1 empty-answer', '1:1 no-questions'])
  })
})

describe('sr dialect: clozes', () => {
  it('reads `==highlight==`, `{{text}}`, numbered `{{1::text::hint}}` and Anki `{{c1::…}}` as clozes', () => {
    const {questions, cards} = read(
      '#flashcards\n\nThe first female ==prime minister== of Australia was ==**Julia Gillard**==\n\nBrazilians speak {{Portuguese}} and {{2::Spanish::language}} is near\n\nParis is in {{c1::France}}.\n'
    )
    expect(cards.map((card) => card.kind)).toEqual(['cloze', 'cloze', 'cloze'])
    expect(clozesOf(questions[0])).toEqual([
      {number: 1, hint: null, text: 'prime minister'},
      {number: 2, hint: null, text: 'Julia Gillard'}
    ])
    expect(clozesOf(questions[1])).toEqual([
      {number: 3, hint: null, text: 'Portuguese'},
      {number: 2, hint: 'language', text: 'Spanish'}
    ])
    expect(clozesOf(questions[2])).toEqual([{number: 1, hint: null, text: 'France'}])
  })

  it('makes one cloze card of a block of list items, as the plugin does', () => {
    const {questions} = read('#flashcards\n\n- {{`SHOW DATABASES`}}: {{list databases}}\n- {{`USE db`}}: {{pick a database}} <!--SR:!2024-10-18,278,310!2024-02-16,105,310-->\n')
    expect(questions).toHaveLength(1)
    expect(clozesOf(questions[0]).map((cloze) => cloze.text)).toEqual(['SHOW DATABASES', 'list databases', 'USE db', 'pick a database'])
  })

  it('leaves highlights in a front/back card as text, never as a cloze', () => {
    const {cards} = read('What is ==important==?::This')
    expect(cards).toEqual([{kind: 'basic', prompt: 'What is ==important==?', answer: 'This', deck: 'note'}])
  })
})

describe('sr dialect: decks from tags', () => {
  it('names decks by `#flashcards/Topic/Sub`, from the tag on until the next one; a tag on a card line is for that card', () => {
    const {cards} = read('#flashcards/deckA\nQuestion1::Answer1\nQuestion2::Answer2\n\n#flashcards/deckB Question4::Answer4\n\nQuestion6::Answer6\n\n#flashcards/Topic/Sub\nQuestion7::Answer7\n')
    expect(cards.map((card) => [card.prompt, card.deck])).toEqual([
      ['Question1', 'deckA'],
      ['Question2', 'deckA'],
      ['Question4', 'deckB'],
      ['Question6', 'deckA'],
      ['Question7', 'Topic::Sub']
    ])
  })

  it('reads the deck tag from frontmatter; a bare `#flashcards` means the note itself', () => {
    expect(read('---\ntags: [web, flashcards/Web/CSS]\n---\n# Selectors\n\nChild::`>`\n').cards[0]?.deck).toBe('Web::CSS')
    expect(read('#flashcards\n\n## Selectors\n\nChild::`>`\n', 'notes/CSS review.md').cards[0]?.deck).toBe('CSS review')
  })

  it('keeps headings as the section titles of tagged notes, and as decks of untagged ones', () => {
    const tagged = parse({path: 'n.md', value: '#flashcards/Web\n\n# CSS\n\n## Selectors\n\nChild::`>`\n'}, {dialect: 'sr'}).tree
    expect(tagged.children.map((section) => [section.deck.join('::'), section.title])).toEqual([['Web', 'Selectors']])
    const untagged = parse({path: 'n.md', value: '# CSS\n\n## Selectors\n\nChild::`>`\n'}, {dialect: 'sr'}).tree
    expect(untagged.children.map((section) => section.deck.join('::'))).toEqual(['CSS::Selectors'])
  })

  it('removes the tag from the card text', () => {
    const {cards} = read('#flashcards/Trapdoor\nWhat is the trapdoor of n = pq?\n??\nKnowing p or q\n\n#flashcards/X What::this\n')
    expect(cards.map((card) => [card.kind, card.prompt, card.deck])).toEqual([
      ['reversed', 'What is the trapdoor of n = pq?', 'Trapdoor'],
      ['basic', 'What', 'X']
    ])
  })
})

describe('sr dialect: scheduling comments and hidden cards', () => {
  const note = '#flashcards\n\nOne::1 <!--SR:!2025-07-24,119,291-->\nTwo::2\n<!--SR:!2025-07-24,119,291-->\n\n<!--SR:!2024-07-18,3,250-->\n\nThree\n?\n3\n<!--SR:!2025-01-28,4,270-->\nThe ==cloze== card\n<!--SR:!2025-01-28,4,270-->\n\n<!--\nRetired::card\n-->\n'

  it('never shows a scheduling comment and ends the card at it', () => {
    const {questions, cards} = read(note)
    expect(cards.map((card) => [card.kind, card.prompt, card.answer])).toEqual([
      ['basic', 'One', '1'],
      ['basic', 'Two', '2'],
      ['basic', 'Three', '3'],
      ['cloze', 'The {{c1::cloze}} card', '']
    ])
    for (const question of questions) {
      for (const field of [question.prompt, question.answer]) {
        const rendered = renderField(field)
        expect(JSON.stringify(rendered)).not.toContain('SR:')
        expect(toMarkdown(field)).not.toContain('<!--')
      }
    }
  })

  it('gives every card the line and column of its front', () => {
    expect(read(note).questions.map((question) => [question.position.start.line, question.position.start.column])).toEqual([
      [3, 1],
      [4, 1],
      [9, 1],
      [13, 1]
    ])
  })
})

describe('sr dialect: detection', () => {
  it('is chosen without configuration for a vault note', () => {
    const path = join(root, 'test', 'fixtures', 'sr', 'vault-note', 'input.md')
    const {tree, file} = parse({path: 'input.md', value: readFileSync(path, 'utf8')})
    const reader = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'sr', 'vault-note', 'reader.json'), 'utf8')) as {count: number; questions: Array<{kind: string}>}
    expect(questionsOf(tree)).toHaveLength(reader.count)
    expect(questionsOf(tree).map((question) => question.kind)).toEqual(reader.questions.map((question) => question.kind))
    expect(file.messages.map((message) => message.ruleId)).not.toContain('ambiguous-dialect')
  })

  it('is registered after the other dialects', () => {
    expect(Object.keys(dialects)).toEqual(['heading', 'qa', 'details', 'list', 'table', 'sr'])
  })

  it('finds nothing in ordinary heading and qa files, even with highlights and `::` in prose', () => {
    const heading = '# Python\n\n## What is the GIL?\n\n**Answer:** A ==global== lock; see std::thread and `a::b`.\n\n## What is a list?\n\n**Answer:** A mutable sequence.\n'
    const qa = 'Q: What is the GIL?\nA: A lock.\n\nQ: What is {{a}}?\nA: ==x==\n'
    expect(srDialect.detect(parseMarkdown(heading))).toBe(0)
    expect(srDialect.detect(parseMarkdown(qa))).toBe(0)
    expect(questionsOf(parse({path: 'h.md', value: heading}).tree)).toHaveLength(2)
  })

  it('counts clozes of a note that shows the plugin’s hand (a tag or a scheduling comment)', () => {
    expect(srDialect.detect(parseMarkdown('The ==box model== has four parts.\n'))).toBe(0)
    expect(srDialect.detect(parseMarkdown('#flashcards\n\nThe ==box model== has four parts.\n'))).toBe(1)
    expect(srDialect.detect(parseMarkdown('The ==box model== has four parts.\n<!--SR:!2025-01-28,4,270-->\n'))).toBe(1)
  })
})

describe('sr dialect on any input', () => {
  const pieces = [
    '#flashcards', '#flashcards/A/B', 'front::back', 'front:::back', 'q :: a', '::', ':::', '?', '??', 'line', '==hl==', '{{x}}', '{{1::y::h}}',
    '{{c1::z}}', '{{', '}}', '`a::b`', 'a::before', 'std::vector', 'up:: [[x]]', '<!--SR:!2025-07-24,119,291-->', '<!--', '-->', '- item::x',
    '> [!note] t', '> q::a', '# H', '## H2', '```\nq::a\n\n```', '```', '| a | b |\n| - | - |\n| 1::2 | 3 |', '---\ntags: [flashcards/X]\n---', '$x::y$', ''
  ]
  const document = fc
    .array(fc.oneof({weight: 4, arbitrary: fc.constantFrom(...pieces)}, {weight: 1, arbitrary: fc.string({maxLength: 20})}), {maxLength: 30})
    .chain((parts) => fc.tuple(fc.constant(parts), fc.array(fc.constantFrom('\n', '\n\n', ' ', '\n  '), {minLength: parts.length, maxLength: parts.length})))
    .map(([parts, joins]) => parts.map((part, index) => part + (joins[index] ?? '\n')).join(''))

  it('never throws, and every card and message has a place', () => {
    fc.assert(
      fc.property(document, (text) => {
        const {tree, file} = parse({path: 'prop.md', value: text}, {dialect: 'sr'})
        for (const message of file.messages) {
          expect(message.line, String(message)).toBeGreaterThanOrEqual(1)
          expect(message.column, String(message)).toBeGreaterThanOrEqual(1)
          expect(ruleIds).toContain(message.ruleId)
        }
        for (const question of questionsOf(tree)) {
          expect(question.position.start.line).toBeGreaterThanOrEqual(1)
          expect(question.position.start.column).toBeGreaterThanOrEqual(1)
          for (const field of [question.prompt, question.answer]) {
            renderField(field)
            // Outside code (which shows what it holds), no scheduling comment survives.
            visit(field, (node) => {
              if (node.type === 'html' || node.type === 'text') expect((node as {value: string}).value).not.toContain('<!--SR:')
            })
          }
        }
        srDialect.detect(parseMarkdown(text))
      }),
      {numRuns: Number(process.env['FC_RUNS'] ?? 200), ...(process.env['CI'] ? {seed: 20261128} : {})}
    )
  }, 120_000)
})
