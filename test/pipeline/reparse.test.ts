/**
 * Parsing a file again with what its last parse left (src/pipeline/reparse.ts)
 * must give exactly what a full parse gives, after any edit; it must reuse
 * the pieces and notes the edit did not touch; and a memo that is damaged,
 * foreign or wrong must never cost a file.
 */
import {readFile} from 'node:fs/promises'
import {deserialize, serialize} from 'node:v8'
import {deflateRawSync, inflateRawSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import type {Root as MdastRoot} from 'mdast'
import {VFile} from 'vfile'
import {parseMarkdown} from '../../src/parse/markdown.js'
import {parseReusing} from '../../src/parse/index.js'
import {runFileJob, type FileJob, type FileJobResult} from '../../src/pipeline/job.js'
import {keepsMemo, ReparseMemo} from '../../src/pipeline/reparse.js'
import {decodeBytes} from '../../src/text/decode.js'
import {fileText} from '../bench/corpus.mjs'
import {fixtureFiles} from '../helpers.js'

/** A chapter of the bench corpus: some 30 kB, parsed in pieces. */
const chapter = fileText(6, 40)
const added = '\n## Question ajoutée : que garde la mémoire ?\n\n**Réponse :** Les arbres des morceaux.\n'

/** Edits a writer makes, each one somewhere else in the file. */
const edits: Record<string, (text: string) => string> = {
  'a question added at the end': (text) => text + added,
  'a word changed in the middle': (text) => text.replace('(cas 7.20)', '(cas 7.20, revu)'),
  'a question removed': (text) => text.replace(/## Question 12 [^]*?(?=## Question 13 )/, ''),
  'a line inserted at the top': (text) => `Introduction.\n\n${text}`,
  'the level heading renamed': (text) => text.replace(/^# Chapitre 7 : [^\n]*/, '# Chapitre 7 : révisé'),
  'a fence left open': (text) => text.replace('**Exemple :**\n\n```python', '**Exemple :**\n\n````python'),
  'nothing': (text) => text
}

const job = (value: string, reparse?: Uint8Array | null): FileJob => ({
  path: 'bank/chapitre.md',
  value: new TextEncoder().encode(value),
  options: {},
  prepareNotes: true,
  lean: true,
  historyDeck: 'bank',
  reparse
})

/** A job's result without the memo it leaves (what the build uses). */
const used = ({reparse, ...result}: FileJobResult) => result

/** A memo that counts the pieces it serves and the pieces it keeps. */
class CountingMemo extends ReparseMemo {
  served = 0
  kept = 0
  override get(piece: string): MdastRoot | undefined {
    const tree = super.get(piece)
    if (tree) this.served++
    return tree
  }
  override keep(piece: string, tree: MdastRoot): void {
    this.kept++
    super.keep(piece, tree)
  }
}

describe('parsing again with a memo', () => {
  it('leaves a memo for a file parsed in pieces, and none for a small one', () => {
    expect(runFileJob(job(chapter, null)).reparse).toBeInstanceOf(Uint8Array)
    expect(runFileJob(job('## Q ?\n\n**Réponse :** R.\n', null)).reparse).toBeUndefined()
    expect(runFileJob(job(chapter)).reparse).toBeUndefined()
    // Nor does a huge one (its memo would hold some six times its size).
    expect([16 * 1024, 16 * 1024 + 1, 2 * 1024 * 1024, 2 * 1024 * 1024 + 1].map(keepsMemo)).toEqual([false, true, true, false])
  })

  for (const [name, change] of Object.entries(edits)) {
    it(`gives the result of a full parse after ${name}`, () => {
      const memo = runFileJob(job(chapter, null)).reparse
      const edited = change(chapter)
      const again = runFileJob(job(edited, memo))
      expect(used(again)).toEqual(used(runFileJob(job(edited))))
      // The memo it leaves serves the next edit just as well.
      const twice = edited + added
      expect(used(runFileJob(job(twice, again.reparse)))).toEqual(used(runFileJob(job(twice))))
    })
  }

  it('parses again only the pieces an edit touched', () => {
    const first = new CountingMemo(null)
    parseReusing(new VFile({path: 'a.md', value: chapter}), {}, first)
    expect(first.served).toBe(0)
    const memo = new CountingMemo(first.toBytes())
    const edited = chapter + added
    const {tree} = parseReusing(new VFile({path: 'a.md', value: edited}), {}, memo)
    expect(tree).toEqual(parseReusing(new VFile({path: 'a.md', value: edited}), {}).tree)
    // Every piece but the last, which the added question changed.
    expect(memo.kept).toBeGreaterThan(1)
    expect(memo.served).toBe(memo.kept - 1)
    expect(memo.reused).toBe(true)
  })

  it('gives every fixture the tree of a full parse, in small pieces, before and after an edit', async () => {
    for (const path of await fixtureFiles()) {
      const decoded = decodeBytes(new Uint8Array(await readFile(path)))
      if (!decoded.ok) continue
      const first = new ReparseMemo(null)
      expect(parseMarkdown(decoded.text, 256, first), path).toEqual(parseMarkdown(decoded.text, 256))
      const edited = `${decoded.text}\n\nUne ligne de plus.\n`
      const memo = new ReparseMemo(first.toBytes())
      expect(parseMarkdown(edited, 256, memo), path).toEqual(parseMarkdown(edited, 256))
    }
  })

  it('reuses a note only for an identical question', () => {
    const questions = (text: string) => parseReusing(new VFile({path: 'a.md', value: text}), {}).tree.children.flatMap((section) => section.children)
    const before = questions(chapter)
    const memo = new ReparseMemo(null)
    for (const question of before) memo.note(question, () => null)
    const next = new ReparseMemo(memo.toBytes())
    let prepared = 0
    const prepare = () => {
      prepared++
      return null
    }
    // Same questions: none prepared again.
    for (const question of questions(chapter)) next.note(question, prepare)
    expect(prepared).toBe(0)
    // A changed answer, id, deck, tag or line: prepared again.
    const [question] = questions(chapter)
    if (!question) throw new Error('no question')
    const changes = [
      {...question, id: `${question.id}-2`},
      {...question, deck: ['Autre']},
      {...question, tags: ['nouveau']},
      {...question, position: {...question.position, start: {...question.position.start, line: question.position.start.line + 1}}},
      {...question, answer: {...question.answer, children: []}},
      {...question, sourceName: 'autre.md'}
    ]
    for (const changed of changes) next.note(changed, prepare)
    expect(prepared).toBe(changes.length)
  })

  it('treats a damaged or foreign memo as none', () => {
    const expected = used(runFileJob(job(chapter)))
    const foreign = deflateRawSync(serialize({name: 'something-else', format: 1, pieces: new Map(), notes: new Map()}))
    const newer = deflateRawSync(serialize({name: 'deckdown-reparse', format: 999, pieces: new Map(), notes: new Map()}))
    const badNote = deflateRawSync(serialize({name: 'deckdown-reparse', format: 1, pieces: new Map(), notes: new Map([['x', {guid: 1}]])}))
    for (const bytes of [new Uint8Array([1, 2, 3]), deflateRawSync(Buffer.from('not v8')), foreign, newer, badNote]) {
      const result = runFileJob(job(chapter, bytes))
      expect(used(result)).toEqual(expected)
      expect(result.reparse).toBeInstanceOf(Uint8Array)
    }
  })

  it('keeps a freshly parsed tree, not the unusable one, for a piece whose stored tree is damaged', () => {
    const honest = runFileJob(job(chapter, null)).reparse as Uint8Array
    const pieces = storedPieces(honest)
    const [hash] = pieces.keys()
    if (!hash) throw new Error('no piece')
    pieces.set(hash, new Uint8Array([0xff, 0x0f, 0x6f]))
    const damaged = deflateRawSync(serialize({name: 'deckdown-reparse', format: 1, pieces, notes: new Map()}))
    const result = runFileJob(job(chapter, damaged))
    expect(used(result)).toEqual(used(runFileJob(job(chapter))))
    expect(storedPieces(result.reparse as Uint8Array)).toEqual(storedPieces(honest))
  })

  it('parses the file again without the memo when a piece from it breaks the parse', () => {
    const honest = runFileJob(job(chapter, null)).reparse as Uint8Array
    // Every piece's tree replaced by one the later steps cannot read (its
    // children are not a list), in the shape a memo check accepts.
    const broken: unknown = {type: 'root', children: [{type: 'paragraph', children: 5, position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 2, offset: 1}}}]}
    const pieces = new Map([...storedPieces(honest).keys()].map((hash) => [hash, serialize(broken)]))
    expect(pieces.size).toBeGreaterThan(1)
    const tampered = deflateRawSync(serialize({name: 'deckdown-reparse', format: 1, pieces, notes: new Map()}))
    const result = runFileJob(job(chapter, tampered))
    expect(used(result)).toEqual(used(runFileJob(job(chapter))))
    expect(result.messages.map((message) => message.ruleId)).not.toContain('internal-error')
  })
})

/** The piece trees a memo holds, by hash. */
function storedPieces(bytes: Uint8Array): Map<string, Uint8Array> {
  return (deserialize(inflateRawSync(bytes)) as {pieces: Map<string, Uint8Array>}).pieces
}
