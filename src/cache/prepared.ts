/**
 * How a cache entry holds its prepared notes: column by column, a few
 * values per file instead of seven per note.
 *
 * Stored as structured clones, a file's hundred prepared notes were a
 * hundred objects, each with its own `flds` bytes, and Node's serializer
 * reads every byte array through a JavaScript callback: decoding them was
 * two thirds of the time a rebuild spent decoding cache entries (67–75 ms
 * of the 10k bench's, packed 24–38 ms). A packed entry holds every note's
 * fields in one byte array, its strings in one string, its numbers in typed
 * arrays; `unpackNotes` makes the same notes again.
 *
 * @module
 */
import type {PreparedNote} from '../pipeline/prepared.js'

/** The prepared notes of one file (`null` for a question without one). */
export interface PackedNotes {
  /** 1 where a question has a note, 0 where it has `null`. */
  present: Uint8Array
  /** Every note's `flds`, one after the other. */
  flds: Uint8Array
  /** Where each note's `flds` ends in `flds`. */
  fldsEnds: Uint32Array
  /** Every note's GUID, sort field and content hash, one after the other. */
  text: string
  /** Per note: the length of its GUID, of its sort field and of its content hash (`noHash` when it has none). */
  lengths: Uint32Array
  csums: Float64Array
  /** Per note: how many cards. */
  cardCounts: Uint16Array
  /** Every note's card ordinals, one after the other. */
  ords: Uint16Array
}

const noHash = 0xffff_ffff

/** Pack prepared notes (see the module comment). */
export function packNotes(notes: ReadonlyArray<PreparedNote | null>): PackedNotes {
  const kept = notes.filter((note): note is PreparedNote => note !== null)
  const fldsEnds = new Uint32Array(kept.length)
  const lengths = new Uint32Array(kept.length * 3)
  const csums = new Float64Array(kept.length)
  const cardCounts = new Uint16Array(kept.length)
  const text: string[] = []
  const ords: number[] = []
  let fldsLength = 0
  for (const [index, note] of kept.entries()) {
    fldsLength += note.flds.length
    fldsEnds[index] = fldsLength
    lengths[index * 3] = note.guid.length
    lengths[index * 3 + 1] = note.sfld.length
    lengths[index * 3 + 2] = note.contentHash === undefined ? noHash : note.contentHash.length
    text.push(note.guid, note.sfld, note.contentHash ?? '')
    csums[index] = note.csum
    cardCounts[index] = note.ords.length
    ords.push(...note.ords)
  }
  const flds = new Uint8Array(fldsLength)
  for (const [index, note] of kept.entries()) flds.set(note.flds, (fldsEnds[index] as number) - note.flds.length)
  return {present: Uint8Array.from(notes, (note) => (note ? 1 : 0)), flds, fldsEnds, text: text.join(''), lengths, csums, cardCounts, ords: Uint16Array.from(ords)}
}

/**
 * The notes `packNotes` packed, or `undefined` when `packed` is not such a
 * value (a damaged or foreign entry): checked enough that using the notes
 * cannot throw.
 */
export function unpackNotes(packed: unknown): Array<PreparedNote | null> | undefined {
  if (!isPackedNotes(packed)) return undefined
  const {present, flds, fldsEnds, text, lengths, csums, cardCounts, ords} = packed
  const count = fldsEnds.length
  if (lengths.length !== count * 3 || csums.length !== count || cardCounts.length !== count) return undefined
  if (present.reduce((sum, flag) => sum + flag, 0) !== count || present.some((flag) => flag > 1)) return undefined
  const notes: Array<PreparedNote | null> = []
  let note = 0
  let fldsStart = 0
  let textAt = 0
  let ordAt = 0
  for (let index = 0; index < present.length; index++) {
    if (present[index] === 0) {
      notes.push(null)
      continue
    }
    const fldsEnd = fldsEnds[note] as number
    const guidEnd = textAt + (lengths[note * 3] as number)
    const sfldEnd = guidEnd + (lengths[note * 3 + 1] as number)
    const hashLength = lengths[note * 3 + 2] as number
    const hashEnd = sfldEnd + (hashLength === noHash ? 0 : hashLength)
    const ordEnd = ordAt + (cardCounts[note] as number)
    if (fldsEnd < fldsStart || fldsEnd > flds.length || hashEnd > text.length || ordEnd > ords.length) return undefined
    const prepared: PreparedNote = {
      flds: flds.subarray(fldsStart, fldsEnd),
      guid: text.slice(textAt, guidEnd),
      csum: csums[note] as number,
      sfld: text.slice(guidEnd, sfldEnd),
      ords: ordinals(ords, ordAt, ordEnd)
    }
    if (hashLength !== noHash) prepared.contentHash = text.slice(sfldEnd, hashEnd)
    notes.push(prepared)
    note++
    fldsStart = fldsEnd
    textAt = hashEnd
    ordAt = ordEnd
  }
  return fldsStart === flds.length && textAt === text.length && ordAt === ords.length ? notes : undefined
}

/**
 * `ords[start…end)` as an array, copied by index: `Array.from` on a view goes
 * through the iterator protocol, which for ten thousand notes was a third of
 * unpacking them.
 */
function ordinals(ords: Uint16Array, start: number, end: number): number[] {
  const list = new Array<number>(end - start)
  for (let index = start; index < end; index++) list[index - start] = ords[index] as number
  return list
}

function isPackedNotes(value: unknown): value is PackedNotes {
  const packed = value as Partial<PackedNotes> | null
  return (
    typeof packed === 'object' &&
    packed !== null &&
    packed.present instanceof Uint8Array &&
    packed.flds instanceof Uint8Array &&
    packed.fldsEnds instanceof Uint32Array &&
    typeof packed.text === 'string' &&
    packed.lengths instanceof Uint32Array &&
    packed.csums instanceof Float64Array &&
    packed.cardCounts instanceof Uint16Array &&
    packed.ords instanceof Uint16Array
  )
}
