/**
 * deckdown: compile Markdown question banks into study material.
 *
 * This file only re-exports: the public API is exactly what is listed here.
 *
 * @module
 */
export {compile, mergeTrees, sourceDateEpochClock} from './compile.js'
export type {CompileInput, CompileOptions, CompileOutput, CompileResult} from './compile.js'
export type {InputReader} from './pipeline/index.js'
export {compileStream} from './stream.js'
export type {CompileFileResult, StreamedOutput} from './stream.js'
export {createMemorySpool} from './pipeline/spool.js'
export type {SpoolFactory} from './pipeline/spool.js'
export {fileSpools} from './pipeline/file-spool.js'

export {defaultCacheDir, NoteHistory, openCache} from './cache/index.js'
export type {CachedEntry, FileCache} from './cache/index.js'
export type {PruneOptions} from './cache/prune.js'

export {parse, dedupeIds} from './parse/index.js'
export type {FirstPlace, ParseOptions, ParseResult} from './parse/index.js'
export {dialects, defaultDialect} from './parse/dialects/index.js'
export type {Dialect, DraftQuestion, DraftSection, LevelHeading} from './parse/dialects/index.js'
export {markerTables} from './parse/markers.js'
export type {MarkerTable, MarkedField} from './parse/markers.js'
export {deriveId, normalizePrompt} from './parse/identity.js'

export {decodeBytes} from './text/decode.js'
export type {DecodeOptions, DecodeResult} from './text/decode.js'

export {createRenderer, renderField, toHast, toHtml, toMarkdown, toText} from './render/index.js'
export type {RenderedField, Renderer} from './render/index.js'
export {sanitizeSchema} from './render/sanitize.js'

export {builtinEmitters, resolveEmitters} from './emit/index.js'
export type {BundleEmit, BundleExpectation, BundleSpool, EmitContext, EmitParts, EmitResult, Emitter} from './emit/types.js'
export {jsonEmitter, jsonFormatVersion} from './emit/json/index.js'
export type {JsonChoice, JsonCloze, JsonDocument, JsonMedia, JsonQuestion} from './emit/json/index.js'
export {jsonSchema} from './emit/json/schema.js'
export type {JsonSchemaDocument} from './emit/json/schema.js'

export {csvEmitter, csvModes} from './emit/csv/index.js'
export type {CsvMode, CsvOptions} from './emit/csv/index.js'
export {htmlEmitter, htmlLayouts, htmlPapers, printHighlightCss, toHtmlDocument} from './emit/html/index.js'
export type {HtmlAsset, HtmlAssetsMode, HtmlDocument, HtmlLayout, HtmlOptions, HtmlPaper} from './emit/html/index.js'

export {apkgEmitter, basicNoteType, choiceNoteType, clozeNoteType, deckIdFor, guidFor, noteTypeFor, noteTypes, reversedNoteType} from './emit/apkg/index.js'
export type {FieldSource, NoteType, NoteTypeField, NoteTypeKind, NoteTypeTemplate} from './emit/apkg/index.js'
export {highlight, highlightCss} from './render/highlight.js'

export {cleanMediaName, createMediaLoader, fsMediaReader, isRemote, mediaKey} from './media/index.js'
export type {MediaFile, MediaLoadResult, MediaLoader, MediaLoaderOptions, MediaReader, MediaRequest} from './media/index.js'

export {rules, ruleIds} from './diagnostics/rules.js'
export type {RuleId, RuleInfo, Severity} from './diagnostics/rules.js'
export {report, severityOf} from './diagnostics/report.js'
export {formatGithubAnnotation, formatMessage, sortedMessages, toDiagnosticRecord} from './diagnostics/format.js'
export type {DiagnosticRecord} from './diagnostics/format.js'

export {fieldNames, questionKinds} from './ast/types.js'
export type {FieldContent, FieldName, IdSource, Question, QuestionKind, QuestionNode, Root, RootData, Section} from './ast/types.js'
