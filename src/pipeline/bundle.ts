/**
 * The bundle stage: every file's tree into one output per format.
 *
 * Files are added one at a time, in path order, as the parse stage hands
 * them over. An emitter with `openBundle` (apkg) takes each file at once and
 * lets its tree go; any other emitter gets the merged tree at the end, so
 * only those builds hold every tree. Failure stays per file either way: a
 * file an emitter fails on is left out of that output and named, and an
 * output that fails only as a whole is not written, every file told why.
 *
 * Shared by `compile` and `compileStream`, which own the build's renderer,
 * clock and media loader and hand them over through `contextFor`.
 *
 * @module
 */
import type {VFile} from 'vfile'
import type {Root} from '../ast/types.js'
import type {BundleEmit, BundleExpectation, BundleSpool, EmitContext, EmitParts, EmitResult, Emitter} from '../emit/types.js'
import {coalesceParts, createMemorySpool, isParts, joinParts, type SpoolFactory} from './spool.js'

/** What the bundle stage needs from its build. */
export interface BundleStageOptions {
  /** Output name without extension. */
  name: string
  /** Emitters, in output order. */
  emitters: readonly Emitter[]
  expected: BundleExpectation
  /** The emit context of `emitter` for an output built from `sources`. */
  contextFor(emitter: Emitter, sources: readonly VFile[]): EmitContext
  /** Report that `emitter` failed on `file` (`consequence` says what happens). */
  failed(file: VFile, emitter: Emitter, error: unknown, consequence: string): void
  /** Storage for what streamed bundles keep of each file (default: memory). */
  spool?: SpoolFactory | undefined
  /**
   * Hand over an output a bundle finishes in parts as those parts, to be
   * written as they are read (the spool is let go once they are read);
   * otherwise the parts are joined into one value.
   */
  keepParts?: boolean | undefined
}

/** One bundled output (`Contents`: whole, or also in parts with `keepParts`). */
export interface BundleOutput<Contents extends EmitResult | EmitParts = EmitResult> {
  format: string
  path: string
  contents: Contents
  /** The files it was built from. */
  sources: VFile[]
}

/** A bundle being built. */
export interface BundleStage<Contents extends EmitResult | EmitParts = EmitResult> {
  /** Add a readable file (not rejected), in path order. */
  add(file: VFile, tree: Root): Promise<void>
  /** The outputs, in emitter order. Call once. */
  finish(): Promise<Array<BundleOutput<Contents>>>
  /** Let go of what the emitters hold (a build stopped early); safe after `finish`. */
  close(): void
}

/** Per emitter: its open bundle, or what it needs to emit at the end. */
type Slot =
  | {emitter: Emitter; kind: 'stream'; bundle: BundleEmit; spool: BundleSpool; sources: VFile[]}
  | {emitter: Emitter; kind: 'broken'; error: unknown; sources: VFile[]}
  | {emitter: Emitter; kind: 'merge'; entries: Array<{file: VFile; tree: Root}>}

