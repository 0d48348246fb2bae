/**
 * Untrusted Markdown through every emitter: nothing that runs survives into a
 * card, a CSV cell, a print page or the JSON's HTML.
 */
import type {Element} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import {compile} from '../src/compile.js'
import {fieldsOf, openPackage} from './emit/apkg/helpers.js'

const hostile = `# Deck

## What is <script>alert(1)</script> here?

**Answer:** <img src=x onerror="alert(2)"> [link](javascript:alert(3)) <a href="javascript:alert(4)">a</a>
<iframe src="https://evil.example"></iframe><style>body{display:none}</style><div onclick="alert(5)">d</div> <audio src="javascript:alert(10)" onerror="alert(11)" autoplay></audio> <video src="clip.webm" onplay="alert(12)"></video>

## A cloze with a hostile hint?

The capital is {{c1::Paris::&lt;img src=x onerror=alert(6)&gt;}} and {{c2::&lt;script&gt;alert(7)&lt;/script&gt;}}.

## Which option?

- A: <img src=y onerror=alert(8)>
- B: <svg onload=alert(9)></svg>

**Answer:** A
`

/**
 * What in this HTML would run, found by parsing it as a browser does (escaped
 * text such as `&lt;script&gt;` is text, not markup): script, frame, style,
 * SVG and object elements, event-handler attributes, `javascript:` URLs.
 */
function runnable(html: string): string[] {
  const found: string[] = []
  visit(fromHtml(html, {fragment: true}), 'element', (element: Element) => {
    if (['script', 'iframe', 'style', 'svg', 'object', 'embed'].includes(element.tagName)) found.push(`<${element.tagName}>`)
    for (const [name, value] of Object.entries(element.properties)) {
      if (/^on/i.test(name)) found.push(`${element.tagName}[${name}]`)
      if (typeof value === 'string' && /^\s*javascript:/i.test(value)) found.push(`${element.tagName}[${name}=javascript:]`)
    }
  })
  return found
}

describe('hostile Markdown', () => {
  it('produces no runnable markup in any output', async () => {
    const {outputs, files} = await compile([{path: 'evil.md', value: hostile}], {formats: ['apkg', 'csv', 'html', 'json'], now: new Date(0)})
    // The hostile images point at files that do not exist: reported, not embedded.
    expect(new Set(files[0]?.messages.filter((message) => message.fatal).map((message) => message.ruleId))).toEqual(new Set(['missing-media']))
    expect(outputs.map((output) => output.format).sort()).toEqual(['apkg', 'csv', 'html', 'json'])

    const pkg = await openPackage(outputs.find((output) => output.format === 'apkg')?.contents as Uint8Array)
    const fields = pkg.rows('SELECT flds FROM notes').flatMap((row) => fieldsOf(row['flds'] ?? ''))
    pkg.close()
    expect(fields.length).toBeGreaterThan(0)
    for (const field of fields) expect(runnable(field)).toEqual([])

    // CSV cells are the same field HTML Anki imports.
    const csv = String(outputs.find((output) => output.format === 'csv')?.contents)
    expect(runnable(csv)).toEqual([])

    const page = String(outputs.find((output) => output.format === 'html')?.contents)
    // The page's own style element is its stylesheet; nothing else may run.
    expect(runnable(page).filter((what) => what !== '<style>')).toEqual([])
    expect(page.match(/<style/g)).toHaveLength(1)

    const json = JSON.parse(String(outputs.find((output) => output.format === 'json')?.contents)) as {
      questions: Array<{prompt: {html: string}; answer: {html: string}; choices: Array<{html: string}> | null}>
    }
    for (const question of json.questions) {
      for (const html of [question.prompt.html, question.answer.html, ...(question.choices ?? []).map((choice) => choice.html)]) {
        expect(runnable(html)).toEqual([])
      }
    }
  })
})
