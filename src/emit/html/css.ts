/**
 * The print document's stylesheet: one `<style>` element, no external
 * resource. Written for paper first (A4 and Letter, any printer); the screen
 * view is the same dark-on-light page on a grey desk.
 *
 * Page numbers use CSS page-margin boxes (`@page { @bottom-center … }`),
 * which Chromium prints since version 131 (and Prince, WeasyPrint, Vivliostyle
 * always did). Browsers without them (Firefox, Safari) print no number; their
 * own "headers and footers" print option adds one.
 *
 * @module
 */
import type {HtmlLayout, HtmlPaper} from './options.js'

/** What the stylesheet depends on. */
export interface StylesheetOptions {
  layout: HtmlLayout
  /** Printed in the top margin of every page but the first. */
  title: string
  /** Paper size to ask for; none lets the print dialog decide. */
  paper?: HtmlPaper | undefined
}

const sans = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif'
const mono = 'ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono","Courier New",monospace'
// Fonts with an OpenType MATH table, which native MathML layout needs for
// good radicals, fractions and stretchy brackets: macOS/iOS, Windows, TeX
// installs, Debian/Ubuntu (fonts-dejavu-extra), then the browser's choice.
const mathFonts = '"STIX Two Math","Cambria Math","Latin Modern Math","DejaVu Math TeX Gyre","Libertinus Math",math'

/** Colours chosen for toner and ink: dark, and still apart in greyscale. */
const ink = {
  text: '#111418',
  muted: '#4b535c',
  rule: '#aab1b9',
  faint: '#d5dae0',
  panel: '#f4f6f8',
  answer: '#1d6b45',
  example: '#2a5db0',
  mark: '#fff0a8',
  markRule: '#b88a00'
}

/**
 * Syntax colours for paper. Class-based, like the Anki theme (same
 * `hljs-*` classes from `highlight`), but darker and with weight and style
 * doing part of the work, so a greyscale or worn printer still separates
 * keywords, strings and comments.
 */
export const printHighlightCss = [
  '.hljs-comment,.hljs-quote{color:#5b636b;font-style:italic}',
  '.hljs-keyword,.hljs-selector-tag,.hljs-literal,.hljs-doctag,.hljs-template-tag,.hljs-meta .hljs-keyword{color:#9c1238;font-weight:600}',
  '.hljs-string,.hljs-regexp,.hljs-char.escape_,.hljs-meta .hljs-string,.hljs-selector-attr,.hljs-selector-pseudo{color:#17632c}',
  '.hljs-number,.hljs-symbol,.hljs-bullet,.hljs-variable,.hljs-template-variable,.hljs-link,.hljs-selector-id,.hljs-operator{color:#08479a}',
  '.hljs-title,.hljs-section,.hljs-name,.hljs-selector-class{color:#5d24a8}',
  '.hljs-built_in,.hljs-type,.hljs-title.class_,.hljs-variable.language_{color:#7f3d00}',
  '.hljs-attr,.hljs-attribute,.hljs-property,.hljs-params{color:#0a5869}',
  '.hljs-meta,.hljs-punctuation,.hljs-subst{color:#454c54}',
  '.hljs-addition{color:#17632c;background-color:#e3f4e6}',
  '.hljs-deletion{color:#9b1c14;background-color:#fde8e6}',
  '.hljs-emphasis{font-style:italic}',
  '.hljs-strong,.hljs-section{font-weight:700}'
].join('\n')

