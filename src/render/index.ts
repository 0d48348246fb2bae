/**
 * The rendering layer every emitter shares: field mdast → sanitized HTML,
 * plain text, or Markdown.
 *
 * mdast → (remark-rehype) hast → (rehype-raw) raw HTML parsed →
 * (rehype-sanitize) safe hast → (media.ts) sound and video written one way →
 * (rehype-stringify) HTML.
 *
 * @module
 */
import type {Element, Properties, Root as HastRoot} from 'hast'
import type {InlineMath, Math} from 'mdast-util-math'
import type {Position} from 'unist'
import {toHast as mdastToHast, type Handlers} from 'mdast-util-to-hast'
import {sanitize} from 'hast-util-sanitize'
import {toText as hastToText} from 'hast-util-to-text'
import {gfmToMarkdown} from 'mdast-util-gfm'
import {mathToMarkdown} from 'mdast-util-math'
import {toMarkdown as mdastToMarkdown, type Handle, type Options as ToMarkdownOptions} from 'mdast-util-to-markdown'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import type {Cloze, FieldContent} from '../ast/types.js'
import {normalizeMedia} from './media.js'
import {sanitizeSchema} from './sanitize.js'

/** A field in the three forms emitters use. */
export interface RenderedField {
  /** Markdown, re-serialized from the tree (GFM). */
  markdown: string
  /** Sanitized HTML fragment. */
  html: string
  /** Plain text (block breaks kept as newlines). */
  text: string
}

/** Render functions handed to emitters (see `EmitContext.render`). */
export interface Renderer {
  /** Sanitized hast of a field. */
  hast(field: FieldContent): HastRoot
  /** Sanitized HTML of a field. */
  html(field: FieldContent): string
  /** Plain text of a field. */
  text(field: FieldContent): string
  /** Markdown of a field. */
  markdown(field: FieldContent): string
  /** All three at once. */
  field(field: FieldContent): RenderedField
}

// mdast-util-math's own writers: `$…$`, and `$$…$$` (its fence when single
// dollars are off), so escaping and padding stay theirs.
const singleInlineMath = mathToMarkdown().handlers?.['inlineMath'] as Handle
const displayInlineMath = mathToMarkdown({singleDollarTextMath: false}).handlers?.['inlineMath'] as Handle

// `-` bullets and fenced code: what most question banks are written with.
const markdownOptions: ToMarkdownOptions = {
  bullet: '-',
  fences: true,
  extensions: [gfmToMarkdown(), mathToMarkdown()],
  handlers: {
    // Clozes go back to Anki's own syntax, the one people write.
    // Display math inside a paragraph goes back as written (`$$…$$`).
    inlineMath(node: InlineMath, parent, state, info) {
      return (node.data?.display === true ? displayInlineMath : singleInlineMath)(node, parent, state, info)
    },
    cloze(node: Cloze, _parent, state, info) {
      const inner = state.containerPhrasing(node, {...info, before: '::', after: '}'})
      return `{{c${node.number}::${inner}${node.hint === null ? '' : `::${node.hint}`}}}`
    }
  } as ToMarkdownOptions['handlers']
}

/**
 * Math becomes the delimiters Anki's MathJax reads, `\(…\)` and `\[…\]`,
 * inside elements that say what they are, so other emitters can find it
 * (print HTML renders it with KaTeX). `$` is not a MathJax delimiter in Anki.
 * (Exported for the tests, not by the package.)
 */
export const mathHandlers: Handlers = {
  inlineMath(state, node: InlineMath) {
    // `$$…$$` inside a paragraph: display math, in a span (a <div> cannot sit in a <p>).
    const display = node.data?.display === true
    const result: Element = {
      type: 'element',
      tagName: 'span',
      properties: {className: ['math', display ? 'math-display' : 'math-inline']},
      children: [{type: 'text', value: display ? `\\[${node.value}\\]` : `\\(${node.value}\\)`}]
    }
    state.patch(node, result)
    return result
  },
  cloze(state, node: Cloze) {
    // Marked, not hidden: each emitter decides (Anki gets {{c1::…}} back,
    // print shows blanks, JSON keeps the text and the number).
    const properties: Properties = {className: ['cloze'], dataCloze: String(node.number)}
    if (node.hint !== null) properties['dataHint'] = node.hint
    const result: Element = {type: 'element', tagName: 'span', properties, children: state.all(node)}
    state.patch(node, result)
    return result
  },
  math(state, node: Math) {
    const result: Element = {type: 'element', tagName: 'div', properties: {className: ['math', 'math-display']}, children: [{type: 'text', value: `\\[${node.value}\\]`}]}
    state.patch(node, result)
    return result
  }
}

const processor = unified()
  // Raw HTML is parsed (rehype-raw) and then sanitized, never passed through.
  .use(remarkRehype, {allowDangerousHtml: true, handlers: mathHandlers})
  .use(rehypeRaw)
  .use(rehypeSanitize, sanitizeSchema)
  .use(() => normalizeMedia)
  .use(rehypeStringify)
  .freeze()

