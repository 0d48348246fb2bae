/**
 * `--watch` as users run it (the built binary in a child process), and the
 * progress line.
 */
import {spawn} from 'node:child_process'
import {appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {createProgress} from '../../src/cli/progress.js'
import {main} from '../../src/cli/main.js'
import {root} from '../helpers.js'
import {writeTestCorpus} from '../pipeline/corpus.js'

const corpus = writeTestCorpus(4, 3)
afterAll(() => rmSync(corpus.dir, {recursive: true, force: true}))

/** The built command with `--watch` in `cwd`: its stderr so far and a way to wait on it. */
function watchCommand(cwd: string, args: readonly string[]) {
  const child = spawn(process.execPath, [join(root, 'dist/cli.js'), ...args, '--watch'], {
    cwd,
    env: {...process.env, SOURCE_DATE_EPOCH: '1767225600', CI: ''}
  })
  let stderr = ''
  const waiters: Array<() => void> = []
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
    for (const wake of waiters.splice(0)) wake()
  })
  const summaries = () => stderr.split('\n').filter((line) => /^deckdown: \d+ files?, /.test(line))
  const waitFor = async (count: number, what: RegExp) => {
    const deadline = Date.now() + 60_000
    while (!(summaries().length >= count && what.test(stderr))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr:\n${stderr}`)
      await new Promise<void>((wake) => {
        waiters.push(wake)
        setTimeout(wake, 200)
      })
    }
  }
  return {child, summaries, waitFor, stderr: () => stderr}
}

describe('--watch', () => {
  it('rebuilds on change, one summary line per build, and keeps running after errors', async () => {
    const {child, summaries, waitFor, stderr} = watchCommand(corpus.dir, ['build', 'bank', '-f', 'apkg', '--bundle', 'bank'])
    try {
      await waitFor(1, /watching bank/)
      expect(summaries()[0]).toBe('deckdown: 6 files, 13 questions, 1 output written, 0 errors, 1 warning')
      expect(existsSync(join(corpus.dir, 'out/bank.apkg'))).toBe(true)

      appendFileSync(join(corpus.dir, 'bank/chapitre-02.md'), '\n## Une question de plus ?\n\n**Réponse :** Oui.\n')
      await waitFor(2, /14 questions/)
      expect(summaries()[1]).toBe('deckdown: 6 files, 14 questions, 1 output written, 0 errors, 1 warning')

      // An unreadable file is an error; watching goes on.
      writeFileSync(join(corpus.dir, 'bank/casse.md'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))
      await waitFor(3, /1 error/)
      expect(stderr()).toMatch(/bank\/casse\.md:1:\d+: error .*\[not-text\]/)
      rmSync(join(corpus.dir, 'bank/casse.md'))
      await waitFor(4, /(deckdown: 6 files, 14 questions[^\n]*\n[\s\S]*){2}/)
      expect(child.exitCode).toBe(null)
      // Outputs and the cache are written inside the watched folder's
      // neighbours only; writing them triggered no extra build.
      await new Promise((wait) => setTimeout(wait, 800))
      expect(summaries()).toHaveLength(4)
    } finally {
      child.kill()
    }
  }, 120_000)

  it('watches a project inside a hidden folder, and ignores hidden folders inside the watched one', async () => {
    // A project under a dot-folder (~/.local/share/notes, a cache) once
    // never rebuilt: every path in it has a component starting with a dot.
    const project = join(mkdtempSync(join(tmpdir(), 'deckdown-watch-')), '.notes')
    mkdirSync(join(project, 'bank', '.drafts'), {recursive: true})
    writeFileSync(join(project, 'bank/a.md'), '## Une question ?\n\n**Réponse :** Oui.\n')
    const {child, summaries, waitFor} = watchCommand(project, ['build', 'bank', '-f', 'json'])
    try {
      await waitFor(1, /watching bank/)
      appendFileSync(join(project, 'bank/a.md'), '\n## Une autre ?\n\n**Réponse :** Non.\n')
      await waitFor(2, /1 file, 2 questions/)
      writeFileSync(join(project, 'bank/.drafts/brouillon.md'), '## Pas encore ?\n')
      await new Promise((wait) => setTimeout(wait, 800))
      expect(summaries()).toHaveLength(2)
    } finally {
      child.kill()
      rmSync(dirname(project), {recursive: true, force: true})
    }
  }, 120_000)

  it('is for build only', async () => {
    let stderr = ''
    const code = await main({argv: ['check', 'bank', '--watch'], cwd: corpus.dir, stdout: {write: () => true}, stderr: {write: (chunk: string) => (stderr += chunk)}})
    expect(code).toBe(2)
    expect(stderr).toMatch(/--watch rebuilds outputs; use it with build/)
  })

  it('stops when the signal given to main aborts', async () => {
    const controller = new AbortController()
    let stderr = ''
    const running = main({
      argv: ['build', 'bank', '-o', 'signal-out', '--watch', '--no-cache'],
      cwd: corpus.dir,
      env: {},
      stdout: {write: () => true},
      stderr: {write: (chunk: string) => (stderr += chunk)},
      signal: controller.signal
    })
    while (!stderr.includes('watching')) await new Promise((wait) => setTimeout(wait, 50))
    controller.abort()
    expect(await running).toBe(0)
  }, 60_000)
})

describe('progress', () => {
  const stream = (isTTY: boolean) => {
    const chunks: string[] = []
    return {chunks, isTTY, write: (chunk: string) => chunks.push(chunk)}
  }

  it('shows files, questions and time on a terminal once a build has run a second', () => {
    let now = 0
    const out = stream(true)
    const progress = createProgress(out, {}, false, () => now)
    progress?.update(1, 10, 100)
    expect(out.chunks).toEqual([])
    now = 1500
    progress?.update(4, 10, 400)
    now = 1550
    progress?.update(5, 10, 500) // throttled
    now = 2500
    progress?.update(10, 10, 1000)
    progress?.end()
    expect(out.chunks).toEqual([
      '\r\u001B[Kdeckdown: 4/10 files, 400 questions, 1.5 s',
      '\r\u001B[Kdeckdown: 10/10 files, 1000 questions, 2.5 s, writing…',
      '\r\u001B[K'
    ])
  })

  it('shows nothing when stderr is not a terminal, under CI or with --quiet', () => {
    expect(createProgress(stream(false), {}, false)).toBeUndefined()
    expect(createProgress(stream(true), {CI: 'true'}, false)).toBeUndefined()
    expect(createProgress(stream(true), {}, true)).toBeUndefined()
    expect(createProgress(stream(true), {CI: ''}, false)).toBeDefined()
  })
})
