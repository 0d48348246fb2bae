/**
 * The config file, end to end through the CLI's `main` (real files in a
 * temporary folder, real lilconfig search, real schema validation), plus
 * the option table's contract: every CLI option has a config key that means
 * the same thing, and the shipped schema is the table's.
 */
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {parseArgs} from 'node:util'
import {Ajv2020} from 'ajv/dist/2020.js'
import {unzipSync} from 'fflate'
import initSqlJs from 'sql.js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {main} from '../../src/cli/main.js'
import {loadConfig} from '../../src/config/load.js'
import {configKey, configurableSpecs, optionSpecs, parseArgsOptions, perFileSpecs} from '../../src/config/options.js'
import {configValues, overrideValues} from '../../src/config/resolve.js'
import {configSchema} from '../../src/config/schema.js'
import {root} from '../helpers.js'

let workspace: string
let counter = 0

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'deckdown-config-'))
})
afterAll(() => rmSync(workspace, {recursive: true, force: true}))

const good = '# Deck\n\n## What is good?\n\n**Answer:** This.\n'

/** A fresh project folder with these files. */
function project(files: Record<string, string>): string {
  const folder = join(workspace, `p${counter++}`)
  for (const [name, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), {recursive: true})
    writeFileSync(join(folder, name), contents)
  }
  mkdirSync(folder, {recursive: true})
  return folder
}

async function run(argv: string[], cwd: string): Promise<{code: number; stdout: string; stderr: string}> {
  let stdout = ''
  let stderr = ''
  const code = await main({
    argv,
    cwd,
    env: {SOURCE_DATE_EPOCH: '0'},
    stdout: {write: (chunk: string) => (stdout += chunk)},
    stderr: {write: (chunk: string) => (stderr += chunk)}
  })
  return {code, stdout, stderr}
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as {questions: Array<{deck: string; source: {file: string}; tags: string[]}>}

describe('finding the config file', () => {
  const formats: Array<[string, (config: object) => string]> = [
    ['deckdown.config.json', (config) => JSON.stringify(config, null, 2)],
    ['deckdown.config.yaml', (config) => `format: [${(config as {format: string[]}).format.join(', ')}]\ninputs: [notes]\n`],
    ['deckdown.config.yml', () => `format:\n  - csv\ninputs:\n  - notes\n`],
    ['deckdown.config.mjs', (config) => `export default ${JSON.stringify(config)}\n`],
    ['deckdown.config.js', (config) => `export default ${JSON.stringify(config)}\n`],
    ['package.json', (config) => JSON.stringify({name: 'x', type: 'module', deckdown: config}, null, 2)]
  ]
  for (const [name, write] of formats) {
    it(`reads ${name} from a parent folder, with paths relative to it`, async () => {
      const files: Record<string, string> = {'notes/a.md': good, [name]: write({format: ['csv'], inputs: ['notes']}), 'deep/er/.keep': ''}
      // .js needs a module package to be ESM.
      if (name === 'deckdown.config.js') files['package.json'] = '{"type": "module"}'
      const folder = project(files)
      const result = await run(['build'], join(folder, 'deep', 'er'))
      expect(result.stderr).toContain('1 output written')
      expect(result.code).toBe(0)
      // Outputs go to out/ beside the config file.
      expect(existsSync(join(folder, 'out', 'a.csv'))).toBe(true)
    })
  }

  it('prefers deckdown.config.* over a package.json key in the same folder', async () => {
    const folder = project({'a.md': good, 'package.json': JSON.stringify({deckdown: {format: ['csv']}}), 'deckdown.config.json': '{"format": ["json"]}'})
    await run(['build', 'a.md'], folder)
    expect(existsSync(join(folder, 'out', 'a.json'))).toBe(true)
    expect(existsSync(join(folder, 'out', 'a.csv'))).toBe(false)
  })

  it('--config names the file; --no-config reads none; both together are a usage error', async () => {
    const folder = project({'a.md': good, 'deckdown.config.json': '{"format": ["csv"]}', 'conf/other.yaml': 'format: [json]\noutDir: ../built\n'})
    expect((await run(['build', 'a.md', '--config', 'conf/other.yaml'], folder)).code).toBe(0)
    expect(existsSync(join(folder, 'built', 'a.json'))).toBe(true)
    expect((await run(['build', 'a.md', '--no-config', '-o', 'plain'], folder)).code).toBe(0)
    expect(readdir(join(folder, 'plain'))).toEqual(['a.json'])
    const both = await run(['build', 'a.md', '--no-config', '--config', 'x.json'], folder)
    expect(both.code).toBe(2)
    const missing = await run(['build', 'a.md', '--config', 'nope.json'], folder)
    expect(missing).toMatchObject({code: 2})
    expect(missing.stderr).toContain('nope.json:1:1: error Cannot read the config file: no such file [invalid-config]')
  })
})

function readdir(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).sort() : []
}

