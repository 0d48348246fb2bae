/**
 * One table of CLI cases, run twice: in-process through `main()` (fast, exact
 * streams) and as the built binary in a child process (what users run).
 */
import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {unzipSync} from 'fflate'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {main} from '../../src/cli/main.js'
import {root, seedPath} from '../helpers.js'
import {wav} from '../media/samples.js'

interface Run {
  code: number
  stdout: string
  stderr: string
}

interface Case {
  name: string
  args: string[]
  env?: Record<string, string>
  /** Files to create in the working folder before the run. */
  files?: Record<string, string | Uint8Array>
  check(run: Run, cwd: string): void
}

const good = '# Deck\n\n## What is good?\n\n**Answer:** This.\n'
const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])
const seed = new Uint8Array(readFileSync(seedPath))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string}

// Both runs of the table (in-process and spawned) must produce the same package bytes.
let reproducibleSeedHash: string | undefined

const listOut = (cwd: string, folder = 'out'): string[] =>
  existsSync(join(cwd, folder)) ? (readdirSync(join(cwd, folder), {recursive: true}) as string[]).map((name) => name.split('\\').join('/')).sort() : []

const cases: Case[] = [
  {
    name: '--help prints usage and exits 0',
    args: ['--help'],
    check(run) {
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('Usage: deckdown <command>')
      expect(run.stdout).toContain('Exit codes')
    }
  },
  {
    name: '--version prints the package version, then the config file in use',
    args: ['--version', '--no-config'],
    check(run) {
      expect(run).toMatchObject({code: 0, stdout: `${pkg.version}\nconfig file: not read (--no-config)\n`})
    }
  },
  {
    name: 'a missing command is a usage error (2)',
    args: [],
    check(run) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('missing command')
    }
  },
  {
    name: 'an unknown option is a usage error (2), without a stack trace',
    args: ['build', '--frobnicate', 'a.md'],
    check(run) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain("Unknown option '--frobnicate'")
      expect(run.stderr).not.toMatch(/\n\s+at /)
    }
  },
  {
    name: 'an unknown format is a usage error (2)',
    args: ['build', 'a.md', '-f', 'json,docx'],
    files: {'a.md': good},
    check(run, cwd) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('unknown format `docx`')
      expect(listOut(cwd)).toEqual([])
    }
  },
  {
    name: 'build turns the seed (a .txt named explicitly) into JSON with a repaired-encoding warning',
    args: ['build', 'seed/000_7f03c07bfde96dd4.txt', '-o', 'out'],
    files: {'seed/000_7f03c07bfde96dd4.txt': seed},
    check(run, cwd) {
      expect(run.code).toBe(0)
      expect(run.stderr).toContain('seed/000_7f03c07bfde96dd4.txt:1:1: warning The text was UTF-8 misread as Mac Roman')
      expect(run.stderr).toContain('[encoding-repaired]')
      expect(run.stderr).toContain('deckdown: 1 file, 7 questions, 1 output written, 0 errors, 1 warning')
      const document = JSON.parse(readFileSync(join(cwd, 'out', '000_7f03c07bfde96dd4.json'), 'utf8'))
      expect(document.questions).toHaveLength(7)
      expect(document.questions[0].source.file).toBe('seed/000_7f03c07bfde96dd4.txt')
      expect(JSON.stringify(document)).toContain('modèle')
    }
  },
  {
    name: '-f apkg,json writes both formats from one parse; SOURCE_DATE_EPOCH makes the package reproducible',
    args: ['build', 'seed.txt', 'img.md', '-f', 'apkg,json', '-o', 'out'],
    env: {SOURCE_DATE_EPOCH: '1767225600'},
    files: {'seed.txt': seed, 'img.md': `${good}\n![pic](pic.png) ![none](none.png)\n`, 'pic.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47])},
    check(run, cwd) {
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('img.md:7:17: error Media `none.png` not found [missing-media]')
      expect(listOut(cwd)).toEqual(['img.apkg', 'img.json', 'seed.apkg', 'seed.json'])
      const apkg = readFileSync(join(cwd, 'out', 'seed.apkg'))
      expect([...apkg.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04])
      const hash = createHash('sha256').update(apkg).digest('hex')
      expect(hash).toBe(reproducibleSeedHash ??= hash)
      const members = unzipSync(readFileSync(join(cwd, 'out', 'img.apkg')))
      expect(JSON.parse(new TextDecoder().decode(members['media']))).toEqual({0: 'pic.png'})
      expect([...(members['0'] ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47])
    }
  },
  {
    name: 'folders pick *.md and *.markdown only, and outputs mirror subfolders',
    args: ['build', 'notes', '-o', 'out'],
    files: {'notes/a.md': good, 'notes/deep/b.markdown': good.replace('good', 'deep'), 'notes/c.txt': good, 'notes/.hidden/d.md': good, 'notes/node_modules/e.md': good},
    check(run, cwd) {
      expect(run.code).toBe(0)
      expect(listOut(cwd)).toEqual(['a.json', 'deep', 'deep/b.json'])
    }
  },
  {
    name: 'sub-folders become subdecks; --file-decks adds file names; --dialect forces a dialect',
    args: ['build', 'notes', '--file-decks', '--dialect', 'qa', '-o', 'out'],
    files: {'notes/top.md': 'Q: Top?\nA: yes', 'notes/python/advanced/meta.md': '# Classes\n\nQ: What is a metaclass?\nA: The class of a class.'},
    check(run, cwd) {
      expect(run.code).toBe(0)
      const decks = (path: string) => JSON.parse(readFileSync(join(cwd, 'out', path), 'utf8')).questions.map((question: {deck: string}) => question.deck)
      expect(decks('top.json')).toEqual(['top'])
      expect(decks('python/advanced/meta.json')).toEqual(['python::advanced::meta::Classes'])
    }
  },
  {
    name: '--no-folder-decks keeps decks to the files themselves',
    args: ['build', 'notes', '--no-folder-decks', '-o', 'out'],
    files: {'notes/python/meta.md': '# Classes\n\n## What is a metaclass?\n\n**Answer:** The class of a class.'},
    check(run, cwd) {
      expect(run.code).toBe(0)
      expect(JSON.parse(readFileSync(join(cwd, 'out', 'python', 'meta.json'), 'utf8')).questions[0].deck).toBe('Classes')
    }
  },
  {
    name: 'an unknown dialect is a usage error (2)',
    args: ['check', 'a.md', '--dialect', 'yaml'],
    files: {'a.md': good},
    check(run) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('unknown dialect `yaml` (known: heading, qa, details, list, table, sr)')
    }
  },
  {
    name: '-f html,csv writes print HTML and CSV; --layout and --csv pick their variants',
    args: ['build', 'a.md', '-f', 'html,csv', '--layout', 'quiz', '--title', 'Révisions', '--csv', 'plain', '-o', 'out'],
    files: {'a.md': good},
    check(run, cwd) {
      expect(run.code).toBe(0)
      expect(listOut(cwd)).toEqual(['a.csv', 'a.html'])
      expect(readFileSync(join(cwd, 'out', 'a.html'), 'utf8')).toContain('Answer key')
      expect(readFileSync(join(cwd, 'out', 'a.html'), 'utf8')).toContain('<title>Révisions</title>')
      expect(readFileSync(join(cwd, 'out', 'a.csv'), 'utf8').split('\r\n')[0]).toBe('id,deck,kind,prompt,answer,example,extra,tags,source')
    }
  },
  {
    // The validator (ajv), KaTeX and the code pages (iconv-lite) are loaded
    // only when a build needs them: these runs make the built command load them.
    name: 'a config file with an unknown option is reported at its line and column (2)',
    args: ['build', 'a.md', '-o', 'out'],
    files: {'a.md': good, 'deckdown.config.json': '{\n  "formats": ["json"],\n  "bogus": 1\n}\n'},
    check(run, cwd) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('deckdown.config.json:3:3: error Unknown option `bogus`')
      expect(listOut(cwd)).toEqual([])
    }
  },
  {
    name: 'math in HTML output becomes MathML',
    args: ['build', 'a.md', '-f', 'html', '-o', 'out'],
    files: {'a.md': '## What is $x^2$ at 3?\n\n**Answer:** $$\\frac{18}{2}$$\n'},
    check(run, cwd) {
      expect(run.code).toBe(0)
      expect(readFileSync(join(cwd, 'out', 'a.html'), 'utf8')).toMatch(/<math[^>]*>[\s\S]*<mfrac>/)
    }
  },
  {
    name: 'a Windows-1252 file is read as such',
    args: ['build', 'a.md', '-f', 'json', '-o', 'out'],
    files: {'a.md': new Uint8Array(Buffer.from('## Caf\u00e9 ou th\u00e9 ?\n\n**Answer:** Th\u00e9.\n', 'latin1'))},
    check(run, cwd) {
      expect(run.code).toBe(0)
      expect(readFileSync(join(cwd, 'out', 'a.json'), 'utf8')).toContain('Café ou thé ?')
    }
  },
  {
    name: '--pdf prints the HTML to PDF with the local Chromium',
    args: ['build', 'a.md', '-f', 'html', '--pdf', '--paper', 'letter', '-o', 'out'],
    files: {'a.md': good},
    check(run, cwd) {
      expect(run.code).toBe(0)
      expect(listOut(cwd)).toEqual(['a.html', 'a.pdf'])
      expect(readFileSync(join(cwd, 'out', 'a.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
    }
  },
  {
    name: '--assets copy writes the images beside the HTML instead of inlining them',
    args: ['build', 'a.md', '-f', 'html', '--assets', 'copy', '-o', 'out'],
    files: {'a.md': `${good}\n![pic](img/pic.png)\n`, 'img/pic.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])},
    check(run, cwd) {
      expect(run.code).toBe(0)
      expect(listOut(cwd)).toEqual(['a.html', 'a_files', 'a_files/pic.png'])
      const html = readFileSync(join(cwd, 'out', 'a.html'), 'utf8')
      expect(html).toContain('src="a_files/pic.png"')
      expect(html).not.toContain('data:image/png')
    }
  },
  {
    name: '--assets copy with -f csv writes the notes\' media files beside the CSV, under the names the fields use',
    args: ['build', 'a.md', '-f', 'csv', '--assets', 'copy', '-o', 'out'],
    files: {'a.md': `${good}\n![pic](img/pic.png) ![say it](sound/hello.wav)\n`, 'img/pic.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'sound/hello.wav': wav(20)},
    check(run, cwd) {
      expect(run.code).toBe(0)
      expect(listOut(cwd)).toEqual(['a.csv', 'a_files', 'a_files/hello.wav', 'a_files/pic.png'])
      const csv = readFileSync(join(cwd, 'out', 'a.csv'), 'utf8')
      expect(csv).toContain('<img src=""pic.png"" alt=""pic""> [sound:hello.wav]')
      expect(readFileSync(join(cwd, 'out', 'a_files', 'hello.wav'))).toEqual(Buffer.from(wav(20)))
      expect(run.stderr).toContain('they are written to `a_files/` beside it: copy them into Anki\'s collection.media folder before importing the CSV [csv-media-not-included]')
    }
  },
  {
    name: '--assets without -f html or -f csv is a usage error (2)',
    args: ['build', 'a.md', '-f', 'json', '--assets', 'copy'],
    files: {'a.md': good},
    check(run) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('--assets says how the html and csv formats handle media files; add -f html or -f csv')
    }
  },
  {
    name: '--pdf without a Chromium is a clear I/O error (2); the HTML is still written',
    args: ['build', 'a.md', '-f', 'html', '--pdf', '-o', 'out'],
    env: {DECKDOWN_CHROMIUM: '/nonexistent/chromium'},
    files: {'a.md': good},
    check(run, cwd) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('no Chromium at /nonexistent/chromium for --pdf; install one (apt-get install chromium) or set DECKDOWN_CHROMIUM')
      expect(listOut(cwd)).toEqual(['a.html'])
    }
  },
  {
    name: 'format options without their format are usage errors (2)',
    args: ['build', 'a.md', '--layout', 'cards', '-o', 'out'],
    files: {'a.md': good},
    check(run, cwd) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('--layout says how the html format is written; add -f html')
      expect(listOut(cwd)).toEqual([])
    }
  },
  {
    name: 'globs are expanded by deckdown',
    args: ['build', 'notes/**/*.md', '-o', 'out'],
    files: {'notes/a.md': good, 'notes/x/b.md': good.replace('good', 'bee'), 'notes/c.markdown': good},
    check(run, cwd) {
      expect(run.code).toBe(0)
      expect(listOut(cwd)).toEqual(['a.json', 'x', 'x/b.json'])
    }
  },
  {
    name: 'a file that is not text is an error (1); the other files still build',
    args: ['build', 'notes', '-o', 'out'],
    files: {'notes/a.md': good, 'notes/image.md': binary},
    check(run, cwd) {
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/^notes\/image\.md:1:\d+: error Cannot read this file as text: .*\[not-text\]$/m)
      expect(listOut(cwd)).toEqual(['a.json'])
    }
  },
  {
    name: 'a missing input is an I/O error (2); the other files still build',
    args: ['build', 'a.md', 'missing.md', '-o', 'out'],
    files: {'a.md': good},
    check(run, cwd) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('missing.md:1:1: error Cannot read input: no such file or folder [read-failed]')
      expect(listOut(cwd)).toEqual(['a.json'])
    }
  },
  {
    name: 'warnings exit 0, or 1 with --strict',
    args: ['build', 'a.md', '--strict', '-o', 'out'],
    files: {'a.md': `${good}\n## Unanswered?\n`},
    check(run) {
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('a.md:7:1: warning This heading looks like a question but no answer follows it')
      expect(run.stderr).toContain('[missing-answer]')
    }
  },
  {
    name: 'check reports and writes nothing',
    args: ['check', 'a.md', 'bad.md'],
    files: {'a.md': good, 'bad.md': '---\ndeck: [\n---\n## Q?\n\n**Answer:** a\n'},
    check(run, cwd) {
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/^bad\.md:2:\d+: error Frontmatter is not valid YAML.*\[invalid-frontmatter\]$/m)
      expect(run.stderr).toContain('deckdown: 2 files, 2 questions, 1 error, 0 warnings')
      expect(listOut(cwd)).toEqual([])
    }
  },
  {
    name: '--bundle writes one combined output',
    args: ['build', 'a.md', 'b.md', '--bundle', 'all', '--deck', 'Root', '-o', 'out'],
    files: {'a.md': good, 'b.md': good.replace('good', 'bundled')},
    check(run, cwd) {
      expect(run.code).toBe(0)
      expect(listOut(cwd)).toEqual(['all.json'])
      const document = JSON.parse(readFileSync(join(cwd, 'out', 'all.json'), 'utf8'))
      expect(document.questions.map((question: {deck: string}) => question.deck)).toEqual(['Root::Deck', 'Root::Deck'])
    }
  },
  {
    name: '--reporter github prints workflow commands that annotate the lines',
    args: ['check', 'a.md', '--reporter', 'github'],
    files: {'a.md': `${good}\n## Unanswered, with a comma: and colon?\n`},
    check(run) {
      expect(run.code).toBe(0)
      expect(run.stdout).toBe(
        '::warning file=a.md,line=7,col=1,endLine=7,endColumn=40,title=deckdown missing-answer::This heading looks like a question but no answer follows it (no `**Answer:**`-style marker, `<details>` block or content); no card is made\n'
      )
    }
  },
  {
    name: '--reporter json prints the diagnostics as records on stdout',
    args: ['check', 'a.md', '--reporter', 'json'],
    files: {'a.md': `${good}\n## Unanswered?\n`},
    check(run) {
      expect(run.code).toBe(0)
      expect(JSON.parse(run.stdout)).toEqual({
        diagnostics: [{file: 'a.md', line: 7, column: 1, endLine: 7, endColumn: 15, severity: 'warning', ruleId: 'missing-answer', message: expect.stringContaining('no answer follows it')}]
      })
    }
  },
  {
    name: '--verbose prints info messages too',
    args: ['check', 'a.md', '--verbose'],
    files: {'a.md': '# D\n\n## Why?\n\nBecause.\n'},
    check(run) {
      expect(run.code).toBe(0)
      expect(run.stderr).toContain('a.md:3:1: info No answer marker: the content below this question heading is taken as its answer [implicit-answer]')
    }
  },
  {
    name: 'info messages are hidden without --verbose',
    args: ['check', 'a.md'],
    files: {'a.md': '# D\n\n## Why?\n\nBecause.\n'},
    check(run) {
      expect(run.code).toBe(0)
      expect(run.stderr).not.toContain('[implicit-answer]')
    }
  },
  {
    name: '--no-repair leaves mojibake as it is',
    args: ['build', 'seed.txt', '--no-repair', '-o', 'out'],
    files: {'seed.txt': seed},
    check(run, cwd) {
      expect(run.code).toBe(0)
      expect(run.stderr).not.toContain('[encoding-repaired]')
      expect(readFileSync(join(cwd, 'out', 'seed.json'), 'utf8')).toContain('R√©ponse')
    }
  },
  {
    name: '--max-media-size sets the media limit',
    args: ['build', 'a.md', '-f', 'apkg', '--max-media-size', '1KB', '-o', 'out'],
    files: {'a.md': `${good}\n![big](big.png)\n`, 'big.png': new Uint8Array(2048)},
    check(run, cwd) {
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('is 2 KiB, over the 1 KiB limit; it is not embedded [media-too-large]')
      expect(listOut(cwd)).toEqual(['a.apkg'])
    }
  },
  {
    name: 'a bad --max-media-size is a usage error (2)',
    args: ['build', 'a.md', '--max-media-size', 'huge', '-o', 'out'],
    files: {'a.md': good},
    check(run) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('--max-media-size takes a size such as 5MB or 800KB, not `huge`')
    }
  },
  {
    name: '--deck puts every question under a root deck',
    args: ['build', 'a.md', '--deck', 'Root::Sub', '-o', 'out'],
    files: {'a.md': good},
    check(run, cwd) {
      expect(run.code).toBe(0)
      expect(JSON.parse(readFileSync(join(cwd, 'out', 'a.json'), 'utf8')).questions[0].deck).toBe('Root::Sub::Deck')
    }
  },
  {
    name: '--quiet prints errors only',
    args: ['build', 'a.md', '--quiet', '-o', 'out'],
    files: {'a.md': `${good}\n## Unanswered?\n`},
    check(run) {
      expect(run).toMatchObject({code: 0, stderr: ''})
    }
  },
  {
    name: 'a bad SOURCE_DATE_EPOCH is a usage error (2)',
    args: ['build', 'a.md', '-o', 'out'],
    env: {SOURCE_DATE_EPOCH: 'yesterday'},
    files: {'a.md': good},
    check(run) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('SOURCE_DATE_EPOCH must be a whole number')
    }
  }
]

