/**
 * Card templates: which fields a template needs, and so which cards a note
 * gets.
 *
 * Package importers never generate cards: a package must carry exactly the
 * cards that should exist (anki-compat.md §5). Old clients also use the note
 * type's `req` to decide that when the user adds notes (§7). Both come from
 * the same question: "with these fields non-empty, does the template's front
 * show any field?", answered here by reading the template (`{{Field}}`,
 * `{{filter:Field}}`, `{{#Field}}…{{/Field}}`, `{{^Field}}…{{/Field}}`).
 *
 * @module
 */
import {clozeNumbersInText} from './cloze.js'

/** A piece of a parsed template. */
export type TemplateNode =
  | {type: 'text'; value: string}
  | {type: 'field'; name: string; filters: string[]}
  | {type: 'section'; name: string; negated: boolean; children: TemplateNode[]}

/** How a template's requirement is met: by any listed field, all of them, or never. */
export type RequirementKind = 'any' | 'all' | 'none'

/** One `req` entry: `[template ord, kind, field ords]` (§7). */
export type CardRequirement = [number, RequirementKind, number[]]

/**
 * Parse a template (front or back) into nodes.
 *
 * Tolerant like Anki's renderer: an unclosed section runs to the end, a stray
 * closing tag is ignored. Field names are trimmed; filters are the parts
 * before the last `:` (`{{cloze:Text}}` → field `Text`, filter `cloze`).
 */
export function parseTemplate(source: string): TemplateNode[] {
  const root: TemplateNode[] = []
  const stack: Array<{name: string; children: TemplateNode[]}> = [{name: '', children: root}]
  const tag = /\{\{([\s\S]*?)\}\}/g
  let last = 0
  for (const match of source.matchAll(tag)) {
    const current = stack[stack.length - 1]!
    if (match.index > last) current.children.push({type: 'text', value: source.slice(last, match.index)})
    last = match.index + match[0].length
    const inner = (match[1] ?? '').trim()
    const sigil = inner.charAt(0)
    if (sigil === '#' || sigil === '^') {
      const section: TemplateNode = {type: 'section', name: inner.slice(1).trim(), negated: sigil === '^', children: []}
      current.children.push(section)
      stack.push({name: section.name, children: section.children})
    } else if (sigil === '/') {
      const name = inner.slice(1).trim()
      const open = stack.findLastIndex((entry, index) => index > 0 && entry.name === name)
      if (open > 0) stack.length = open
    } else if (inner) {
      const parts = inner.split(':')
      const name = (parts.pop() ?? '').trim()
      current.children.push({type: 'field', name, filters: parts.map((part) => part.trim())})
    }
  }
  if (last < source.length) stack[stack.length - 1]!.children.push({type: 'text', value: source.slice(last)})
  return root
}

/**
 * Whether a template shows at least one of the non-empty fields, which is
 * how Anki decides that a card is not blank (static text does not count).
 *
 * @param nodes Parsed template ({@link parseTemplate}).
 * @param nonEmpty Names of the fields that have content.
 */
export function rendersWith(nodes: readonly TemplateNode[], nonEmpty: ReadonlySet<string>): boolean {
  return nodes.some((node) => {
    if (node.type === 'field') return nonEmpty.has(node.name)
    if (node.type === 'section') {
      const open = node.negated ? !nonEmpty.has(node.name) : nonEmpty.has(node.name)
      return open && rendersWith(node.children, nonEmpty)
    }
    return false
  })
}

/**
 * The `req` entry of one template (§7), derived from its front (`qfmt`).
 *
 * "any" lists each field that alone makes the front non-blank; when no single
 * field does, "all" lists the fields the front cannot do without; when even
 * all fields together leave it blank, "none". For `{{Front}}` that is
 * `[ord, "any", [0]]`, as Anki itself computes it.
 *
 * @param ord Template index.
 * @param qfmt Template front.
 * @param fieldNames Field names in order (their index is the field ord).
 */
export function requirementFor(ord: number, qfmt: string, fieldNames: readonly string[]): CardRequirement {
  const nodes = parseTemplate(qfmt)
  const any = fieldNames.flatMap((name, index) => (rendersWith(nodes, new Set([name])) ? [index] : []))
  if (any.length > 0) return [ord, 'any', any]
  const everything = new Set(fieldNames)
  if (!rendersWith(nodes, everything)) return [ord, 'none', []]
  const all = fieldNames.flatMap((name, index) => {
    const without = new Set(everything)
    without.delete(name)
    return rendersWith(nodes, without) ? [] : [index]
  })
  return [ord, all.length > 0 ? 'all' : 'none', all]
}

/**
 * Whether Anki treats a field as empty: nothing but whitespace and bare
 * `<br>`/`<div>` tags (an image alone is content).
 */
export function isEmptyField(html: string): boolean {
  return /^(?:\s|<\/?(?:br|div)\s*\/?>)*$/i.test(html)
}

/**
 * Card ords of a cloze note: one per distinct cloze number N in the text,
 * `ord = N − 1`; `c0` counts as `c1` and numbers above 500 share ord 499, as
 * in Anki (§6). A cloze counts only when it is closed, as Anki reads it
 * ({@link clozeNumbersInText}). Sorted.
 */
export function clozeOrds(html: string): number[] {
  const ords = new Set<number>()
  for (const number of clozeNumbersInText(html)) ords.add(Math.min(Math.max(number, 1), 500) - 1)
  return [...ords].sort((a, b) => a - b)
}
