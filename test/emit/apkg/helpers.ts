/**
 * Build packages through the real `compile` and read them back the way an
 * importer would: unzip (fflate), open `collection.anki2` (sql.js), parse the
 * JSON columns. Nothing is mocked.
 */
import {unzipSync} from 'fflate'
import initSqlJs from 'sql.js'
import type {Database, SqlValue} from 'sql.js'
import type {Nodes as MdastNodes, Parent, PhrasingContent} from 'mdast'
import type {Position} from 'unist'
import type {Cloze, FieldContent, QuestionKind} from '../../../src/ast/types.js'
import {compile, type CompileInput, type CompileResult} from '../../../src/compile.js'
import {apkgEmitter} from '../../../src/emit/apkg/index.js'
import type {DraftQuestion, DraftSection} from '../../../src/parse/dialects/types.js'
import {parseMarkdown} from '../../../src/parse/markdown.js'

export const seedPath = 'fixtures/000_7f03c07bfde96dd4.txt'
export const seedUrl = new URL('../../../fixtures/000_7f03c07bfde96dd4.txt', import.meta.url)

/** Compile inputs to apkg with a fixed clock; returns the first output's bytes too. */
export async function build(
  inputs: CompileInput[],
  now: Date,
  extra?: {bundle?: string}
): Promise<{bytes: Uint8Array; result: CompileResult}> {
  const result = await compile(inputs, {formats: ['apkg'], emitters: [apkgEmitter], now, bundle: extra?.bundle ?? null})
  const output = result.outputs[0]
  if (!output) {
    const messages = result.files.flatMap((file) => file.messages.map(String))
    throw new Error(`no apkg output; messages: ${messages.join('\n')}`)
  }
  if (!(output.contents instanceof Uint8Array)) throw new Error('apkg output is not bytes')
  return {bytes: output.contents, result}
}

/** A package read back. */
export interface OpenedPackage {
  /** Zip member names, in archive order. */
  members: string[]
  files: Record<string, Uint8Array>
  media: unknown
  db: Database
  /** Rows of a query as objects. */
  rows(sql: string): Array<Record<string, SqlValue>>
  col: {
    conf: Record<string, unknown>
    models: Record<string, Record<string, unknown>>
    decks: Record<string, Record<string, unknown>>
    dconf: Record<string, Record<string, unknown>>
    tags: unknown
  }
  close(): void
}

let sql: ReturnType<typeof initSqlJs> | undefined

export async function openPackage(bytes: Uint8Array): Promise<OpenedPackage> {
  // Archive order comes from fflate's filter, which sees entries in
  // central-directory order (object keys would put "0", "1" first).
  const members: string[] = []
  const files = unzipSync(bytes, {
    filter(file) {
      members.push(file.name)
      return true
    }
  })
  const collection = files['collection.anki2']
  if (!collection) throw new Error('no collection.anki2')
  const media: unknown = JSON.parse(new TextDecoder().decode(files['media'] ?? new Uint8Array()))
  sql ??= initSqlJs()
  const SQL = await sql
  const db = new SQL.Database(collection)
  const rows = (query: string) => {
    const [result] = db.exec(query)
    if (!result) return []
    return result.values.map((values) => Object.fromEntries(result.columns.map((column, index) => [column, values[index] ?? null])))
  }
  const [colRow] = rows('SELECT conf, models, decks, dconf, tags FROM col')
  if (!colRow) throw new Error('no col row')
  const json = (value: SqlValue) => JSON.parse(String(value)) as Record<string, Record<string, unknown>>
  return {
    members,
    files,
    media,
    db,
    rows,
    col: {
      conf: json(colRow['conf'] ?? '{}'),
      models: json(colRow['models'] ?? '{}'),
      decks: json(colRow['decks'] ?? '{}'),
      dconf: json(colRow['dconf'] ?? '{}'),
      tags: JSON.parse(String(colRow['tags']))
    },
    close: () => db.close()
  }
}

/** Split `notes.flds`. */
export function fieldsOf(flds: SqlValue): string[] {
  return String(flds).split('\u001F')
}

/* -------------------------------------------------------------------------- */
/* Question trees built by hand, run through the real pipeline                 */
/* -------------------------------------------------------------------------- */

/** What a hand-built question says; the rest is filled in. */
export interface QuestionSpec {
  kind: QuestionKind
  /**
   * Prompt Markdown (for `cloze`, `{{cN::…}}` / `{{cN::…::hint}}` outside
   * code become cloze nodes), or a field tree built by hand.
   */
  prompt: string | FieldContent
  answer?: string
  example?: string | null
  extra?: string | null
  choices?: Array<{label?: string | null; markdown: string; correct: boolean}> | null
  id?: string
}

const place: Position = {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}

/** Field mdast from Markdown, through the real Markdown parser. */
export function field(markdown: string): FieldContent {
  return parseMarkdown(markdown)
}

/**
 * Field mdast with cloze nodes: Markdown parsed by the real parser, then
 * `{{cN::…}}` / `{{cN::…::hint}}` in its text nodes turned into `cloze`
 * nodes (nesting allowed; a cloze may span inline code, emphasis and math
 * between its markers, which must sit in text nodes of one parent). Code is
 * never searched, as in deckdown's parser. Independent of that parser on
 * purpose: these tests pin the emitter, whatever the dialects do.
 */
