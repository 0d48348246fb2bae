/**
 * Property tests for structure inference: navigation (tables of contents,
 * back-to-top lines and `<div>`s, badge rows) added anywhere in a question
 * bank never changes the questions found, whatever the layout mix.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {parse} from '../../src/parse/index.js'
import {toMarkdown} from '../../src/render/index.js'
import {questionsOf} from '../helpers.js'

fc.configureGlobal({
  ...(process.env['CI'] ? {seed: 20261128} : {}),
  ...(process.env['FC_RUNS'] ? {numRuns: Number(process.env['FC_RUNS'])} : {})
})

const words = fc.constantFrom('closure', 'index', 'join', 'promise', 'thread', 'lock', 'vector', 'cache', 'route', 'token')
const topic = fc.constantFrom('# JavaScript', '# SQL', '## Basics', '## 2. Indexes', '# Niveau Hardcore 🔴')

/** One question, as blocks (atomic strings joined by blank lines). */
const question: fc.Arbitrary<string[]> = fc.oneof(
  words.map((word) => [`## What is a ${word}?`, `**Answer:** A ${word} is a thing.`]),
  words.map((word) => [`## Q. Explain the ${word}`, `The ${word} works like this.`, '```js\nrun()\n```']),
  words.map((word) => [`### Describe a ${word}`, `It is a ${word}.`]),
  words.map((word) => [`<details>\n<summary><b>How does a ${word} work?</b></summary><br><b>`, `Like a ${word}.`, '</b></details>']),
  words.map((word) => [`**Q.** Which ${word} is right?`, '- A) this one\n- B) that one', '> **Answer: B**\n>\n> Because.']),
  words.map((word) => [`Q: Why a ${word}?\nA: Because of the ${word}.`]),
  words.map((word) => [`1. ### Why use a ${word}\n\n   Because it helps.`])
)

const document = fc.array(fc.oneof({weight: 1, arbitrary: topic.map((heading) => [heading])}, {weight: 4, arbitrary: question}), {minLength: 1, maxLength: 12}).map((units) => units.flat())

const navigation = fc.constantFrom(
  '**[⬆ Back to Top](#table-of-contents)**',
  '<div align="right">\n    <b><a href="#">↥ back to top</a></b>\n</div>',
  '[返回顶部](#目录)',
  '[![npm](https://img.shields.io/npm/v/deckdown.svg)](https://www.npmjs.com/package/deckdown) [![ci](https://github.com/o/r/actions/workflows/ci.yml/badge.svg)](https://github.com/o/r)'
)

const tableOfContents = fc.constantFrom(
  '## Table of Contents\n\n* [What is a closure?](#what-is-a-closure)\n* [Explain the lock](#q-explain-the-lock)',
  '### Table of Contents\n\n| No. | Questions |\n| --- | --------- |\n| 1 | [What is a join](#what-is-a-join) |',
  '## 目录\n\n1. [什么是闭包？](#什么是闭包)\n2. [简述事件循环](#简述事件循环)',
  '## Sommaire\n\n- [Qu’est-ce que le GIL ?](#quest-ce-que-le-gil-)'
)

function found(text: string) {
  const {tree} = parse({path: 'bank.md', value: text})
  return questionsOf(tree).map((question) => ({
    id: question.id,
    kind: question.kind,
    deck: question.deck,
    prompt: toMarkdown(question.prompt),
    answer: toMarkdown(question.answer)
  }))
}

describe('structure inference', () => {
  it('finds the same questions whatever navigation is added between blocks', () => {
    fc.assert(
      fc.property(document, fc.array(fc.tuple(fc.nat(), navigation), {maxLength: 6}), fc.option(tableOfContents), (blocks, inserts, toc) => {
        const withNavigation = [...blocks]
        // Insert from the back so earlier indexes stay valid.
        for (const [at, line] of [...inserts].sort((a, b) => b[0] - a[0])) withNavigation.splice(at % (withNavigation.length + 1), 0, line)
        if (toc) withNavigation.unshift(toc)
        expect(found(withNavigation.join('\n\n'))).toEqual(found(blocks.join('\n\n')))
      }),
      {numRuns: 150}
    )
  }, 60_000)
})
