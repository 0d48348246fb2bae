/**
 * Docs stay in step with the code: every rule id and dialect is documented,
 * and README shows the two commands that matter on a fresh machine.
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ruleIds, rules} from '../src/diagnostics/rules.js'
import {dialects} from '../src/parse/dialects/index.js'
import {root} from './helpers.js'

const readme = readFileSync(join(root, 'README.md'), 'utf8')

describe('README', () => {
  it('documents every rule id once in the diagnostics table, with its severity', () => {
    for (const id of ruleIds) {
      const row = readme.split('\n').filter((line) => line.startsWith(`| \`${id}\` |`))
      expect(row, id).toHaveLength(1)
      expect(row[0], id).toContain(`| ${rules[id].severity} |`)
    }
  })

  it('documents every dialect', () => {
    for (const name of Object.keys(dialects)) expect(readme).toContain(`### The \`${name}\` dialect`)
  })

  it('shows the main job and the test command', () => {
    expect(readme).toContain('npm install && npm run deckdown -- build fixtures fixtures/000_7f03c07bfde96dd4.txt -f apkg,csv,html,json -o out')
    expect(readme).toContain('npm ci && npm test')
  })

  it('matches the CI script', () => {
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toContain('npm test')
  })
})

describe('README examples', () => {
  // Every ```js block of the API section runs as written, importing the built
  // package by its name (a package may import itself through its exports).
  const api = readme.slice(readme.indexOf('\n## API'), readme.indexOf('\n## Syntax'))
  const blocks = [...api.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1] ?? '')

  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3)
  })

  for (const [index, code] of blocks.entries()) {
    it(`example ${index + 1} runs`, () => {
      const folder = join(root, 'test', '.tmp')
      mkdirSync(folder, {recursive: true})
      const path = join(folder, `readme-example-${index + 1}.mjs`)
      writeFileSync(path, code)
      const result = spawnSync(process.execPath, [path], {encoding: 'utf8'})
      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)
    })
  }
})