/** Rules every layout uses. */
const baseCss = (title: string, paper: HtmlPaper | undefined) => `
@page{${paper ? `size:${paper};` : ''}margin:13mm 14mm 14mm;
@top-center{content:${cssString(title)};font:7.5pt ${sans};color:${ink.muted};vertical-align:bottom;padding-bottom:3mm}
@bottom-center{content:counter(page) " / " counter(pages);font:8pt ${sans};color:${ink.muted};vertical-align:top;padding-top:4mm}}
@page :first{@top-center{content:none}}
:root{color-scheme:light;-webkit-print-color-adjust:exact;print-color-adjust:exact}
html{background:#fff;color:${ink.text};font:10pt/1.45 ${sans};-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;orphans:3;widows:3}
@media screen{html{background:#e8eaed}body{box-sizing:border-box;max-width:210mm;margin:6mm auto;padding:16mm 15mm;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.25)}}
h1,h2,h3,h4,h5,h6{line-height:1.25;break-after:avoid}
h1{font-size:20pt;margin:0 0 2mm}
h2{font-size:13pt;margin:7mm 0 3mm;padding-bottom:1mm;border-bottom:.75pt solid ${ink.rule}}
h4,h5,h6{font-size:1em;margin:2mm 0 1mm}
p{margin:0 0 1.6mm}
p:last-child{margin-bottom:0}
ul,ol{margin:1mm 0 1.6mm;padding-left:6mm}
li>p{margin:0}
a{color:${ink.example};text-decoration:underline;text-decoration-thickness:.5pt}
blockquote{margin:1.5mm 0;padding-left:3mm;border-left:1.5pt solid ${ink.rule};color:${ink.muted}}
hr{border:0;border-top:.5pt solid ${ink.rule};margin:2mm 0}
code,kbd,samp,pre{font-family:${mono}}
code{font-size:.88em;overflow-wrap:anywhere}
:not(pre)>code{padding:0 .6mm;border-radius:1mm;background:${ink.panel};box-decoration-break:clone;-webkit-box-decoration-break:clone}
pre{margin:1.6mm 0;padding:2mm 2.5mm;background:${ink.panel};border:.5pt solid ${ink.faint};border-radius:1.2mm;white-space:pre-wrap;overflow-wrap:anywhere;word-break:normal;tab-size:4;-moz-tab-size:4;font-size:8.3pt;line-height:1.4;break-inside:auto}
pre code{font-size:1em;padding:0;background:none}
img{max-width:100%;max-height:110mm;width:auto;height:auto;object-fit:contain;break-inside:avoid;vertical-align:middle}
.image-missing,.image-remote,.media-missing,.media-remote{display:inline-block;padding:0 1mm;border:.5pt dashed ${ink.rule};color:${ink.muted};font-size:.9em}
.media{display:inline-flex;flex-direction:column;gap:.6mm;vertical-align:middle;break-inside:avoid}
.media video{max-width:100%;max-height:80mm}
.media-marker{align-self:flex-start;display:inline-block;padding:0 1mm;border:.5pt solid ${ink.rule};border-radius:1mm;font-size:.9em}
@media print{.media audio,.media video{display:none}}
table{border-collapse:collapse;max-width:100%;margin:1.6mm 0;font-size:.9em;table-layout:auto;break-inside:auto}
th,td{border:.5pt solid ${ink.rule};padding:.8mm 1.8mm;text-align:left;vertical-align:top;overflow-wrap:anywhere;word-break:normal;hyphens:manual}
th{background:${ink.panel}}
thead{display:table-header-group}
tr{break-inside:avoid}
/* Many columns: smaller type before words have to break inside cells. */
.table-wide{font-size:.8em}
.table-wider{font-size:.7em}
.table-wider th,.table-wider td{padding:.6mm 1mm}
math{font-family:${mathFonts};font-size:1.08em}
.math-display{margin:1.6mm 0;text-align:center;overflow-wrap:normal;break-inside:avoid}
span.math-display{display:block}
.math-error{color:#9b1c14}
pre.math-error{border-color:#e3a5a0}
mark.cloze-shown{background:${ink.mark};color:inherit;border-bottom:.9pt solid ${ink.markRule};padding:0 .4mm;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.cloze-blank{font-weight:600;color:${ink.muted};white-space:nowrap;letter-spacing:.02em}
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.doc-header{margin-bottom:5mm;padding-bottom:3mm;border-bottom:1.5pt solid ${ink.text}}
.doc-meta{display:flex;flex-wrap:wrap;gap:1mm 7mm;margin:0;font-size:8.5pt;color:${ink.muted}}
.doc-meta div{display:flex;gap:1.5mm}
.doc-meta dt{font-weight:600}
.doc-meta dd{margin:0;overflow-wrap:anywhere}
.toc{margin-bottom:5mm;break-inside:avoid}
.toc h2{margin-top:0}
.toc ol{list-style:none;padding:0;margin:0;columns:2 70mm;column-gap:8mm}
.toc li{display:flex;gap:2mm;break-inside:avoid;padding:.4mm 0}
.toc a{color:inherit;text-decoration:none}
.toc .toc-range{margin-left:auto;color:${ink.muted};white-space:nowrap;font-size:.9em}
.deck-path{margin:-2mm 0 3mm;font-size:8pt;color:${ink.muted};overflow-wrap:anywhere;break-after:avoid}
.choices{list-style:none;padding-left:0;margin:1.5mm 0 0}
.choices li{display:flex;gap:2mm;margin:.6mm 0;break-inside:avoid}
.choice-letter{flex:none;min-width:4.2mm;height:4.2mm;line-height:4.2mm;text-align:center;border:.6pt solid ${ink.muted};border-radius:50%;font-size:7.5pt;font-weight:700}
.choices .correct .choice-letter{background:${ink.answer};border-color:${ink.answer};color:#fff}
.choice-body{min-width:0;flex:1}
.choice-mark{flex:none;color:${ink.answer};font-weight:700}
`

