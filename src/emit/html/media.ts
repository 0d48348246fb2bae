/**
 * Images of the print document: found in the prepared field trees, loaded
 * through `context.media` (root confinement, size limit, diagnostics), then
 * either inlined as `data:` URIs or pointed at flat names in an assets
 * folder.
 *
 * Nothing remote is ever fetched, by us or by the reader's browser: a remote
 * image becomes a link showing its alt text (a link is not a request until
 * someone follows it), and the document's Content-Security-Policy blocks any
 * other load.
 *
 * @module
 */
import type {Element, Root} from 'hast'
import {SKIP, visit} from 'unist-util-visit'
import type {Question} from '../../ast/types.js'
import {isRemote, mediaKey, type MediaLoadResult, type MediaLoader, type MediaRequest} from '../../media/index.js'
import {h} from './hast.js'
import type {HtmlLabels} from './labels.js'

/** A field tree and the question it belongs to. */
export interface OwnedTree {
  question: Question
  tree: Root
}

/** How loaded images are referenced. */
export type ImageSource = (name: string, data: Uint8Array) => string

/**
 * Load every local image of the trees in one call (so flat names are decided
 * over the whole document) and rewrite the `src` of each `<img>`.
 *
 * @param trees Field trees (changed in place).
 * @param loader `context.media`.
 * @param source Turns a loaded file into the `src` to write.
 * @param labels For the text that replaces an image that did not load.
 * @returns The load result (files in name order), for `copy` mode.
 */
export async function embedImages(
  trees: readonly OwnedTree[],
  loader: MediaLoader,
  source: ImageSource,
  labels: HtmlLabels
): Promise<MediaLoadResult> {
  const requests: MediaRequest[] = []
  for (const {question, tree} of trees) {
    visit(tree, 'element', (element: Element) => {
      const src = imageSource(element)
      if (src !== undefined && !isRemote(src)) requests.push({src, question, position: element.position})
    })
  }
  const loaded = await loader.load(requests)
  const sources = new Map<string, string>()
  for (const file of loaded.files) sources.set(file.name, source(file.name, file.data))

  for (const {question, tree} of trees) {
    visit(tree, 'element', (element: Element, index, parent) => {
      const src = imageSource(element)
      if (src === undefined || !parent || index === undefined) return undefined
      const alt = typeof element.properties['alt'] === 'string' ? element.properties['alt'] : ''
      if (isRemote(src)) {
        // Shown, never loaded: the reader can follow the link on screen.
        const safe = /^https?:/i.test(src) ? src : undefined
        parent.children[index] = h('a', {className: ['image-remote'], ...(safe ? {href: safe} : {})}, alt || src)
        return SKIP
      }
      const name = loaded.names.get(mediaKey(question.file, src))
      const value = name === undefined ? undefined : sources.get(name)
      if (value !== undefined) {
        element.properties['src'] = value
        // Decoded before printing starts, so the first page never prints a blank box.
        element.properties['decoding'] = 'sync'
        return undefined
      }
      // Missing, outside the root or too large: already reported by the loader.
      parent.children[index] = h('span', {className: ['image-missing']}, labels.missingImage(alt))
      return SKIP
    })
  }
  return loaded
}

/**
 * A `data:` URI for an image, its type sniffed from the bytes (a file named
 * `.png` that is really a JPEG still shows), else taken from the name.
 */
export function dataUri(name: string, data: Uint8Array): string {
  return `data:${imageType(name, data)};base64,${Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')}`
}

/** The MIME type of an image file. */
export function imageType(name: string, data: Uint8Array): string {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => data[index] === byte)
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif'
  if (starts(0x52, 0x49, 0x46, 0x46) && data[8] === 0x57 && data[9] === 0x45 && data[10] === 0x42 && data[11] === 0x50) return 'image/webp'
  if (starts(0x42, 0x4d)) return 'image/bmp'
  const extension = /\.([a-z\d]+)$/i.exec(name)?.[1]?.toLowerCase()
  if (extension === 'svg' || extension === 'svgz') return 'image/svg+xml'
  if (extension === 'avif') return 'image/avif'
  if (extension === 'ico') return 'image/x-icon'
  // Text that opens like markup is most likely SVG under another name.
  const head = new TextDecoder().decode(data.subarray(0, 256)).trimStart()
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'image/svg+xml'
  return 'application/octet-stream'
}

function imageSource(element: Element): string | undefined {
  if (element.tagName !== 'img') return undefined
  const src = element.properties['src']
  return typeof src === 'string' && src !== '' && !src.startsWith('#') ? src : undefined
}
