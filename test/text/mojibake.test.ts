import { describe, it, expect } from 'vitest'
import iconv from 'iconv-lite'
import { findMojibake, repairMojibake } from '../../src/text/mojibake.js'

type Codec = 'macintosh' | 'windows1252' | 'latin1'

/**
 * Produces mojibake the way it happens in the wild: the UTF-8 bytes of `text`
 * decoded with a legacy code page (iconv-lite), i.e. what an editor shows and
 * then saves as UTF-8. iconv-lite's tables differ from today's decoders in a
 * few places, patched here to match them:
 * - Mac Roman 0xF0 is the Apple logo U+F8FF (iconv-lite: U+FFFD);
 * - with `modernMac`, 0xDB is € (not ¤) and 0xBD is Ω U+03A9 (not Ω U+2126);
 * - Windows-1252's undefined bytes pass through as C1 controls (iconv-lite: U+FFFD).
 */
function misdecode(text: string, codec: Codec, { modernMac = false } = {}): string {
  const bytes = Buffer.from(text, 'utf8')
  const chars = iconv.decode(bytes, codec)
  expect(chars.length).toBe(bytes.length) // single-byte code page: one char per byte
  let out = ''
  for (let i = 0; i < chars.length; i++) {
    const byte = bytes[i]!
    let ch = chars[i]!
    if (ch === '\uFFFD') {
      if (codec === 'macintosh' && byte === 0xf0) ch = '\uF8FF'
      else if (codec === 'windows1252') ch = String.fromCharCode(byte)
      else throw new Error(`unexpected undefined byte 0x${byte.toString(16)} in ${codec}`)
    }
    if (codec === 'macintosh' && modernMac) {
      if (byte === 0xdb) ch = '€'
      if (byte === 0xbd) ch = '\u03A9'
    }
    out += ch
  }
  return out
}

describe('test helper', () => {
  it('produces the mojibake seen in the wild', () => {
    expect(misdecode('Réponse', 'macintosh')).toBe('R√©ponse')
    expect(misdecode('🔴', 'macintosh')).toBe('\uF8FFüî¥')
    expect(misdecode('Réponse', 'windows1252')).toBe('RÃ©ponse')
  })
})

describe('repairMojibake: Mac Roman', () => {
  it('repairs the French + emoji text of the seed file', () => {
    const original = "# Niveau Hardcore 🔴\n\n**Réponse Attendue :**\nLe modèle… À l'intérieur d'un même processus, tâches."
    const broken = misdecode(original, 'macintosh')
    expect(broken).toContain('R√©ponse')
    expect(broken).toContain('mod√®le')
    expect(broken).toContain("√Ä l'int√©rieur")
    expect(repairMojibake(broken)).toEqual({ text: original, repaired: ['macintosh'] })
  })

  it('maps byte 0xF0 to the Apple logo U+F8FF (every emoji starts with F0)', () => {
    const original = 'Go 🚀🔥 ok'
    const broken = misdecode(original, 'macintosh')
    expect(broken).toContain('\uF8FF')
    expect(repairMojibake(broken)).toEqual({ text: original, repaired: ['macintosh'] })
  })

  it('accepts both the old ¤ and the modern € for byte 0xDB', () => {
    const original = 'یک' // Persian "one": U+06CC U+06A9, lead byte DB
    const old = misdecode(original, 'macintosh')
    const modern = misdecode(original, 'macintosh', { modernMac: true })
    expect(old).toContain('¤')
    expect(modern).toContain('€')
    expect(repairMojibake(old)).toEqual({ text: original, repaired: ['macintosh'] })
    expect(repairMojibake(modern)).toEqual({ text: original, repaired: ['macintosh'] })
  })

  it('accepts both the Ohm sign U+2126 and Greek Omega U+03A9 for byte 0xBD', () => {
    const original = 'Ýmir ý ½ 👽'
    const old = misdecode(original, 'macintosh')
    const modern = misdecode(original, 'macintosh', { modernMac: true })
    expect(old).toContain('\u2126')
    expect(modern).toContain('\u03A9')
    expect(repairMojibake(old)).toEqual({ text: original, repaired: ['macintosh'] })
    expect(repairMojibake(modern)).toEqual({ text: original, repaired: ['macintosh'] })
  })
})

