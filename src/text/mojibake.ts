/**
 * Mojibake repair: undo "UTF-8 bytes decoded with a legacy 8-bit code page,
 * then saved again as UTF-8".
 *
 * Example: `Réponse` is `52 C3 A9 70 …` in UTF-8. An editor that wrongly reads
 * those bytes as Mac Roman shows `R√©ponse` (C3 → `√`, A9 → `©`) and saves
 * that as UTF-8. Re-encoding `R√©ponse` with Mac Roman gives the original
 * bytes back, which decode as UTF-8 to `Réponse`.
 *
 * The repair is deliberately conservative, because touching clean text is far
 * worse than leaving some mojibake in place (the user can always re-save the
 * file; silently corrupted questions are hard to spot). A code page is only
 * applied when *every* character of the text has a byte in it and *all* the
 * resulting bytes form valid UTF-8 that differs from the input. Real text
 * almost never passes that: a single genuine `é` (Mac Roman 0x8E,
 * Windows-1252 0xE9) turns into a stray continuation byte or a lead byte
 * without its continuation, and any character outside the code page (Cyrillic,
 * Greek, CJK, emoji, `ł`…) makes re-encoding impossible.
 *
 * @module
 */
import {codePages} from './code-pages.js'

/**
 * A legacy code page that UTF-8 text can have been wrongly decoded with.
 * The names are iconv-lite-independent labels (WHATWG-style for
 * `windows-1252`, the classic `macintosh` label for Mac OS Roman).
 */
export type MojibakeEncoding = 'macintosh' | 'windows-1252' | 'latin1'

/** Result of {@link repairMojibake}. */
export interface MojibakeRepair {
  /** The repaired text, or the input itself (same string) when nothing was repaired. */
  text: string
  /** The code pages undone, in the order they were applied (outermost first); empty when untouched. */
  repaired: MojibakeEncoding[]
}

/**
 * Order in which code pages are tried; the first one that passes wins.
 *
 * Windows-1252 comes *before* Mac Roman because the reverse mistake is
 * common and the other one is not:
 * - Windows-1252 mojibake of French (`é` → `Ã©`, `è` → `Ã¨`, `ê` → `Ãª`,
 *   `ç` → `Ã§`, `ô` → `Ã´`…) also re-encodes to valid UTF-8 *in Mac Roman*
 *   (`Ã©` → CC A9 = U+0329, a combining mark), so trying Mac Roman first would
 *   turn `RÃ©ponse` into `R̩ponse`.
 * - Mac Roman mojibake almost never re-encodes in Windows-1252: the lead byte
 *   of every Latin-1 letter (C3) shows up as `√`, of every emoji (F0) as the
 *   Apple logo U+F8FF, and of `’`, `—`, `€`… (E2) as `‚`, none of which give a
 *   usable UTF-8 lead byte in Windows-1252. Only lead bytes CC/CD (combining
 *   marks), E5–EF (mostly CJK) and F1–F4 survive that round trip, and then the
 *   continuation bytes must survive too.
 * Latin-1 comes after Windows-1252: the two agree on every character they can
 * both encode (A0–FF, and the five bytes Windows-1252 leaves undefined), so
 * when both pass they produce the same bytes and the label only says which
 * tool was more likely to blame — Windows-1252 (that is also what browsers
 * mean by "latin1"). Latin-1 is still needed for text containing other C1
 * controls (e.g. `Ã\u0089` from `É`), which Windows-1252 cannot encode.
 * Latin-1 versus Mac Roman never competes: a text that Windows-1252 rejects
 * but Latin-1 accepts contains a C1 control, which Mac Roman cannot encode.
 * The test suite checks this order against synthetic mojibake of several
 * languages.
 */
const ORDER: readonly MojibakeEncoding[] = ['windows-1252', 'latin1', 'macintosh']

/**
 * At most this many layers are undone. Two covers "double mojibake" (a file
 * that went through the mistake twice, e.g. `RÃƒÂ©ponse`); every further round
 * is one more chance of a false positive for a case that practically never
 * happens.
 */
const MAX_ROUNDS = 2

/** iconv-lite codec name for each code page. */
const CODEC: Readonly<Record<MojibakeEncoding, string>> = {
  macintosh: 'macintosh',
  'windows-1252': 'windows1252',
  latin1: 'latin1',
}