/**
 * Study and quiz: numbered question boxes, set the way a typesetter would.
 * A short question (\`q-short\`, estimated at build time) is kept whole; a
 * long one may break inside its answer, so it does not leave the rest of a
 * page empty. Either way the prompt stays with the start of what follows it
 * (\`break-after: avoid\`, the options kept together; orphans and widows:
 * two lines of a paragraph, three of code), a line of code is never split
 * (lines are the unit of breaking) and an image never is. The source sits on
 * the box's border and answer labels run in, so neither takes a line.
 */
const questionCss = `
main>section{break-before:auto}
.questions{list-style:none;padding:0;margin:0}
.q{position:relative;break-inside:auto;margin:0 0 2.4mm;padding:1.6mm 2.8mm 1.2mm;border:.6pt solid ${ink.rule};border-radius:1.6mm;font-size:9.5pt;line-height:1.4;overflow-wrap:break-word;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.q pre{font-size:8pt;line-height:1.25;padding:1.2mm 2.2mm;margin:1.2mm 0}
.q p{margin-bottom:1.2mm;orphans:2;widows:2}
.q-short{break-inside:avoid}
.q-head{display:flex;gap:2.2mm;align-items:baseline;break-after:avoid;break-inside:avoid}
.q-body>:first-child{break-before:avoid}
.q pre{orphans:3;widows:3}
.choices{break-inside:avoid}
.choices-short{display:grid;grid-template-columns:repeat(auto-fill,minmax(38mm,1fr));gap:.6mm 3mm}
.choices-short li{margin:0}
.choices+.field{break-before:avoid}
.q-num{flex:none;min-width:6.5mm;font-weight:700;color:${ink.muted};font-variant-numeric:tabular-nums}
.q-num::after{content:"."}
.prompt{flex:1;min-width:0;margin:0;font-size:10pt;font-weight:600;line-height:1.35}
div.prompt{font-weight:400}
div.prompt>:first-child{font-weight:600}
.q-body{margin-left:8.7mm}
.field{margin-top:1mm;padding-left:2.6mm;border-left:1.5pt solid ${ink.faint}}
.field-label{margin:0 0 .6mm;font-size:7pt;font-weight:700;letter-spacing:.08em;text-transform:uppercase;color:${ink.muted};break-after:avoid}
/* Before a paragraph the label runs in, on the paragraph's first line. */
.field-label:has(+p){float:left;margin:.75mm 2mm 0 0;line-height:1}
.field-answer{border-left-color:${ink.answer}}
.field-answer>.field-label{color:${ink.answer}}
.field-example{border-left-color:${ink.example}}
.field-example>.field-label{color:${ink.example}}
.field-extra{font-size:.94em;color:#2e343a}
/* The source sits on the box's bottom border: it takes no line of its own. */
.q-source{position:absolute;right:3mm;bottom:-1.7mm;max-width:80%;margin:0;padding:0 1mm;background:#fff;font-size:7pt;line-height:1.2;color:${ink.muted};text-align:right;overflow-wrap:anywhere}
.answer-key{break-before:page}
.key-grid{list-style:none;padding:0;margin:0 0 4mm;display:grid;grid-template-columns:repeat(auto-fill,minmax(17mm,1fr));gap:1mm 2mm;font-variant-numeric:tabular-nums}
.key-choice{display:flex;gap:1.2mm;align-items:baseline;padding:.4mm 0;border-bottom:.5pt dotted ${ink.faint};break-inside:avoid}
.key-choice .q-num{min-width:0;font-weight:400}
.key-letters{font-weight:700;color:${ink.answer}}
.answer-key .q{border-style:dotted}
.answer-key .prompt{font-size:9pt;color:${ink.muted}}
`

/**
 * Cards: six cards of 90 × 80 mm on a 180 × 240 mm grid, which fits inside
 * both A4 (210 × 297) and Letter (215.9 × 279.4) with 12 mm margins. The grid
 * is centred horizontally, so a sheet flipped on its long edge puts each
 * back (mirrored columns) behind its front whatever the paper.
 */
