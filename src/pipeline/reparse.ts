/**
 * What one parse of a big file leaves for the next parse of the same file,
 * so that a rebuild after an edit does again only what the edit touched.
 *
 * Parsing a file of a hundred questions takes about half a second in a
 * fresh process (its code runs cold), most of it in two steps whose output
 * depends on little: the Markdown trees of the file's pieces (a piece's tree
 * depends only on its text, see src/parse/blocks.ts) and each question's
 * rendered note (it depends only on the question's node: see
 * src/pipeline/prepared.ts). A memo keeps both:
 *
 * - piece trees by a hash of the piece's text, serialized as they came out
 *   of the parser, before anything moved or changed them;
 * - prepared notes by a hash of the question node they were made from: its
 *   fields' trees, id, deck, tags, kind, file and place. The places of the
 *   nodes inside its fields are left out: a note is made of their contents,
 *   not of where they sit (and hashing every position took three times as
 *   long as the rest).
 *
 * Anything else (the file's structure, ids, diagnostics) is worked out
 * again, so the result is the one a full parse gives. A memo holds only
 * what the parse it came from used: it is replaced, never grown.
 *
 * The build cache stores a memo per file path and options (see
 * `FileCache.recall`), deflated; one that cannot be read is an empty memo.
 * Only files from 16 kB to 2 MB keep one (see `keepsMemo`).
 *
 * @module
 */
import {deserialize, serialize} from 'node:v8'
import {deflateRawSync, inflateRawSync} from 'node:zlib'
import type {Root as MdastRoot} from 'mdast'
import type {Question} from '../ast/types.js'
import {digest} from '../digest.js'
import type {PieceMemo} from '../parse/blocks.js'
import type {PreparedNote} from './prepared.js'

/**
 * Whether a file of `length` characters (or bytes, before decoding) keeps a
 * memo: not a file of at most 16 kB, which parses in a few tens of
 * milliseconds even in a fresh process, nor one of more than 2 MB, whose
 * memo would hold some six times its size in trees while it is parsed: the
 * bench's file of 20,000 questions (15.7 MB), built with a cache, took 49 s
 * and 1,098 MiB with a memo, 34 s and 814 MiB without.
 */
export function keepsMemo(length: number): boolean {
  return length > 16 * 1024 && length <= 2 * 1024 * 1024
}

const memoName = 'deckdown-reparse'
/** Bumped whenever what a memo holds changes shape. */
const memoFormat = 1

/** A memo as bytes: a piece hash → tree bytes map and a question hash → note map. */
interface StoredMemo {
  name: typeof memoName
  format: typeof memoFormat
  pieces: Map<string, Uint8Array>
  notes: Map<string, PreparedNote | null>
}

/** One parse's view of the memo of the parse before, and the memo it leaves. */
export class ReparseMemo implements PieceMemo {
  /** Piece trees of the last parse; one that turns out unusable is dropped. */
  readonly #earlierPieces: Map<string, Uint8Array>
  readonly #earlierNotes: ReadonlyMap<string, PreparedNote | null>
  readonly #pieces = new Map<string, Uint8Array>()
  readonly #notes = new Map<string, PreparedNote | null>()
  /** Whether anything of the earlier memo was used. */
  reused = false
  /** The piece `get` hashed last: `keep` follows with the same one. */
  #lastPiece: string | undefined
  #lastHash = ''

  /**
   * @param bytes What `toBytes` gave after the last parse of the file;
   *   nothing, or bytes that cannot be read, give an empty memo.
   */
  constructor(bytes?: Uint8Array | null) {
    const stored = bytes ? readMemo(bytes) : undefined
    this.#earlierPieces = stored?.pieces ?? new Map()
    this.#earlierNotes = stored?.notes ?? new Map()
  }

  get(piece: string): MdastRoot | undefined {
    const hash = this.#hash(piece)
    const bytes = this.#earlierPieces.get(hash)
    if (!bytes) return undefined
    try {
      const tree = deserialize(bytes) as MdastRoot
      if (isPieceTree(tree)) {
        this.reused = true
        return tree
      }
    } catch {
      // Unusable, as below.
    }
    // Parsed again, so `keep` stores the new tree, not these bytes.
    this.#earlierPieces.delete(hash)
    return undefined
  }

