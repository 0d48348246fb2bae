import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import iconv from 'iconv-lite'
import { decodeBytes, type DecodeResult } from '../../src/text/decode.js'

const SEED = new URL('../../fixtures/000_7f03c07bfde96dd4.txt', import.meta.url)

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8')
const bytesOf = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))))
const utf16le = (text: string): Uint8Array => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
const utf16be = (text: string): Uint8Array => {
  const body = Buffer.from(text, 'utf16le')
  body.swap16()
  return Buffer.concat([Buffer.from([0xfe, 0xff]), body])
}

/** UTF-8 → wrong code page → saved as UTF-8 (Mac Roman 0xF0 patched to the Apple logo, as real decoders do). */
function misdecode(text: string, codec: 'macintosh' | 'windows1252' | 'latin1'): string {
  const bytes = Buffer.from(text, 'utf8')
  const chars = iconv.decode(bytes, codec)
  return Array.from(chars, (ch, i) => (ch === '\uFFFD' && bytes[i] === 0xf0 ? '\uF8FF' : ch)).join('')
}

function ok(result: DecodeResult) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problem)}`)
  return result
}

function problem(result: DecodeResult) {
  if (result.ok) throw new Error(`expected a problem, got text ${JSON.stringify(result.text)}`)
  return result.problem
}

describe('decodeBytes: UTF-8 and BOMs', () => {
  it('decodes plain UTF-8 as is', () => {
    expect(decodeBytes(utf8('# Titre\n\nRéponse 🔴\n'))).toEqual({
      ok: true,
      text: '# Titre\n\nRéponse 🔴\n',
      encoding: 'utf-8',
      bom: false,
      repaired: [],
      fallback: false,
    })
  })

  it('strips a UTF-8 BOM and normalises CRLF', () => {
    const bytes = bytesOf([0xef, 0xbb, 0xbf], Buffer.from('# Été\r\n\r\nRéponse\r\n', 'utf8').toString('latin1'))
    expect(decodeBytes(bytes)).toEqual({
      ok: true,
      text: '# Été\n\nRéponse\n',
      encoding: 'utf-8',
      bom: true,
      repaired: [],
      fallback: false,
    })
  })

  it('keeps a second U+FEFF after the BOM (only the BOM is removed)', () => {
    expect(ok(decodeBytes(bytesOf([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'a')))).toMatchObject({ text: '\uFEFFa', bom: true })
  })

  it('decodes UTF-16 LE with BOM and CRLF', () => {
    expect(decodeBytes(utf16le('# Été 🔴\r\nRéponse\r\n'))).toEqual({
      ok: true,
      text: '# Été 🔴\nRéponse\n',
      encoding: 'utf-16le',
      bom: true,
      repaired: [],
      fallback: false,
    })
  })

  it('decodes UTF-16 BE with BOM and CRLF', () => {
    expect(decodeBytes(utf16be('# Été 🔴\r\nRéponse\r\n'))).toEqual({
      ok: true,
      text: '# Été 🔴\nRéponse\n',
      encoding: 'utf-16be',
      bom: true,
      repaired: [],
      fallback: false,
    })
  })

  it('decodes UTF-16 LE from a view with a byte offset', () => {
    const whole = Buffer.concat([Buffer.from('junk!'), Buffer.from(utf16le('ok é'))])
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 5, whole.length - 5)
    expect(ok(decodeBytes(view)).text).toBe('ok é')
  })

  it('repairs mojibake inside UTF-16 files too', () => {
    expect(ok(decodeBytes(utf16le('RÃ©ponse')))).toMatchObject({ text: 'Réponse', repaired: ['windows-1252'] })
  })

  it('rejects truncated UTF-16 and unpaired surrogates', () => {
    const odd = Buffer.concat([Buffer.from(utf16le('ab\ncd')), Buffer.from([0x41])])
    expect(problem(decodeBytes(odd))).toMatchObject({ line: 2, column: 3 })
    const lone = problem(decodeBytes(utf16le('ab\nc\uD800d')))
    expect(lone).toMatchObject({ line: 2, column: 2 })
    expect(lone.reason).toMatch(/unpaired surrogate 0xD800/)
  })

  it('rejects UTF-32 with a clear message', () => {
    expect(problem(decodeBytes(bytesOf([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]))).reason).toMatch(/UTF-32/)
    expect(problem(decodeBytes(bytesOf([0, 0, 0xfe, 0xff, 0, 0, 0, 0x41]))).reason).toMatch(/UTF-32/)
  })
})

describe('decodeBytes: newlines', () => {
  it('turns lone CR and CRLF into LF', () => {
    expect(ok(decodeBytes(utf8('a\rb\r\rc\r\n\rd\n\re\r'))).text).toBe('a\nb\n\nc\n\nd\n\ne\n')
  })

  it('changes nothing else', () => {
    const text = 'tab\there\fform feed  \u00A0nbsp \u2028 trailing   \n\n\nend'
    expect(ok(decodeBytes(utf8(text))).text).toBe(text)
  })
})

describe('decodeBytes: the real seed file', () => {
  it('repairs UTF-8 French that went through Mac Roman', () => {
    const result = ok(decodeBytes(readFileSync(SEED)))
    expect(result.repaired).toEqual(['macintosh'])
    expect(result).toMatchObject({ encoding: 'utf-8', bom: false, fallback: false })
    const lines = result.text.split('\n')
    expect(lines[0]).toBe('# Niveau Hardcore 🔴')
    expect(result.text).toContain('**Réponse Attendue :**')
    expect(result.text).toContain('Le modèle de concurrence')
    expect(result.text).toContain("À l'intérieur")
    expect(result.text).not.toMatch(/[√\uF8FF]|‚Ä/)
    // Byte-exact against an independent round trip (iconv-lite Mac Roman
    // with the Apple-logo patch).
    const raw = readFileSync(SEED, 'utf8')
    let bytes = ''
    for (const ch of raw) {
      bytes += ch === '\uF8FF' ? '\xf0' : iconv.encode(ch, 'macintosh').toString('latin1')
    }
    expect(result.text).toBe(Buffer.from(bytes, 'latin1').toString('utf8'))
  })

  it('leaves it alone with repairMojibake: false', () => {
    const result = ok(decodeBytes(readFileSync(SEED), { repairMojibake: false }))
    expect(result.repaired).toEqual([])
    expect(result.text.split('\n')[0]).toBe('# Niveau Hardcore \uF8FFüî¥')
  })
})

describe('decodeBytes: mojibake', () => {
  it('repairs synthetic Windows-1252 mojibake', () => {
    expect(ok(decodeBytes(utf8('**RÃ©ponse** : modÃ¨le\r\n')))).toMatchObject({
      text: '**Réponse** : modèle\n',
      repaired: ['windows-1252'],
      encoding: 'utf-8',
    })
  })

  it('repairs Latin-1-only mojibake (continuation byte 0x89 ≠ Windows-1252 ‰)', () => {
    const broken = misdecode('ÉCOLE — Élan', 'latin1')
    expect(broken).toContain('\u0089')
    expect(ok(decodeBytes(utf8(broken)))).toMatchObject({ text: 'ÉCOLE — Élan', repaired: ['latin1'] })
  })

  it('repairs double mojibake', () => {
    const twice = misdecode(misdecode('Réponse 🔴', 'windows1252'), 'macintosh')
    expect(ok(decodeBytes(utf8(twice)))).toMatchObject({ text: 'Réponse 🔴', repaired: ['macintosh', 'windows-1252'] })
  })

  it('drops a BOM that went through the same mistake', () => {
    const broken = misdecode('\uFEFF# Réponse', 'windows1252') // `ï»¿# RÃ©ponse`
    expect(broken.startsWith('ï»¿')).toBe(true)
    expect(ok(decodeBytes(utf8(broken)))).toMatchObject({ text: '# Réponse', bom: false, repaired: ['windows-1252'] })
  })

  it('does nothing with repairMojibake: false, and repairs with null/undefined (default)', () => {
    expect(ok(decodeBytes(utf8('RÃ©ponse'), { repairMojibake: false }))).toMatchObject({ text: 'RÃ©ponse', repaired: [] })
    expect(ok(decodeBytes(utf8('RÃ©ponse'), { repairMojibake: null })).text).toBe('Réponse')
    expect(ok(decodeBytes(utf8('RÃ©ponse'), { repairMojibake: undefined })).text).toBe('Réponse')
    expect(ok(decodeBytes(utf8('RÃ©ponse'), null)).text).toBe('Réponse')
    expect(ok(decodeBytes(utf8('RÃ©ponse'), {})).text).toBe('Réponse')
  })

  const clean: Record<string, string> = {
    french: "Qu'est-ce que le modèle ? À l'intérieur d'un même processus, les tâches s'exécutent.",
    german: 'Größe, Übung, Äpfel und Öl: Straße, schön, grün.',
    spanish: '¿Qué tal? ¡Muy bien! El niño comió piña.',
    portuguese: 'São Paulo, ação, coração, você, avô e avó.',
    polish: 'Zażółć gęślą jaźń. Łódź, Kraków.',
    russian: 'Съешь же ещё этих мягких французских булок.',
    greek: 'Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.',
    emoji: 'Niveau 🔴 facile 🟢 — 👍🏽 ✅ ❤️ 🇫🇷',
    cjk: '日本語のテキスト。中文文本。한국어.',
    guillemets: 'Le «Élan» et « Été » ; “Éric” — l’œuvre, naïve.',
  }
  for (const [name, text] of Object.entries(clean)) {
    it(`passes clean ${name} text through unchanged`, () => {
      expect(decodeBytes(utf8(text))).toEqual({ ok: true, text, encoding: 'utf-8', bom: false, repaired: [], fallback: false })
    })
  }
})

