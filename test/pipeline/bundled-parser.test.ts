/**
 * The bundled command and worker threads build trees with one change to
 * mdast-util-from-markdown's compiler, made as it is bundled (see
 * `fromMarkdownSharedContext` in tsup.config.ts): its token handlers share
 * one context instead of getting a copy each. The bundle must give exactly
 * what the published package gives: the per-file job, run from the bundle
 * and from the sources (which import the package as it is), must agree on
 * every fixture and on text that uses every syntax extension. The bundle
 * also drops fdir's load-time probe for picomatch
 * (`fdirWithoutPicomatchProbe`), which made every start of the command
 * resolve and compile picomatch from `node_modules`.
 */
import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {runFileJob, type FileJob, type FileJobResult} from '../../src/pipeline/job.js'
import {fixtureFiles} from '../helpers.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dist = join(root, 'dist')

/** The bundle the command and `dist/worker.js` run jobs from. */
function bundle(): string {
  const path = join(dist, 'command.cjs')
  if (!existsSync(path)) throw new Error('dist/command.cjs is missing: run `npm run build` first')
  return path
}

const markdown = await fixtureFiles()

// Every extension the parser may turn on (GFM's five, frontmatter, math),
// reference definitions (parsed whole), lists, quotes and HTML.
const synthetic = [
  '---\ntitle: Syntax\ntags: [a, b]\n---\n\n# Deck\n\n## What is a table?\n\n**Answer:**\n\n| a | b |\n|:--|--:|\n| 1 | ~~2~~ |\n',
  '## Where?\n\nAnswer: see www.example.com or mail me@example.org[^1].\n\n[^1]: A footnote.\n',
  '## Tasks?\n\n- [x] done\n- [ ] open\n  > quoted `code`\n\n**Réponse :** $e^{i\\pi} + 1 = 0$ and\n\n$$\n\\int_0^1 x\\,dx\n$$\n',
  '## Links?\n\n**Answer:** [ref][r] and ![img][i] <b>bold</b>\n\n[r]: https://example.org "T"\n[i]: pic.png\n',
  'Q: One?\nA: Two.\n\n1. first\n2. second\n\n<details><summary>Why?</summary>\n\nBecause.\n\n</details>\n'
]

function job(path: string, value: Uint8Array | string): FileJob {
  return {path, value, options: {}, prepareNotes: true, lean: false, historyDeck: 'deck'}
}

describe('the bundled tree builder', () => {
  it('is the changed one (the equivalence below is not vacuous)', () => {
    expect(readFileSync(bundle(), 'utf8')).toContain('handlerContext')
  })

  it('gives the per-file job the same results as the published package', async () => {
    const bundled = createRequire(import.meta.url)(bundle()) as {runFileJob: (job: FileJob) => FileJobResult}
    expect(markdown.length).toBeGreaterThan(40)
    const inputs: Array<[string, Uint8Array | string]> = [...markdown.map((path): [string, Uint8Array] => [path, new Uint8Array(readFileSync(path))]), ...synthetic.map((text, index): [string, string] => [`synthetic-${index}.md`, text])]
    for (const [path, value] of inputs) {
      expect(bundled.runFileJob(job(path, value)), path).toEqual(runFileJob(job(path, value)))
    }
  }, 60_000)
})

describe('the command bundle', () => {
  it('does not probe for picomatch as it loads (fdir’s optional glob support)', () => {
    const cli = readFileSync(bundle(), 'utf8')
    // fdir's builder is in the bundle, without the probe.
    expect(cli).toContain('withBasePath()')
    expect(cli).not.toMatch(/\.resolve\("picomatch"\)/)
  })
})