const cardsCss = `
@page sheet{margin:12mm 10mm;@top-center{content:none}@bottom-center{content:counter(page) " / " counter(pages);font:7pt ${sans};color:${ink.muted};padding-top:2mm}}
.title-page{break-after:page}
.printing{break-after:page}
.printing ol{max-width:150mm}
.sheet{page:sheet;break-before:page;position:relative;box-sizing:border-box;width:180mm;height:240mm;margin:5mm auto 0;display:grid;grid-template-columns:repeat(2,90mm);grid-template-rows:repeat(3,80mm)}
.card{box-sizing:border-box;position:relative;display:flex;flex-direction:column;overflow:hidden;padding:5mm 5.5mm 4.5mm;border:.5pt dotted ${ink.rule};line-height:1.35}
.card-tag{flex:none;display:flex;gap:2mm;margin:0 0 2mm;font-size:6.5pt;color:${ink.muted};letter-spacing:.02em}
.card-tag .card-deck{flex:1;min-width:0;text-align:right;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.card-num{font-weight:700}
.card-body{margin:auto 0;min-height:0}
.card-front .card-body{text-align:center}
.card-front .choices{text-align:left;display:inline-block}
.card .prompt{margin:0;font-weight:600;font-size:1.15em}
.card pre{padding:1.2mm 1.6mm;font-size:.82em}
.card .field{margin-top:1.5mm}
.card .field-label{margin:0 0 .4mm;font-size:6pt;font-weight:700;letter-spacing:.08em;text-transform:uppercase;color:${ink.muted}}
.card .field-example,.card .field-extra{padding-left:2mm;border-left:1pt solid ${ink.faint}}
.card img{max-height:45mm}
.card table{font-size:.9em}
.fs-1{font-size:11pt}.fs-2{font-size:9.5pt}.fs-3{font-size:8pt}.fs-4{font-size:6.8pt}.fs-5{font-size:5.8pt}
.cut{position:absolute;background:#000}
.cut-v{width:.3mm;height:3.5mm}
.cut-h{width:3.5mm;height:.3mm}
.cut-top{top:-4.5mm}.cut-bottom{bottom:-4.5mm}.cut-left{left:-4.5mm}.cut-right{right:-4.5mm}
.cut-x0{left:-.15mm}.cut-x1{left:89.85mm}.cut-x2{left:179.85mm}
.cut-y0{top:-.15mm}.cut-y1{top:79.85mm}.cut-y2{top:159.85mm}.cut-y3{top:239.85mm}
@media screen{body.layout-cards{max-width:none;padding:0;background:none;box-shadow:none}
.title-page,.printing{box-sizing:border-box;max-width:210mm;margin:6mm auto;padding:16mm 15mm;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.25)}
.sheet{margin:20mm auto;background:#fff;box-shadow:0 0 0 12mm #fff,0 1px 5px 12mm rgba(0,0,0,.22)}}
/* Overflow mark: the "…" sits in the bottom corner of every card, and a white
   cover placed right after the content (an absolute box at its static
   position) hides it, unless the content runs past the card's bottom and
   takes the cover with it. Exact where the build-time estimate is not. */
.card:not(.card-empty)::after{content:"…";position:absolute;right:2.5mm;bottom:.2mm;z-index:1;font:700 10pt ${sans};color:#9b1c14}
.card-cover{display:block;position:absolute;left:0;right:0;height:90mm;background:#fff;z-index:2}
`

/**
 * The whole stylesheet for a layout.
 *
 * @returns CSS text; deterministic for the same options.
 */
export function stylesheet(options: StylesheetOptions): string {
  const layoutCss = options.layout === 'cards' ? cardsCss : questionCss
  return `${baseCss(options.title, options.paper)}${layoutCss}${printHighlightCss}\n`.replace(/^\n/, '')
}

/**
 * A CSS string literal for any text: everything but letters, digits, spaces
 * and common punctuation is written as a hex escape, so a title can never
 * close the string, the rule or the `<style>` element.
 */
export function cssString(value: string): string {
  let out = '"'
  for (const character of value.replace(/[\r\n\t]+/g, ' ')) {
    out += /^[\p{L}\p{N} .,:;!?'()\-–—_&+#%@*=/]$/u.test(character)
      ? character
      : `\\${character.codePointAt(0)?.toString(16) ?? '20'} `
  }
  return `${out}"`
}