describe('options from the config file', () => {
  it('every CLI option has a config key, in camelCase, that the schema accepts', () => {
    const schema = configSchema() as unknown as {properties: Record<string, unknown>}
    for (const spec of configurableSpecs) expect(schema.properties, spec.flag).toHaveProperty(configKey(spec.flag))
    expect(configKey('out-dir')).toBe('outDir')
    expect(configKey('no-folder-decks')).toBe('noFolderDecks')
    expect(configurableSpecs.map((spec) => spec.flag)).not.toContain('config')
    expect(perFileSpecs.map((spec) => spec.flag).sort()).toEqual(['deck', 'dialect', 'file-decks', 'no-folder-decks', 'no-repair'])
  })

  it('each config key means what its flag means (the same values reach the CLI)', () => {
    const samples: Record<string, unknown> = {format: ['apkg', 'csv'], 'max-media-size': '5MB'}
    const ajv = new Ajv2020({strict: true}).compile(configSchema())
    for (const spec of configurableSpecs) {
      const value = samples[spec.flag] ?? (spec.kind === 'boolean' ? true : spec.kind === 'size' ? '5MB' : spec.kind === 'count' ? 7 : spec.values ? spec.values[spec.values.length - 1] : 'Some::Value')
      const options = {[configKey(spec.flag)]: value}
      expect(ajv(options), `${spec.flag}: ${JSON.stringify(ajv.errors)}`).toBe(true)
      const fromConfig = configValues({path: '/p/deckdown.config.json', folder: '/p', options})
      const argv = spec.kind === 'boolean' ? [`--${spec.flag}`] : Array.isArray(value) ? value.flatMap((item) => [`--${spec.flag}`, String(item)]) : [`--${spec.flag}`, String(value)]
      const fromCli = parseArgs({args: argv, options: parseArgsOptions(), strict: true}).values as Record<string, unknown>
      // outDir is resolved against the config's folder.
      expect(fromConfig[spec.flag], spec.flag).toEqual(spec.flag === 'out-dir' ? join('/p', String(value)) : fromCli[spec.flag])
    }
    // Sizes may be numbers of bytes in the file.
    expect(configValues({path: '/p/c.json', folder: '/p', options: {maxMediaSize: 2048}})['max-media-size']).toBe('2048')
  })

  it('builds with the file options: formats, bundle, deck, layout, title, csv mode, folder and file decks, reporter', async () => {
    const folder = project({
      'notes/python/basics.md': good,
      'deckdown.config.json': JSON.stringify({
        inputs: ['notes'],
        format: ['json', 'csv', 'html'],
        bundle: 'all',
        deck: 'Course',
        layout: 'quiz',
        title: 'My title',
        csv: 'plain',
        fileDecks: true,
        noFolderDecks: true,
        reporter: 'json',
        strict: true
      })
    })
    const result = await run(['build'], folder)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({diagnostics: []})
    expect(readdir(join(folder, 'out'))).toEqual(['all.csv', 'all.html', 'all.json'])
    expect(readJson(join(folder, 'out', 'all.json')).questions[0]?.deck).toBe('Course::basics::Deck')
    expect(readFileSync(join(folder, 'out', 'all.csv'), 'utf8').split('\r\n')[0]).toBe('id,deck,kind,prompt,answer,example,extra,tags,source')
    const html = readFileSync(join(folder, 'out', 'all.html'), 'utf8')
    expect(html).toContain('<title>My title</title>')
    expect(html).toContain('class="layout-quiz"')
  })

  it('strict, quiet, noRepair and maxMediaSize from the file take effect', async () => {
    const mojibake = '# Deck\n\n## What is R\u221a\u00a9ponse?\n\n**Answer:** ![x](big.png)\n'
    const folder = project({
      'a.md': mojibake,
      'big.png': 'x'.repeat(3000),
      'deckdown.config.yaml': 'strict: true\nquiet: true\nnoRepair: true\nmaxMediaSize: 1KB\nformat: [apkg]\n'
    })
    const result = await run(['build', 'a.md'], folder)
    // media-too-large is an error (exit 1); quiet hides warnings and the summary.
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('[media-too-large]')
    expect(result.stderr).not.toContain('deckdown: 1 file')
    expect(result.stderr).not.toContain('encoding-repaired')
  })

  it('flags win over the file', async () => {
    const folder = project({'a.md': good, 'deckdown.config.json': '{"format": ["csv"], "deck": "FromFile", "outDir": "o1"}'})
    expect((await run(['build', 'a.md', '-f', 'json', '--deck', 'FromFlag', '-o', 'o2'], folder)).code).toBe(0)
    expect(readdir(join(folder, 'o2'))).toEqual(['a.json'])
    expect(readJson(join(folder, 'o2', 'a.json')).questions[0]?.deck).toBe('FromFlag::Deck')
  })

  it('format options in the file do not need their format (they apply when it is built)', async () => {
    const folder = project({'a.md': good, 'deckdown.config.json': '{"layout": "cards", "csv": "plain", "pdf": true}'})
    expect((await run(['build', 'a.md'], folder)).code).toBe(0)
  })

  it('overrides set per-file options by glob, later ones winning, flags winning over all', async () => {
    const folder = project({
      'bank/sql/joins.md': 'Q: What is a join?\nA: Rows of two tables, matched.\n',
      'bank/py/gil.md': good,
      'deckdown.config.yaml': [
        'inputs: [bank]',
        'noFolderDecks: true',
        'overrides:',
        '  - files: "bank/sql/**"',
        '    deck: SQL',
        '    dialect: qa',
        '  - files: ["bank/py/*.md"]',
        '    deck: Python',
        '    fileDecks: true',
        '  - files: "**/gil.md"',
        '    deck: Later',
        ''
      ].join('\n')
    })
    expect((await run(['build'], folder)).code).toBe(0)
    expect(readJson(join(folder, 'out', 'sql', 'joins.json')).questions.map((q) => q.deck)).toEqual(['SQL::joins'])
    expect(readJson(join(folder, 'out', 'py', 'gil.json')).questions.map((q) => q.deck)).toEqual(['Later::gil::Deck'])
    // A flag wins over the overrides.
    expect((await run(['build', '--deck', 'Flag', '-o', 'flag'], folder)).code).toBe(0)
    expect(readJson(join(folder, 'flag', 'sql', 'joins.json')).questions.map((q) => q.deck)).toEqual(['Flag::joins'])
  })

  it('override globs are matched below the config folder', () => {
    const config = {path: '/p/deckdown.config.json', folder: '/p', options: {overrides: [{files: 'sql/**', deck: 'SQL', dialect: 'qa'}]}}
    expect(overrideValues(config, '/p/sql/a/b.md')).toEqual({deck: 'SQL', dialect: 'qa'})
    expect(overrideValues(config, '/p/other/sql/b.md')).toEqual({})
  })
})