describe('decodeBytes: Windows-1252 fallback', () => {
  it('decodes a legacy Windows-1252 file', () => {
    expect(decodeBytes(bytesOf('caf\xe9'))).toEqual({
      ok: true,
      text: 'café',
      encoding: 'windows-1252',
      bom: false,
      repaired: [],
      fallback: true,
    })
  })

  it('uses Windows-1252 (not Latin-1) for 0x80–0x9F, and normalises newlines', () => {
    expect(ok(decodeBytes(bytesOf('l\x92\xe9t\xe9\r\n\x93ok\x94 \x80\r')))).toMatchObject({
      text: 'l’été\n“ok” €\n',
      fallback: true,
    })
  })

  it('allows TAB and form feed in a fallback file', () => {
    expect(ok(decodeBytes(bytesOf('caf\xe9\t\f\n')))).toMatchObject({ text: 'café\t\f\n', fallback: true })
  })

  it('does not repair "mojibake" in fallback text (bytes 9C E9 would give ώ via Mac Roman)', () => {
    expect(ok(decodeBytes(bytesOf([0x9c, 0xe9])))).toMatchObject({ text: 'œé', repaired: [], fallback: true })
  })

  it('does not fall back after a UTF-8 BOM', () => {
    const p = problem(decodeBytes(bytesOf([0xef, 0xbb, 0xbf], 'ab\ncaf\xe9')))
    expect(p).toMatchObject({ line: 2, column: 4 })
    expect(p.reason).toMatch(/^not valid UTF-8 \(byte 0xE9 at line 2, column 4\)/)
  })
})