  keep(piece: string, tree: MdastRoot): void {
    const hash = this.#hash(piece)
    this.#pieces.set(hash, this.#earlierPieces.get(hash) ?? serialize(tree))
  }

  /**
   * The prepared note of `question`: the one the last parse made from an
   * identical node, or `prepare()`'s. Call before anything changes the node.
   */
  note(question: Question, prepare: () => PreparedNote | null): PreparedNote | null {
    const hash = digest('sha256', fingerprint(question), 'base64')
    const earlier = this.#earlierNotes.get(hash)
    let note: PreparedNote | null
    if (earlier !== undefined) {
      note = earlier
      this.reused = true
    } else {
      note = prepare()
    }
    this.#notes.set(hash, note)
    return note
  }

  /** A piece's hash, once per piece (`get` and `keep` ask for the same one). */
  #hash(piece: string): string {
    if (piece !== this.#lastPiece) {
      this.#lastPiece = piece
      this.#lastHash = digest('sha256', piece, 'base64')
    }
    return this.#lastHash
  }

  /** The memo this parse leaves for the next one (deflated). */
  toBytes(): Uint8Array {
    const stored: StoredMemo = {name: memoName, format: memoFormat, pieces: this.#pieces, notes: this.#notes}
    // The fastest level: a memo is written for every big file of a cold
    // build, and read back only for the files a rebuild parses again.
    return deflateRawSync(serialize(stored), {level: 1})
  }
}

/**
 * A text that differs whenever a question's note could: the question's
 * node, its own place included, with the places of the nodes below it left
 * out. Strings and keys are written with their lengths, so no two nodes
 * give the same text. (`v8.serialize` of the whole node took twice as long,
 * most of it on positions.)
 */
function fingerprint(question: Question): string {
  const parts: string[] = [JSON.stringify(question.position)]
  const add = (value: unknown): void => {
    switch (typeof value) {
      case 'string':
        parts.push('s', String(value.length), ':', value)
        return
      case 'object': {
        if (value === null) {
          parts.push('null;')
        } else if (Array.isArray(value)) {
          parts.push('[')
          for (const item of value as unknown[]) add(item)
          parts.push(']')
        } else {
          parts.push('{')
          const record = value as Record<string, unknown>
          for (const key in record) {
            const item = record[key]
            if (key === 'position' || item === undefined) continue
            parts.push('k', String(key.length), ':', key)
            add(item)
          }
          parts.push('}')
        }
        return
      }
      default:
        parts.push(typeof value, ':', String(value), ';')
    }
  }
  add(question)
  return parts.join('')
}

/** The stored memo in `bytes`, or `undefined` when they are not one. */
function readMemo(bytes: Uint8Array): StoredMemo | undefined {
  try {
    const value = deserialize(inflateRawSync(bytes)) as Partial<StoredMemo> | null
    if (value?.name !== memoName || value.format !== memoFormat) return undefined
    if (!(value.pieces instanceof Map) || !(value.notes instanceof Map)) return undefined
    for (const tree of value.pieces.values()) if (!(tree instanceof Uint8Array)) return undefined
    for (const note of value.notes.values()) if (note !== null && !isPreparedNote(note)) return undefined
    return value as StoredMemo
  } catch {
    return undefined
  }
}

/** Enough of a piece's tree that `parseInBlocks` can use it without throwing. */
function isPieceTree(value: unknown): value is MdastRoot {
  const tree = value as Partial<MdastRoot> | null
  if (tree?.type !== 'root' || !Array.isArray(tree.children)) return false
  return tree.children.every((child) => typeof child === 'object' && child !== null && typeof child.type === 'string' && typeof child.position?.start.offset === 'number')
}

function isPreparedNote(value: unknown): value is PreparedNote {
  const note = value as Partial<PreparedNote>
  return (
    typeof note === 'object' &&
    note !== null &&
    note.flds instanceof Uint8Array &&
    typeof note.guid === 'string' &&
    typeof note.csum === 'number' &&
    typeof note.sfld === 'string' &&
    Array.isArray(note.ords) &&
    note.ords.every((ord) => Number.isInteger(ord)) &&
    (note.contentHash === undefined || typeof note.contentHash === 'string')
  )
}
