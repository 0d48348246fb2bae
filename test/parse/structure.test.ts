/**
 * Structure inference, rule by rule (README "Syntax › How deckdown reads a
 * file"): each test is a small document of one layout and the questions a
 * careful reader counts in it.
 */
import {describe, expect, it} from 'vitest'
import {parse} from '../../src/parse/index.js'
import {toMarkdown, toText} from '../../src/render/index.js'
import {formatMessage} from '../../src/diagnostics/format.js'
import {questionsOf} from '../helpers.js'

function read(value: string, path = 'bank.md') {
  const {tree, file} = parse({path, value})
  const questions = questionsOf(tree)
  return {
    questions,
    prompts: questions.map((question) => toText(question.prompt)),
    rules: file.messages.map((message) => message.ruleId),
    messages: file.messages.map((message) => formatMessage(message))
  }
}

describe('question level', () => {
  it('reads imperative and Q.-prefixed headings at the question level, with back-to-top divs and stray Q:/A: lines', () => {
    const result = read(`# JavaScript

## Q. What is a closure?

A function with its scope.

Q: Is it like an object?
A: In a way.

<div align="right">
    <b><a href="#">↥ back to top</a></b>
</div>

## Q. Explain hoisting

Declarations move up.

## Q. List the primitive types

- string
- number

## Write a debounce function

\`\`\`js
const debounce = (f, ms) => f
\`\`\`
`)
    expect(result.prompts).toEqual(['What is a closure?', 'Explain hoisting', 'List the primitive types', 'Write a debounce function'])
    expect(result.questions[0] && toMarkdown(result.questions[0].answer)).toContain('Q: Is it like an object?')
    expect(result.questions.every((question) => question.deck.join('::') === 'JavaScript')).toBe(true)
    // The qa reading (1 question) lost; the message says so.
    expect(result.messages.some((message) => message.includes('4 question(s) read as `heading`, 1 as `qa`'))).toBe(true)
  })

  it('keeps imperative headings above the question level as decks, and sub-headings below it in answers', () => {
    const result = read(`## Describe the project

### What is a module?

**Answer:** A file.

#### Explain the loader

It resolves paths.
`)
    expect(result.prompts).toEqual(['What is a module?'])
    expect(result.questions[0]?.deck).toEqual(['Describe the project'])
    expect(toText(result.questions[0]!.answer)).toContain('It resolves paths.')
  })

  it('never makes front matter a question', () => {
    const result = read(`## What is X?

X.

## Introduction

Explain nothing here.

## What is Y?

Y.
`)
    expect(result.prompts).toEqual(['What is X?', 'What is Y?'])
  })
})

describe('lists of question headings', () => {
  it('reads irregular indentation, restarted numbering, sub-headings, deep dives and unclosed fences as one question per item', () => {
    const result = read(`### Table of Contents

| No. | Questions |
| --- | --------- |
| 1 | [What is React](#what-is-react) |

1. ### What is React

    React is a library.

    ### Example Usage

    \`\`\`jsx
    render(<App />)
    \`\`\`

    **Note:** It is not a framework.

   **[⬆ Back to Top](#table-of-contents)**

2. ### What is JSX
   JSX is syntax sugar.

   <details><summary>Deep dive</summary>

   It compiles to \`createElement\`.

   </details>

**[⬆ Back to Top](#table-of-contents)**

3. ### Why use keys
   Keys identify items.

  4. ### How does state work

     \`\`\`js
     const [a, setA] = useState(0)

5. ### Difference between props and state

   Props come from outside.
`)
    expect(result.prompts).toEqual(['What is React', 'What is JSX', 'Why use keys', 'How does state work', 'Difference between props and state'])
    const [react, jsx] = result.questions
    expect(toText(react!.answer)).toContain('Example Usage')
    expect(react!.extra && toText(react!.extra)).toContain('It is not a framework.')
    expect(toText(jsx!.answer)).toContain('JSX is syntax sugar.')
    expect(toText(jsx!.answer)).toContain('createElement')
    expect(result.questions.map((question) => question.deck.join('::'))).toEqual(Array(5).fill('bank'))
  })
})

