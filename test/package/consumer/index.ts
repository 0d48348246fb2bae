/**
 * A consumer of the published package: it imports every public export the
 * way a TypeScript project would, and is type-checked against the packed
 * tarball (`strict`, `skipLibCheck: false`, `nodenext` and `bundler`), then
 * run as plain ESM. `test/package/run.mjs` fails when an export is missing
 * from this file, so a new export is tested here too.
 */
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {
  apkgEmitter,
  basicNoteType,
  builtinEmitters,
  choiceNoteType,
  cleanMediaName,
  clozeNoteType,
  compile,
  compileStream,
  createMediaLoader,
  createMemorySpool,
  fileSpools,
  createRenderer,
  csvEmitter,
  csvModes,
  deckIdFor,
  decodeBytes,
  dedupeIds,
  defaultCacheDir,
  defaultDialect,
  deriveId,
  dialects,
  fieldNames,
  formatGithubAnnotation,
  formatMessage,
  fsMediaReader,
  guidFor,
  highlight,
  highlightCss,
  htmlEmitter,
  htmlLayouts,
  htmlPapers,
  isRemote,
  jsonEmitter,
  jsonFormatVersion,
  jsonSchema,
  markerTables,
  mediaKey,
  mergeTrees,
  normalizePrompt,
  NoteHistory,
  noteTypeFor,
  noteTypes,
  openCache,
  parse,
  printHighlightCss,
  questionKinds,
  renderField,
  report,
  resolveEmitters,
  reversedNoteType,
  ruleIds,
  rules,
  sanitizeSchema,
  severityOf,
  sortedMessages,
  sourceDateEpochClock,
  toDiagnosticRecord,
  toHast,
  toHtml,
  toHtmlDocument,
  toMarkdown,
  toText
} from 'deckdown'
import type {
  CompileFileResult,
  CompileInput,
  InputReader,
  CompileOptions,
  CompileOutput,
  CompileResult,
  CsvMode,
  CsvOptions,
  DecodeOptions,
  DecodeResult,
  DiagnosticRecord,
  Dialect,
  DraftQuestion,
  DraftSection,
  BundleEmit,
  BundleExpectation,
  BundleSpool,
  EmitParts,
  SpoolFactory,
  StreamedOutput,
  EmitContext,
  EmitResult,
  Emitter,
  FieldContent,
  FieldName,
  FieldSource,
  CachedEntry,
  FileCache,
  FirstPlace,
  HtmlAsset,
  HtmlAssetsMode,
  HtmlDocument,
  HtmlLayout,
  HtmlOptions,
  HtmlPaper,
  IdSource,
  JsonChoice,
  JsonCloze,
  JsonDocument,
  JsonMedia,
  JsonQuestion,
  JsonSchemaDocument,
  LevelHeading,
  MarkedField,
  MarkerTable,
  MediaFile,
  MediaLoadResult,
  MediaLoader,
  MediaLoaderOptions,
  MediaReader,
  MediaRequest,
  NoteType,
  NoteTypeField,
  NoteTypeKind,
  NoteTypeTemplate,
  ParseOptions,
  ParseResult,
  PruneOptions,
  Question,
  QuestionKind,
  QuestionNode,
  RenderedField,
  Renderer,
  Root,
  RootData,
  RuleId,
  RuleInfo,
  Section,
  Severity
} from 'deckdown'
import jsonSchemaFile from 'deckdown/schema.json' with {type: 'json'}
import configSchemaFile from 'deckdown/config-schema.json' with {type: 'json'}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`consumer check failed: ${what}`)
}

// Every type export, in positions where a wrong declaration fails to compile.
type Types = [
  BundleEmit, BundleExpectation, BundleSpool, EmitParts, FirstPlace, SpoolFactory, StreamedOutput,
  CompileFileResult, CompileInput, InputReader, CompileOptions, CompileOutput, CompileResult, CsvMode, CsvOptions, DecodeOptions, DecodeResult,
  DiagnosticRecord, Dialect, DraftQuestion, DraftSection, EmitContext, EmitResult, Emitter, FieldContent, FieldName,
  FieldSource, CachedEntry, FileCache, HtmlAsset, HtmlAssetsMode, HtmlDocument, HtmlLayout, HtmlOptions, HtmlPaper, IdSource, JsonChoice,
  JsonCloze, JsonDocument, JsonMedia, JsonQuestion, JsonSchemaDocument, LevelHeading, MarkedField, MarkerTable, MediaFile,
  MediaLoadResult, MediaLoader, MediaLoaderOptions, MediaReader, MediaRequest, NoteType, NoteTypeField, NoteTypeKind,
  NoteTypeTemplate, ParseOptions, ParseResult, PruneOptions, Question, QuestionKind, QuestionNode, RenderedField, Renderer, Root,
  RootData, RuleId, RuleInfo, Section, Severity
]
const typeCount: Types['length'] = 69
check(typeCount === 69, 'type list')