describe('repairMojibake: Windows-1252 and Latin-1', () => {
  it('repairs RÃ©ponse as Windows-1252 (not as Mac Roman, which would give R̩ponse)', () => {
    // In Mac Roman `Ã©` is CC A9, valid UTF-8 for U+0329: trying Mac Roman
    // first would "repair" this into a combining mark.
    expect(repairMojibake('RÃ©ponse')).toEqual({ text: 'Réponse', repaired: ['windows-1252'] })
    const original = 'ça, être, côté, São Paulo: réponse'
    expect(repairMojibake(misdecode(original, 'windows1252'))).toEqual({ text: original, repaired: ['windows-1252'] })
  })

  it('repairs Windows-1252 mojibake that uses the 0x80–0x9F punctuation', () => {
    const original = 'l’été — “ok” … 5 €'
    const broken = misdecode(original, 'windows1252')
    expect(broken).toContain('â€™')
    expect(repairMojibake(broken)).toEqual({ text: original, repaired: ['windows-1252'] })
  })

  it('maps the undefined Windows-1252 bytes to C1 controls (Á = C3 81)', () => {
    const original = 'Álvaro, Íñigo, Ýr, Ðe'
    const broken = misdecode(original, 'windows1252')
    expect(broken).toContain('\u0081')
    expect(repairMojibake(broken)).toEqual({ text: original, repaired: ['windows-1252'] })
  })

  it('falls back to Latin-1 when a C1 control has no Windows-1252 byte', () => {
    const original = 'ÉCOLE — Élan' // É = C3 89, — = E2 80 94: 0x89 0x80 0x94 differ in Windows-1252
    const broken = misdecode(original, 'latin1')
    expect(broken).not.toBe(misdecode(original, 'windows1252'))
    expect(broken).toContain('\u0089')
    expect(repairMojibake(broken)).toEqual({ text: original, repaired: ['latin1'] })
  })
})

describe('repairMojibake: rounds', () => {
  it('undoes double mojibake, outermost layer first', () => {
    expect(repairMojibake('RÃƒÂ©ponse')).toEqual({ text: 'Réponse', repaired: ['windows-1252', 'windows-1252'] })
    const original = 'Réponse 🔴 modèle'
    const twice = misdecode(misdecode(original, 'windows1252'), 'macintosh')
    expect(repairMojibake(twice)).toEqual({ text: original, repaired: ['macintosh', 'windows-1252'] })
  })

  it('keeps a repaired leading U+FEFF (dropping it is up to the caller)', () => {
    expect(repairMojibake('ï»¿RÃ©ponse')).toEqual({ text: '\uFEFFRéponse', repaired: ['windows-1252'] })
  })

  it('rejects text that ends inside a UTF-8 sequence', () => {
    expect(repairMojibake('RÃ©ponse Ã')).toEqual({ text: 'RÃ©ponse Ã', repaired: [] })
  })

  it('undoes at most two layers', () => {
    const once = misdecode('Réponse', 'windows1252')
    const thrice = misdecode(misdecode(once, 'windows1252'), 'windows1252')
    expect(repairMojibake(thrice)).toEqual({ text: once, repaired: ['windows-1252', 'windows-1252'] })
  })

  it('recovers every single and double mojibake of a multilingual corpus exactly', () => {
    // Checks the code-page order: with Mac Roman first, 20 of the single and
    // 60 of the double cases of this corpus come out wrong.
    const corpus = [
      'Réponse', 'modèle', "À l'intérieur", 'Größe', '¿Qué tal?', 'São Paulo', 'naïve', 'ça va', 'être',
      'côté', 'Fête', 'île', 'où', 'déjà', 'l’été — “ok”', '🔴 urgent', '€5', 'Ελληνικά', 'Привет', '中文',
      'Zażółć', 'ý½', 'École', 'Élan', 'coût', 'garçon', 'noël', 'cœur', 'Ångström', 'ñandú', 'Ýmir',
    ]
    const codecs: Codec[] = ['macintosh', 'windows1252', 'latin1']
    const failures: string[] = []
    for (const original of corpus) {
      for (const first of codecs) {
        const once = misdecode(original, first)
        if (repairMojibake(once).text !== original) failures.push(`${original} via ${first}`)
        for (const second of codecs) {
          const twice = misdecode(once, second)
          if (repairMojibake(twice).text !== original) failures.push(`${original} via ${first} then ${second}`)
        }
      }
    }
    expect(failures).toEqual([])
  })
})

