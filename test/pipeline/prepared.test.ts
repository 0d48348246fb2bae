/**
 * Note data prepared by a per-file job (field HTML, GUID, checksum) makes
 * the very package the apkg emitter makes computing everything itself.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {toApkg} from '../../src/emit/apkg/index.js'
import {parse} from '../../src/parse/index.js'
import {runFileJob} from '../../src/pipeline/job.js'
import {preparedNote, rememberPreparedNote} from '../../src/pipeline/prepared.js'
import {contextFor} from '../emit/csv/helpers.js'

// The bundled examples and every dialect fixture: all kinds of note
// (basic, reversed, cloze, choice), media, empty fields, repeated ids.
const root = fileURLToPath(new URL('../..', import.meta.url))
const markdown = [
  ...readdirSync(join(root, 'fixtures')).map((name) => join('fixtures', name)),
  ...readdirSync(join(root, 'test/fixtures'), {recursive: true, encoding: 'utf8'}).map((name) => join('test/fixtures', name))
]
  .filter((name) => /\.(md|txt)$/.test(name))
  .sort()

describe('prepared notes', () => {
  it('has fixtures to check', () => {
    expect(markdown.length).toBeGreaterThan(40)
  })

  for (const name of markdown) {
    it(`${name}: the package is the same with the job's note data as without`, async () => {
      const path = join(root, name)
      const value = new Uint8Array(readFileSync(path))
      const alone = parse(new VFile({path, value}))
      const job = runFileJob({path, value, options: {}, prepareNotes: true, lean: true})
      let index = 0
      let prepared = 0
      for (const section of job.tree.children) {
        for (const question of section.children) {
          const note = job.notes[index++]
          if (!note) continue
          rememberPreparedNote(question, note)
          prepared++
        }
      }
      const questions = job.tree.children.flatMap((section) => section.children)
      expect(questions.filter((question) => preparedNote(question))).toHaveLength(prepared)
      const withJob = await toApkg(job.tree, contextFor(new VFile({path})))
      const computed = await toApkg(alone.tree, contextFor(alone.file))
      expect(Buffer.compare(Buffer.from(withJob), Buffer.from(computed))).toBe(0)
    })
  }
})
