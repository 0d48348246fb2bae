#!/usr/bin/env node
/**
 * `npm run fuzz`: fast-check over the whole pipeline (bytes → every emitter),
 * against the build in `dist/`, for a budget: 100,000 cases or 10 minutes,
 * whichever comes first. Every failure (shrunk by fast-check) is saved as a
 * regression fixture in `test/fuzz/regressions/`, which `npm test` replays;
 * the run then goes on with the next seed until the budget is spent.
 *
 * Usage: npm run fuzz [-- --runs 100000 --minutes 10 --seed 1234]
 */
import {createHash} from 'node:crypto'
import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import fc from 'fast-check'
import {compile, ruleIds} from '../../dist/index.js'
import {fixtureInputs, fuzzCase} from './arbitraries.mjs'
import {checkPipeline, toRegression} from './property.mjs'

const {values} = parseArgs({
  options: {
    runs: {type: 'string', default: '100000'},
    minutes: {type: 'string', default: '10'},
    seed: {type: 'string'}
  }
})
const budgetRuns = Number(values.runs)
const deadline = Date.now() + Number(values.minutes) * 60_000
const firstSeed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed)
const regressions = join(dirname(fileURLToPath(import.meta.url)), 'regressions')
const rules = new Set(ruleIds)
const arbitrary = fuzzCase(fc, fixtureInputs())

let ran = 0
let failures = 0
let seed = firstSeed
console.log(`deckdown fuzz: seed ${firstSeed}, budget ${budgetRuns} cases or ${values.minutes} minutes`)
while (ran < budgetRuns && Date.now() < deadline) {
  let counted = 0
  const result = await fc.check(
    fc.asyncProperty(arbitrary, async (input) => {
      counted++
      await checkPipeline(compile, rules, input)
    }),
    {seed, numRuns: budgetRuns - ran, interruptAfterTimeLimit: Math.max(1, deadline - Date.now()), markInterruptAsFailure: false}
  )
  ran += result.numRuns
  if (result.failed && result.counterexample) {
    failures++
    const [input] = result.counterexample
    const record = toRegression(input, result.errorInstance ?? result.error, seed)
    const name = createHash('sha256').update(record.bytes).update(JSON.stringify(record.options)).digest('hex').slice(0, 12)
    mkdirSync(regressions, {recursive: true})
    writeFileSync(join(regressions, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`)
    console.log(`failure after ${ran} cases (seed ${seed}, path ${result.counterexamplePath}): ${record.error}\n  saved as test/fuzz/regressions/${name}.json`)
  } else if (result.interrupted || counted === 0) {
    break
  }
  seed++
}
const minutes = ((Date.now() - (deadline - Number(values.minutes) * 60_000)) / 60_000).toFixed(1)
console.log(`deckdown fuzz: ${ran} cases in ${minutes} min from seed ${firstSeed}, ${failures} failure(s)`)
if (failures > 0) process.exitCode = 1
