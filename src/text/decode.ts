/**
 * Bytes → text: the first stage of reading a question file.
 *
 * Decides the encoding (BOM, strict UTF-8, Windows-1252 fallback), rejects
 * binary files, normalises line endings to LF and repairs mojibake. Pure: no
 * I/O, no state that survives a call (apart from constant lookup tables).
 *
 * @module
 */
import { Buffer } from 'node:buffer'
import {codePages} from './code-pages.js'
import { repairMojibake, type MojibakeEncoding } from './mojibake.js'

export type { MojibakeEncoding } from './mojibake.js'

/** The encoding the file's bytes were read with. */
export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

/** Options for {@link decodeBytes}. */
export interface DecodeOptions {
  /** Repair mojibake. Default true. */
  repairMojibake?: boolean | null | undefined
}

/** Why a file could not be read as text, and where. */
export interface DecodeProblem {
  /** Human-readable reason, e.g. `not valid UTF-8 (byte 0x81 at line 3, column 7)`. */
  reason: string
  /**
   * 1-based line of the first offending byte/character in the text as far as
   * it could be read (LF, CRLF and lone CR each end a line).
   */
  line: number
  /**
   * 1-based column of the same, counted in UTF-16 code units of the decoded
   * line like unist/vfile positions from remark, so it lines up with the
   * positions of every other diagnostic.
   */
  column: number
}

/** Result of {@link decodeBytes}: the text and how it was obtained, or a problem. */
export type DecodeResult =
  | {
      ok: true
      /** Decoded text: BOM removed, LF line endings, mojibake repaired (unless disabled). */
      text: string
      /** Encoding the bytes were decoded with. */
      encoding: SourceEncoding
      /** The file started with a byte order mark (which was removed). */
      bom: boolean
      /** Mojibake layers undone, in the order applied; empty when the text was untouched. */
      repaired: MojibakeEncoding[]
      /** True when the bytes were not UTF-8 and were decoded as Windows-1252 instead. */
      fallback: boolean
    }
  | { ok: false; problem: DecodeProblem }

/**
 * Strict UTF-8 decoder. `ignoreBOM: true` because BOMs are handled explicitly
 * below: the default would silently drop a *second* U+FEFF after the one we
 * strip, and "nothing else in the text changes".
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
/** Lenient UTF-8 (U+FFFD per bad sequence), only to locate errors in text that is not valid. */
const UTF8_LENIENT = new TextDecoder('utf-8', { ignoreBOM: true })

/** C0 controls that have no business in a text file: all but TAB, LF, FF and CR. */
const BAD_CONTROL = /[\x00-\x08\x0b\x0e-\x1f]/
/** A UTF-16 surrogate without its partner: the bytes were not well-formed UTF-16. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Bytes that rule out the Windows-1252 fallback: C0 controls other than TAB,
 * LF, FF, CR (a sign of binary data, not of a legacy text file) and the five
 * bytes Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D), which real
 * Windows-1252 text cannot contain. 1 = bad. A lookup table keeps the scan to
 * one load per byte.
 */
const NOT_CP1252_TEXT = (() => {
  const table = new Uint8Array(256)
  for (let byte = 0; byte < 0x20; byte++) table[byte] = 1
  for (const byte of [0x09, 0x0a, 0x0c, 0x0d]) table[byte] = 0
  for (const byte of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) table[byte] = 1
  return table
})()

/**
 * Decodes the bytes of a question file into text.
 *
 * 1. A BOM decides the encoding: EF BB BF → UTF-8, FF FE → UTF-16 LE,
 *    FE FF → UTF-16 BE; it is removed and `bom` is true. A UTF-8 BOM is a
 *    promise, so invalid UTF-8 after it is an error (no fallback). UTF-32 BOMs
 *    are rejected with a clear message.
 * 2. Without a BOM the bytes must be strict UTF-8. If they are not, and they
 *    contain neither C0 controls (other than TAB/LF/FF/CR) nor the five bytes
 *    Windows-1252 leaves undefined, they are decoded as Windows-1252
 *    (`fallback: true`); otherwise the result is an error pointing at the
 *    first invalid UTF-8 sequence.
 * 3. A NUL byte (outside UTF-16) or, after decoding, any C0 control other than
 *    TAB/LF/FF/CR makes the file binary: error with its position.
 * 4. CRLF and lone CR become LF. Nothing else changes.
 * 5. Unless `options.repairMojibake` is `false`, mojibake is repaired with
 *    {@link repairMojibake} (not for the Windows-1252 fallback: those bytes
 *    were not UTF-8 to begin with, so there is no UTF-8 to recover). A
 *    leading U+FEFF that comes out of the repair (a BOM that went through the
 *    same mistake, `ï»¿`) is dropped like a real BOM; `bom` stays false.
 *
 * Fast on large inputs: the happy path is native code (`indexOf`,
 * `TextDecoder`, regex scans); JavaScript loops over bytes only run to locate
 * an error or to vet the fallback.
 *
 * @param bytes The file's raw bytes.
 * @param options See {@link DecodeOptions}.
 * @returns `{ ok: true, text, … }` or `{ ok: false, problem }`.
 */
