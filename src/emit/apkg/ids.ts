/**
 * Identity in a package: note GUIDs, deck ids, note and card ids.
 *
 * What each one must be comes from anki-compat.md: a GUID is a note's
 * identity across imports and must not depend on its content (§4, §8); a deck
 * id only has to be consistent inside the package and not 1 (§5, §10); note
 * and card ids only have to be unique in the package and not in the future
 * (§4, §10). Everything here is a pure function: no clock, no randomness.
 *
 * @module
 */
import type {Question} from '../../ast/types.js'
import type {EmitContext} from '../types.js'
import {digest} from '../../digest.js'

/**
 * Anki's base-91 alphabet, in Anki's order: ASCII letters (lower case first),
 * digits, then every printable ASCII character except quotes, backslash and
 * the space (Anki's `base91` in `anki/utils.py`, 2.1.16).
 */
export const ankiBase91Alphabet =
  'abcdefghijklmnopqrstuvwxyz' + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' + '0123456789' + "!#$%&()*+,-./:;<=>?@[]^_`{|}~"

const base = BigInt(ankiBase91Alphabet.length)

/**
 * Write a non-negative integer in Anki's base 91, most significant digit
 * first, no padding (`0` is written as the alphabet's first character so a
 * GUID is never empty, §4).
 *
 * @throws {RangeError} For a negative number.
 */
export function base91(value: bigint): string {
  if (value < 0n) throw new RangeError('base91 takes a non-negative integer')
  if (value <= 0xffffffffffffffffn) return base91Of(Number(value >> 32n), Number(value & 0xffffffffn))
  let rest = value
  let digits = ''
  do {
    digits = ankiBase91Alphabet.charAt(Number(rest % base)) + digits
    rest /= base
  } while (rest > 0n)
  return digits
}

/**
 * {@link base91} of the 64-bit integer `high · 2³² + low` (each an unsigned
 * 32-bit number), with plain numbers: every note's GUID is one, and BigInt
 * division allocates at every digit. Each step divides the two halves by 91
 * in turn; `remainder · 2³² + low` stays below 2⁴⁰, exact in a double.
 */
function base91Of(high: number, low: number): string {
  let digits = ''
  do {
    const highQuotient = Math.floor(high / 91)
    const carried = (high - highQuotient * 91) * 0x100000000 + low
    const lowQuotient = Math.floor(carried / 91)
    digits = ankiBase91Alphabet.charAt(carried - lowQuotient * 91) + digits
    high = highQuotient
    low = lowQuotient
  } while (high > 0 || low > 0)
  return digits
}

/**
 * The GUID of the note made from a question: the first 8 bytes of
 * SHA-256(`"deckdown:" + id`), big-endian, in Anki's base 91.
 *
 * It depends on the question id only, never on the fields, so editing an
 * answer updates the note in place on re-import instead of adding a second
 * one (anki-compat.md §8 "Consequence"). The `deckdown:` prefix keeps our
 * GUIDs apart from another tool that hashes the same strings.
 *
 * @param id Question id (`Question.id`).
 * @returns A GUID of at most 10 characters.
 *
 * @example
 * guidFor('what-is-the-gil-3f2a9c01de') // stable across builds and edits
 */
export function guidFor(id: string): string {
  const bytes = digest('sha256', `deckdown:${id}`)
  return base91Of(bytes.readUInt32BE(0), bytes.readUInt32BE(4))
}

/** Smallest deck id {@link deckIdFor} returns (2^31: far from 1, the Default deck). */
export const minDeckId = 2 ** 31
/** Deck ids stay below 2^40 (a millisecond timestamp in 2004: never "in the future"). */
export const deckIdLimit = 2 ** 40

/**
 * The id of a deck in a package, from its full name (`A::B`).
 *
 * Anki matches decks by name and gives imported decks new ids (§5, §10), so
 * this id only has to be stable and consistent inside the package; hashing
 * the name makes it reproducible. Always in [2^31, 2^40): never 1 (the
 * Default deck, whose cards land in the user's own Default deck, §5), a safe
 * integer, and an integer in SQLite.
 *
 * @param name Full deck name, components joined with `::`.
 *
 * @example
 * deckIdFor('Python::Niveau Hardcore')
 */
export function deckIdFor(name: string): number {
  return minDeckId + (digest('sha256', `deckdown-deck:${name}`).readUIntBE(0, 6) % (deckIdLimit - minDeckId))
}

/**
 * The first of `count` consecutive ids that end at the build time in
 * milliseconds.
 *
 * Ids are millisecond timestamps by convention (the browser's "Created"
 * column reads them) and modern Anki rewrites ids later than now + 1 day
 * (§4); ending the run at `now` keeps every id ≤ now (§13 item 7). Only
 * uniqueness inside the package matters, not stability across builds (§10).
 * `count` may be an upper bound (a bundle written file by file): the ids
 * used then end before `now`.
 *
 * @param nowMs Build time, milliseconds.
 * @param count How many ids, at most.
 * @returns A positive integer.
 */
export function firstIdEndingAt(nowMs: number, count: number): number {
  return Math.max(1, Math.floor(nowMs) - Math.max(0, Math.floor(count)) + 1)
}

/**
 * A question's GUID, unique among `used`: if another note of the same output
 * already has it (the same id twice, in a tree that skipped `dedupeIds`), the
 * GUID of `id-2`, `id-3` … — two notes with one GUID break import (§4). The
 * apkg and CSV emitters share this rule so both outputs agree. `own` is
 * `guidFor(question.id)`, when already known.
 */
export function uniqueGuid(question: Question, used: {has(guid: string): boolean; add(guid: string): unknown}, context: EmitContext, own = guidFor(question.id)): string {
  let guid = own
  if (used.has(guid)) {
    let suffix = 2
    while (used.has(guidFor(`${question.id}-${suffix}`))) suffix += 1
    guid = guidFor(`${question.id}-${suffix}`)
    context.report(question, `Another question in this output has the id \`${question.id}\`; this note's GUID is made from \`${question.id}-${suffix}\``, 'duplicate-id')
  }
  used.add(guid)
  return guid
}
