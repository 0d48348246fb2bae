/**
 * Build-time syntax highlighting of a sanitized hast tree, plus the theme
 * that colours it.
 *
 * Highlighting happens when deckdown builds, never in the reader: no Anki
 * client ships a highlighter, runtime highlight.js in a template is fragile
 * and, inlined, made note types too big for AnkiDroid (peers.md §4, issues
 * §7). Output is *class-based* (`<span class="hljs-keyword">`), not inline
 * styles, so one stylesheet can restyle it for night mode, which AnkiDroid's
 * maintainers recommend (peers.md issue 20).
 *
 * Run it after sanitizing: the spans it adds are deckdown's own markup around
 * text nodes, and the sanitizer would otherwise strip their classes.
 *
 * @module
 */
import type {Element, ElementContent, Root} from 'hast'
import {common, createLowlight} from 'lowlight'

/** Prefix of every class the highlighter writes (`hljs-keyword`). */
export const highlightClassPrefix = 'hljs-'

/** Options for {@link highlightCss}. */
export interface HighlightCssOptions {
  /**
   * Selectors of an ancestor that means "night mode"; each theme rule is
   * repeated under each of them. Default: {@link defaultNightSelectors}.
   */
  nightSelectors?: readonly string[] | null | undefined
}

/**
 * Anki's night-mode classes: desktop puts both on `<body>` (`night_mode`
 * since 2.1.20), AnkiDroid adds both too, AnkiMobile documents `.nightMode`
 * (peers.md §4 "Night mode classes").
 */
export const defaultNightSelectors: readonly string[] = ['.nightMode', '.night_mode']

// One instance for the process: registering the ~35 common grammars is the
// expensive part, highlighting itself is cheap. `common` covers the languages
// question banks use (Python, JS/TS, Java, C/C++, C#, Go, Rust, SQL, shell,
// JSON, YAML, HTML/XML, CSS, …).
let engine: ReturnType<typeof createLowlight> | undefined

function lowlight(): ReturnType<typeof createLowlight> {
  engine ??= createLowlight(common)
  return engine
}

/**
 * Highlight every `<code class="language-…">` in a tree, in place.
 *
 * The code's text is replaced by lowlight's `span.hljs-*` tree and the code
 * element gets the `hljs` class. A missing or unknown language leaves the
 * code untouched (plain, still escaped): guessing a language would colour
 * prose and misleads more than it helps. Never throws: a grammar failure
 * also leaves the code plain.
 *
 * @param tree Sanitized hast (from `Renderer.hast`); it is changed.
 * @returns The same tree, for chaining.
 *
 * @example
 * const tree = highlight(context.render.hast(question.example))
 */
export function highlight(tree: Root): Root {
  visitElements(tree, (element) => {
    if (element.tagName !== 'code') return
    const language = languageOf(element)
    if (language === undefined) return
    try {
      const engine = lowlight()
      if (!engine.registered(language)) return
      const result = engine.highlight(language, textContent(element), {prefix: highlightClassPrefix})
      element.children = result.children as ElementContent[]
      const classes = classList(element)
      if (!classes.includes('hljs')) element.properties['className'] = [...classes, 'hljs']
    } catch {
      // Leave the block as it was: plain code is better than no card.
    }
  })
  return tree
}

/**
 * The language named by a code element's `language-xxx` class, if any.
 * (`language-py` → `py`; lowlight resolves aliases itself.)
 */
export function languageOf(element: Element): string | undefined {
  for (const name of classList(element)) {
    if (name.startsWith('language-') && name.length > 'language-'.length) {
      return name.slice('language-'.length).toLowerCase()
    }
  }
  return undefined
}

/**
 * One theme entry: the scopes it colours, and their light and night styles.
 * Written for readability on white and on a dark grey (`#1e1f22`/`#26282c`),
 * contrast about 4.5:1 or better; our own palette.
 */
interface ThemeRule {
  scopes: readonly string[]
  light: string
  night: string
}