let workspace: string
const distCli = join(root, 'dist', 'cli.js')

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'deckdown-cli-'))
  if (!existsSync(distCli)) {
    const build = spawnSync('npx', ['tsup'], {cwd: root, stdio: 'ignore'})
    if (build.status !== 0) throw new Error('could not build dist/ for the CLI tests')
  }
})

afterAll(() => rmSync(workspace, {recursive: true, force: true}))

function prepare(testCase: Case, label: string): string {
  const cwd = join(workspace, `${label}-${cases.indexOf(testCase)}`)
  mkdirSync(cwd, {recursive: true})
  for (const [name, contents] of Object.entries(testCase.files ?? {})) {
    mkdirSync(dirname(join(cwd, name)), {recursive: true})
    writeFileSync(join(cwd, name), contents)
  }
  return cwd
}

async function runInProcess(testCase: Case, cwd: string): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const code = await main({
    argv: testCase.args,
    cwd,
    env: testCase.env ?? {},
    stdout: {write: (chunk: string) => (stdout += chunk)},
    stderr: {write: (chunk: string) => (stderr += chunk)}
  })
  return {code, stdout, stderr}
}

function runSpawned(testCase: Case, cwd: string): Run {
  const env = {...process.env, ...testCase.env}
  if (!testCase.env?.['SOURCE_DATE_EPOCH']) delete env['SOURCE_DATE_EPOCH']
  const result = spawnSync(process.execPath, [distCli, ...testCase.args], {cwd, env, encoding: 'utf8'})
  return {code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr}
}

