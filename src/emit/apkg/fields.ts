/**
 * Note fields: question parts → the HTML Anki stores, and the two values Anki
 * derives from fields (`sfld`, `csum`).
 *
 * Field data is HTML, so text must be escaped (`AT&T` → `AT&amp;T`,
 * peers.md issue 18). Fields are rendered through the shared, sanitized
 * render layer, highlighted at build time, then serialized with named
 * character references (`&amp;`, `&lt;`), the form Anki's own editor writes.
 *
 * @module
 */
import {digest} from '../../digest.js'
import type {Element, ElementContent, Root as HastRoot, Text} from 'hast'
import {toHtml} from 'hast-util-to-html'
import type {FieldContent, Question} from '../../ast/types.js'
import {highlight} from '../../render/highlight.js'
import type {Renderer} from '../../render/index.js'
import {isRemote, type MediaFile} from '../../media/index.js'
import {resolveKind, type MediaKind} from '../../media/kind.js'
import {elementKind, labelOf, mediaElements} from '../../render/media.js'
import {choicesTree} from './choices.js'
import {toAnkiClozeTree} from './cloze.js'
import type {FieldSource, NoteType} from './note-types.js'
import {sourceOf} from '../source.js'

/**
 * A question's fields as highlighted hast, ready for media rewriting. One
 * entry per field source; `source` is plain text, not hast.
 */
export interface PreparedFields {
  question: Question
  trees: Partial<Record<Exclude<FieldSource, 'source'>, HastRoot>>
}

/**
 * Render and highlight every content field of a question.
 *
 * The prompt of a `cloze` question becomes Anki cloze syntax (`{{c1::…}}`,
 * made safe by cloze.ts), since it fills the Text field that
 * `{{cloze:Text}}` reads; cloze spans anywhere else stay spans (a plain
 * `{{Field}}` would show `{{c1::…}}` as written). The options of a `choice`
 * question become the Choices list (choices.ts).
 */
export function prepareFields(question: Question, render: Renderer): PreparedFields {
  const trees: PreparedFields['trees'] = {}
  const contents: Array<[Exclude<FieldSource, 'source' | 'choices'>, FieldContent | null]> = [
    ['prompt', question.prompt],
    ['answer', question.answer],
    ['example', question.example],
    ['extra', question.extra]
  ]
  for (const [name, content] of contents) {
    if (!content) continue
    trees[name] = name === 'prompt' && question.kind === 'cloze' ? toAnkiClozeTree(render.hast(content)) : highlight(render.hast(content))
  }
  const choices = choicesTree(question.choices, render)
  if (choices) trees.choices = choices
  return {question, trees}
}

/** A media reference of prepared fields: what the media loader is asked for. */
export interface FieldMediaReference {
  /** `src` as written (`''` for an `<audio>` or `<video>` without one). */
  src: string
  /** What the element asks for (`<img>`: image, `<audio>`: audio …). */
  kind: MediaKind
  position: Element['position']
}

/**
 * The media references (`<img>`, `<audio>`, `<video>`) in prepared fields,
 * with their positions. Remote and empty ones are included: the loader
 * reports those that are sound or video.
 */
export function mediaReferences(prepared: PreparedFields): FieldMediaReference[] {
  return Object.values(prepared.trees).flatMap((tree) =>
    mediaElements(tree).map(({element, src, kind}) => ({src, kind, position: element.position}))
  )
}

/**
 * Point media at their flat names in the package, the way Anki wants them:
 *
 * - an image keeps its `<img>`, `src` set to the flat name;
 * - sound and video become Anki's `[sound:name.ext]` tag (the only way Anki
 *   plays a file, video included), as text where the element was. Anki turns
 *   the tag into a play button, itself a link, so a tag written inside a link
 *   is moved just after it (a link inside a link would break both). The tag
 *   is added after sanitizing, so nothing strips it, and after cloze
 *   conversion, whose `{{`/`}}` a flat name cannot contain (media/index.ts);
 * - a local reference that did not load (missing, outside the root, too
 *   large; already reported) is replaced by its alt text or label, so the
 *   card shows no broken image;
 * - a remote image stays as it is (never downloaded); remote sound or video
 *   becomes a link to it.
 *
 * @param fileOf The loaded file of a local `src`, if it loaded.
 * @returns The flat names the fields now use.
 */
export function rewriteMedia(prepared: PreparedFields, fileOf: (src: string) => MediaFile | undefined): Set<string> {
  const used = new Set<string>()
  const sounds = new Set<Text>()
  for (const tree of Object.values(prepared.trees)) rewriteChildren(tree)
  return used

  function rewriteChildren(parent: HastRoot | Element): void {
    parent.children = (parent.children as ElementContent[]).flatMap((child) => {
      if (child.type !== 'element') return [child]
      const kind = elementKind(child)
      if (kind) return rewriteElement(child, kind)
      rewriteChildren(child)
      return child.tagName === 'a' ? [child, ...takeSounds(child)] : [child]
    }) as typeof parent.children
  }

  function rewriteElement(element: Element, declared: MediaKind): ElementContent[] {
    const src = typeof element.properties['src'] === 'string' ? element.properties['src'] : ''
    const label = labelOf(element)
    const fallback: ElementContent[] = label ? [{type: 'text', value: label}] : []
    if (src === '') return fallback
    if (isRemote(src) || src.startsWith('#')) {
      if (declared === 'image') return [element]
      return /^https?:/i.test(src) ? [{type: 'element', tagName: 'a', properties: {href: src}, children: [{type: 'text', value: label || src}]}] : fallback
    }
    const file = fileOf(src)
    if (!file) return fallback
    used.add(file.name)
    if (resolveKind(declared, file.format) === 'image') {
      return [{type: 'element', tagName: 'img', properties: {...(element.tagName === 'img' ? element.properties : {}), src: file.name, ...(label ? {alt: label} : {})}, children: []}]
    }
    const sound: Text = {type: 'text', value: `[sound:${file.name}]`}
    sounds.add(sound)
    return [sound]
  }

  /** Remove the sound tags below an element; return them in order. */
  function takeSounds(parent: Element): Text[] {
    const taken: Text[] = []
    parent.children = parent.children.filter((child) => {
      if (child.type === 'text' && sounds.has(child)) {
        taken.push(child)
        return false
      }
      if (child.type === 'element') taken.push(...takeSounds(child))
      return true
    })
    return taken
  }
}

