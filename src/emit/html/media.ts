/**
 * Images, sound and video of the print document: found in the prepared
 * field trees, loaded through `context.media` (root confinement, size limit,
 * diagnostics), then either inlined as `data:` URIs or pointed at flat names
 * in an assets folder.
 *
 * Nothing remote is ever fetched, by us or by the reader's browser: a remote
 * image, sound or video becomes a link showing its alt text (a link is not a request until
 * someone follows it), and the document's Content-Security-Policy blocks any
 * other load.
 *
 * @module
 */
import type {Element, ElementContent, Root} from 'hast'
import type {Question} from '../../ast/types.js'
import {isRemote, mediaKey, type MediaLoadResult, type MediaLoader, type MediaRequest} from '../../media/index.js'
import {playableMime, resolveKind, sniffFormat, type MediaKind} from '../../media/kind.js'
import {elementKind, labelOf, mediaElements} from '../../render/media.js'
import {h} from './hast.js'
import type {HtmlLabels} from './labels.js'

/** A field tree and the question it belongs to. */
export interface OwnedTree {
  question: Question
  tree: Root
}

/** How a loaded file is referenced: its `src`, from its flat name, bytes and MIME type. */
export type MediaSource = (name: string, data: Uint8Array, mime: string) => string

/**
 * Load every local image, sound and video of the trees in one call (so flat
 * names are decided over the whole document) and rewrite each element:
 *
 * - an image gets its `src`;
 * - sound and video become `<audio controls>` / `<video controls>` followed
 *   by a marker, `♪ name` (`▶ name` for video), which is what paper shows
 *   where the sound is (print hides the player, which cannot play there);
 * - a remote one becomes a link; one that did not load, its label in
 *   brackets (the loader reported why).
 *
 * @param trees Field trees (changed in place).
 * @param loader `context.media`.
 * @param source Turns a loaded file into the `src` to write.
 * @param labels For the text that replaces media that did not load.
 * @returns The load result (files in name order), for `copy` mode.
 */
export async function embedMedia(
  trees: readonly OwnedTree[],
  loader: MediaLoader,
  source: MediaSource,
  labels: HtmlLabels
): Promise<MediaLoadResult> {
  const requests: MediaRequest[] = []
  for (const {question, tree} of trees) {
    for (const {element, src, kind} of mediaElements(tree)) requests.push({src, kind, question, position: element.position})
  }
  const loaded = await loader.load(requests)
  const files = new Map(loaded.files.map((file) => [file.name, file]))
  const sources = new Map<string, string>()

  for (const {question, tree} of trees) rewrite(question, tree)
  return loaded

  function rewrite(question: Question, parent: Root | Element): void {
    parent.children = (parent.children as ElementContent[]).flatMap((child) => {
      if (child.type !== 'element') return [child]
      const kind = elementKind(child)
      if (!kind) {
        rewrite(question, child)
        return [child]
      }
      return replace(question, child, kind)
    }) as typeof parent.children
  }

  function replace(question: Question, element: Element, declared: MediaKind): ElementContent[] {
    const src = typeof element.properties['src'] === 'string' ? element.properties['src'] : ''
    const label = labelOf(element)
    if (isRemote(src)) {
      // Shown, never loaded: the reader can follow the link on screen.
      const safe = /^https?:/i.test(src) ? src : undefined
      return [h('a', {className: [declared === 'image' ? 'image-remote' : 'media-remote'], ...(safe ? {href: safe} : {})}, label || src)]
    }
    const name = src === '' ? undefined : loaded.names.get(mediaKey(question.file, src))
    const file = name === undefined ? undefined : files.get(name)
    if (!file) {
      // Missing, outside the root, too large, no source: already reported by the loader.
      const text = declared === 'image' ? labels.missingImage(label) : labels.missingMedia(declared, label || fileName(src))
      return [h('span', {className: [declared === 'image' ? 'image-missing' : 'media-missing']}, text)]
    }
    const kind = resolveKind(declared, file.format)
    const mime = kind === 'image' ? imageType(file.name, file.data) : playableMime(file.name, file.data, kind)
    let value = sources.get(file.name)
    if (value === undefined) {
      value = source(file.name, file.data, mime)
      sources.set(file.name, value)
    }
    if (kind === 'image') {
      // Decoded before printing starts, so the first page never prints a blank box.
      return [h('img', {...(element.tagName === 'img' ? element.properties : {}), src: value, alt: label, decoding: 'sync'})]
    }
    const player = h(kind, {controls: true, preload: 'metadata', src: value, ...(label ? {ariaLabel: label} : {})})
    const marker = `${kind === 'audio' ? '♪' : '▶'} ${label ? `${label} (${file.name})` : file.name}`
    return [h('span', {className: ['media', `media-${kind}`]}, player, h('span', {className: ['media-marker']}, marker))]
  }
}

/**
 * A `data:` URI for a file, with the given MIME type, else its type sniffed
 * as an image (a file named `.png` that is really a JPEG still shows).
 */
export function dataUri(name: string, data: Uint8Array, mime?: string): string {
  return `data:${mime ?? imageType(name, data)};base64,${Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')}`
}

/** The MIME type of an image file. */
export function imageType(name: string, data: Uint8Array): string {
  const sniffed = sniffFormat(data)
  if (sniffed?.kind === 'image') return sniffed.mime
  const extension = /\.([a-z\d]+)$/i.exec(name)?.[1]?.toLowerCase()
  if (extension === 'svg' || extension === 'svgz') return 'image/svg+xml'
  if (extension === 'avif') return 'image/avif'
  if (extension === 'ico') return 'image/x-icon'
  // Text that opens like markup is most likely SVG under another name.
  const head = new TextDecoder().decode(data.subarray(0, 256)).trimStart()
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'image/svg+xml'
  return 'application/octet-stream'
}

function fileName(src: string): string {
  return src.replace(/[?#].*$/, '').split('/').at(-1) ?? src
}