describe('the details dialect', () => {
  it('reads standalone <details> questions, closed inside a paragraph or a list, with or without blank lines', () => {
    const result = read(`## Networking

<details>
<summary>What is an Ethernet frame?</summary><br><b>

A frame is the unit of data on layer 2.

* It has a header
* and a payload
</b></details>

<details>
<summary><b>What is a MAC address?</b></summary><br><b>
A hardware **address**.
</b></details>

<details><summary>How do you list files? <code>ls</code>?</summary>

\`ls -la\`

</details>

<details>
<summary>What is a switch?</summary><br><b>
</b></details>

## Self assessment

- <b>What did you learn this week?</b>
- <b>What would you do differently?</b>
`)
    expect(result.prompts).toEqual(['What is an Ethernet frame?', 'What is a MAC address?', 'How do you list files? ls?'])
    expect(toMarkdown(result.questions[1]!.answer)).toBe('A hardware **address**.')
    expect(toText(result.questions[0]!.answer)).toContain('and a payload')
    expect(result.questions[0]!.deck).toEqual(['Networking'])
    expect(result.rules).toContain('empty-answer')
    const unanswered = result.messages.filter((message) => message.includes('[unanswered-questions]'))
    expect(unanswered).toHaveLength(1)
    expect(unanswered[0]).toContain('2 question(s)')
    expect(unanswered[0]).toContain('What did you learn this week?')
  })

  it('answers the paragraph question before a reveal-label <details>', () => {
    const result = read(`What does \`typeof null\` return?

<details><summary>Answer</summary>

\`"object"\`

</details>
`)
    expect(result.prompts).toEqual(['What does typeof null return?'])
  })
})

describe('paragraph questions', () => {
  it('reads **Q.** stems with code, options and a quoted answer as choices with explanations', () => {
    const result = read(`# SQL Quiz

## 1. Joins

**Q.** A developer runs this query. What is returned?

\`\`\`sql
SELECT * FROM a LEFT JOIN b ON a.id = b.id;
\`\`\`

- A) Only matching rows
- B) Every row of a

> **Answer: B**
>
> A left join keeps every row of the left table.

**Q2.** Which join returns the Cartesian product?

A. INNER JOIN
B. CROSS JOIN

**Correct answer:** B

A cross join pairs every row with every row.

## 2. Indexes

**Question:** What does an index speed up?

(a) Writes
(b) Reads

> **Answer: (b)**
> Reads, at the cost of writes.
`)
    expect(result.questions.map((question) => question.kind)).toEqual(['choice', 'choice', 'choice'])
    expect(result.questions.map((question) => question.deck.join('::'))).toEqual(['SQL Quiz::Joins', 'SQL Quiz::Joins', 'SQL Quiz::Indexes'])
    expect(result.questions.map((question) => question.choices?.find((choice) => choice.correct)?.label)).toEqual(['B', 'B', 'b'])
    expect(toText(result.questions[0]!.prompt)).toContain('SELECT *')
    expect(toText(result.questions[0]!.answer)).toContain('keeps every row')
    expect(toText(result.questions[1]!.answer)).toContain('pairs every row')
  })
})

describe('mixed conventions', () => {
  it('reads each section by its own convention', () => {
    const result = read(`# Mixed

## Heading questions

### What is a closure?

**Answer:** A function with its scope.

## Flash

Q: What is 2 + 2?
A: 4.

Q: What is the capital of France?
A: Paris.

## Exercises

<details><summary>What is a race condition?</summary>

Two threads, one resource.

</details>
`)
    expect(result.prompts).toEqual(['What is a closure?', 'What is 2 + 2?', 'What is the capital of France?', 'What is a race condition?'])
    expect(result.questions.map((question) => question.deck.at(-1))).toEqual(['Heading questions', 'Flash', 'Flash', 'Exercises'])
  })
})

