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

/** The full stylesheet of the note types: {@link cardCss} plus the highlight theme (light and night). */
export const noteTypeCss = `${cardCss}\n${highlightCss()}\n`
