/**
 * A generated quiz of the shape people print: 155 multiple-choice questions,
 * each with a code snippet (4–10 lines), four options and an explained
 * answer in a `<details>` block (as in the popular "JavaScript questions"
 * lists); two in five explain at length, and every 40th answer is longer
 * than a page. With boxes that never break (this project's layout before
 * breaking rules) it printed on 123 A4 pages. Deterministic.
 */

const words =
  'the value is hoisted so the call sees undefined while the closure keeps a reference to the binding and the loop ends before any callback runs which is why every timer prints the final counter'.split(
    ' '
  )

function sentence(seed: number, length: number): string {
  const picked = Array.from({length}, (_, index) => words[(seed * 7 + index * 3) % words.length])
  const text = picked.join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

function code(seed: number, lines: number): string {
  const body = Array.from({length: lines}, (_, index) => {
    const kind = (seed + index) % 4
    if (kind === 0) return `const value${index} = compute(${seed}, ${index}) // step ${index}`
    if (kind === 1) return `  if (value${index - 1} > ${index}) console.log(\`item \${value${index - 1}}\`)`
    if (kind === 2) return `for (let i = 0; i < ${index + 2}; i++) setTimeout(() => console.log(i), ${index})`
    return `}`
  })
  return ['```javascript', ...body, '```'].join('\n')
}

/**
 * One question. Two in five have a medium answer (three paragraphs and a
 * snippet: more than half a page with the question); `long` gives one longer
 * than a page.
 */
function question(number: number, long: boolean): string {
  const letters = ['A', 'B', 'C', 'D']
  const correct = letters[number % 4]
  const options = letters.map((letter, index) => `- ${letter}: \`${['undefined', 'ReferenceError', `${number + index}`, 'TypeError'][index]}\``)
  const paragraphs = (count: number, length: number) =>
    Array.from({length: count}, (_, index) => `${sentence(number + index, length)}\n\n${index % 4 === 1 ? `${code(number + index, 6)}\n\n` : ''}`).join('')
  const explanation = long ? paragraphs(14, 40) : number % 5 < 2 ? paragraphs(3, 45) : `${sentence(number, 24 + (number % 5) * 8)}\n`
  return `###### ${number}. What's the output of snippet ${number}?

${code(number, 4 + (number % 7))}

${options.join('\n')}

<details><summary><b>Answer</b></summary>
<p>

#### Answer: ${correct}

${explanation}
</p>
</details>
`
}

/** The quiz as Markdown: `count` questions, every 40th one long. */
export function quizBankMarkdown(count = 155): string {
  const body = Array.from({length: count}, (_, index) => question(index + 1, (index + 1) % 40 === 0)).join('\n---\n\n')
  return `---\ntitle: Generated quiz\nlang: en\ndeck: Quiz\n---\n\n# Questions\n\n${body}`
}