/** Start a bundle. */
export async function openBundleStage(options: BundleStageOptions & {keepParts: true}): Promise<BundleStage<EmitResult | EmitParts>>
export async function openBundleStage(options: BundleStageOptions & {keepParts?: false | undefined}): Promise<BundleStage>
export async function openBundleStage(options: BundleStageOptions): Promise<BundleStage<EmitResult | EmitParts>>
export async function openBundleStage(options: BundleStageOptions): Promise<BundleStage<EmitResult | EmitParts>> {
  const slots: Slot[] = []
  for (const emitter of options.emitters) {
    if (!emitter.openBundle) {
      slots.push({emitter, kind: 'merge', entries: []})
      continue
    }
    const spool = (options.spool ?? createMemorySpool)()
    try {
      slots.push({emitter, kind: 'stream', bundle: await emitter.openBundle(options.contextFor(emitter, []), options.expected, spool), spool, sources: []})
    } catch (error) {
      spool.close?.()
      slots.push({emitter, kind: 'broken', error, sources: []})
    }
  }
  const fileName = (emitter: Emitter) => `\`${options.name + emitter.extension}\``

  return {
    async add(file, tree) {
      // A turn of the event loop per file. Bundles hand their output to
      // work that goes on beside the build (zlib deflating an apkg's pages,
      // writes to a spool), and each step of it needs a turn to go on with
      // the next; a build taking its files from the cache can go through
      // many files without one, and then waited for that work at the end
      // (some 40 ms of the 10k bench's rebuild, against a few milliseconds
      // for a hundred turns).
      await new Promise((resolve) => setImmediate(resolve))
      for (const slot of slots) {
        if (slot.kind === 'merge') slot.entries.push({file, tree})
        else if (slot.kind === 'broken') slot.sources.push(file)
        else {
          try {
            await slot.bundle.add(tree, options.contextFor(slot.emitter, [file]))
            slot.sources.push(file)
          } catch (error) {
            options.failed(file, slot.emitter, error, ` it is left out of ${fileName(slot.emitter)}`)
          }
        }
      }
    },

    async finish() {
      const outputs: Array<BundleOutput<EmitResult | EmitParts>> = []
      for (const slot of slots) {
        const {emitter} = slot
        let built: {contents: EmitResult | EmitParts | undefined; sources: VFile[]} | undefined
        if (slot.kind === 'merge') {
          built = await emitMerged(slot.emitter, slot.entries)
        } else if (slot.kind === 'broken') {
          for (const file of slot.sources) options.failed(file, emitter, slot.error, ` ${fileName(emitter)} is not written`)
        } else {
          let handedOver = false
          try {
            const contents = await slot.bundle.finish(options.contextFor(emitter, slot.sources))
            if (contents !== undefined && isParts(contents)) {
              if (options.keepParts) {
                // The emitter and its spool are let go once the parts are read;
                // an emitter that fails while they are read is reported on
                // every file of the output, as a failing `finish` is.
                const sources = slot.sources
                built = {
                  contents: readThenClose(contents, slot, (error) => {
                    for (const file of sources) options.failed(file, emitter, error, ` ${fileName(emitter)} is not written`)
                  }),
                  sources
                }
                handedOver = true
              } else {
                built = {contents: await joinParts(contents), sources: slot.sources}
              }
            } else {
              built = {contents, sources: slot.sources}
            }
          } catch (error) {
            for (const file of slot.sources) options.failed(file, emitter, error, ` ${fileName(emitter)} is not written`)
          } finally {
            if (!handedOver) closeSlot(slot)
          }
        }
        if (built && built.contents !== undefined) {
          outputs.push({format: emitter.name, path: options.name + emitter.extension, contents: built.contents, sources: built.sources})
        }
      }
      return outputs
    },

    close() {
      for (const slot of slots) if (slot.kind === 'stream') closeSlot(slot)
    }
  }

  /**
   * Emit the merged tree. When the emitter fails on it, find the files it
   * fails on alone, leave them out (each named) and emit the rest.
   */
  async function emitMerged(emitter: Emitter, entries: ReadonlyArray<{file: VFile; tree: Root}>): Promise<{contents: EmitResult | undefined; sources: VFile[]} | undefined> {
    const run = async (kept: ReadonlyArray<{file: VFile; tree: Root}>) => {
      const sources = kept.map((entry) => entry.file)
      try {
        return {ok: true as const, contents: await emitter.emit(mergeTrees(kept.map((entry) => entry.tree)), options.contextFor(emitter, sources)), sources}
      } catch (error) {
        return {ok: false as const, error, sources}
      }
    }
    const whole = await run(entries)
    if (whole.ok) return whole
    const kept = []
    for (const entry of entries) {
      const alone = await run([entry])
      if (alone.ok) kept.push(entry)
      else options.failed(entry.file, emitter, alone.error, ` it is left out of ${fileName(emitter)}`)
    }
    const retry = kept.length === entries.length ? whole : await run(kept)
    if (retry.ok) return retry
    // Fails only together: no single file to blame, so no bundle.
    for (const file of retry.sources) options.failed(file, emitter, retry.error, ` ${fileName(emitter)} is not written`)
    return undefined
  }
}

type StreamSlot = Extract<Slot, {kind: 'stream'}>

/** Let go of a streamed bundle's emitter and spool (again is harmless). */
function closeSlot(slot: StreamSlot): void {
  slot.bundle.close?.()
  slot.spool.close?.()
}

/**
 * Thrown to the reader of an output's parts when the emitter failed while
 * making them: the failure is already reported on the output's files
 * (`emit-failed`), so the reader only drops what it wrote.
 */
export class ReportedEmitError extends Error {
  constructor(readonly reason: unknown) {
    super('The emitter failed while its output was written; reported on its files')
  }
}

/**
 * The parts, then the slot closed: when they are all read, or reading stops.
 * An error from the emitter (not from the reader, which never throws into
 * this generator) is reported through `failed` and comes to the reader as a
 * {@link ReportedEmitError}.
 */
async function* readThenClose(parts: EmitParts, slot: StreamSlot, failed: (error: unknown) => void): EmitParts {
  try {
    yield* coalesceParts(parts)
  } catch (error) {
    failed(error)
    throw new ReportedEmitError(error)
  } finally {
    closeSlot(slot)
  }
}

/**
 * Merge per-file trees into one (sections in the given order).
 */
export function mergeTrees(trees: readonly Root[]): Root {
  return {
    type: 'root',
    children: trees.flatMap((tree) => tree.children),
    data: {files: trees.flatMap((tree) => tree.data?.files ?? [])}
  }
}