export function decodeBytes(bytes: Uint8Array, options?: DecodeOptions | null): DecodeResult {
  const repair = options?.repairMojibake !== false
  const b0 = bytes[0]
  const b1 = bytes[1]

  // UTF-32 before UTF-16: FF FE 00 00 also starts with the UTF-16 LE BOM.
  if (
    (b0 === 0xff && b1 === 0xfe && bytes[2] === 0x00 && bytes[3] === 0x00) ||
    (b0 === 0x00 && b1 === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff)
  ) {
    return failure('UTF-32 text is not supported: save the file as UTF-8', 1, 1)
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const encoding = b0 === 0xff ? 'utf-16le' : 'utf-16be'
    const decoded = decodeUtf16(bytes.subarray(2), encoding === 'utf-16le')
    if (typeof decoded !== 'string') return decoded
    return finish(decoded, encoding, true, false, repair)
  }
  const bom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf
  return decodeUtf8(bom ? bytes.subarray(3) : bytes, bom, repair)
}

/** UTF-8 (with or without BOM), falling back to Windows-1252 only without a BOM. */
function decodeUtf8(bytes: Uint8Array, bom: boolean, repair: boolean): DecodeResult {
  // NUL first, on the bytes: binary files are usually invalid UTF-8 too, and
  // "this is a binary file" is the more useful message. indexOf is native.
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    const { line, column } = positionAtByte(bytes, nul)
    return failure('contains a NUL byte: this looks like a binary file, not text', line, column)
  }

  let text: string
  try {
    text = UTF8.decode(bytes)
  } catch {
    return decodeNonUtf8(bytes, bom)
  }
  return finish(text, 'utf-8', bom, false, repair)
}

/** The bytes are not UTF-8: Windows-1252 fallback, or an error pointing at the first invalid sequence. */
function decodeNonUtf8(bytes: Uint8Array, bom: boolean): DecodeResult {
  let invalid = firstInvalidUtf8(bytes)
  if (invalid === -1) invalid = 0 // unreachable (TextDecoder rejected the bytes); keep a sane position
  const at = positionAtByte(bytes, invalid)
  const utf8Problem = `byte ${hex(bytes[invalid] ?? 0)} at line ${at.line}, column ${at.column}`

  if (bom) {
    // The BOM says UTF-8; guessing another encoding would contradict the file.
    return failure(`not valid UTF-8 (${utf8Problem})`, at.line, at.column)
  }

  const bad = firstNonCp1252Byte(bytes)
  if (bad === -1) {
    // Legacy Windows-1252 text (e.g. `caf\xe9` from an old Windows editor).
    // Latin-1 would decode the same except 0x80–0x9F, where Windows-1252 has
    // the printable characters (€ ’ “ ” – …) such files actually contain.
    // No mojibake repair (repair = false): these bytes are not UTF-8, so
    // there is no UTF-8 to recover; any "repair" would be a guess on a guess.
    const text = codePages().decode(bytes, 'windows1252')
    return finish(text, 'windows-1252', false, true, false)
  }

  const value = bytes[bad] ?? 0
  let why: string
  if (bad === invalid) {
    why = `not valid UTF-8 (${utf8Problem}; that byte is undefined in Windows-1252 too)`
  } else {
    const where = positionAtByte(bytes, bad)
    const what = value < 0x20 ? `control character ${hex(value)}` : `byte ${hex(value)}, undefined in Windows-1252,`
    why =
      `not valid UTF-8 (${utf8Problem}); not read as Windows-1252 either because of ` +
      `${what} at line ${where.line}, column ${where.column}`
  }
  return failure(why, at.line, at.column)
}

/**
 * UTF-16 body (after the BOM). Node's `utf16le` decoding is native and keeps
 * lone surrogates as they are, which lets us report them instead of silently
 * turning them into U+FFFD; big-endian is byte-swapped into a copy first.
 */
