/**
 * The fixture loop: every folder under `test/fixtures/<dialect>/<case>/` holds
 * an `input.*` file and an `expected.json` golden (questions + diagnostics).
 * A missing golden is written; `UPDATE=1` rewrites all of them. Review goldens
 * by hand when they change: they are the specification.
 */
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from '../src/parse/index.js'
import {root, summarize} from './helpers.js'

const base = join(root, 'test', 'fixtures')
const dialectFolders = readdirSync(base, {withFileTypes: true}).filter((entry) => entry.isDirectory())

// Folders whose input is named like a real file (`README.md`) are tested by the bank test, not this loop.
const casesOf = (dialect: string) =>
  readdirSync(join(base, dialect), {withFileTypes: true}).filter(
    (entry) => entry.isDirectory() && readdirSync(join(base, dialect, entry.name)).some((name) => name.startsWith('input.'))
  )

for (const dialect of dialectFolders.filter((folder) => casesOf(folder.name).length > 0)) {
  describe(`fixtures/${dialect.name}`, () => {
    const cases = casesOf(dialect.name)
    for (const testCase of cases) {
      it(testCase.name, () => {
        const folder = join(base, dialect.name, testCase.name)
        const input = readdirSync(folder).find((name) => name.startsWith('input.'))
        if (!input) throw new Error(`${folder} has no input.* file`)
        const optionsPath = join(folder, 'options.json')
        const options = existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {}
        const {tree, file} = parse({path: input, value: new Uint8Array(readFileSync(join(folder, input)))}, options)
        const actual = summarize(tree, file)
        const goldenPath = join(folder, 'expected.json')
        if (process.env['UPDATE'] || !existsSync(goldenPath)) {
          writeFileSync(goldenPath, `${JSON.stringify(actual, null, 2)}\n`)
        }
        expect(actual).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')))
      })
    }
  })
}
