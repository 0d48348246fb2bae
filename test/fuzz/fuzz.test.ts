/**
 * A short, fixed-seed fuzz run over the whole pipeline (the long one is
 * `npm run fuzz`), and a replay of every regression a fuzz run saved.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {compile} from '../../src/compile.js'
import {ruleIds} from '../../src/diagnostics/rules.js'
import {root} from '../helpers.js'
import {fixtureInputs, fuzzCase} from './arbitraries.mjs'
import {allFormats, checkPipeline, fromRegression} from './property.mjs'

const rules = new Set<string>(ruleIds)
const regressions = join(root, 'test', 'fuzz', 'regressions')

describe('fuzzing the pipeline', () => {
  const arbitrary = fuzzCase(fc, fixtureInputs())

  // Reading and parsing dominate and run for every case; the costlier
  // emitters (sql.js, print HTML) get a smaller sample here and the full
  // budget in `npm run fuzz`.
  it('holds for a fixed-seed sample through decoding, parsing and JSON', async () => {
    await fc.assert(
      fc.asyncProperty(arbitrary, (input) => checkPipeline(compile, rules, input, ['json'])),
      {seed: 20261128, numRuns: Number(process.env['FUZZ_RUNS'] ?? 1000)}
    )
  }, 600_000)

  it('holds for a fixed-seed sample through every emitter', async () => {
    await fc.assert(
      fc.asyncProperty(arbitrary, (input) => checkPipeline(compile, rules, input, allFormats)),
      {seed: 20261129, numRuns: Number(process.env['FUZZ_RUNS'] ?? 100)}
    )
  }, 600_000)

  const saved = readdirSync(regressions).filter((name) => name.endsWith('.json')).sort()
  it.each(saved.length > 0 ? saved : ['(none yet)'])('replays regression %s', async (name) => {
    if (!name.endsWith('.json')) return
    const record = JSON.parse(readFileSync(join(regressions, name), 'utf8'))
    await expect(checkPipeline(compile, rules, fromRegression(record))).resolves.toBeUndefined()
  })
})
