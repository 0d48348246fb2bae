/**
 * Spools: where a bundle keeps its records between files (see
 * `BundleSpool`), and the helpers that turn an output's parts back into one
 * value where a whole value is wanted (`compile`).
 *
 * The memory spool is the default: `compile` returns every output whole
 * anyway. The CLI passes a file spool (file-spool.ts) so that JSON and CSV
 * bundles are written, and Anki packages built, without being held.
 *
 * @module
 */
import type {BundleSpool, EmitParts, EmitResult} from '../emit/types.js'

/** Makes a spool for one bundled output. */
export type SpoolFactory = () => BundleSpool

/** A spool that keeps its records in an array. */
export function createMemorySpool(): BundleSpool {
  let records: Array<string | Uint8Array> = []
  return {
    push(record) {
      records.push(record)
    },
    async *read() {
      const kept = records
      records = []
      yield* kept
    },
    close() {
      records = []
    }
  }
}

/** Whether a finished bundle came in parts. */
export function isParts(value: EmitResult | EmitParts): value is EmitParts {
  return typeof value !== 'string' && !(value instanceof Uint8Array)
}

/**
 * The parts as one value: text when every part is text, else bytes (text
 * parts as UTF-8).
 */
export async function joinParts(parts: EmitParts): Promise<EmitResult> {
  const collected: EmitResult[] = []
  for await (const part of parts) collected.push(part)
  if (collected.every((part) => typeof part === 'string')) return collected.join('')
  // A copy, not a view: Buffer.concat may hand out a slice of Node's shared
  // pool (as in emit/apkg/package.ts).
  return new Uint8Array(Buffer.concat(collected.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part))))
}

/**
 * The parts in fewer, larger pieces (text joined up to about `size`
 * characters; bytes pass as they are), so a writer makes one write per
 * piece, not one per record.
 */
export async function* coalesceParts(parts: EmitParts, size = 1 << 16): EmitParts {
  let text: string[] = []
  let length = 0
  for await (const part of parts) {
    if (typeof part !== 'string') {
      if (text.length > 0) yield text.join('')
      text = []
      length = 0
      yield part
      continue
    }
    text.push(part)
    length += part.length
    if (length >= size) {
      yield text.join('')
      text = []
      length = 0
    }
  }
  if (text.length > 0) yield text.join('')
}