const themeRules: readonly ThemeRule[] = [
  {scopes: ['comment', 'quote'], light: 'color:#6a737d;font-style:italic', night: 'color:#8f99a3'},
  {
    scopes: ['keyword', 'selector-tag', 'literal', 'doctag', 'template-tag', 'meta keyword'],
    light: 'color:#c0264b',
    night: 'color:#ff7f97'
  },
  {
    scopes: ['string', 'regexp', 'char.escape_', 'meta string', 'selector-attr', 'selector-pseudo'],
    light: 'color:#1a7f37',
    night: 'color:#80d99b'
  },
  {
    scopes: ['number', 'symbol', 'bullet', 'variable', 'template-variable', 'link', 'selector-id', 'operator'],
    light: 'color:#0b5cad',
    night: 'color:#7ab8ff'
  },
  {scopes: ['title', 'section', 'name', 'selector-class'], light: 'color:#7a35d6', night: 'color:#caa6ff'},
  {scopes: ['built_in', 'type', 'title.class_', 'variable.language_'], light: 'color:#9a4d00', night: 'color:#ffb870'},
  {scopes: ['attr', 'attribute', 'property', 'params'], light: 'color:#0e6f86', night: 'color:#62d2e2'},
  {scopes: ['meta', 'punctuation', 'subst'], light: 'color:#57606a', night: 'color:#a8b0b9'},
  {scopes: ['addition'], light: 'color:#1a7f37;background-color:#e3f8e8', night: 'color:#80d99b;background-color:#1d3b27'},
  {scopes: ['deletion'], light: 'color:#b3261e;background-color:#ffebe9', night: 'color:#ffa198;background-color:#4a2124'},
  {scopes: ['emphasis'], light: 'font-style:italic', night: ''},
  {scopes: ['strong', 'section'], light: 'font-weight:bold', night: ''}
]

/**
 * The highlight theme as CSS: light rules, then the same scopes under each
 * night-mode selector (more specific, so they win in night mode).
 *
 * About 3 KB: small enough to inline in a note type's CSS, which AnkiDroid
 * stores in one database row (peers.md §4 "Field / size limits").
 *
 * @param options Night-mode selectors (default `.nightMode`, `.night_mode`).
 * @returns A stylesheet without line breaks.
 *
 * @example
 * const css = cardCss + highlightCss()
 */
export function highlightCss(options?: HighlightCssOptions | null): string {
  const night = options?.nightSelectors ?? defaultNightSelectors
  let css = ''
  for (const rule of themeRules) {
    css += `${rule.scopes.map((scope) => selectorOf(scope)).join(',')}{${rule.light}}`
  }
  for (const rule of themeRules) {
    if (!rule.night || night.length === 0) continue
    const selectors = night.flatMap((ancestor) => rule.scopes.map((scope) => `${ancestor} ${selectorOf(scope)}`))
    css += `${selectors.join(',')}{${rule.night}}`
  }
  return css
}

/**
 * Scope → selector. A space means "inside" and a dot a sub-scope, which
 * lowlight writes as an unprefixed class: `meta keyword` →
 * `.hljs-meta .hljs-keyword`, `title.class_` → `.hljs-title.class_`.
 */
function selectorOf(scope: string): string {
  return scope
    .split(' ')
    .map((part) => {
      const [head = '', ...subScopes] = part.split('.')
      return [`.${highlightClassPrefix}${head}`, ...subScopes].join('.')
    })
    .join(' ')
}

function classList(element: Element): string[] {
  const value: unknown = element.properties['className']
  if (Array.isArray(value)) return value.map(String)
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean)
  return []
}

/** The DOM's `textContent`: every text descendant, whitespace as written. */
function textContent(node: Root | ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element' || node.type === 'root') {
    return node.children.map((child) => textContent(child as ElementContent)).join('')
  }
  return ''
}

function visitElements(node: Root | Element, visit: (element: Element) => void): void {
  for (const child of node.children) {
    if (child.type === 'element') {
      visit(child)
      // Do not descend into code we just highlighted: its spans are ours.
      if (!(child.tagName === 'code' && classList(child).includes('hljs'))) visitElements(child, visit)
    }
  }
}