/**
 * Reverse tables, built on first use: `table[charCode]` is the byte (0x80–0xFF)
 * that the code page decodes to that UTF-16 code unit, or 0 when there is
 * none. A 64 KiB typed array per code page makes the hot loop a single indexed
 * load (no Map hashing); surrogates and everything the code page lacks read 0.
 * Built once and never mutated afterwards, so results never depend on call
 * history.
 */
const tables: Partial<Record<MojibakeEncoding, Uint8Array>> = {}

function reverseTable(encoding: MojibakeEncoding): Uint8Array {
  const cached = tables[encoding]
  if (cached) return cached
  const table = new Uint8Array(0x10000)
  const high = new Uint8Array(128)
  for (let i = 0; i < 128; i++) high[i] = 0x80 + i
  // Decode each byte 0x80–0xFF exactly once; single-byte codecs give one
  // UTF-16 unit per byte. U+FFFD marks a byte iconv-lite leaves undefined.
  const chars = codePages().decode(high, CODEC[encoding])
  for (let i = 0; i < chars.length && i < 128; i++) {
    const code = chars.charCodeAt(i)
    if (code !== 0xfffd) table[code] = 0x80 + i
  }
  if (encoding === 'macintosh') {
    // iconv-lite's Mac Roman table predates Apple's current mapping; the tools
    // that produce mojibake today (macOS, Python's mac_roman, Java's MacRoman)
    // use the current one, and older files may use the old one, so accept both.
    // 0xF0 is the Apple logo, U+F8FF (private use). iconv-lite yields U+FFFD.
    // It matters a lot: 0xF0 is the lead byte of every emoji, so `🔴` (F0 9F 94
    // B4) becomes `üî¥` and could not be repaired without it.
    table[0xf8ff] = 0xf0
    // 0xDB was `¤` (U+00A4) until Mac OS 8.5 replaced it with `€` (U+20AC).
    table[0x00a4] = 0xdb
    table[0x20ac] = 0xdb
    // 0xBD was the Ohm sign U+2126 (iconv-lite) and is now Greek capital
    // omega U+03A9 (Apple's ROMAN.TXT, Python). 0xBD is a common continuation
    // byte (`ý` = C3 BD, `½` = C2 BD, many emoji).
    table[0x2126] = 0xbd
    table[0x03a9] = 0xbd
  } else if (encoding === 'windows-1252') {
    // Windows-1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined. Decoders that
    // "pass them through" (WHATWG/browsers, .NET, MySQL's latin1, iconv-lite's
    // own tables in other tools) turn them into the C1 controls with the same
    // number, so that is what mojibake of e.g. `Á` (C3 81) contains.
    for (const byte of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) table[byte] = byte
  }
  tables[encoding] = table
  return table
}

/**
 * Strict UTF-8 decoder; stateless for one-shot `decode` calls, so sharing it
 * is safe. `ignoreBOM: true` keeps a repaired leading U+FEFF (a BOM that went
 * through the same mistake, `ï»¿`) in the text: dropping it is the caller's
 * decision, this function only undoes the mojibake.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Any character outside ASCII (ASCII maps to itself in every code page here). */
const NON_ASCII = /[^\x00-\x7f]/

/**
 * Re-encodes `text` with `encoding` and decodes the bytes as UTF-8, or returns
 * `null` if some character has no byte or the bytes are not strict UTF-8.
 *
 * One pass over the string: each character is mapped to its byte and fed to an
 * inline UTF-8 validator (the WHATWG/Unicode "well-formed" rules: no overlongs,
 * no surrogates, nothing above U+10FFFF), so clean text is usually rejected at
 * its first accented letter instead of after a full copy.
 */
function undo(text: string, encoding: MojibakeEncoding): string | null {
  const table = reverseTable(encoding)
  const length = text.length
  const bytes = new Uint8Array(length)
  // Continuation bytes still expected, and the allowed range of the next one
  // (narrowed after E0, ED, F0 and F4 to exclude overlongs/surrogates/>10FFFF).
  let need = 0
  let lo = 0x80
  let hi = 0xbf
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i)
    let byte: number
    if (code < 0x80) {
      byte = code
    } else {
      byte = table[code]!
      if (byte === 0) return null // no byte in this code page: bail out now
    }
    if (need === 0) {
      if (byte < 0x80) {
        // ASCII
      } else if (byte >= 0xc2 && byte <= 0xdf) {
        need = 1
      } else if (byte >= 0xe0 && byte <= 0xef) {
        need = 2
        if (byte === 0xe0) lo = 0xa0
        else if (byte === 0xed) hi = 0x9f
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        need = 3
        if (byte === 0xf0) lo = 0x90
        else if (byte === 0xf4) hi = 0x8f
      } else {
        return null // stray continuation byte, C0/C1 overlong lead, or F5–FF
      }
    } else {
      if (byte < lo || byte > hi) return null
      lo = 0x80
      hi = 0xbf
      need--
    }
    bytes[i] = byte
  }
  if (need !== 0) return null // text ends inside a sequence
  try {
    // Cannot throw after the validation above; kept fatal so that a validator
    // bug shows up as "no repair" rather than as U+FFFD in the output.
    return UTF8.decode(bytes)
  } catch {
    return null
  }
}

