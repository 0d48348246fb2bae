/**
 * The limit flags: derived from the limits table, shown in `--help`, checked
 * as usage errors, and handed to the build.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {main} from '../../src/cli/main.js'
import {limitTable} from '../../src/limits/index.js'
import {root} from '../helpers.js'

const cwd = mkdtempSync(join(tmpdir(), 'deckdown-limits-cli-'))
afterAll(() => rmSync(cwd, {recursive: true, force: true}))
writeFileSync(join(cwd, 'deep.md'), '## Q?\n\n**Answer:**\n\n- a\n  - b\n    - c\n')

async function run(...argv: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  let stdout = ''
  let stderr = ''
  const code = await main({argv, cwd, stdout: {write: (chunk: string) => (stdout += chunk)}, stderr: {write: (chunk: string) => (stderr += chunk)}})
  return {code, stdout, stderr}
}

describe('limit flags', () => {
  it('lists every limit in --help with its default', async () => {
    const {stdout} = await run('--help')
    for (const row of limitTable) expect(stdout).toContain(`--${row.flag}`)
    expect(stdout).toContain('(default: 16MB)')
  })

  it('are each documented in README with flag, API key and rule id', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('## Limits and failure behaviour'), readme.indexOf('## Encodings'))
    for (const row of limitTable) {
      const line = section.split('\n').find((candidate) => candidate.includes(`\`--${row.flag} `))
      expect(line, row.flag).toContain(`\`${row.name}\``)
      expect(line, row.flag).toContain(`\`${row.ruleId}\``)
    }
  })

  it('refuses values that are not a size or a positive whole number', async () => {
    for (const [flag, value] of [['--max-depth', '0'], ['--max-depth', 'deep'], ['--max-file-size', 'big'], ['--max-questions', '-3']] as const) {
      const result = await run('check', 'deep.md', `${flag}=${value}`)
      expect(result.code, `${flag} ${value}`).toBe(2)
      expect(result.stderr).toContain(flag)
    }
  })

  it('hands the limits to the build: a file over one is an error at its line, exit 1', async () => {
    const tight = await run('build', 'deep.md', '--max-depth', '2', '-o', 'out')
    expect(tight.code).toBe(1)
    expect(tight.stderr).toContain('deep.md:7:')
    expect(tight.stderr).toContain('[too-deep]')
    expect(tight.stderr).toContain('0 outputs written')
    const roomy = await run('build', 'deep.md', '--max-depth', '3', '-o', 'out')
    expect(roomy.code).toBe(0)
    const small = await run('check', 'deep.md', '--max-file-size', '10')
    expect(small.stderr).toContain('deep.md:1:1: error This file is')
    expect(small.stderr).toContain('[file-too-large]')
  })

  it('runs every format in check by default', async () => {
    writeFileSync(join(cwd, 'numeric.md'), '---\ndeck: "2024"\n---\n\n## Q?\n\n**Answer:** A.\n')
    // csv-numeric-deck comes from the CSV emitter only: check must have run it.
    expect((await run('check', 'numeric.md')).stderr).toContain('[csv-numeric-deck]')
    expect((await run('check', 'numeric.md', '-f', 'json')).stderr).not.toContain('[csv-numeric-deck]')
  })
})