// Every runtime export exists.
const runtime = {
  apkgEmitter, basicNoteType, builtinEmitters, choiceNoteType, cleanMediaName, clozeNoteType, compile, compileStream, createMemorySpool, fileSpools,
  createMediaLoader, createRenderer, csvEmitter, csvModes, deckIdFor, decodeBytes, dedupeIds, defaultCacheDir, defaultDialect,
  deriveId,
  dialects, fieldNames, formatGithubAnnotation, formatMessage, fsMediaReader, guidFor, highlight, highlightCss,
  htmlEmitter, htmlLayouts, htmlPapers, isRemote, jsonEmitter, jsonFormatVersion, jsonSchema, markerTables, mediaKey,
  mergeTrees, normalizePrompt, NoteHistory, noteTypeFor, noteTypes, openCache, parse, printHighlightCss, questionKinds, renderField, report,
  resolveEmitters, reversedNoteType, ruleIds, rules, sanitizeSchema, severityOf, sortedMessages, sourceDateEpochClock,
  toDiagnosticRecord, toHast, toHtml, toHtmlDocument, toMarkdown, toText
}
for (const [name, value] of Object.entries(runtime)) check(value !== undefined, `export ${name}`)

// Real use, typed as a consumer writes it.
const options: ParseOptions = {deck: ['Course'], tags: ['demo']}
const parsed: ParseResult = parse({path: 'python.md', value: '# Python\n\n## What is the GIL?\n\n**Answer:** A *global* lock.'}, options)
const section: Section | undefined = parsed.tree.children[0]
const question: Question | undefined = section?.children[0]
check(question?.kind === 'basic', 'parse gives a basic question')
if (question) {
  const rendered: RenderedField = renderField(question.answer)
  check(rendered.html.includes('<em>global</em>'), 'renderField')
  check(toText(question.prompt) === 'What is the GIL?', 'toText')
  check(toHtml(question.answer) === rendered.html && toMarkdown(question.answer).includes('*global*'), 'toHtml/toMarkdown')
  check(toHast(question.answer).type === 'root', 'toHast')
  check(createRenderer().field(question.answer).text === rendered.text, 'createRenderer')
  check(normalizePrompt('  What IS the GIL? ') === normalizePrompt('what is the gil?'), 'normalizePrompt')
  check(deriveId(question.deck, 'What is the GIL?').length > 0, 'deriveId')
}
const decoded: DecodeResult = decodeBytes(new TextEncoder().encode('\uFEFF## Q?'))
check(decoded.ok && decoded.text === '## Q?', 'decodeBytes')

const idsEmitter: Emitter = {
  name: 'ids',
  extension: '.txt',
  description: 'question ids',
  emit: (tree: Root): EmitResult => tree.children.flatMap((s) => s.children.map((q) => q.id)).join('\n')
}
const inputs: CompileInput[] = [{path: 'python.md', value: '## What is the GIL?\n\n**Answer:** A lock.'}]
const compileOptions: CompileOptions = {formats: ['json', 'csv', 'html', 'apkg', 'ids'], emitters: [idsEmitter], now: new Date('2026-01-01T00:00:00Z')}
const result: CompileResult = await compile(inputs, compileOptions)
const outputs: CompileOutput[] = result.outputs
check(outputs.map((output) => output.path).join(',') === 'python.json,python.csv,python.html,python.apkg,python.txt', 'compile outputs')
const json = JSON.parse(String(outputs[0]?.contents)) as JsonDocument
const firstJson: JsonQuestion | undefined = json.questions[0]
const firstMedia: JsonMedia[] | undefined = firstJson?.media
check(Array.isArray(firstMedia) && firstMedia.length === 0, 'json media')
check(json.version === jsonFormatVersion && firstJson?.kind === 'basic', 'json output')
check(jsonSchema.$id === jsonSchemaFile.$id, 'deckdown/schema.json is the exported schema')
check(typeof configSchemaFile.properties === 'object', 'deckdown/config-schema.json resolves')
check(sortedMessages(result.files).map((message) => formatMessage(message)).length === 0, 'no diagnostics')
check(guidFor('py-gil') === guidFor('py-gil') && deckIdFor('Python') > 0, 'ids')
check(noteTypeFor('cloze') === clozeNoteType && noteTypes.includes(basicNoteType), 'note types')
check(resolveEmitters(['json'])[0] === jsonEmitter && builtinEmitters['csv'] === csvEmitter, 'emitters')
check(ruleIds.every((id: RuleId) => rules[id].severity !== undefined), 'rules')
check(isRemote('https://example.com/a.png') && mediaKey('a.md', 'b.png').length > 0 && cleanMediaName('a b.png').length > 0, 'media helpers')
check(sourceDateEpochClock({SOURCE_DATE_EPOCH: '0'})().getTime() === 0, 'sourceDateEpochClock')
check(htmlLayouts.includes('study') && htmlPapers.length > 0 && csvModes.includes('plain'), 'layout lists')