describe('decodeBytes: errors', () => {
  it('reports a NUL byte with its position', () => {
    const p = problem(decodeBytes(bytesOf('ab\r\ncd\x00ef')))
    expect(p).toEqual({ reason: 'contains a NUL byte: this looks like a binary file, not text', line: 2, column: 3 })
  })

  it('reports a NUL byte even in bytes that are not UTF-8', () => {
    expect(problem(decodeBytes(bytesOf('\x81\x89PNG\r\n\x1a\n\x00')))).toMatchObject({ reason: expect.stringMatching(/NUL byte/), line: 3, column: 1 })
  })

  it('reports other C0 controls, but allows TAB, LF, FF and CR', () => {
    const p = problem(decodeBytes(utf8('é\tx\f\ny \x1b[31m')))
    expect(p).toMatchObject({ line: 2, column: 3 })
    expect(p.reason).toMatch(/control character U\+001B.*binary/)
  })

  it('reports a NUL character in UTF-16', () => {
    expect(problem(decodeBytes(utf16le('ab\ncd\0')))).toMatchObject({ reason: expect.stringMatching(/NUL/), line: 2, column: 3 })
  })

  it('reports invalid UTF-8 containing a byte undefined in Windows-1252', () => {
    const p = problem(decodeBytes(bytesOf('line 1\r\nline 2\nabcdef\x81 ok')))
    expect(p).toMatchObject({ line: 3, column: 7 })
    expect(p.reason).toMatch(/^not valid UTF-8 \(byte 0x81 at line 3, column 7/)
  })

  it('points at the first invalid UTF-8 sequence, not at the undefined byte', () => {
    const p = problem(decodeBytes(bytesOf('caf\xe9\n\x8d')))
    expect(p).toMatchObject({ line: 1, column: 4 })
    expect(p.reason).toMatch(/^not valid UTF-8 \(byte 0xE9 at line 1, column 4\).*0x8D.*line 2, column 1/)
  })

  it('refuses the fallback when a control character is present', () => {
    const p = problem(decodeBytes(bytesOf('caf\xe9 \x01')))
    expect(p).toMatchObject({ line: 1, column: 4 })
    expect(p.reason).toMatch(/control character 0x01/)
  })

  it('counts columns in UTF-16 code units of the text before the error', () => {
    // é = 1 unit, 🔴 = 2 units; then a lead byte without its continuation.
    const bytes = Buffer.concat([Buffer.from('é🔴', 'utf8'), Buffer.from([0xc3, 0x28, 0x81])])
    expect(problem(decodeBytes(bytes))).toMatchObject({ line: 1, column: 4 })
  })

  it('recognises overlong, surrogate and out-of-range sequences', () => {
    for (const bad of [[0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf0, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf8]]) {
      const p = problem(decodeBytes(bytesOf('ok ', bad, [0x81])))
      expect(p, bad.join(' ')).toMatchObject({ line: 1, column: 4 })
    }
    // A truncated sequence at the very end.
    expect(problem(decodeBytes(bytesOf('\x81ok ', [0xe2, 0x82])))).toMatchObject({ line: 1, column: 1 })
    expect(problem(decodeBytes(bytesOf('ok\x8d ', [0xe2, 0x82])))).toMatchObject({ line: 1, column: 3 })
  })
})

describe('decodeBytes: size', () => {
  it('handles megabytes of clean text quickly', () => {
    const paragraph = "## Qu'est-ce que le modèle ? 🔴\r\n\r\n**Réponse :** À l'intérieur d'un même processus.\r\n\r\n"
    const text = paragraph.repeat(40_000) // ≈ 4 MB
    const bytes = utf8(text)
    const start = performance.now()
    const result = ok(decodeBytes(bytes))
    const elapsed = performance.now() - start
    expect(result.text).toBe(text.replace(/\r\n/g, '\n'))
    expect(result.repaired).toEqual([])
    expect(elapsed).toBeLessThan(2000) // linear work is ~tens of ms; this only catches accidental quadratic cost
  })
})
