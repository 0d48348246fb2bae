/**
 * The emitter contract: question AST in, one output (text or bytes) out.
 *
 * An emitter is deckdown's counterpart of a unified compiler. It never touches
 * the file system, never prints and never reads the clock: everything it needs
 * comes through {@link EmitContext}, so it runs the same in a CLI, a test, a
 * browser bundle or a worker thread.
 *
 * @module
 */
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {Question, Root, Section} from '../ast/types.js'
import type {Place} from '../diagnostics/report.js'
import type {RuleId} from '../diagnostics/rules.js'
import type {MediaLoader} from '../media/index.js'
import type {Renderer} from '../render/index.js'

/** What an emitter returns. */
export type EmitResult = string | Uint8Array

/** Everything an emitter may use. */
export interface EmitContext {
  /** Options for this emitter (from the API's `emitterOptions[name]`, or CLI flags). */
  options: Readonly<Record<string, unknown>>
  /** The shared rendering layer (cached per build). */
  render: Renderer
  /** Source files of the tree (read them; report through `report`). */
  files: readonly VFile[]
  /**
   * Diagnostics of the sources as they stood after parsing, sorted. A
   * snapshot, so an emitter's output does not depend on which emitters ran
   * before it.
   */
  messages: readonly VFileMessage[]
  /**
   * The build's clock. Honours `SOURCE_DATE_EPOCH` in the CLI so that output
   * is reproducible; tests inject a fixed date.
   */
  now: () => Date
  /**
   * Name of the output without extension (`python` for `python.json`, or the
   * bundle name), e.g. for a root deck or document title.
   */
  name: string
  /**
   * Loads local media the tree references (images, sound, video), through the build's
   * reader, with the root-folder and size rules applied and reported.
   */
  media: MediaLoader
  /**
   * Report a problem about a node of the tree; it lands on that node's file
   * with the node's position.
   */
  report(node: Question | Section, reason: string, ruleId: RuleId): VFileMessage | undefined
}

/**
 * A pluggable output format.
 *
 * @example
 * const yamlEmitter: Emitter = {
 *   name: 'ids',
 *   extension: '.txt',
 *   description: 'One question id per line',
 *   emit(tree) {
 *     return tree.children.flatMap((s) => s.children.map((q) => q.id + '\n')).join('')
 *   }
 * }
 */
export interface Emitter {
  /** Format id used by `-f` and `formats` (`json`). Lower case, no spaces. */
  name: string
  /** Extension of the output file, with the dot (`.json`). */
  extension: string
  /** One line for `--help` and docs. */
  description: string
  /** Render the tree. May be async (the apkg writer loads a database engine). */
  emit(tree: Root, context: EmitContext): EmitResult | Promise<EmitResult>
  /**
   * Optional: build a bundle file by file instead of from one merged tree,
   * so a large build need not hold every file's tree until the end. Called
   * once per bundle; the build then calls `add` with each file's tree in
   * path order and `finish` once. What a bundle keeps of each file can go
   * to `spool`. Without it a bundle is `emit` of the merged tree. Both must
   * give the same output for the same files.
   */
  openBundle?(context: EmitContext, expected: BundleExpectation, spool: BundleSpool): BundleEmit | Promise<BundleEmit>
}

/**
 * Where a bundle keeps what it makes of each file until `finish`. The build
 * chooses the storage: memory in `compile`, a temporary file in the CLI, so
 * a JSON or CSV bundle of any size holds one file's records at a time, and
 * an Anki package's database is not held while it is built.
 * Emitters never touch the file system themselves.
 */
export interface BundleSpool {
  /** Keep a record: any text, or bytes. */
  push(record: string | Uint8Array): void
  /**
   * The records kept, in the order pushed, each as it was pushed (text or
   * bytes). Read once, from `finish` or the parts it returns.
   */
  read(): AsyncIterable<string | Uint8Array>
  /** Let go of the storage (the build calls it; emitters need not). */
  close?(): void
}

/**
 * An output in parts, in order: what a streamed bundle's `finish` may return
 * instead of the whole text, so it is written without being held whole.
 * `fs.promises.writeFile` takes it as it is.
 */
export type EmitParts = AsyncIterable<EmitResult>

/** What a bundle is known to hold before its first file is read. */
export interface BundleExpectation {
  /** Number of input files. */
  files: number
  /**
   * Total size of the inputs (bytes, or characters for text): an upper bound
   * on the questions, notes and cards they can make.
   */
  size: number
}

/** A bundle being built by an emitter's `openBundle`. */
export interface BundleEmit {
  /**
   * Add one file's tree. `context` is that file's (its `files` and
   * `messages`, reports landing on it). Atomic: when it throws, nothing of
   * the file is in the bundle, and the build leaves the file out.
   */
  add(tree: Root, context: EmitContext): void | Promise<void>
  /**
   * The output, from the files added: whole, or in parts read from the
   * spool as they are written. `context.files` lists the files and
   * `context.messages` holds their diagnostics so far.
   */
  finish(context: EmitContext): EmitResult | EmitParts | undefined | Promise<EmitResult | EmitParts | undefined>
  /** Let go of resources when the bundle is abandoned or finished. */
  close?(): void
}

export type {Place}