describe('titles and metadata', () => {
  it('makes headings over one question each titles, and metadata lines tags', () => {
    const result = read(`# Banque

### 1. Python – Créer une liste
**Compétence** : Programmation - Python
**Difficulté** : facile
**Question** : Comment créer une liste vide ?
**Réponse** : \`[]\` ou \`list()\`.

### 2. SQL – Jointure
**Compétence** : Bases de données
**Question** : Qu'est-ce qu'une jointure ?

**Réponse** : Une combinaison de tables.
`)
    expect(result.questions).toHaveLength(2)
    expect(result.questions.map((question) => question.deck)).toEqual([['Banque'], ['Banque']])
    expect(toMarkdown(result.questions[0]!.prompt)).toBe('**Python – Créer une liste**\n\nComment créer une liste vide ?')
    expect(result.questions[0]!.tags).toEqual(['competence::programmation-python', 'difficulty::easy'])
    expect(result.questions[1]!.tags).toEqual(['competence::bases-de-donnees'])
    expect(toText(result.questions[0]!.answer)).toBe('[] ou list().')
  })

  it('reads metadata lines under a question heading as tags', () => {
    const result = read(`## What is a join?

**Difficulty:** Hard
**Tags:** sql, joins

**Answer:** Rows matched across tables.
`)
    expect(result.questions[0]!.tags).toEqual(['difficulty::hard', 'joins', 'sql'])
    expect(toText(result.questions[0]!.prompt)).toBe('What is a join?')
  })
})

describe('deck names', () => {
  it('names a README by its title heading, else its folder', () => {
    const titled = parse({path: 'frontend/README.md', value: '# Frontend Interview Questions\n\n## What is the DOM?\n\nThe page as a tree.\n'}, {fileDeck: true})
    expect(questionsOf(titled.tree)[0]?.deck).toEqual(['Frontend Interview Questions'])
    const untitled = parse({path: 'frontend/index.md', value: '## What is the DOM?\n\nThe page as a tree.\n'})
    expect(questionsOf(untitled.tree)[0]?.deck).toEqual(['frontend'])
  })
})

describe('navigation', () => {
  it('drops tables of contents, badges and back-to-top lines in every language', () => {
    const result = read(`# 前端面试题

[![npm](https://img.shields.io/npm/v/x.svg)](https://npm.im/x)

## 目录

1. [什么是闭包？](#1-什么是闭包)
2. [简述事件循环](#2-简述事件循环)

### 1. 什么是闭包？

闭包是函数和其词法环境的组合。

[返回顶部](#目录)

### 2. 简述事件循环

先执行同步代码。

### 3. 盒模型有哪些

标准盒模型。
`)
    expect(result.prompts).toEqual(['什么是闭包？', '简述事件循环', '盒模型有哪些'])
    expect(result.questions.every((question) => question.deck.join('::') === '前端面试题')).toBe(true)
    expect(toText(result.questions[0]!.answer)).not.toContain('返回顶部')
  })
})

describe('the list and table dialects', () => {
  it('reads list items whose answer is nested under the question line, and Q/A tables row by row', () => {
    const result = read(`# Notes

## Networking

1. What is a subnet mask?
   It tells which part of an address is the network.
2. **What does ARP do?**
   - It maps IP addresses to MAC addresses.
3. Q: What is TCP?
   A: A reliable stream protocol.
4. Why is UDP fast?

## Glossary

| Term | Definition | Example |
| --- | --- | --- |
| Closure | A function with its scope | \`() => x\` |
| Hoisting | Declarations move up | |
| Empty | | |
`)
    expect(result.prompts).toEqual(['What is a subnet mask?', 'What does ARP do?', 'What is TCP?', 'Closure', 'Hoisting'])
    expect(result.questions.map((question) => question.deck.at(-1))).toEqual(['Networking', 'Networking', 'Networking', 'Glossary', 'Glossary'])
    expect(toText(result.questions[0]!.answer)).toBe('It tells which part of an address is the network.')
    expect(toText(result.questions[2]!.answer)).toBe('A reliable stream protocol.')
    expect(result.questions[3]!.example && toText(result.questions[3]!.example)).toBe('() => x')
    expect(result.rules).not.toContain('ambiguous-dialect')
  })
})

describe('questions without answers', () => {
  it('reports a run of answerless question headings once', () => {
    const result = read(`# Practice

## What is a closure?

## What is hoisting?

## What is the event loop?

## What is a promise?

A value that will be there later.
`)
    expect(result.prompts).toEqual(['What is a promise?'])
    const unanswered = result.messages.filter((message) => message.includes('[unanswered-questions]'))
    expect(unanswered).toEqual([expect.stringContaining('3 question headings in a row have no answers (first: `What is a closure?`)')])
    expect(result.rules).not.toContain('missing-answer')
  })
})