/**
 * Whether the first non-ASCII character is followed by another: in any code
 * page it would be a byte of 0x80 or more, which valid UTF-8 only allows as a
 * lead byte followed by continuation bytes, themselves non-ASCII characters.
 * When it is not, no code page can undo the text, and the code pages (a
 * library loaded on first use) are not needed: most clean text, `é` then a
 * letter, is settled here.
 */
function leadIsFollowed(text: string): boolean {
  const first = text.search(NON_ASCII)
  return first >= 0 && first + 1 < text.length && text.charCodeAt(first + 1) >= 0x80
}

/**
 * Repairs text that was UTF-8, wrongly decoded as Windows-1252, Latin-1 or
 * Mac Roman, and saved again (`RÃ©ponse`, `R√©ponse`, `üî¥` for 🔴).
 *
 * A code page is applied only when re-encoding the **whole** text with it is
 * exact (every character has a byte there) and the bytes are valid strict
 * UTF-8 that differ from the text's own UTF-8 (i.e. the text has at least one
 * non-ASCII character). Code pages are tried in the order Windows-1252,
 * Latin-1, Mac Roman (see the source for why), and up to two layers are undone
 * (double mojibake). Clean text, including any text with a genuine accented
 * letter, Cyrillic, Greek, CJK or emoji, is returned unchanged.
 *
 * Pure and allocation-light: ASCII-only text returns after one regex test, and
 * each attempt stops at the first character that rules the code page out.
 *
 * @param text Decoded text (any line endings; they are ASCII and unaffected).
 * @returns The repaired text and the code pages undone, outermost first;
 *   `{ text, repaired: [] }` (same string) when nothing was repaired.
 */
export function repairMojibake(text: string): MojibakeRepair {
  let current = text
  const repaired: MojibakeEncoding[] = []
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Pure ASCII re-encodes to itself: nothing to undo (and the "bytes must
    // differ" rule would reject it anyway). Cheap native check first.
    if (!NON_ASCII.test(current) || !leadIsFollowed(current)) break
    let next: string | null = null
    for (const encoding of ORDER) {
      next = undo(current, encoding)
      if (next !== null) {
        repaired.push(encoding)
        break
      }
    }
    if (next === null) break
    current = next
  }
  return { text: current, repaired }
}

/**
 * Sequences that practically only occur as mojibake: a UTF-8 lead byte read
 * as Windows-1252/Latin-1 (`Ã©`, `â€™`, `Â `) or as Mac Roman (`√©`, `‚Äô`)
 * followed by a continuation byte read the same way.
 */
const SIGNATURE =
  /Ã[\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]|â€[\u0080-\u00BF\u0153\u009D\u02DC\u2018-\u201E\u2022\u2026\u2039\u203A\u2122]|√[ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø]|‚Ä[ôúùìîò¶¢]/gu

/** Where a text looks like mojibake that {@link repairMojibake} could not undo. */
export interface MojibakeSuspicion {
  /** How many mojibake-looking sequences the text has. */
  count: number
  /** The first one, as written. */
  sample: string
  /** Its offset in the text (UTF-16 code units). */
  offset: number
}

/**
 * Look for mojibake that whole-text repair left alone: a file that is only
 * partly damaged (someone fixed some lines by hand, or pasted clean text into
 * a damaged file) cannot be re-encoded as a whole, and repairing it line by
 * line would risk corrupting clean text. Telling the author where it is is
 * the safe help.
 *
 * @returns The first suspicious sequence and how many there are, or
 *   `undefined` when there are fewer than two (one could be genuine text).
 */
export function findMojibake(text: string): MojibakeSuspicion | undefined {
  let count = 0
  let first: RegExpExecArray | undefined
  for (const match of text.matchAll(SIGNATURE)) {
    count++
    first ??= match
  }
  if (count < 2 || !first) return undefined
  return { count, sample: first[0], offset: first.index ?? 0 }
}