describe('config errors point at the key', () => {
  it('JSON: unknown keys and wrong types, with file:line:column and the rule id', async () => {
    const text = '{\n  "format": ["json", "pdf"],\n  "strict": "yes",\n  "fromat": 1,\n  "overrides": [\n    {"files": "a/**", "layout": "quiz"},\n    {"deck": "X"}\n  ]\n}\n'
    const folder = project({'a.md': good, 'deckdown.config.json': text})
    const result = await run(['build', 'a.md'], folder)
    expect(result.code).toBe(2)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toEqual([
      'deckdown.config.json:2:22: error `format[1]` must be one of "json", "apkg", "csv", "html", not "pdf" [invalid-config]',
      'deckdown.config.json:3:3: error `strict` must be a boolean (true or false), not the string "yes" [invalid-config]',
      'deckdown.config.json:4:3: error Unknown option `fromat`; options are the long command-line names in camelCase (`outDir`), see `deckdown --help` [invalid-config]',
      'deckdown.config.json:6:23: error Unknown option `overrides[0].layout` in `overrides[0]`; options are the long command-line names in camelCase (`outDir`), see `deckdown --help` [invalid-config]',
      'deckdown.config.json:7:5: error `overrides[1]` needs `files` [invalid-config]',
      'deckdown: fix the config file (its schema: deckdown/config-schema.json), or run with --no-config'
    ])
    expect(existsSync(join(folder, 'out'))).toBe(false)
  })

  it('YAML and package.json keys are located too', async () => {
    const yaml = await loadConfig({cwd: project({'deckdown.config.yaml': '# team options\nformat:\n  - json\nbundle: 3\nverbose: true\nmaxMediaSize: lots\n'})})
    expect(yaml.ok).toBe(false)
    if (!yaml.ok) {
      expect(yaml.file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([
        '4:1 `bundle` must be a string, not the number 3',
        '6:1 `maxMediaSize` must be a size such as "5MB", "800KB" or a number of bytes, not "lots"'
      ])
    }
    const pkg = await loadConfig({cwd: project({'package.json': '{\n  "name": "x",\n  "deckdown": {\n    "reporter": "xml"\n  }\n}\n'})})
    expect(pkg.ok).toBe(false)
    if (!pkg.ok) {
      expect(pkg.file.path).toBe('package.json')
      expect(pkg.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['4:5 invalid-config'])
    }
  })

  it('syntax errors are located', async () => {
    const json = await loadConfig({cwd: project({'deckdown.config.json': '{\n  "format": ["json",]\n}\n'})})
    expect(json.ok ? [] : json.file.messages.map((message) => `${message.line}:${message.column}`)).toEqual(['2:21'])
    const yaml = await loadConfig({cwd: project({'deckdown.config.yml': 'format: [json\nstrict: true\n'})})
    expect(yaml.ok).toBe(false)
    if (!yaml.ok) expect(yaml.file.messages[0]?.reason).toMatch(/^Config file is not valid YAML/)
  })

  it('a JS config is validated too (positions at the file start)', async () => {
    const folder = project({'deckdown.config.mjs': 'export default {format: "json"}\n'})
    const result = await loadConfig({cwd: folder})
    expect(result.ok ? [] : result.file.messages.map(String)).toEqual(['deckdown.config.mjs:1:1: `format` must be a list, not the string "json"'])
  })
})

describe('the shipped schema', () => {
  it('dist/config-schema.json is the option table’s schema and is exported as deckdown/config-schema.json', () => {
    const shipped = JSON.parse(readFileSync(join(root, 'dist', 'config-schema.json'), 'utf8'))
    expect(shipped).toEqual(configSchema())
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {exports: Record<string, unknown>}
    expect(pkg.exports['./config-schema.json']).toBe('./dist/config-schema.json')
  })

  it('--help and --version mention the config file', async () => {
    const folder = project({'deckdown.config.json': '{}'})
    const help = await run(['--help'], folder)
    expect(help.stdout).toContain('deckdown.config.json')
    expect(help.stdout).toContain('deckdown/config-schema.json')
    for (const spec of optionSpecs) expect(help.stdout, spec.flag).toContain(`--${spec.flag}`)
    expect((await run(['--version'], folder)).stdout).toMatch(/^\d+\.\d+\.\d+\nconfig file: deckdown\.config\.json\n$/)
    expect((await run(['--version', '--no-config'], folder)).stdout).toContain('config file: not read (--no-config)')
  })
})

describe('init and first runs', () => {
  it('init writes a question file and a config file; build then works with no operand', async () => {
    const folder = project({})
    const first = await run(['init'], folder)
    expect(first.code).toBe(0)
    expect(first.stderr).toContain('wrote questions.md and deckdown.config.json')
    const built = await run(['build', '--strict'], folder)
    expect(built.stderr).toContain('1 file, 3 questions, 3 outputs written, 0 errors, 0 warnings')
    expect(built.code).toBe(0)
    expect(readdir(join(folder, 'out'))).toEqual(['questions.apkg', 'questions.html', 'questions.json'])
    const kinds = readJson(join(folder, 'out', 'questions.json')).questions.map((question) => (question as unknown as {kind: string}).kind)
    expect(kinds).toEqual(['basic', 'choice', 'cloze'])
  })

  it('init refuses to overwrite, and writes nothing then', async () => {
    const folder = project({'deckdown.config.json': '{"format": ["csv"]}'})
    const result = await run(['init'], folder)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('init writes nothing: deckdown.config.json already exists here')
    expect(existsSync(join(folder, 'questions.md'))).toBe(false)
    expect(readFileSync(join(folder, 'deckdown.config.json'), 'utf8')).toBe('{"format": ["csv"]}')
  })

  it('build with no inputs and no config says how to start', async () => {
    const result = await run(['build', '--no-config'], project({}))
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('`deckdown init` writes a starter questions.md and deckdown.config.json')
  })
})

describe('source names in outputs', () => {
  it('the Source field and print footer show the path below the folder operand, or the bare file name', async () => {
    const folder = project({'bank/sql/joins.md': good, 'elsewhere/build-here/.keep': '', 'single/one.md': good})
    const cwd = join(folder, 'elsewhere', 'build-here')
    expect((await run(['build', '../../bank', '../../single/one.md', '-f', 'apkg,csv,html,json', '--no-config'], cwd)).code).toBe(0)
    const csv = readFileSync(join(cwd, 'out', 'sql', 'joins.csv'), 'utf8')
    expect(csv).toMatch(/,sql\/joins\.md:3\r?\n?$/)
    expect(readFileSync(join(cwd, 'out', 'sql', 'joins.html'), 'utf8')).toContain('<p class="q-source">sql/joins.md:3</p>')
    expect(readFileSync(join(cwd, 'out', 'one.html'), 'utf8')).toContain('<p class="q-source">one.md:3</p>')
    const SQL = await initSqlJs()
    const apkg = unzipSync(new Uint8Array(readFileSync(join(cwd, 'out', 'one.apkg'))))
    const collection = apkg['collection.anki2']
    if (!collection) throw new Error('no collection in the package')
    const db = new SQL.Database(collection)
    const [fields] = db.exec('select flds from notes')[0]?.values[0] ?? []
    expect(String(fields).split('\u001f').at(-1)).toBe('one.md:3')
    // Diagnostics and JSON keep the path from the working folder (clickable there).
    expect(readJson(join(cwd, 'out', 'one.json')).questions[0]?.source.file).toBe('../../single/one.md')
  })
})