describe('answers in <details> after the question', () => {
  it('reads options spaced on one line, with math, and a bold key inside an Answer block', () => {
    const result = read(`# Quiz

**Q1.** Which energy does a capacitor store?

(a) $CV$ &emsp; (b) $\\frac{1}{2}CV^2$ &emsp; (c) $CV^2$

<details><summary><b>Answer</b></summary>**(b)** $U = \\frac{1}{2}CV^2$.</details>

---

5. k-means clustering.
    1. How would you choose k?
    1. How would you evaluate it without labels?

<details><summary><b>Answer</b></summary>

Use the elbow method, then the silhouette score.

</details>
`)
    expect(result.questions.map((question) => question.kind)).toEqual(['choice', 'basic'])
    expect(result.questions[0]!.choices?.map((choice) => [choice.label, choice.correct])).toEqual([['a', false], ['b', true], ['c', false]])
    expect(toText(result.questions[1]!.prompt)).toContain('How would you choose k?')
    expect(toText(result.questions[1]!.answer)).toBe('Use the elbow method, then the silhouette score.')
  })
})

describe('quizzes written in headings', () => {
  it('reads option headings and answer headings as multiple choice, numbered labels as no deck', () => {
    const result = read(`## Unit 1: Arithmetic

##### MCQ 1 (Easy)
##### What is 2 + 2?
##### A) 3
##### B) 4
##### C) 5
###### Answer: B) 4
###### Explanation: Two plus two is four.

---

##### MCQ 2 (Easy)
##### What does this print?

\`\`\`python
print(3 * 3)
\`\`\`

##### A) 6
##### B) 9
###### Answer: B) 9
`)
    expect(result.questions.map((question) => question.kind)).toEqual(['choice', 'choice'])
    expect(result.questions.map((question) => question.deck)).toEqual([['Unit 1: Arithmetic'], ['Unit 1: Arithmetic']])
    expect(result.questions.map((question) => question.choices?.find((choice) => choice.correct)?.label)).toEqual(['B', 'B'])
    expect(result.questions[0]!.extra && toText(result.questions[0]!.extra)).toBe('Two plus two is four.')
  })
})

describe('more layouts seen in public banks', () => {
  it('reads Q:/A: lines joined by a hard line break, and bold Q: questions answered without a label', () => {
    const result = read(`# Birds

Q: How many legs has a blackbird?${'  '}
A: Two.

**Frage:** Wo überwintert der Storch?\\
**Antwort:** In Afrika.

## Charts

**Q: When should you prefer a bar chart?**

> When category names are long.
`)
    expect(result.prompts).toEqual(['How many legs has a blackbird?', 'Wo überwintert der Storch?', 'When should you prefer a bar chart?'])
    expect(result.questions.map((question) => toText(question.answer))).toEqual(['Two.', 'In Afrika.', 'When category names are long.'])
  })

  it('reads Spanish headings opened with ¿, and leaves title-case topics and labels alone', () => {
    const result = read(`# Notas

## ¿Qué es un gato

Un animal.

## How Drip Irrigation Works

Water drips slowly.

## List comprehensions

They build lists.

## What is a list comprehension?

A compact loop.

**What the kit includes:**

- Tubing
`)
    expect(result.prompts).toEqual(['¿Qué es un gato', 'What is a list comprehension?'])
  })

  it('keeps an exercise task in the prompt and its solution as the answer; a task with no solution makes no card', () => {
    const result = read(`1. ### Sum of digits
Write a function that returns the sum of the digits of a number.

\`\`\`js
const sum = (n) => [...String(n)].reduce((a, d) => a + Number(d), 0)
\`\`\`

2. ### Matrix spiral
Write a function that prints a matrix in spiral order.
`)
    expect(result.prompts).toEqual(['Sum of digits\n\nWrite a function that returns the sum of the digits of a number.'])
    expect(toText(result.questions[0]!.answer)).toContain('const sum')
    expect(result.rules).toContain('missing-answer')
  })

  it('reads options written without a space after the label', () => {
    const result = read(`###### 1. Which planet is largest?

- A: \`Mars\`
- B:\`Jupiter\`

<details><summary><b>Answer</b></summary>

#### Answer: B

</details>
`)
    expect(result.questions[0]?.kind).toBe('choice')
    expect(result.questions[0]?.choices?.map((choice) => choice.label)).toEqual(['A', 'B'])
  })
})