function decodeUtf16(body: Uint8Array, littleEndian: boolean): string | DecodeResult {
  const even = body.length - (body.length % 2)
  let buffer: Buffer
  if (littleEndian) {
    buffer = Buffer.from(body.buffer, body.byteOffset, even)
  } else {
    buffer = Buffer.from(body.subarray(0, even)) // copy: swap16 works in place
    buffer.swap16()
  }
  const text = buffer.toString('utf16le')
  if (even !== body.length) {
    const { line, column } = positionIn(text, text.length)
    return failure('not valid UTF-16: odd number of bytes (the last character is cut off)', line, column)
  }
  const lone = LONE_SURROGATE.exec(text)
  if (lone) {
    const { line, column } = positionIn(text, lone.index)
    const unit = text.charCodeAt(lone.index).toString(16).toUpperCase()
    return failure(`not valid UTF-16 (unpaired surrogate 0x${unit} at line ${line}, column ${column})`, line, column)
  }
  return text
}

/** Shared tail: binary check, newline normalisation, mojibake repair. */
function finish(
  decoded: string,
  encoding: SourceEncoding,
  bom: boolean,
  fallback: boolean,
  repair: boolean,
): DecodeResult {
  // Native regex scan; for UTF-8/Windows-1252 this only finds controls other
  // than NUL (NUL bytes were rejected earlier), for UTF-16 it also finds U+0000.
  const control = BAD_CONTROL.exec(decoded)
  if (control) {
    const { line, column } = positionIn(decoded, control.index)
    const code = decoded.charCodeAt(control.index)
    const what = code === 0 ? 'a NUL character' : `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    return failure(`contains ${what}: this looks like a binary file, not text`, line, column)
  }

  let text = decoded.includes('\r') ? decoded.replace(/\r\n?/g, '\n') : decoded

  let repaired: MojibakeEncoding[] = []
  if (repair) {
    const result = repairMojibake(text)
    if (result.repaired.length > 0) {
      text = result.text
      repaired = result.repaired
      // A UTF-8 BOM that went through the same mistake (`ï»¿`, `Ôªø`) comes
      // back as U+FEFF at the start; it is a BOM, not content, so drop it
      // like the real one (it would otherwise glue itself to the first line).
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
  }
  return { ok: true, text, encoding, bom, repaired, fallback }
}

/**
 * Offset of the first byte that starts an invalid UTF-8 sequence (stray
 * continuation byte, C0/C1 overlong lead, F5–FF, truncated sequence, overlong,
 * surrogate or > U+10FFFF: the same rules as `TextDecoder` with `fatal`), or
 * -1 if the bytes are valid. Only called after `TextDecoder` has failed.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const length = bytes.length
  let i = 0
  while (i < length) {
    const lead = bytes[i]!
    if (lead < 0x80) {
      i++
      continue
    }
    let need: number
    let lo = 0x80
    let hi = 0xbf
    if (lead >= 0xc2 && lead <= 0xdf) {
      need = 1
    } else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2
      if (lead === 0xe0) lo = 0xa0
      else if (lead === 0xed) hi = 0x9f
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3
      if (lead === 0xf0) lo = 0x90
      else if (lead === 0xf4) hi = 0x8f
    } else {
      return i
    }
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k]
      if (next === undefined || next < lo || next > hi) return i
      lo = 0x80
      hi = 0xbf
    }
    i += need + 1
  }
  return -1
}

/** Offset of the first byte that rules out the Windows-1252 fallback, or -1. */
function firstNonCp1252Byte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    if (NOT_CP1252_TEXT[bytes[i]!] === 1) return i
  }
  return -1
}

/**
 * Line/column of byte `offset`, from the bytes before it decoded "as far as
 * they can be read": strict UTF-8 when that works, else lenient UTF-8 (one
 * U+FFFD per bad sequence, which for legacy single-byte text is one per byte,
 * as Windows-1252 would give). Lines are exact either way: line breaks are
 * ASCII and never part of a multi-byte sequence.
 */
function positionAtByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const head = bytes.subarray(0, offset)
  let text: string
  try {
    text = UTF8.decode(head)
  } catch {
    text = UTF8_LENIENT.decode(head)
  }
  return positionIn(text, text.length)
}

/** 1-based line/column of `index` in `text`; LF, CRLF and lone CR each end a line. */
function positionIn(text: string, index: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < index; i++) {
    const code = text.charCodeAt(i)
    if (code === 0x0a) {
      line++
      lineStart = i + 1
    } else if (code === 0x0d) {
      if (i + 1 < index && text.charCodeAt(i + 1) === 0x0a) i++
      line++
      lineStart = i + 1
    }
  }
  return { line, column: index - lineStart + 1 }
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`
}

function failure(reason: string, line: number, column: number): DecodeResult {
  return { ok: false, problem: { reason, line, column } }
}
