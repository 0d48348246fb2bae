/**
 * The public API is exactly what `src/index.ts` exports: adding or removing a
 * name is a deliberate change that shows up here (and in README's API section).
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import * as api from '../src/index.js'
import {root} from './helpers.js'

describe('public api', () => {
  it('exposes exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'apkgEmitter',
        'basicNoteType',
        'choiceNoteType',
        'clozeNoteType',
        'noteTypeFor',
        'noteTypes',
        'reversedNoteType',
        'cleanMediaName',
        'createMediaLoader',
        'deckIdFor',
        'fsMediaReader',
        'guidFor',
        'highlight',
        'highlightCss',
        'isRemote',
        'mediaKey',
        'builtinEmitters',
        'compile',
        'compileStream',
        'createMemorySpool',
        'fileSpools',
        'defaultCacheDir',
        'NoteHistory',
        'openCache',
        'csvEmitter',
        'csvModes',
        'htmlEmitter',
        'htmlLayouts',
        'htmlPapers',
        'printHighlightCss',
        'toHtmlDocument',
        'createRenderer',
        'decodeBytes',
        'dedupeIds',
        'defaultDialect',
        'deriveId',
        'dialects',
        'fieldNames',
        'formatGithubAnnotation',
        'formatMessage',
        'jsonEmitter',
        'jsonFormatVersion',
        'jsonSchema',
        'markerTables',
        'mergeTrees',
        'normalizePrompt',
        'parse',
        'questionKinds',
        'renderField',
        'report',
        'resolveEmitters',
        'ruleIds',
        'rules',
        'sanitizeSchema',
        'severityOf',
        'sortedMessages',
        'sourceDateEpochClock',
        'toDiagnosticRecord',
        'toHast',
        'toHtml',
        'toMarkdown',
        'toText'
      ].sort()
    )
  })

  it('documents every runtime export in README', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const missing = Object.keys(api).filter((name) => !readme.includes(`\`${name}`))
    expect(missing).toEqual([])
  })

  it('works from the built package entry, as users import it', async () => {
    const built = await import(join(root, 'dist', 'index.js'))
    const {tree} = built.parse({path: 'a.md', value: '## Q?\n\n**Answer:** a'})
    expect(tree.children[0].children[0].type).toBe('question')
    expect(JSON.parse(readFileSync(join(root, 'dist', 'schema.json'), 'utf8'))).toEqual(api.jsonSchema)
  })
})
