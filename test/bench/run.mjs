#!/usr/bin/env node
/**
 * Benchmarks: speed and memory of parsing and emitting large question banks.
 * Not part of `npm test` (timings depend on the machine); run with
 * `npm run bench`. Each benchmark has a target; the run exits 1 when one is
 * missed, so a regression is visible in CI logs when someone runs it there.
 *
 * Usage: npm run bench [-- --questions 100000 --files 100]
 */
import {parseArgs} from 'node:util'
import {compile, parse} from '../../dist/index.js'

const {values} = parseArgs({
  options: {
    questions: {type: 'string', default: '100000'},
    files: {type: 'string', default: '100'}
  }
})
const totalQuestions = Number(values.questions)
const fileCount = Number(values.files)
const perFile = Math.ceil(totalQuestions / fileCount)

/** A realistic question: French prompt, multi-line answer, a code example. */
function question(fileIndex, index) {
  return `## Question ${fileIndex}-${index} : qu'est-ce que le modèle de concurrence numéro ${index} ?

**Réponse Attendue :**
Le modèle de concurrence permet d'exécuter plusieurs tâches. Les threads sont
limités par le GIL, les processus ont leur propre mémoire (\`multiprocessing\`).

**Exemple :**

\`\`\`python
async def main():
    await asyncio.sleep(${index})
\`\`\`
`
}

const inputs = Array.from({length: fileCount}, (_, fileIndex) => ({
  path: `bench/file-${String(fileIndex).padStart(4, '0')}.md`,
  value: new TextEncoder().encode(
    `# Niveau ${fileIndex} 🔴\n\n` + Array.from({length: perFile}, (_, index) => question(fileIndex, index)).join('\n')
  )
}))
const bytes = inputs.reduce((sum, input) => sum + input.value.byteLength, 0)

const results = []
function measure(name, target, run) {
  globalThis.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const started = performance.now()
  const outcome = run()
  return Promise.resolve(outcome).then((value) => {
    const seconds = (performance.now() - started) / 1000
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6
    const rssMb = process.memoryUsage().rss / 1e6
    const ok = seconds <= target.seconds && rssMb <= target.rssMb
    results.push({name, seconds: seconds.toFixed(2), heapMb: heapMb.toFixed(0), rssMb: rssMb.toFixed(0), target: `≤ ${target.seconds} s, ≤ ${target.rssMb} MB rss`, ok})
    return value
  })
}

console.log(`deckdown bench: ${totalQuestions} questions in ${fileCount} files, ${(bytes / 1e6).toFixed(1)} MB`)

await measure('parse (per file, pure)', {seconds: 90, rssMb: 4000}, () => {
  let count = 0
  for (const input of inputs) {
    const {tree} = parse({path: input.path, value: input.value})
    for (const section of tree.children) count += section.children.length
  }
  if (count !== perFile * fileCount) throw new Error(`expected ${perFile * fileCount} questions, got ${count}`)
})

await measure('compile to json (one output per file)', {seconds: 150, rssMb: 4000}, async () => {
  const {outputs} = await compile(inputs, {formats: ['json'], now: new Date(0)})
  if (outputs.length !== fileCount) throw new Error('missing outputs')
})

await measure('compile to one apkg (bundle, sql.js + zip)', {seconds: 150, rssMb: 4000}, async () => {
  const {outputs, files} = await compile(inputs, {formats: ['apkg'], bundle: 'bench', now: new Date(0)})
  const failed = files.flatMap((file) => file.messages).filter((message) => message.fatal)
  if (failed.length > 0 || outputs.length !== 1) throw new Error(`apkg failed: ${failed.map(String).join('; ')}`)
  console.log(`apkg: ${(outputs[0].contents.byteLength / 1e6).toFixed(1)} MB`)
})

console.table(results)
if (results.some((result) => !result.ok)) {
  console.error('deckdown bench: a target was missed')
  process.exitCode = 1
}