/**
 * The same steps as `processor` for a field without raw HTML (most fields):
 * parsing them again with parse5 (rehype-raw) would triple the cost of
 * rendering for nothing. The steps are called directly, not through a
 * processor: a build renders every field of every question, and unified's
 * run (a virtual file and a chain of callbacks per call) cost more than
 * sanitizing did. Same utilities, same options, same sanitizing.
 */
function plainFieldHast(field: FieldContent): HastRoot {
  return normalizeMedia(sanitize(mdastToHast(field, {handlers: mathHandlers}), sanitizeSchema) as HastRoot)
}

/**
 * Sanitized hast for a field.
 *
 * @example
 * toHast(question.answer) // {type: 'root', children: [...]}
 */
export function toHast(field: FieldContent): HastRoot {
  // runSync takes the mdast root: remark-rehype is the bridge to hast. It
  // builds new nodes and never changes the mdast it reads (tested), so the
  // caller's tree needs no copy.
  if (!hasRawHtml(field)) return plainFieldHast(field)
  // Raw HTML is re-parsed with positions; a position without offsets (made by
  // a transform or a third-party dialect) would trip that, so drop those, on
  // a copy.
  const tree = structuredClone(field)
  visit(tree, (node) => void (node.position && !hasOffsets(node.position) && delete node.position))
  return processor.runSync(tree as never) as HastRoot
}

/** Sanitized HTML for a field. */
export function toHtml(field: FieldContent): string {
  return stringifyHast(toHast(field))
}

/** Plain text for a field. */
export function toText(field: FieldContent): string {
  return hastToText(toHast(field)).trim()
}

/** Markdown for a field (GFM, re-serialized). */
export function toMarkdown(field: FieldContent): string {
  return mdastToMarkdown(field, markdownOptions).trim()
}

/** All three forms of a field, rendering hast once. */
export function renderField(field: FieldContent): RenderedField {
  const hast = toHast(field)
  return {markdown: toMarkdown(field), html: stringifyHast(hast), text: hastToText(hast).trim()}
}

/**
 * A renderer that remembers what it rendered, so emitters sharing one build
 * (json + apkg + csv) render each field once. Create one per build: the cache
 * holds the fields' objects, not global state.
 */
export function createRenderer(): Renderer {
  // Each form is computed on first use: the apkg emitter only needs hast, the
  // JSON emitter all three; at 100,000 questions Markdown serialization alone
  // is seconds that an apkg-only build should not pay.
  interface Entry {
    /** The field's hast while no `hast` caller has taken it. */
    tree?: HastRoot | undefined
    /** Whether a `hast` caller took the rendered tree (it may change it). */
    handedOut?: boolean
    html?: string
    text?: string
    markdown?: string
  }
  const cache = new WeakMap<FieldContent, Entry>()
  const entry = (field: FieldContent): Entry => {
    let found = cache.get(field)
    if (!found) {
      found = {}
      cache.set(field, found)
    }
    return found
  }
  const tree = (field: FieldContent): HastRoot => {
    const cached = entry(field)
    cached.tree ??= toHast(field)
    return cached.tree
  }
  const html = (field: FieldContent): string => {
    const cached = entry(field)
    cached.html ??= stringifyHast(tree(field))
    return cached.html
  }
  const text = (field: FieldContent): string => {
    const cached = entry(field)
    cached.text ??= hastToText(tree(field)).trim()
    return cached.text
  }
  const markdown = (field: FieldContent): string => {
    const cached = entry(field)
    cached.markdown ??= toMarkdown(field)
    return cached.markdown
  }
  // Callers of `hast` change the tree they get (highlighting, media
  // rewriting), so each gets a tree of its own: the first takes the one
  // rendered (an apkg-only build renders each field once and copies
  // nothing), later ones a copy of the tree `html` or `text` kept, or a new one.
  const hast = (field: FieldContent): HastRoot => {
    const cached = entry(field)
    if (cached.handedOut) return cached.tree ? structuredClone(cached.tree) : toHast(field)
    const rendered = cached.tree ?? toHast(field)
    cached.handedOut = true
    cached.tree = undefined
    return rendered
  }
  return {
    hast,
    html,
    text,
    markdown,
    field: (field) => ({markdown: markdown(field), html: html(field), text: text(field)})
  }
}

function hasOffsets(position: Position): boolean {
  return position.start.offset !== undefined && position.end.offset !== undefined
}

function hasRawHtml(node: {type: string; children?: unknown[]}): boolean {
  // A plain walk: this runs on every field, and a field is a small tree.
  if (node.type === 'html') return true
  if (node.children) for (const child of node.children) if (hasRawHtml(child as typeof node)) return true
  return false
}

function stringifyHast(tree: HastRoot): string {
  return processor.stringify(tree)
}
