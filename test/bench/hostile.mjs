#!/usr/bin/env node
/**
 * `npm run bench:hostile`: build every row of the hostile corpus (next to a
 * good file, all four formats) in a child process and hold it to the row's
 * time and memory ceiling, its expected exit code and diagnostic. Exits 1
 * when any row misses. Ceilings are generous for a busy 2-core machine; what
 * they catch is the pre-limit behaviour (minutes, gigabytes).
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {goodFile, hostileFormats, hostileRows} from '../hostile/corpus.mjs'

const child = join(dirname(fileURLToPath(import.meta.url)), 'hostile-child.mjs')
const workspace = mkdtempSync(join(tmpdir(), 'deckdown-bench-hostile-'))
const results = []
try {
  for (const row of hostileRows) {
    const cwd = join(workspace, row.name)
    mkdirSync(join(cwd, 'src'), {recursive: true})
    writeFileSync(join(cwd, 'src', goodFile.path), goodFile.text)
    for (const [path, contents] of Object.entries(row.files())) writeFileSync(join(cwd, 'src', path), contents)
    const rssFile = join(cwd, 'rss')
    const started = performance.now()
    const run = spawnSync(process.execPath, [child, 'build', 'src', '-f', hostileFormats, '-o', 'out', '--reporter', 'json', ...(row.args ?? [])], {
      cwd,
      env: {...process.env, DECKDOWN_RSS_FILE: rssFile, SOURCE_DATE_EPOCH: '0'},
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      // Far past any ceiling: a hang is a failure, not a stuck benchmark.
      timeout: row.ceiling.seconds * 10_000
    })
    const seconds = (performance.now() - started) / 1000
    const rssMb = Number(readFileSync(rssFile, 'utf8').trim() || 0) / 1024
    let diagnostics = []
    try {
      diagnostics = JSON.parse(run.stdout).diagnostics
    } catch {}
    const hit =
      row.expected.ruleId === null
        ? diagnostics.length === 0
        : diagnostics.some((record) => record.file === `src/${row.expected.path}` && record.ruleId === row.expected.ruleId)
    const ok = run.status === row.exitCode && hit && seconds <= row.ceiling.seconds && rssMb <= row.ceiling.rssMb
    results.push({
      row: row.name,
      exit: `${run.status ?? run.signal} (want ${row.exitCode})`,
      diagnostic: hit ? (row.expected.ruleId ?? 'none') : `missing ${row.expected.ruleId ?? 'none'}`,
      seconds: seconds.toFixed(2),
      rssMb: rssMb.toFixed(0),
      ceiling: `≤ ${row.ceiling.seconds} s, ≤ ${row.ceiling.rssMb} MB`,
      ok
    })
    rmSync(cwd, {recursive: true, force: true})
  }
} finally {
  rmSync(workspace, {recursive: true, force: true})
}
console.table(results)
const missed = results.filter((result) => !result.ok)
if (missed.length > 0) {
  console.error(`${missed.length} hostile row(s) missed: ${missed.map((result) => result.row).join(', ')}`)
  process.exitCode = 1
}