// The streaming form gives the same per-file bytes as compile().
const streamed: CompileFileResult[] = []
for await (const fileResult of compileStream(inputs, {formats: ['json'], now: new Date('2026-01-01T00:00:00Z')})) streamed.push(fileResult)
check(streamed.length === 1 && String(streamed[0]?.outputs[0]?.contents) === String(outputs[0]?.contents), 'compileStream')

// A bundle built file by file through an emitter's openBundle.
const countEmitter: Emitter = {
  name: 'count',
  extension: '.txt',
  description: 'questions per bundle',
  emit: (tree: Root): EmitResult => String(tree.children.reduce((sum, section) => sum + section.children.length, 0)),
  openBundle(_context: EmitContext, expected: BundleExpectation, spool: BundleSpool): BundleEmit {
    let count = 0
    return {
      add(tree: Root) {
        const questions = tree.children.reduce((sum, section) => sum + section.children.length, 0)
        count += questions
        spool.push(String(questions))
      },
      finish(): EmitParts {
        return (async function* () {
          const perFile: string[] = []
          // Records come back as pushed: text here (a spool also keeps bytes).
          for await (const record of spool.read()) if (typeof record === 'string') perFile.push(record)
          yield `${count}/${expected.files}`
          if (perFile.length !== expected.files) yield '!'
        })()
      }
    }
  }
}
// A file given as a reader is read when the build reaches it; its size comes with it.
const more = '## What is a list?\n\n**Answer:** A sequence.'
const readMore: InputReader = async () => new TextEncoder().encode(more)
const twoFiles: CompileInput[] = [...inputs, {path: 'more.md', value: readMore, size: Buffer.byteLength(more)}]
const bundled: CompileFileResult[] = []
for await (const fileResult of compileStream(twoFiles, {formats: ['count'], emitters: [countEmitter], bundle: 'all'})) bundled.push(fileResult)
check(bundled.map((fileResult) => fileResult.outputs.map((output) => String(output.contents)).join()).join('|') === '|2/2', 'streamed bundle')
// With a spool, a bundle finished in parts comes as its parts.
const memory: SpoolFactory = createMemorySpool
const spooled: StreamedOutput[] = []
for await (const fileResult of compileStream(twoFiles, {formats: ['count', 'json'], emitters: [countEmitter], bundle: 'all', spool: fileSpools()})) {
  for (const output of fileResult.outputs) {
    let text = ''
    if (typeof output.contents === 'string' || output.contents instanceof Uint8Array) text = String(output.contents)
    else for await (const part of output.contents) text += String(part)
    spooled.push({...output, contents: text})
  }
}
check(spooled.map((output) => output.contents).join('|').startsWith('2/2|{') && typeof memory === 'function', 'spooled bundle parts')
const firsts = new Map<string, FirstPlace>()
dedupeIds(bundled.map((fileResult) => fileResult.tree), bundled.map((fileResult) => fileResult.file), new Set(), firsts)
check(firsts.size === 2, 'dedupeIds places')

// A build cache in a scratch folder: the second build is served from it.
const cacheFolder = await mkdtemp(join(tmpdir(), 'deckdown-consumer-'))
try {
  check(defaultCacheDir.endsWith('deckdown'), 'defaultCacheDir')
  for (let round = 0; round < 2; round++) {
    const prune: PruneOptions = {maxAgeMs: 30 * 24 * 60 * 60 * 1000}
    const cache: FileCache = await openCache(cacheFolder, process.cwd(), prune)
    const cached = await compile(inputs, {formats: ['apkg'], cache, now: new Date('2026-01-01T00:00:00Z')})
    await cache.save()
    check(cached.outputs.length === 1 && cache.notes instanceof NoteHistory, 'cache build')
    check(round === 0 ? cache.stats.misses === 1 : cache.stats.hits === 1, `cache round ${round}`)
  }
} finally {
  await rm(cacheFolder, {recursive: true, force: true})
}
const history = new NoteHistory()
const note = {guid: 'g', noteTypeId: 1, deck: 'Python', tags: '', fields: ['Q', 'A']}
check(history.modFor(note, 100) === 100 && history.modFor(note, 200) === 100, 'NoteHistory keeps mod of unchanged notes')
console.log('deckdown consumer: ok')
