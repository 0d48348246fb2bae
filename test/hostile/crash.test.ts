/**
 * Crash-safe outputs, with the built binary: builds killed with SIGKILL at
 * many moments leave every output either absent or complete (each `.apkg`
 * opens with sql.js and holds all its notes, each `.json` parses whole), and
 * two builds into one folder at once never produce a corrupt file.
 */
import {spawn} from 'node:child_process'
import {existsSync, mkdirSync, watch, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {root} from '../helpers.js'
import {openPackage} from '../emit/apkg/helpers.js'

const cli = join(root, 'dist', 'cli.js')
const fileCount = 8
const questionsPerFile = 60
const workspace = mkdtempSync(join(tmpdir(), 'deckdown-crash-'))
afterAll(() => rmSync(workspace, {recursive: true, force: true}))

beforeAll(() => {
  mkdirSync(join(workspace, 'bank'), {recursive: true})
  for (let file = 0; file < fileCount; file++) {
    const questions = Array.from(
      {length: questionsPerFile},
      (_, index) => `## What does rule ${file}-${index} say about item ${index * 7}?\n\n**Answer:** It says ${'something '.repeat(20)}${index}.\n`
    )
    writeFileSync(join(workspace, 'bank', `part-${String(file).padStart(2, '0')}.md`), `# Deck ${file}\n\n${questions.join('\n')}`)
  }
})

/**
 * Spawn a build; kill it with SIGKILL after `kill.ms` milliseconds, or at the
 * `kill.event`-th change in the output folder (a temporary file appearing, a
 * rename), which lands the kill in the middle of writing.
 */
function build(
  out: string,
  kill?: {ms: number} | {event: number},
  extra: {args?: string[]; env?: Record<string, string>} = {}
): Promise<{code: number | null; signal: string | null; ms: number}> {
  const started = performance.now()
  mkdirSync(join(workspace, out), {recursive: true})
  const child = spawn(process.execPath, [cli, 'build', 'bank', '-f', 'apkg,json', '-o', out, '--quiet', ...(extra.args ?? [])], {
    cwd: workspace,
    env: {...process.env, SOURCE_DATE_EPOCH: '0', ...extra.env},
    stdio: 'ignore'
  })
  const timer = kill && 'ms' in kill ? setTimeout(() => child.kill('SIGKILL'), kill.ms) : undefined
  let events = 0
  const watcher =
    kill && 'event' in kill
      ? watch(join(workspace, out), () => {
          if (++events === kill.event) child.kill('SIGKILL')
        })
      : undefined
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      watcher?.close()
      resolve({code, signal, ms: performance.now() - started})
    })
  })
}

/** Every output present is complete; returns how many were present. */
async function checkOutputs(out: string): Promise<number> {
  if (!existsSync(out)) return 0
  let present = 0
  for (const name of readdirSync(out)) {
    if (name.endsWith('.tmp')) continue
    present++
    const bytes = new Uint8Array(readFileSync(join(out, name)))
    if (name.endsWith('.apkg')) {
      const pkg = await openPackage(bytes)
      expect(pkg.rows('SELECT count(*) AS n FROM notes')[0]?.['n'], name).toBe(questionsPerFile)
      pkg.close()
    } else {
      const document = JSON.parse(new TextDecoder().decode(bytes)) as {questions: unknown[]}
      expect(document.questions, name).toHaveLength(questionsPerFile)
    }
  }
  return present
}

/** A fixed sequence of pseudo-random numbers in [0, 1) (mulberry32), so runs repeat. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('crash-safe outputs', () => {
  it('leaves each output absent or complete when a build is killed at any moment', async () => {
    const full = await build('timing')
    expect(full.code).toBe(0)
    expect(await checkOutputs(join(workspace, 'timing'))).toBe(fileCount * 2)
    const next = random(10)
    const seen = new Set<string>()
    // Kill moments spread over the build, and inside the write phase (at a
    // random change in the output folder); the folder is reused, so later
    // kills hit rewrites of complete outputs too.
    for (let attempt = 0; attempt < 6; attempt++) {
      const kill = attempt < 2 ? {ms: Math.round(full.ms * (0.2 + 0.8 * next()))} : {event: 1 + Math.floor(next() * fileCount * 4)}
      const folder = 'ms' in kill ? 'killed' : `killed-${attempt}`
      const run = await build(folder, kill)
      const present = await checkOutputs(join(workspace, folder))
      seen.add(run.signal === 'SIGKILL' ? `killed with ${present} outputs` : 'finished')
    }
    console.info(`kill test: full build ${Math.round(full.ms)} ms; ${[...seen].join('; ')}`)
    // Kills landed mid-write: some outputs written, not all.
    expect([...seen].some((outcome) => /^killed with ([1-9]|1[0-5]) outputs/.test(outcome))).toBe(true)
  }, 600_000)

  it('never corrupts a file when two builds write into one folder at once', async () => {
    const runs = await Promise.all([build('shared'), build('shared')])
    expect(runs.map((run) => run.code)).toEqual([0, 0])
    expect(await checkOutputs(join(workspace, 'shared'))).toBe(fileCount * 2)
    // Same input, same bytes: whichever build renamed last, the file is the one a single build writes.
    for (const name of readdirSync(join(workspace, 'timing'))) {
      expect(readFileSync(join(workspace, 'shared', name)).equals(readFileSync(join(workspace, 'timing', name))), name).toBe(true)
    }
    expect(readdirSync(join(workspace, 'shared')).filter((name) => name.endsWith('.tmp'))).toEqual([])
  }, 600_000)

  it.skipIf(process.platform === 'win32')('leaves no spool behind when a bundled build is killed', async () => {
    // A bundle keeps its records and its package's pages in spool files in
    // the temporary folder; they have no name there once open.
    const temporary = join(workspace, 'tmp')
    mkdirSync(temporary, {recursive: true})
    const bundled = {args: ['--bundle', 'all', '-f', 'csv'], env: {TMPDIR: temporary, TMP: temporary, TEMP: temporary}}
    const full = await build('bundle-timing', undefined, bundled)
    expect(full.code).toBe(0)
    expect(readdirSync(join(workspace, 'bundle-timing')).sort()).toEqual(['all.apkg', 'all.csv', 'all.json'])
    for (const share of [0.4, 0.6, 0.8]) {
      await build('bundle-killed', {ms: Math.round(full.ms * share)}, bundled)
      // No spooled data survives the kill. A kill that lands in the few
      // system calls between creating a spool and unlinking it can leave
      // that spool's folder (once in about ten runs of this test on a busy
      // machine), but never anything in it beyond an empty file.
      const leftBytes = readdirSync(temporary)
        .filter((name) => name.startsWith('deckdown-spool-'))
        .flatMap((name) => readdirSync(join(temporary, name)).map((file) => statSync(join(temporary, name, file)).size))
      expect(leftBytes.every((size) => size === 0)).toBe(true)
    }
  }, 600_000)
})
