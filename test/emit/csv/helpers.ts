/**
 * Read CSV output back the way Anki's text importer does (header lines
 * first, then RFC 4180 records, with csv-parse), and build the CSV and the
 * `.apkg` of the same input through the real `compile`. Nothing is mocked.
 */
import {dirname, resolve} from 'node:path'
import {parse} from 'csv-parse/sync'
import type {VFile} from 'vfile'
import {sortedMessages} from '../../../src/diagnostics/format.js'
import {report} from '../../../src/diagnostics/report.js'
import type {EmitContext} from '../../../src/emit/types.js'
import {createMediaLoader} from '../../../src/media/index.js'
import {createRenderer} from '../../../src/render/index.js'
import {compile, type CompileInput, type CompileOptions, type CompileResult} from '../../../src/compile.js'
import {csvEmitter} from '../../../src/emit/csv/index.js'
import {fieldsOf, openPackage, type OpenedPackage} from '../apkg/helpers.js'

export {seedPath, seedUrl} from '../apkg/helpers.js'

/** An Anki-mode CSV read back. */
export interface ReadAnkiCsv {
  /** Header lines as written (without line ends). */
  headerLines: string[]
  /** Header values by lower-case key (`separator`, `guid column` …), as Anki parses them. */
  headers: Map<string, string>
  /** `#columns`, parsed as one CSV record. */
  columns: string[]
  /** Data records. */
  records: string[][]
  /** Each data record's raw text, as it starts in the file. */
  raws: string[]
}

/**
 * Split off the header the way Anki does (`parse_meta_lines`: lines at the
 * top that start with `#`, `key:value` split at the first colon, line end
 * stripped), then parse the rest as CSV.
 */
export function readAnkiCsv(text: string): ReadAnkiCsv {
  const headerLines: string[] = []
  const headers = new Map<string, string>()
  let offset = 0
  while (offset < text.length && text[offset] === '#') {
    const end = text.indexOf('\n', offset)
    const line = text.slice(offset, end === -1 ? text.length : end + 1)
    offset += line.length
    const bare = line.replace(/\r?\n$/, '')
    headerLines.push(bare)
    const colon = bare.indexOf(':')
    if (colon !== -1) headers.set(bare.slice(1, colon).trim().toLowerCase(), bare.slice(colon + 1))
  }
  const columnsValue = headers.get('columns')
  const columns = columnsValue === undefined ? [] : (parse(columnsValue) as string[][])[0] ?? []
  const parsed = parse(text.slice(offset), {raw: true}) as unknown as Array<{raw: string; record: string[]}>
  return {headerLines, headers, columns, records: parsed.map((entry) => entry.record), raws: parsed.map((entry) => entry.raw)}
}

/** Parse a plain-mode CSV (header row included). */
export function readPlainCsv(text: string): string[][] {
  return parse(text) as string[][]
}

/** A note of the package, as the CSV should say it. */
export interface PackageNote {
  guid: string
  notetype: string
  deck: string
  tags: string[]
  fields: string[]
}

/** Notes of an opened package, in `id` order (the apkg writes them in tree order). */
export function packageNotes(opened: OpenedPackage): PackageNote[] {
  const decks = new Map(Object.values(opened.col.decks).map((deck) => [Number(deck['id']), String(deck['name'])]))
  const models = new Map(Object.values(opened.col.models).map((model) => [Number(model['id']), String(model['name'])]))
  return opened
    // A note's deck is its cards' deck; a cloze note's first card may have ord > 0.
    .rows('SELECT n.guid, n.mid, n.tags, n.flds, c.did FROM notes n JOIN cards c ON c.id = (SELECT id FROM cards WHERE nid = n.id ORDER BY ord LIMIT 1) ORDER BY n.id')
    .map((row) => ({
      guid: String(row['guid']),
      notetype: models.get(Number(row['mid'])) ?? '?',
      deck: decks.get(Number(row['did'])) ?? '?',
      tags: String(row['tags']).split(' ').filter(Boolean),
      fields: fieldsOf(row['flds'] ?? '')
    }))
}

/** The CSV and the package of the same inputs, from one `compile`. */
export interface BuiltBoth {
  result: CompileResult
  csv: string
  opened: OpenedPackage
}

export const fixedNow = new Date('2026-01-01T00:00:00Z')

/** Compile inputs to `csv` and `apkg` at once (one parse, one media loader). */
export async function buildBoth(inputs: CompileInput[], options?: CompileOptions): Promise<BuiltBoth> {
  const result = await compile(inputs, {now: fixedNow, ...options, formats: ['csv', 'apkg'], emitters: [csvEmitter]})
  const csv = result.outputs.find((output) => output.format === 'csv')?.contents
  const apkg = result.outputs.find((output) => output.format === 'apkg')?.contents
  if (typeof csv !== 'string' || !(apkg instanceof Uint8Array)) {
    throw new Error(`missing output; messages: ${result.files.flatMap((file) => file.messages.map(String)).join('\n')}`)
  }
  return {result, csv, opened: await openPackage(apkg)}
}

/** Compile inputs to `csv` only, with emitter options. */
export async function buildCsv(inputs: CompileInput[], csvOptions: Record<string, unknown> = {}, options?: CompileOptions): Promise<{result: CompileResult; csv: string}> {
  const result = await compile(inputs, {now: fixedNow, ...options, formats: ['csv'], emitters: [csvEmitter], emitterOptions: {csv: csvOptions}})
  const csv = result.outputs[0]?.contents
  if (typeof csv !== 'string') throw new Error(`no csv; messages: ${result.files.flatMap((file) => file.messages.map(String)).join('\n')}`)
  return {result, csv}
}

/**
 * A real emit context for one parsed file (the renderer, media loader and
 * reporting `compile` uses), for trees that `compile` would not produce:
 * hand-edited kinds, repeated ids, emptied fields.
 */
export function contextFor(file: VFile, options: Record<string, unknown> = {}): EmitContext {
  return {
    options,
    render: createRenderer(),
    files: [file],
    messages: sortedMessages([file]),
    now: () => new Date(fixedNow),
    name: 'deck',
    media: createMediaLoader({
      sourcePath: (path) => resolve(path),
      rootOf: (path) => dirname(resolve(path)),
      report: (_question, position, reason, ruleId) => {
        report(file, ruleId, reason, position)
      }
    }),
    report: (node, reason, ruleId) => report(file, ruleId, reason, node)
  }
}
