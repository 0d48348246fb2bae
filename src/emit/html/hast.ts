/**
 * A few hast helpers for building the print document.
 *
 * The document is built as a hast tree and serialized once with
 * `hast-util-to-html`, so every piece of text (titles, file names, labels
 * from frontmatter) is escaped by the serializer rather than by hand.
 *
 * @module
 */
import type {Element, ElementContent, Properties, Root, Text} from 'hast'

/** A child given to {@link h}: nodes, text, or nothing (skipped). */
export type Child = ElementContent | string | null | undefined | false | readonly Child[]

/**
 * Create an element. Strings become text nodes; `null`, `undefined` and
 * `false` are dropped, so optional parts can be written inline.
 *
 * @example
 * h('p', {className: ['meta']}, 'Sources: ', name)
 */
export function h(tagName: string, properties?: Properties | null, ...children: Child[]): Element {
  return {type: 'element', tagName, properties: properties ?? {}, children: flatten(children)}
}

/** A text node. */
export function text(value: string): Text {
  return {type: 'text', value}
}

/** Flatten {@link Child} values into hast children. */
export function flatten(children: readonly Child[]): ElementContent[] {
  const result: ElementContent[] = []
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    if (typeof child === 'string') result.push(text(child))
    else if (Array.isArray(child)) result.push(...flatten(child as readonly Child[]))
    else result.push(child as ElementContent)
  }
  return result
}

/** Class names of an element (hast stores them as `className`). */
export function classList(element: Element): string[] {
  const value: unknown = element.properties['className']
  if (Array.isArray(value)) return value.map(String)
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean)
  return []
}

/**
 * The children of a field body, with a lone paragraph unwrapped: a prompt
 * or an option written on one line renders as phrasing, so it can sit in a
 * heading or a list item without an extra paragraph margin.
 *
 * @returns The phrasing children when the body is one `<p>`, else `undefined`.
 */
export function loneParagraph(tree: Root): ElementContent[] | undefined {
  const blocks = tree.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  const [only] = blocks
  if (blocks.length === 1 && only?.type === 'element' && only.tagName === 'p') return only.children
  return undefined
}

/** The children of a root as element content (doctype and comments dropped). */
export function contentOf(tree: Root): ElementContent[] {
  return tree.children.filter((child): child is ElementContent => child.type !== 'doctype')
}

/** The DOM's `textContent` of a node. */
export function textContent(node: Root | ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element' || node.type === 'root') {
    return node.children.map((child) => textContent(child as ElementContent)).join('')
  }
  return ''
}
