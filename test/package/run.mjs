#!/usr/bin/env node
/**
 * Checks the package as it is published, from the outside:
 *
 * 1. `npm pack` it and check what the tarball holds (dist/, README, LICENSE,
 *    the schemas, package.json; nothing else) and that README states its
 *    size truthfully.
 * 2. Lint it with publint and @arethetypeswrong/cli (config: .attw.json).
 * 3. Install the tarball into a fresh project, type-check
 *    `consumer/index.ts` (every public export) with `strict` and
 *    `skipLibCheck: false` under `moduleResolution` `nodenext` and
 *    `bundler`, then compile and run it as plain ESM.
 *
 * Needs the npm registry (or a warm npm cache) for the tarball's
 * dependencies. Run by `npm run test:package` and in CI.
 */
import {execFileSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const here = dirname(fileURLToPath(import.meta.url))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const work = mkdtempSync(join(tmpdir(), 'deckdown-package-'))
const failures = []

function run(command, args, cwd, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`)
  return execFileSync(command, args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options})
}

function fail(message) {
  failures.push(message)
  console.error(`✗ ${message}`)
}

try {
  // 1. Build, pack (without running `prepare` again: its output would mix
  // with the JSON) and inspect the tarball.
  run(npm, ['run', 'build'], root, {stdio: 'inherit'})
  const [pack] = JSON.parse(run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root))
  const tarball = join(work, pack.filename)
  const files = pack.files.map((file) => file.path).sort()
  const allowed = /^(package\.json|README\.md|LICENSE|dist\/[\w.-]+\.(js|cjs|d\.ts|json)|dist\/THIRD-PARTY-NOTICES\.txt)$/
  const required = ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/cli.js', 'dist/worker.js', 'dist/command.cjs', 'dist/schema.json', 'dist/config-schema.json', 'dist/THIRD-PARTY-NOTICES.txt']
  for (const file of files) if (!allowed.test(file)) fail(`tarball holds ${file}, which is not meant to be published`)
  for (const file of required) if (!files.includes(file)) fail(`tarball lacks ${file}`)
  const packedKb = pack.size / 1000
  const unpackedKb = pack.unpackedSize / 1000
  console.log(`tarball: ${files.length} files, ${packedKb.toFixed(1)} kB packed, ${unpackedKb.toFixed(1)} kB unpacked`)
  // README states the size as "about N kB packed (M kB unpacked)"; keep it within 15 %.
  const stated = /about (\d+) kB packed \((\d+) kB unpacked\)/.exec(readFileSync(join(root, 'README.md'), 'utf8'))
  if (!stated) fail('README does not state the tarball size ("about N kB packed (M kB unpacked)")')
  else {
    const near = (statedKb, actualKb) => Math.abs(statedKb - actualKb) / actualKb <= 0.15
    if (!near(Number(stated[1]), packedKb) || !near(Number(stated[2]), unpackedKb)) {
      fail(`README says about ${stated[1]} kB packed (${stated[2]} kB unpacked); it is ${packedKb.toFixed(0)} kB (${unpackedKb.toFixed(0)} kB)`)
    }
  }

  // 2. The ecosystem's package linters, on exactly what is published.
  try {
    run(join(root, 'node_modules/.bin/attw'), [tarball, '--format', 'table'], root, {stdio: 'inherit'})
  } catch {
    fail('@arethetypeswrong/cli found problems')
  }

  // 3. A fresh consumer project.
  const project = join(work, 'consumer')
  execFileSync('mkdir', ['-p', project])
  const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({name: 'consumer', private: true, type: 'module'}, null, 2)}\n`)
  const install = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', tarball, `typescript@${version('typescript')}`, `@types/node@${version('@types/node')}`]
  try {
    run(npm, install, project, {stdio: 'inherit'})
  } catch {
    // A flaky registry: one more try before failing.
    run(npm, install, project, {stdio: 'inherit'})
  }
  try {
    run(join(root, 'node_modules/.bin/publint'), [join(project, 'node_modules/deckdown'), '--strict', '--pack', 'false'], root, {stdio: 'inherit'})
  } catch {
    fail('publint found problems')
  }

  copyFileSync(join(here, 'consumer', 'index.ts'), join(project, 'index.ts'))
  const source = readFileSync(join(project, 'index.ts'), 'utf8')
  const declarations = readFileSync(join(project, 'node_modules/deckdown/dist/index.d.ts'), 'utf8')
  const exported = /^export \{([^}]*)\};?\s*$/m.exec(declarations)?.[1].split(',').map((name) => name.trim().replace(/^type /, '').split(' as ').pop()) ?? []
  if (exported.length === 0) fail('no export list found in dist/index.d.ts')
  for (const name of exported) if (!new RegExp(`\\b${name}\\b`).test(source)) fail(`consumer/index.ts does not use the export ${name}`)

  const common = {strict: true, skipLibCheck: false, target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'], resolveJsonModule: true, noEmit: true}
  const configs = {
    nodenext: {...common, module: 'NodeNext', moduleResolution: 'NodeNext'},
    bundler: {...common, module: 'ESNext', moduleResolution: 'Bundler'},
    emit: {...common, module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: false, outDir: 'build'}
  }
  const tsc = join(project, 'node_modules/typescript/bin/tsc')
  for (const [name, compilerOptions] of Object.entries(configs)) {
    writeFileSync(join(project, `tsconfig.${name}.json`), JSON.stringify({compilerOptions, files: ['index.ts']}, null, 2))
    try {
      run(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], project, {stdio: 'inherit'})
    } catch {
      fail(`type-checking the consumer failed (${name})`)
    }
  }
  try {
    const output = run(process.execPath, [join(project, 'build/index.js')], project)
    if (!output.includes('deckdown consumer: ok')) fail(`consumer ran but said: ${output}`)
  } catch {
    fail('running the consumer as ESM failed')
  }

  // 4. The installed command: its entry loads the bundle, through a new
  // code cache and then through the one that run wrote.
  const codeCache = join(work, 'code-cache')
  for (const round of ['writes', 'reads']) {
    try {
      const output = run(join(project, 'node_modules/.bin/deckdown'), ['--version'], project, {env: {...process.env, DECKDOWN_CODE_CACHE: codeCache}})
      if (!output.startsWith(`${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}`)) fail(`the installed command's --version said: ${output}`)
    } catch {
      fail(`running the installed command failed (the run that ${round} the code cache)`)
    }
  }
  if (!existsSync(codeCache) || readdirSync(codeCache).filter((name) => name.endsWith('.bin')).length !== 1) fail('the installed command wrote no code cache')
} finally {
  rmSync(work, {recursive: true, force: true})
}

if (failures.length > 0) {
  console.error(`\npackage check: ${failures.length} problem(s)`)
  process.exit(1)
}
console.log('\npackage check: ok')