describe('cli in-process (main)', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const cwd = prepare(testCase, 'main')
      testCase.check(await runInProcess(testCase, cwd), cwd)
    })
  }
})

describe('cli as the built binary', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const cwd = prepare(testCase, 'bin')
      testCase.check(runSpawned(testCase, cwd), cwd)
    })
  }
})

describe('cli file handling', () => {
  it('never modifies inputs and leaves no temporary files', async () => {
    const cwd = mkdtempSync(join(workspace, 'files-'))
    mkdirSync(join(cwd, 'fixtures'))
    copyFileSync(seedPath, join(cwd, 'fixtures', 'seed.txt'))
    copyFileSync(join(root, 'fixtures', 'python-basics.md'), join(cwd, 'fixtures', 'python-basics.md'))
    const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
    const before = ['seed.txt', 'python-basics.md'].map((name) => hash(join(cwd, 'fixtures', name)))
    const run = await runInProcess({name: '', args: ['build', 'fixtures', 'fixtures/seed.txt', '-o', 'out'], check() {}}, cwd)
    expect(run.code).toBe(0)
    expect(['seed.txt', 'python-basics.md'].map((name) => hash(join(cwd, 'fixtures', name)))).toEqual(before)
    expect(listOut(cwd)).toEqual(['python-basics.json', 'seed.json'])
    // A second build replaces outputs in place (atomically) with identical bytes.
    const first = readFileSync(join(cwd, 'out', 'seed.json'))
    await runInProcess({name: '', args: ['build', 'fixtures/seed.txt', '-o', 'out'], check() {}}, cwd)
    expect(readFileSync(join(cwd, 'out', 'seed.json'))).toEqual(first)
    expect(listOut(cwd)).toEqual(['python-basics.json', 'seed.json'])
  })

  it('tells the executable the inputs\' count and size before the build', async () => {
    const cwd = mkdtempSync(join(workspace, 'sizes-'))
    writeFileSync(join(cwd, 'a.md'), good)
    writeFileSync(join(cwd, 'b.md'), good + good)
    const seen: Array<{files: number; bytes: number}> = []
    const code = await main({argv: ['build', '.', '-o', 'out', '--no-cache'], cwd, stdout: {write: () => true}, stderr: {write: () => true}, beforeBuild: (inputs) => seen.push(inputs)})
    expect(code).toBe(0)
    expect(seen).toEqual([{files: 2, bytes: Buffer.byteLength(good) * 3}])
    expect(listOut(cwd)).toEqual(['a.json', 'b.json'])
  })

  it('reads inputs only when the build reaches them: one gone by then is its read-failed error, the others build (1)', async () => {
    const cwd = mkdtempSync(join(workspace, 'vanished-'))
    writeFileSync(join(cwd, 'a.md'), good)
    writeFileSync(join(cwd, 'b.md'), good)
    const stderr: string[] = []
    // The hook runs once the inputs are found and sized, before any is read.
    const code = await main({argv: ['build', '.', '-o', 'out', '--no-cache'], cwd, stdout: {write: () => true}, stderr: {write: (chunk) => stderr.push(chunk)}, beforeBuild: () => rmSync(join(cwd, 'b.md'))})
    expect(code).toBe(1)
    expect(stderr.join('')).toMatch(/^b\.md:1:1: error Cannot read this file: ENOENT \[read-failed\]$/m)
    expect(listOut(cwd)).toEqual(['a.json'])
  })

  it('reports an output it cannot write as an I/O error (2)', async () => {
    const cwd = mkdtempSync(join(workspace, 'unwritable-'))
    writeFileSync(join(cwd, 'a.md'), good)
    writeFileSync(join(cwd, 'out'), 'a file where the output folder should be')
    const run = await runInProcess({name: '', args: ['build', 'a.md', '-o', 'out'], check() {}}, cwd)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^a\.json:1:1: error Cannot write output: \w+ \[write-failed\]$/m)
  })
})
