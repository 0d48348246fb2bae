/**
 * Build-time math: the render layer marks math as
 * `<span class="math math-inline">\(…\)</span>` and
 * `<div class="math math-display">\[…\]</div>` (the delimiters Anki's MathJax
 * reads); here each becomes KaTeX output.
 *
 * KaTeX writes **MathML only** (`output: 'mathml'`). Chromium (109+),
 * Firefox and Safari lay MathML out natively with the system's math font, so
 * the page needs no KaTeX stylesheet and no KaTeX fonts: nothing to fetch
 * (the document forbids network loads) and nothing to inline (the KaTeX
 * fonts are ~300 KB of base64 per document). `htmlAndMathml` would be
 * pixel-identical across browsers but only with those fonts; without them
 * its HTML half renders worse than native MathML.
 *
 * @module
 */
import type {Element, ElementContent, Root} from 'hast'
import type Katex from 'katex'
import {classList, h, textContent} from './hast.js'

let katex: typeof Katex | undefined

/**
 * Load KaTeX (call before rendering): it is a large library that only HTML
 * output uses, so the command does not load it for other builds.
 */
export async function loadMathRenderer(): Promise<void> {
  katex ??= (await import('katex')).default
}

function loadedKatex(): typeof Katex {
  if (!katex) throw new Error('deckdown: the math renderer is used before loadMathRenderer()')
  return katex
}

/** A formula KaTeX could not parse. */
export interface MathFailure {
  /** The TeX source, without delimiters. */
  source: string
  /** Whether it was display math. */
  display: boolean
  /** KaTeX's explanation (its raw message, without the source excerpt). */
  reason: string
}

/**
 * Render every math span and div of a tree with KaTeX, in place.
 *
 * Formulas that do not parse are shown as their source in a
 * `<code class="math-error">` (the reader still sees what was meant) and
 * passed to `onError` so the emitter can report them.
 *
 * @param tree Sanitized hast from the render layer; it is changed.
 * @param onError Called once per formula that failed, in document order.
 * @returns The same tree.
 */
export function renderMath(tree: Root, onError: (failure: MathFailure) => void): Root {
  rewrite(tree)
  return tree

  function rewrite(parent: Root | Element): void {
    parent.children.forEach((child, index) => {
      if (child.type !== 'element') return
      // `$$…$$` inside a paragraph is display math in a span: it stays a
      // span (a <div> would end the paragraph), shown as a block by the CSS.
      const display = isMath(child, 'div', 'math-display') || isMath(child, 'span', 'math-display')
      if (!display && !isMath(child, 'span', 'math-inline')) {
        rewrite(child)
        return
      }
      const source = stripDelimiters(textContent(child), display)
      const replacement = renderFormula(source, display, onError, child.tagName === 'span')
      parent.children[index] = replacement as typeof child
    })
  }
}

/**
 * One formula as KaTeX MathML (a `raw` node: KaTeX's output is generated
 * by us from the TeX, escaped by KaTeX, never user HTML), or the source as
 * code when it does not parse. `phrasing` (default: inline math) wraps it in
 * a span, for a formula that sits inside a paragraph.
 */
export function renderFormula(source: string, display: boolean, onError: (failure: MathFailure) => void, phrasing = !display): ElementContent {
  const tex = loadedKatex()
  try {
    const html = tex.renderToString(source, {
      output: 'mathml',
      displayMode: display,
      throwOnError: true,
      // `strict` warnings (Unicode in math mode …) would go to the console; a
      // library never prints, and KaTeX renders those inputs fine anyway.
      strict: 'ignore',
      // No \href, \url, \includegraphics, \htmlClass …: an image or a link
      // would be a way out of the page.
      trust: false,
      // Bound what a hostile file can make us build.
      maxSize: 50,
      maxExpand: 1000
    })
    const raw: ElementContent = {type: 'raw', value: html}
    return h(phrasing ? 'span' : 'div', {className: [display ? 'math-display' : 'math-inline']}, raw)
  } catch (error) {
    const reason =
      error instanceof tex.ParseError ? error.rawMessage : error instanceof Error ? error.message : String(error)
    onError({source, display, reason})
    const code = h('code', {className: ['math-error'], title: reason}, source)
    return display && !phrasing ? h('pre', {className: ['math-error']}, code) : code
  }
}

function isMath(element: Element, tagName: string, kind: string): boolean {
  if (element.tagName !== tagName) return false
  const classes = classList(element)
  return classes.includes('math') && classes.includes(kind)
}

/** `\(x\)` → `x`, `\[x\]` → `x`; text without its delimiters stays as is. */
function stripDelimiters(value: string, display: boolean): string {
  const [open, close] = display ? ['\\[', '\\]'] : ['\\(', '\\)']
  const trimmed = value.trim()
  if (trimmed.startsWith(open) && trimmed.endsWith(close) && trimmed.length >= open.length + close.length) {
    return trimmed.slice(open.length, trimmed.length - close.length).trim()
  }
  return trimmed
}
