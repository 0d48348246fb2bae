/**
 * The code cache the command loads its bundle through (src/cli/code-cache.ts):
 * taken when whole and made for the same bundle, written again when a kind
 * of run it lacks exits, ignored (never trusted) when damaged, silent when
 * it cannot be written. Each run is a real Node process, since the cache is
 * written as a thread exits.
 */
import {spawnSync} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {codeCacheDir} from '../../src/cli/code-cache.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'deckdown-code-cache-'))
afterAll(() => rmSync(work, {recursive: true, force: true}))

/** A CommonJS bundle with enough functions to be worth caching. */
function writeBundle(name: string, answer: number): string {
  const path = join(work, name)
  const helpers = Array.from({length: 300}, (_, index) => `function helper${index}(value) { return value * ${index} + ${answer} }`).join('\n')
  writeFileSync(path, `${helpers}\nmodule.exports = {answer: () => helper1(0), dirname: __dirname, required: typeof require('node:path').join}\n`)
  return path
}

const runner = join(work, 'run.mjs')
writeFileSync(
  runner,
  `import {spawnSync} from 'node:child_process'
import {loadBundle} from ${JSON.stringify(new URL('../../src/cli/code-cache.ts', import.meta.url).href)}
const [bundle, dir, kind, then] = process.argv.slice(2)
const loaded = loadBundle(bundle, {dir: dir === '-' ? null : dir, kind})
if (then === 'keep') loaded.keepCacheAsIs()
// Another run, of another kind, starts and ends while this one runs.
if (then.startsWith('meanwhile:')) spawnSync(process.execPath, [...process.execArgv, process.argv[1], bundle, dir, then.slice(10), ''], {stdio: ['ignore', 'ignore', 'inherit']})
const {answer, dirname, required} = loaded.exports
process.stdout.write(JSON.stringify({fromCache: loaded.fromCache, answer: answer(), dirname, required}))
`
)

