/**
 * Sound and video in sanitized field hast, written one way whatever the
 * Markdown said:
 *
 * - `![](hello.mp3)` (image syntax on a sound or video path) and a link to a
 *   local one (`[listen](hello.mp3)`) become `<audio controls src>` or
 *   `<video controls src>`, the alt or link text kept as `aria-label`;
 * - raw `<audio>` / `<video>` keep one `src`: their own, else that of their
 *   first `<source src>`; fallback content, `<source>` and `<track>` go.
 *
 * Only names are read here (the render layer has no file system): whether a
 * file really is sound, and what becomes of a remote or missing one, is the
 * emitters' business, through the media loader (media/index.ts), which reads
 * the bytes. An `<audio>` or `<video>` left without `src` (none written, or
 * a `data:`/`javascript:` URL the sanitizer removed) is kept empty so that the
 * emitters can report it rather than let it vanish.
 *
 * @module
 */
import type {Element, ElementContent, Properties, Root} from 'hast'
import {toText} from 'hast-util-to-text'
import {isRemote} from '../media/remote.js'
import {playableKindOfName, type MediaKind} from '../media/kind.js'

/**
 * Normalize media elements of a tree, in place.
 *
 * @param tree Sanitized hast.
 * @returns The same tree.
 */
export function normalizeMedia(tree: Root): Root {
  walk(tree)
  return tree
}

/**
 * The media a field tree references, as emitters find them after
 * {@link normalizeMedia}: `<img src>`, `<audio>`, `<video>` (with or without
 * `src`), in document order.
 */
export interface MediaElement {
  element: Element
  /** The `src` as written (`''` for an `<audio>` or `<video>` without one). */
  src: string
  /** What the element asks for. */
  kind: MediaKind
  /** Alt text or label (`aria-label`), `''` when none. */
  label: string
}

/** Find the media elements of a normalized tree. */
export function mediaElements(tree: Root | Element): MediaElement[] {
  const found: MediaElement[] = []
  const visit = (node: Root | Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      const kind = elementKind(child)
      if (kind) {
        const src = stringProperty(child, 'src')
        if (kind !== 'image' || src !== '') found.push({element: child, src, kind, label: labelOf(child)})
        continue
      }
      visit(child)
    }
  }
  visit(tree)
  return found
}

/** `image`, `audio` or `video` for `<img>`, `<audio>`, `<video>`; else undefined. */
export function elementKind(element: Element): MediaKind | undefined {
  if (element.tagName === 'img') return 'image'
  if (element.tagName === 'audio' || element.tagName === 'video') return element.tagName
  return undefined
}

/** Alt text (`<img alt>`) or `aria-label` of a media element. */
export function labelOf(element: Element): string {
  return stringProperty(element, element.tagName === 'img' ? 'alt' : 'ariaLabel').trim()
}

/** A playable media element (what {@link normalizeMedia} writes). */
export function playableElement(kind: 'audio' | 'video', src: string, label: string, extra?: Properties): Element {
  const properties: Properties = {controls: true, ...extra}
  if (src) properties['src'] = src
  if (label) properties['ariaLabel'] = label
  return {type: 'element', tagName: kind, properties, children: []}
}

function walk(parent: Root | Element): void {
  parent.children = parent.children.map((child) => {
    if (child.type !== 'element') return child
    const replacement = normalize(child)
    if (replacement !== child) return replacement
    walk(child)
    return child
  }) as typeof parent.children
}

function normalize(element: Element): Element {
  if (element.tagName === 'img') {
    const src = stringProperty(element, 'src')
    const kind = playableKindOfName(src)
    return kind ? withPosition(playableElement(kind, src, stringProperty(element, 'alt').trim()), element) : element
  }
  if (element.tagName === 'a') {
    const href = stringProperty(element, 'href')
    const kind = playableKindOfName(href)
    // A remote link is a link already: nothing would be embedded anyway.
    if (!kind || isRemote(href) || href.startsWith('#')) return element
    return withPosition(playableElement(kind, href, toText(element).trim()), element)
  }
  if (element.tagName === 'audio' || element.tagName === 'video') {
    const src = stringProperty(element, 'src') || firstSource(element.children)
    const kept: Properties = {}
    for (const name of ['loop', 'muted']) if (element.properties[name] !== undefined) kept[name] = element.properties[name]
    return withPosition(playableElement(element.tagName, src, stringProperty(element, 'ariaLabel').trim(), kept), element)
  }
  return element
}

function firstSource(children: readonly ElementContent[]): string {
  for (const child of children) {
    if (child.type === 'element' && child.tagName === 'source') {
      const src = stringProperty(child, 'src')
      if (src) return src
    }
  }
  return ''
}

function withPosition(element: Element, from: Element): Element {
  if (from.position) element.position = from.position
  return element
}

function stringProperty(element: Element, name: string): string {
  const value = element.properties[name]
  return typeof value === 'string' ? value : ''
}