export function clozeField(markdown: string): FieldContent {
  const tree = parseMarkdown(markdown)
  const visit = (node: MdastNodes): void => {
    if (!('children' in node)) return
    for (const child of node.children) visit(child as MdastNodes)
    if (node.children.some((child) => child.type === 'text')) {
      ;(node as Parent).children = withClozes(node.children as PhrasingContent[]) as Parent['children']
    }
  }
  visit(tree)
  return tree
}

function withClozes(children: readonly PhrasingContent[]): PhrasingContent[] {
  const root: PhrasingContent[] = []
  const open: Array<{cloze: Cloze; inHint: boolean; hint: string}> = []
  const target = () => open.at(-1)?.cloze.children ?? root
  const pushText = (value: string) => {
    const top = open.at(-1)
    if (!value) return
    if (top?.inHint) top.hint += value
    else target().push({type: 'text', value})
  }
  for (const child of children) {
    if (child.type !== 'text') {
      target().push(child)
      continue
    }
    const token = /\{\{c(\d+)::|::|\}\}/g
    let at = 0
    for (let match = token.exec(child.value); match; match = token.exec(child.value)) {
      const top = open.at(-1)
      if (match[0] === '::' && (!top || top.inHint)) continue
      if (match[0] === '}}' && !top) continue
      pushText(child.value.slice(at, match.index))
      at = match.index + match[0].length
      if (match[1] !== undefined) {
        const cloze: Cloze = {type: 'cloze', number: Number(match[1]), hint: null, children: []}
        target().push(cloze as PhrasingContent)
        open.push({cloze, inHint: false, hint: ''})
      } else if (match[0] === '::' && top) {
        top.inHint = true
      } else if (top) {
        if (top.inHint) top.cloze.hint = top.hint
        open.pop()
      }
    }
    pushText(child.value.slice(at))
  }
  return root
}

/** A draft question from a spec (what a dialect would return). */
export function draft(spec: QuestionSpec): DraftQuestion {
  const optional = (markdown: string | null | undefined) => (markdown === null || markdown === undefined ? null : field(markdown))
  return {
    kind: spec.kind,
    prompt: typeof spec.prompt !== 'string' ? structuredClone(spec.prompt) : spec.kind === 'cloze' ? clozeField(spec.prompt) : field(spec.prompt),
    answer: field(spec.answer ?? ''),
    example: optional(spec.example),
    extra: optional(spec.extra),
    choices:
      spec.choices === undefined || spec.choices === null
        ? null
        : spec.choices.map((choice) => ({label: choice.label ?? null, content: field(choice.markdown), correct: choice.correct})),
    tags: [],
    explicitId: spec.id === undefined ? undefined : {value: spec.id, position: place},
    position: place
  }
}

/**
 * A one-off dialect that ignores the file and returns these questions, in
 * one section: how hand-built trees go through the real `parse` → `compile`
 * → emitters (ids, decks, render layer, media loader all real).
 */
export function treeDialect(specs: readonly QuestionSpec[]) {
  return {
    name: 'test-tree',
    description: 'Hand-built questions for emitter tests',
    detect: () => specs.length,
    recognize: (): DraftSection[] => [{levels: [], questions: specs.map((spec) => draft(spec)), position: place}]
  }
}

/**
 * Compile hand-built questions (one input, `kinds.md` in `cwd`) to apkg and
 * JSON, or `formats`, with a fixed clock.
 */
export async function compileSpecs(
  specs: readonly QuestionSpec[],
  now: Date,
  options: {formats?: string[]; cwd?: string} = {}
): Promise<CompileResult> {
  return compile([{path: 'kinds.md', value: '# Kinds\n'}], {
    formats: options.formats ?? ['apkg', 'json'],
    dialect: treeDialect(specs),
    now,
    cwd: options.cwd ?? null
  })
}

/** The apkg of a compile result, opened. */
export async function openApkg(result: CompileResult): Promise<OpenedPackage> {
  const output = result.outputs.find((candidate) => candidate.format === 'apkg')
  if (!output || !(output.contents instanceof Uint8Array)) {
    throw new Error(`no apkg output; messages: ${result.files.flatMap((file) => file.messages.map(String)).join('\n')}`)
  }
  return openPackage(output.contents)
}

/** Notes with their cards' ords, in note order, fields split. */
export function notesWithCards(pkg: OpenedPackage): Array<{mid: number; fields: string[]; ords: number[]; guid: string}> {
  const cards = pkg.rows('SELECT nid, ord FROM cards ORDER BY nid, ord')
  return pkg.rows('SELECT id, mid, flds, guid FROM notes ORDER BY id').map((note) => ({
    mid: Number(note['mid']),
    fields: fieldsOf(note['flds'] ?? ''),
    ords: cards.filter((card) => card['nid'] === note['id']).map((card) => Number(card['ord'])),
    guid: String(note['guid'])
  }))
}