/** Load `bundle` in a new process, as a run of `kind`. */
function load(bundle: string, dir: string | null, kind: string, then = ''): {fromCache: boolean; answer: number; dirname: string; required: string} {
  const result = spawnSync(process.execPath, ['--import', join(root, 'src/pipeline/dev-loader.mjs'), runner, bundle, dir ?? '-', kind, then], {encoding: 'utf8'})
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
  return JSON.parse(result.stdout) as {fromCache: boolean; answer: number; dirname: string; required: string}
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.bin'))
/** The kinds of run a cache file records (after `DDC2`, its digest and their length). */
const kindsIn = (file: string) => {
  const bytes = readFileSync(file)
  return bytes.subarray(38, 38 + bytes.readUInt16LE(36)).toString('utf8').split(',')
}

describe('code cache', {timeout: 60_000}, () => {
  it('is written by the first run, taken by the next, and left alone by a run of a kind it holds', () => {
    const dir = join(work, 'first')
    const bundle = writeBundle('first.cjs', 7)
    const first = load(bundle, dir, 'build')
    expect(first.fromCache).toBe(false)
    expect(first.answer).toBe(7)
    expect(first.dirname).toBe(work)
    expect(first.required).toBe('function')
    const [file] = cacheFiles(dir)
    expect(file).toMatch(/^[0-9a-f]{32}\.bin$/)
    const path = join(dir, file!)
    expect(kindsIn(path)).toEqual(['build'])
    const written = readFileSync(path)

    expect(load(bundle, dir, 'build').fromCache).toBe(true)
    expect(Buffer.compare(readFileSync(path), written)).toBe(0)

    // A worker's run adds its kind (and its functions).
    expect(load(bundle, dir, 'worker').fromCache).toBe(true)
    expect(kindsIn(path)).toEqual(['build', 'worker'])
    expect(load(bundle, dir, 'worker').fromCache).toBe(true)
  })

  it('is not written over by a thread that would drop kinds written since it read it', () => {
    const dir = join(work, 'meanwhile')
    const bundle = writeBundle('meanwhile.cjs', 5)
    // A cold build: its worker writes first; the main thread, which lacks
    // the worker's functions, leaves the file.
    expect(load(bundle, dir, 'build', 'meanwhile:worker').fromCache).toBe(false)
    const path = join(dir, cacheFiles(dir)[0]!)
    expect(kindsIn(path)).toEqual(['worker'])
    // The next run takes the worker's functions and adds its own.
    expect(load(bundle, dir, 'build').fromCache).toBe(true)
    expect(kindsIn(path)).toEqual(['build', 'worker'])
  })

  it('is not taken for another bundle: each has its own file', () => {
    const dir = join(work, 'two')
    load(writeBundle('a.cjs', 1), dir, 'build')
    // Same length, other bytes: V8 alone would not notice (it checks the
    // source's length, not its text).
    const other = writeBundle('b.cjs', 2)
    expect(load(other, dir, 'build').fromCache).toBe(false)
    expect(cacheFiles(dir)).toHaveLength(2)
    expect(load(other, dir, 'build').fromCache).toBe(true)
  })

  it('ignores a damaged file, runs the same, and writes it again whole', () => {
    const dir = join(work, 'damaged')
    const bundle = writeBundle('damaged.cjs', 3)
    load(bundle, dir, 'build')
    const path = join(dir, cacheFiles(dir)[0]!)
    for (const damage of [
      (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1), // torn
      (bytes: Buffer) => {
        bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff // one byte of V8's data
        return bytes
      },
      () => Buffer.from('not a cache at all')
    ]) {
      writeFileSync(path, damage(readFileSync(path)))
      expect(load(bundle, dir, 'build').fromCache).toBe(false)
      expect(load(bundle, dir, 'build').fromCache).toBe(true)
    }
  })

  it('writes nothing when turned off, told to keep it, or unable to write', () => {
    const bundle = writeBundle('off.cjs', 4)
    expect(load(bundle, null, 'build').fromCache).toBe(false)

    const kept = join(work, 'kept')
    load(bundle, kept, 'build', 'keep')
    expect(() => readdirSync(kept)).toThrow()

    // A file where the folder should be: the run goes on, silently.
    const blocked = join(work, 'blocked')
    writeFileSync(blocked, '')
    expect(load(bundle, blocked, 'build').fromCache).toBe(false)
    expect(statSync(blocked).isFile()).toBe(true)
  })

  it('keeps the newest eight files of a folder', () => {
    const dir = join(work, 'many')
    for (let index = 0; index < 10; index++) load(writeBundle(`many-${index}.cjs`, 100 + index), dir, 'build')
    expect(cacheFiles(dir)).toHaveLength(8)
  })

  it('lives in DECKDOWN_CODE_CACHE, or the user’s cache folder; 0, off or false turn it off', async () => {
    expect(await codeCacheDir({DECKDOWN_CODE_CACHE: '/somewhere'})).toBe('/somewhere')
    for (const off of ['0', 'off', 'false', 'OFF']) expect(await codeCacheDir({DECKDOWN_CODE_CACHE: off})).toBeNull()
    expect(await codeCacheDir({})).toMatch(/deckdown[/\\](?:Cache[/\\])?code$/)
  })
})

describe('the command with a code cache', {timeout: 120_000}, () => {
  const cli = join(root, 'dist', 'cli.js')
  const fixtures = join(root, 'fixtures')

  it('builds the same bytes with no cache, a new one, a full one and a damaged one', () => {
    const dir = join(work, 'command')
    const build = (out: string, setting: string) => {
      const result = spawnSync(process.execPath, [cli, 'build', fixtures, '-f', 'apkg,json', '--bundle', 'all', '-o', join(work, out), '--no-cache', '--quiet', '--jobs', '2'], {
        env: {...process.env, SOURCE_DATE_EPOCH: '1767225600', DECKDOWN_CODE_CACHE: setting},
        encoding: 'utf8'
      })
      expect(result.status, result.stderr).not.toBe(2)
      return readFileSync(join(work, out, 'all.apkg'))
    }
    const plain = build('plain', 'off')
    // The workers write the new cache; the main thread leaves it to them.
    expect(Buffer.compare(build('new', dir), plain)).toBe(0)
    const [file] = cacheFiles(dir)
    expect(kindsIn(join(dir, file!))).toEqual(['worker'])
    // The next build takes their functions and adds its own.
    expect(Buffer.compare(build('full', dir), plain)).toBe(0)
    expect(kindsIn(join(dir, file!))).toEqual(['build', 'worker'])
    expect(Buffer.compare(build('from-full', dir), plain)).toBe(0)
    writeFileSync(join(dir, file!), readFileSync(join(dir, file!)).subarray(0, 1000))
    expect(Buffer.compare(build('damaged', dir), plain)).toBe(0)
    expect(kindsIn(join(dir, file!))).toEqual(['worker'])
  })

  // Node cannot name a home folder for a user without an entry in
  // /etc/passwd and no HOME (a container run under an arbitrary uid): the
  // command then runs without a code cache, and finds its config file.
  const canDropHome = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv')
  it.skipIf(!canDropHome)('runs where there is no home folder', () => {
    const project = join(work, 'no-home')
    mkdirSync(join(project, 'notes'), {recursive: true})
    writeFileSync(join(project, 'notes', 'a.md'), '## What is 2 + 2?\n\n**Answer:** 4\n')
    writeFileSync(join(project, 'deckdown.config.json'), '{"inputs": ["notes"], "format": ["json", "apkg"]}\n')
    chmodSync(work, 0o755)
    chmodSync(project, 0o777)
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !['HOME', 'DECKDOWN_CODE_CACHE', 'XDG_CACHE_HOME'].includes(name)))
    const result = spawnSync('/usr/bin/setpriv', ['--reuid', '54321', '--regid', '54321', '--clear-groups', process.execPath, cli, 'build', '--jobs', '2'], {cwd: project, env, encoding: 'utf8'})
    expect(result.stderr).not.toMatch(/internal error|SystemError/)
    expect(result.status, result.stderr).toBe(0)
    expect(JSON.parse(readFileSync(join(project, 'out', 'a.json'), 'utf8'))).toBeTruthy()
    expect(existsSync(join(project, 'out', 'a.apkg'))).toBe(true)
  })

  it('loads an .mjs config file, from a new cache and from a full one (functions from a cache cannot call import())', () => {
    const project = join(work, 'mjs-project')
    mkdirSync(join(project, 'notes'), {recursive: true})
    writeFileSync(join(project, 'notes', 'a.md'), '## What is 2 + 2?\n\n**Answer:** 4\n')
    writeFileSync(join(project, 'deckdown.config.mjs'), 'export default {inputs: ["notes"], format: ["csv"]}\n')
    for (const round of [1, 2]) {
      const result = spawnSync(process.execPath, [cli, 'build', '--quiet'], {cwd: project, env: {...process.env, DECKDOWN_CODE_CACHE: join(work, 'mjs-cache')}, encoding: 'utf8'})
      expect(result.status, `${round}: ${result.stderr}`).toBe(0)
      expect(result.stderr).toBe('')
      expect(readFileSync(join(project, 'out', 'a.csv'), 'utf8')).toContain('What is 2 + 2?')
    }
  })
})
