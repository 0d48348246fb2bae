/**
 * The CLI's cache and worker flags: `--cache-dir`, `--no-cache`, `--jobs`.
 */
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {main} from '../../src/cli/main.js'
import {writeTestCorpus} from '../pipeline/corpus.js'

const corpus = writeTestCorpus(8, 4)
afterAll(() => rmSync(corpus.dir, {recursive: true, force: true}))

async function run(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await main({
    argv,
    cwd: corpus.dir,
    env: {SOURCE_DATE_EPOCH: '1767225600'},
    stdout: {write: (chunk: string) => (stdout += chunk)},
    stderr: {write: (chunk: string) => (stderr += chunk)}
  })
  return {code, stdout, stderr}
}

const read = (path: string) => readFileSync(join(corpus.dir, path))

describe('cli: cache and jobs', {timeout: 60_000}, () => {
  it('keeps its cache in node_modules/.cache/deckdown by default, and builds the same bytes warm', async () => {
    const cold = await run('build', 'bank', '-f', 'apkg,json', '--bundle', 'bank', '-o', 'cold', '--jobs', '2')
    expect(cold.code).toBe(0)
    expect(existsSync(join(corpus.dir, 'node_modules/.cache/deckdown/notes.json'))).toBe(true)
    const warm = await run('build', 'bank', '-f', 'apkg,json', '--bundle', 'bank', '-o', 'warm', '--verbose')
    expect(warm.code).toBe(0)
    expect(warm.stderr).not.toMatch(/cache-ignored/)
    expect(Buffer.compare(read('warm/bank.apkg'), read('cold/bank.apkg'))).toBe(0)
    expect(Buffer.compare(read('warm/bank.json'), read('cold/bank.json'))).toBe(0)
  }, 60_000)

  it('writes no cache with --no-cache, and the same bytes with --jobs 1', async () => {
    const {code} = await run('build', 'bank', '-f', 'apkg', '--bundle', 'bank', '-o', 'plain', '--no-cache', '--jobs', '1', '--cache-dir', 'unused')
    expect(code).toBe(2)
    const ok = await run('build', 'bank', '-f', 'apkg', '--bundle', 'bank', '-o', 'plain', '--no-cache', '--jobs', '1')
    expect(ok.code).toBe(0)
    const other = await run('build', 'bank', '-f', 'apkg', '--bundle', 'bank', '-o', 'other', '--cache-dir', 'elsewhere/cache')
    expect(other.code).toBe(0)
    expect(existsSync(join(corpus.dir, 'elsewhere/cache/files'))).toBe(true)
    expect(Buffer.compare(read('plain/bank.apkg'), read('other/bank.apkg'))).toBe(0)
  }, 60_000)

  it('remembers the version of each input written more than two seconds before, and of none written since', async () => {
    // The corpus was written when this file loaded; a fresh file joins it.
    await new Promise((done) => setTimeout(done, 2100))
    writeFileSync(join(corpus.dir, 'bank/fraiche.md'), '## Toute fraîche ?\n\n**Réponse :** Oui.\n')
    try {
      const built = await run('build', 'bank', '-f', 'apkg', '--bundle', 'bank', '-o', 'v', '--cache-dir', 'versions-cache')
      expect(built.code).toBe(0)
      const {inputs} = JSON.parse(String(read('versions-cache/versions.json'))) as {inputs: Record<string, [string, string]>}
      // Every file of the corpus but the fresh one.
      expect(Object.keys(inputs)).toHaveLength(corpus.files.length)
      for (const [version] of Object.values(inputs)) expect(version).toMatch(/^\d+:\d+:\d+:[\d.]+:[\d.]+$/)
    } finally {
      rmSync(join(corpus.dir, 'bank/fraiche.md'))
    }
  }, 60_000)

  it('reports a corrupt cache entry as info with --verbose and still builds', async () => {
    await run('build', 'bank', '-f', 'json', '--bundle', 'bank', '-o', 'a', '--cache-dir', 'c')
    writeFileSync(join(corpus.dir, 'c/notes.json'), 'garbage')
    const warm = await run('build', 'bank', '-f', 'apkg', '--bundle', 'bank', '-o', 'b', '--cache-dir', 'c', '--verbose')
    expect(warm.code).toBe(0)
    expect(warm.stderr).toMatch(/^c\/notes\.json:1:1: info Cache entry ignored \(unreadable\); the file is built again \[cache-ignored\]$/m)
  }, 60_000)

  it('rejects a jobs count that is not a positive whole number', async () => {
    for (const value of ['0', 'two', '1.5']) {
      const {code, stderr} = await run('build', 'bank', '--jobs', value)
      expect(code).toBe(2)
      expect(stderr).toMatch(/--jobs takes a whole number/)
    }
  })
})
