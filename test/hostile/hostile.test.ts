/**
 * Every row of the hostile corpus, built with all four formats next to a good
 * file: the hostile file gets its positioned diagnostic, the good file's
 * outputs are written, the exit code is as documented, and `check` reports
 * exactly what `build` does. Time and memory ceilings are enforced by
 * `npm run bench:hostile`, not here.
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {main} from '../../src/cli/main.js'
import {goodFile, hostileFormats, hostileRows} from './corpus.mjs'

interface Record {
  file: string
  line: number
  column: number
  ruleId: string
  severity: string
  message: string
}

const workspace = mkdtempSync(join(tmpdir(), 'deckdown-hostile-'))
afterAll(() => rmSync(workspace, {recursive: true, force: true}))

async function run(argv: string[], cwd: string): Promise<{code: number; diagnostics: Record[]}> {
  let stdout = ''
  const code = await main({argv: [...argv, '--reporter', 'json'], cwd, env: {SOURCE_DATE_EPOCH: '0'}, stdout: {write: (chunk: string) => (stdout += chunk)}, stderr: {write: () => true}})
  return {code, diagnostics: (JSON.parse(stdout) as {diagnostics: Record[]}).diagnostics}
}

const stem = (path: string) => path.replace(/\.md$/, '')

describe('hostile corpus', () => {
  for (const row of hostileRows) {
    it(`${row.name}: ${row.description}`, async () => {
      const cwd = join(workspace, row.name)
      mkdirSync(join(cwd, 'src'), {recursive: true})
      writeFileSync(join(cwd, 'src', goodFile.path), goodFile.text)
      for (const [path, contents] of Object.entries(row.files())) writeFileSync(join(cwd, 'src', path), contents)
      const args = ['src', '-f', hostileFormats, ...(row.args ?? [])]

      const build = await run(['build', ...args, '-o', 'out'], cwd)
      expect(build.code).toBe(row.exitCode)
      const found = build.diagnostics.filter((record) => record.file === `src/${row.expected.path}` && record.ruleId === row.expected.ruleId)
      if (row.expected.ruleId === null) expect(build.diagnostics).toEqual([])
      else expect(found.length, JSON.stringify(build.diagnostics.slice(0, 3))).toBeGreaterThan(0)
      if (row.expected.line !== undefined) expect(found[0]?.line).toBe(row.expected.line)
      if (row.expected.count !== undefined) expect(found).toHaveLength(row.expected.count)
      // Every diagnostic points somewhere, and no other file got one.
      for (const record of build.diagnostics) {
        expect(record.line).toBeGreaterThanOrEqual(1)
        expect(record.column).toBeGreaterThanOrEqual(1)
        expect(record.file).toBe(`src/${row.expected.path}`)
      }
      for (const extension of ['json', 'apkg', 'csv', 'html']) {
        expect(existsSync(join(cwd, 'out', `${stem(goodFile.path)}.${extension}`)), extension).toBe(true)
        expect(existsSync(join(cwd, 'out', `${stem(row.expected.path)}.${extension}`)), extension).toBe(row.built)
      }

      // Scripts, handlers and javascript: URLs never reach a page or a card.
      for (const extension of ['html', 'csv']) {
        const path = join(cwd, 'out', `${stem(row.expected.path)}.${extension}`)
        if (!existsSync(path)) continue
        const text = readFileSync(path, 'utf8')
        expect(text).not.toMatch(/<script|onerror=|javascript:/i)
      }

      const check = await run(['check', ...args], cwd)
      expect(check.code).toBe(build.code)
      expect(check.diagnostics).toEqual(build.diagnostics)
      // Not a speed target (that is the benchmark's job): room for a busy machine.
    }, 300_000)
  }
})