describe('repairMojibake: clean text is never touched', () => {
  const clean: Record<string, string> = {
    ascii: '# Title\n\nJust ASCII, with `code` and **bold**.\n',
    french: "Qu'est-ce que le modèle de concurrence ? À l'intérieur d'un même processus, les tâches s'exécutent. Où ? Déjà !",
    german: 'Größe, Übung, Äpfel und Öl: Straße, schön, grün.',
    spanish: '¿Qué tal? ¡Muy bien! El niño comió piña en Año Nuevo.',
    portuguese: 'São Paulo, ação, coração, você, avô e avó.',
    polish: 'Zażółć gęślą jaźń. Łódź, Kraków, Gdańsk.',
    russian: 'Привет, как дела? Съешь же ещё этих мягких французских булок.',
    greek: 'Γειά σου Κόσμε. Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.',
    emoji: 'Niveau 🔴 facile 🟢 — 👍🏽 ✅ ❤️ 🇫🇷',
    cjk: '日本語のテキスト。中文文本。한국어 텍스트.',
    guillemets: 'Le «Élan» et « Été » ; “Éric” — l’œuvre, naïve, ½ ¼ ©® ™ …',
    guillemetPairsOnly: '«Élan»',
    mathAndSymbols: '√2 ≈ 1,414 ; π ≠ 3 ; ∞ ≤ ∑ ; ƒ(x) ; 5 € ; ¤ ; Ω',
    partialMojibake: 'Le mot « RÃ©ponse » est du mojibake pour « Réponse ».',
    combining: 'Re\u0301ponse (NFD) et cafe\u0301',
    latin1Symbols: 'Â© 2024 — Ã la carte',
  }
  for (const [name, text] of Object.entries(clean)) {
    it(`leaves ${name} text unchanged`, () => {
      const result = repairMojibake(text)
      expect(result.repaired).toEqual([])
      expect(result.text).toBe(text)
    })
  }

  it('returns the very same string when untouched', () => {
    const text = 'déjà vu'
    expect(repairMojibake(text).text).toBe(text)
  })

  it('leaves mojibake alone when a single genuine accented letter is anywhere in the text', () => {
    // The whole text must re-encode; repairing segment by segment would
    // corrupt files that merely quote mojibake next to real text.
    const letters = 'àâäçéèêëîïôöùûüÿñßœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÑŒÆáíóúÁÍÓÚãõÃÕ'
    const changed: string[] = []
    for (const codec of ['macintosh', 'windows1252', 'latin1'] as const) {
      const broken = misdecode('Réponse 🔴 modèle', codec)
      expect(repairMojibake(broken).repaired).not.toEqual([])
      for (const letter of letters) {
        const text = `${broken} ${letter}.`
        if (repairMojibake(text).text !== text) changed.push(`${codec}: ${text}`)
      }
    }
    expect(changed).toEqual([])
  })
})

describe('findMojibake (partly damaged text)', () => {
  it('points at mojibake that whole-text repair cannot undo', () => {
    const text = 'Clean: déjà vu.\nDamaged: RÃ©ponse, sÃ©quence, l‚Äôapostrophe, √©t√©.'
    expect(repairMojibake(text).repaired).toEqual([])
    expect(findMojibake(text)).toEqual({count: 5, sample: 'Ã©', offset: text.indexOf('Ã©')})
  })

  it('stays quiet on clean text and on a single odd pair', () => {
    for (const clean of ['Réponse attendue : déjà, à, ça, œuvre, « Élan »', 'Größe, Ärger', '¿Qué?', '日本語 🔴', 'Ã then space: Ã ok', 'only one: Ã©']) {
      expect(findMojibake(clean)).toBeUndefined()
    }
  })
})
