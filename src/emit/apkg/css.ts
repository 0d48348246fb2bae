/**
 * The stylesheet of deckdown's note types.
 *
 * It lives in the note type (`css` in `col.models`), not in a `_` media file:
 * a changed `_x.css` is never copied over an existing one on re-import
 * (anki-compat.md §1), while note-type CSS is replaced whenever the note type
 * `mod` is newer (§8, §9). The cost is size: AnkiDroid reads a note type in
 * one database row (~2 MB window, peers.md §4), so this stays a few KB.
 *
 * @module
 */
import {defaultNightSelectors, highlightCss} from '../../render/highlight.js'

// Night mode: desktop and AnkiDroid put `nightMode` and `night_mode` on the
// body, which also carries `.card` on desktop; AnkiMobile documents
// `.card.nightMode` (peers.md §4). Any `.nightMode` rule also stops old
// AnkiDroid from inverting the card's colours itself.
const night = (selector: string): string =>
  defaultNightSelectors.map((ancestor) => `${ancestor} ${selector}`).join(',')

const nightCard = defaultNightSelectors.flatMap((ancestor) => [`.card${ancestor}`, `${ancestor} .card`]).join(',')

const monospace = 'ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","Courier New",monospace'

/**
 * Card layout without the highlight theme: readable text, left-aligned and
 * scrollable code (Anki's stock `.card` centres text, which centres `<pre>`
 * too, peers.md issue 8), images that fit the screen, a discreet source line,
 * night mode and a phone size.
 */
export const cardCss = [
  '.card{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:20px;line-height:1.5;text-align:left;color:#1f2328;background-color:#fff;overflow-wrap:break-word}',
  `${nightCard}{color:#e4e6e9;background-color:#1e1f22}`,
  'p{margin:.5em 0}',
  'hr#answer{border:0;border-top:1px solid #d0d7de;margin:1em 0}',
  `${night('hr#answer')}{border-top-color:#44484f}`,
  'a{color:#0b5cad}',
  `${night('a')}{color:#7ab8ff}`,
  `code,kbd,samp,pre{font-family:${monospace}}`,
  'code{font-size:.88em;padding:.1em .3em;border-radius:4px;background-color:#eff1f3}',
  'pre{text-align:left;white-space:pre;overflow-x:auto;padding:.7em .9em;border-radius:6px;background-color:#f6f8fa;line-height:1.45;tab-size:4;-moz-tab-size:4}',
  'pre code{font-size:.8em;padding:0;background:none}',
  `${night('code')}{background-color:#2c2f34}`,
  `${night('pre')}{background-color:#26282c}`,
  `${night('pre code')}{background:none}`,
  // `!important` because AnkiDroid's own image rule can win otherwise (peers.md §4).
  'img{max-width:100%!important;height:auto}',
  'table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #d0d7de;padding:.25em .6em}',
  `${night('th')},${night('td')}{border-color:#44484f}`,
  'blockquote{margin:.5em 0;padding-left:1em;border-left:3px solid #d0d7de;color:#57606a}',
  `${night('blockquote')}{border-left-color:#44484f;color:#a8b0b9}`,
  '.dd-example{margin-top:1em;padding-left:.8em;border-left:3px solid #6ea8fe}',
  '.dd-extra{margin-top:1em;font-size:.9em;color:#57606a}',
  `${night('.dd-extra')}{color:#a8b0b9}`,
  '.dd-source{margin-top:1.5em;font-size:11px;color:#8c959f;text-align:right;overflow-wrap:anywhere}',
  `${night('.dd-source')}{color:#7d8590}`,
  // Phones: `.mobile` sits on <html> (AnkiDroid) or on the body with `.card`.
  '.mobile .card,.card.mobile{font-size:18px;line-height:1.45}',
  '.mobile pre{padding:.5em .6em}'
].join('\n')

/**
 * The shared stylesheet: {@link cardCss} plus the highlight theme (light and
 * night). "Basic (deckdown)" and "Basic and reversed (deckdown)" use it as
 * is; the cloze and choice types add their own rules after it, so a note
 * type carries only what its cards use and the Basic type's CSS (and so
 * every package of basic questions) stays byte-identical.
 */
export const noteTypeCss = `${cardCss}\n${highlightCss()}\n`

/**
 * Clozes. Anki's `{{cloze:…}}` filter wraps the active cloze in
 * `<span class="cloze">` (`[...]` or `[hint]` on the front, the text on the
 * back) and, since 2.1.56, the others in `<span class="cloze-inactive">`
 * (rslib `cloze.rs`); stock cloze types style `.cloze` bold and blue, which
 * deckdown keeps, with its own blue and a night-mode colour (anki-compat.md
 * §6). In code, highlighted tokens keep their colours and the revealed
 * cloze gets a background, so it stands out in a block of coloured text.
 */
export const clozeCss = [
  '.cloze{font-weight:bold;color:#0b5cad}',
  `${night('.cloze')}{color:#7ab8ff}`,
  'pre .cloze,code .cloze{border-radius:3px;background-color:#dbeafe}',
  `${night('pre .cloze')},${night('code .cloze')}{background-color:#1f3a5f}`
].join('\n')

/**
 * Multiple choice (see `choices.ts` for the field's HTML). Options are boxes
 * with a bold label; nothing marks `.dd-correct` unless it sits inside
 * `.dd-reveal`, which only the back template writes. So the front shows
 * every option alike and the back marks the correct ones (green, bold, ✓)
 * and dims the others, with CSS alone: no script, which not every client
 * runs (peers.md §4).
 */
export const choiceCss = [
  '.dd-multi{margin:.6em 0 0;font-size:.85em;font-style:italic;color:#57606a}',
  `${night('.dd-multi')}{color:#a8b0b9}`,
  '.dd-choices{list-style:none;margin:.8em 0;padding:0}',
  '.dd-choice{display:flex;align-items:baseline;gap:.7em;margin:.4em 0;padding:.35em .7em;border:1px solid #d0d7de;border-radius:6px}',
  `${night('.dd-choice')}{border-color:#44484f}`,
  '.dd-label{flex:none;min-width:1.2em;font-weight:bold}',
  '.dd-option{flex:1;min-width:0}',
  '.dd-option>:first-child{margin-top:0}.dd-option>:last-child{margin-bottom:0}',
  '.dd-reveal .dd-choice{opacity:.6}',
  '.dd-reveal .dd-correct{opacity:1;border-color:#1a7f37;background-color:#e3f8e8;color:#1a7f37;font-weight:bold}',
  `.dd-reveal .dd-correct::after{content:"\\2713";flex:none;font-weight:bold}`,
  `${night('.dd-reveal .dd-correct')}{border-color:#80d99b;background-color:#1d3b27;color:#80d99b}`,
  '.dd-explanation{margin-top:1em}'
].join('\n')