/** HTML of a field body from a prepared (highlighted, media-rewritten) tree. */
export function fieldHtmlFromTree(tree: HastRoot | undefined): string {
  return tree ? normalizeFieldText(hastToFieldHtml(tree)) : ''
}

/** Serialize hast as field HTML (named references, nothing but `<` and `&` escaped in text). */
export function hastToFieldHtml(tree: HastRoot): string {
  return toHtml(tree, {characterReferences: {useNamedReferences: true}})
}

/** Escape plain text for an HTML field. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * A note's field values, in its note type's order, from the field HTML a
 * per-file job prepared (`source` is the question's place). `planNotes` and
 * the job (for the note's checksum and content hash) both fill fields this
 * way.
 */
export function preparedFieldValues(noteType: NoteType, question: Question, html: Partial<Record<FieldSource, string>>): string[] {
  return noteType.fields.map((field) => (field.from === 'source' ? fieldValue({question, trees: {}}, 'source') : (html[field.from] ?? '')))
}

/**
 * The value of a note field filled from `source`.
 *
 * @returns HTML; `""` for an absent optional part (Anki's empty field).
 */
export function fieldValue(prepared: PreparedFields, source: FieldSource): string {
  if (source === 'source') {
    const {question} = prepared
    return normalizeFieldText(escapeHtml(sourceOf(question)))
  }
  return fieldHtmlFromTree(prepared.trees[source])
}

/**
 * What Anki does to field text on import (§4 `flds`): NFC, and ASCII control
 * characters other than tab and newline removed. Done here so `sfld`/`csum`
 * describe exactly what Anki will store, and so no field can contain the
 * U+001F field separator.
 */
export function normalizeFieldText(text: string): string {
  return text.normalize('NFC').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
}

// Media elements and the attribute that names their file (§4; rslib
// `HTML_MEDIA_TAGS`): the file name is kept, padded with spaces.
const mediaTag =
  /<\s*(?:img|audio|video|object|source)\b(?:[^>"']|"[^"]*"|'[^']*')*?\b(?:src|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))(?:[^>"']|"[^"]*"|'[^']*')*>/gis
// Comments, style and script elements with their content, then any tag.
const markup = /<!--.*?-->|<style\b.*?>.*?<\/style>|<script\b.*?>.*?<\/script>|<.*?>/gis

/**
 * Field HTML as text, the way Anki computes `sfld` and `csum` (§4,
 * `strip_html_preserving_media_filenames`): media tags become ` name `,
 * comments, style, script and all other tags are removed, `&nbsp;` becomes a
 * space and character references are decoded. Not trimmed.
 */
export function stripHtmlPreservingMediaNames(html: string): string {
  const withNames = html.replace(mediaTag, (_, double?: string, single?: string, bare?: string) => ` ${double ?? single ?? bare ?? ''} `)
  return decodeCharacterReferences(withNames.replace(markup, ''))
}

/**
 * `csum`: the first 4 bytes of SHA-1 of the first field's stripped text, as
 * an unsigned big-endian 32-bit integer (§4 `field_checksum`).
 */
export function fieldChecksum(firstFieldHtml: string): number {
  return digest('sha1', stripHtmlPreservingMediaNames(firstFieldHtml)).readUInt32BE(0)
}

const namedReferences: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' '
}

/**
 * Decode the character references field HTML can hold. deckdown's own HTML
 * escapes only `&` and `<` in text (named), so a short table plus numeric
 * references covers it; an unknown name is left as written. Only the named
 * `&nbsp;` becomes a plain space, as in Anki.
 */
function decodeCharacterReferences(text: string): string {
  return text.replace(/&(?:#(\d+)|#[xX]([\da-fA-F]+)|([a-zA-Z][a-zA-Z\d]*));/g, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return namedReferences[name] ?? whole
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/**
 * `notes.tags`: `" a b "` (§4), or `""` without tags.
 */
export function tagsField(tags: readonly string[]): string {
  // Most questions have none: no garbage for them.
  if (tags.length === 0) return ''
  const cleaned = ankiTags(tags)
  return cleaned.length > 0 ? ` ${cleaned.join(' ')} ` : ''
}

/**
 * A question's tags as Anki stores them, in order: NFC, control characters
 * removed, whitespace inside a tag turned into `_` (a space would split it in
 * two), each `::` component trimmed of `_`, an empty one named `blank`
 * (§4 `tags`), duplicates dropped. Shared by the apkg and CSV emitters.
 */
export function ankiTags(tags: readonly string[]): string[] {
  const cleaned = tags.flatMap((tag) => {
    const value = tag
      .normalize('NFC')
      .replace(/[\u0000-\u001F\u007F]/g, '')
      .trim()
      .replace(/[\s\u3000]+/g, '_')
    if (!value) return []
    return [
      value
        .split('::')
        .map((component) => component.replace(/^_+|_+$/g, '') || 'blank')
        .join('::')
    ]
  })
  return [...new Set(cleaned)]
}
