/**
 * `check` is `build` without writing: on every fixture (the bundled banks, the
 * seed, every golden case), `check` with its default formats reports the same
 * diagnostics and exit code as `build -f json,apkg,csv,html`, and writes
 * nothing.
 */
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {main} from '../../src/cli/main.js'
import {root} from '../helpers.js'

const out = mkdtempSync(join(tmpdir(), 'deckdown-check-'))
afterAll(() => rmSync(out, {recursive: true, force: true}))

async function run(argv: string[]): Promise<{code: number; stdout: string}> {
  let stdout = ''
  const code = await main({argv: [...argv, '--reporter', 'json'], cwd: root, env: {SOURCE_DATE_EPOCH: '0'}, stdout: {write: (chunk: string) => (stdout += chunk)}, stderr: {write: () => true}})
  return {code, stdout}
}

describe('check = build without writing', () => {
  for (const operands of [['fixtures', 'fixtures/000_7f03c07bfde96dd4.txt'], ['test/fixtures']]) {
    it(`agrees with build on ${operands.join(' ')}`, async () => {
      const build = await run(['build', ...operands, '-f', 'json,apkg,csv,html', '-o', join(out, operands[0] ?? 'x')])
      const check = await run(['check', ...operands, '-o', join(out, 'never')])
      expect(check.code).toBe(build.code)
      expect(JSON.parse(check.stdout)).toEqual(JSON.parse(build.stdout))
      expect(JSON.parse(build.stdout).diagnostics.length).toBeGreaterThan(0)
      expect(existsSync(join(out, 'never'))).toBe(false)
    }, 300_000)
  }
})
