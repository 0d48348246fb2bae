/**
 * Input versions (cache/versions.ts): what a cache remembers of each input's
 * last version survives a save, a version names only the key it was seen
 * with, and an unreadable or foreign file is ignored with a reason.
 */
import {mkdtempSync, rmSync, utimesSync, writeFileSync} from 'node:fs'
import {stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {InputVersions} from '../../src/cache/versions.js'
import {stableVersion} from '../../src/cli/inputs.js'

let folder: string
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'deckdown-versions-'))
})
afterEach(() => rmSync(folder, {recursive: true, force: true}))

describe('input versions', () => {
  it('name the key they were seen with, after a save too', async () => {
    const path = join(folder, 'versions.json')
    const reasons: string[] = []
    const versions = await InputVersions.read(path, (reason) => reasons.push(reason))
    expect(versions.keyOf('a', 'v1')).toBeUndefined()
    versions.remember('a', 'v1', 'key-1')
    versions.remember('b', 'v1', 'key-2')
    expect(versions.changed).toBe(true)
    expect(versions.keyOf('a', 'v1')).toBe('key-1')
    expect(versions.keyOf('a', 'v2')).toBeUndefined()
    writeFileSync(path, versions.toJson())
    const read = await InputVersions.read(path, (reason) => reasons.push(reason))
    expect(read.changed).toBe(false)
    expect(read.keyOf('b', 'v1')).toBe('key-2')
    // The same pair again changes nothing; a new version replaces the old.
    read.remember('b', 'v1', 'key-2')
    expect(read.changed).toBe(false)
    read.remember('b', 'v2', 'key-3')
    expect(read.keyOf('b', 'v1')).toBeUndefined()
    expect(read.keyOf('b', 'v2')).toBe('key-3')
    expect(reasons).toEqual([])
  })

  it('ignore an unreadable or foreign file, saying why', async () => {
    const path = join(folder, 'versions.json')
    for (const [text, reason] of [
      ['{not json', 'unreadable'],
      ['{"name":"deckdown-input-versions","format":1,"inputs":{"a":["v1"]}}', 'unreadable'],
      ['{"name":"deckdown-input-versions","format":1,"inputs":[]}', 'unreadable'],
      ['{"name":"something-else","format":1,"inputs":{}}', 'not written by this version of deckdown'],
      ['{"name":"deckdown-input-versions","format":2,"inputs":{}}', 'not written by this version of deckdown']
    ] as const) {
      writeFileSync(path, text)
      const reasons: string[] = []
      const versions = await InputVersions.read(path, (why) => reasons.push(why))
      expect(reasons).toEqual([reason])
      expect(versions.keyOf('a', 'v1')).toBeUndefined()
    }
  })
})

describe("the command's file versions", () => {
  it('are given only for files not written in the last two seconds, and change with any write', async () => {
    const file = join(folder, 'q.md')
    writeFileSync(file, '## Q ?\n\n**Réponse :** R.\n')
    const now = Date.now()
    expect(stableVersion(await stat(file), now)).toBeUndefined()
    const later = now + 5000
    const version = stableVersion(await stat(file), later)
    expect(version).toEqual(expect.any(String))
    expect(stableVersion(await stat(file), later)).toBe(version)
    // Rewritten with the same size and its old modification time put back:
    // the change time still tells.
    const before = await stat(file)
    writeFileSync(file, '## Q ?\n\n**Réponse :** S.\n')
    utimesSync(file, before.atime, before.mtime)
    const after = stableVersion(await stat(file), Date.now() + 5000)
    expect(after === undefined || after !== version).toBe(true)
    expect(stableVersion({...(await stat(file)), ctimeMs: before.ctimeMs + 1} as never, Date.now() + 5000)).not.toBe(after)
  })
})
