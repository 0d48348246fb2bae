/**
 * Math reaches Anki as the delimiters its MathJax reads, and never inside code.
 */
import {describe, expect, it} from 'vitest'
import {build, fieldsOf, openPackage} from './helpers.js'

describe('apkg math', () => {
  it('writes \\(…\\) and \\[…\\] (also for $$…$$ inside a paragraph), leaves code and prices alone', async () => {
    const value = [
      '# Maths',
      '',
      '## What is $e^{i\\pi}$?',
      '',
      '**Answer:** $-1$, and $$\\sum_{n=0}^\\infty \\frac{1}{n!} = e$$ too.',
      '',
      'In shell, `echo $HOME` prints a path; it costs $5 and $10.',
      '',
      '```sh',
      'price=$5',
      '```'
    ].join('\n')
    const {bytes} = await build([{path: 'maths.md', value}], new Date(Date.UTC(2026, 0, 1)))
    const pkg = await openPackage(bytes)
    const [row] = pkg.rows('SELECT flds FROM notes')
    const [front, back] = fieldsOf(row?.['flds'] ?? '')
    expect(front).toContain('<span class="math math-inline">\\(e^{i\\pi}\\)</span>')
    expect(back).toContain('<span class="math math-inline">\\(-1\\)</span>')
    // `$$…$$` inside a paragraph is display math, as GitHub and Obsidian show it.
    expect(back).toContain('<span class="math math-display">\\[\\sum_{n=0}^\\infty \\frac{1}{n!} = e\\]</span>')
    expect(back).toContain('<code>echo $HOME</code>')
    expect(back).toContain('it costs $5 and $10.')
    expect(back).toContain('price=<span class="hljs-variable">$5</span>')
    expect(back).not.toMatch(/\$\$|\$-1\$/)
    pkg.close()
  })
})
