/**
 * Media: local files that questions reference (`![](img/x.png)`, reference
 * images, `<img src>`, `<audio>` and `<video>` in raw HTML, links to sound
 * files), loaded for the emitters that embed them.
 *
 * Emitters never touch the file system: they hand the references they found
 * to `context.media.load`, which reads through an injected {@link MediaReader}
 * and enforces the rules:
 *
 * - remote URLs (`https:`, `//host`, `data:` …) are never downloaded;
 * - a path may not leave its input's root folder: not with `..`, not as an
 *   absolute path, not through a symlink (`media-outside-root`);
 * - a missing file is `missing-media`; a file over the size limit is
 *   `media-too-large`. The question is still built without it;
 * - sound and video are told from images by their bytes (kind.ts): a sound
 *   file whose bytes match no known format is `media-unknown-format`, a
 *   remote one `remote-media` (it stays a link), an `<audio>` or `<video>`
 *   without a usable source `unusable-media`.
 *
 * Files are deduplicated by content and get flat names (Anki's media folder
 * has no sub-folders): the file's own name, cleaned the way Anki cleans media
 * names, with a short content hash added only when two different files would
 * get the same name. Names do not depend on the order of requests.
 *
 * @module
 */
import {createHash} from 'node:crypto'
import {realpath as fsRealpath, readFile as fsReadFile, stat as fsStat} from 'node:fs/promises'
import {basename, dirname, extname, isAbsolute, relative, resolve, sep} from 'node:path'
import type {Position} from 'unist'
import type {Question} from '../ast/types.js'
import type {RuleId} from '../diagnostics/rules.js'
import {isRemote} from './remote.js'
import {audioExtensions, extensionOf, sniffFormat, videoExtensions, type MediaKind, type SniffedFormat} from './kind.js'

/** Default per-file size limit: 20 MiB (AnkiWeb refuses to sync files over 100 MiB). */
export const defaultMaxMediaBytes = 20 * 1024 * 1024

/** What media loading needs from the file system. */
export interface MediaReader {
  /** Resolve symlinks (throws `ENOENT` when missing). */
  realpath(path: string): Promise<string>
  /** Size in bytes and whether it is a regular file. */
  stat(path: string): Promise<{size: number; isFile: boolean}>
  /** Read a file. */
  readFile(path: string): Promise<Uint8Array>
}

/** A {@link MediaReader} over `node:fs`. */
export const fsMediaReader: MediaReader = {
  realpath: (path) => fsRealpath(path),
  async stat(path) {
    const info = await fsStat(path)
    return {size: info.size, isFile: info.isFile()}
  },
  async readFile(path) {
    return new Uint8Array(await fsReadFile(path))
  }
}

/** One reference an emitter found. */
export interface MediaRequest {
  /** The `src` as written (URL-encoded or not). */
  src: string
  /** The question it appears in (its file says where to resolve `src` from). */
  question: Question
  /** Where it was written, when known (else the question's position is used). */
  position?: Position | undefined
  /**
   * What the reference asks for: `audio` for `<audio>` (or an image or link
   * whose path ends in a sound extension), `video` likewise. Default `image`.
   */
  kind?: MediaKind | undefined
}

/** A loaded media file. */
export interface MediaFile {
  /** Flat file name to use in field HTML and in the package. */
  name: string
  data: Uint8Array
  /** Hex SHA-1 of the content. */
  sha1: string
  /** The format its bytes match (kind.ts), if any. */
  format: SniffedFormat | undefined
}

/** Result of loading a set of references. */
export interface MediaLoadResult {
  /** Unique files, sorted by name. */
  files: MediaFile[]
  /**
   * Flat name for a reference that loaded: look up with
   * {@link mediaKey}`(question.file, src)`; absent for remote, missing or
   * refused references.
   */
  names: Map<string, string>
}

/** Loads media for emitters (see `EmitContext.media`). */
export interface MediaLoader {
  load(requests: readonly MediaRequest[]): Promise<MediaLoadResult>
}

/** How a loader reports a refused reference. */
export type MediaReport = (question: Question, position: Position, reason: string, ruleId: RuleId) => void

/** Options for {@link createMediaLoader}. */
export interface MediaLoaderOptions {
  /** File system access. Default: {@link fsMediaReader}. */
  reader?: MediaReader | null | undefined
  /** Absolute path of a source file (from its display path). */
  sourcePath(file: string): string
  /** Absolute root folder a source file's media must stay inside. */
  rootOf(file: string): string
  /** Largest file accepted, in bytes. Default: {@link defaultMaxMediaBytes}. */
  maxBytes?: number | null | undefined
  report: MediaReport
}

/** Key of a reference in {@link MediaLoadResult.names}. */
export function mediaKey(file: string, src: string): string {
  return `${file}\u0000${src}`
}

export {isRemote}

/**
 * Create a loader. Each `load` call stands alone: names are decided over the
 * files of that call, so one output's names never depend on another's.
 */
export function createMediaLoader(options: MediaLoaderOptions): MediaLoader {
  const reader = options.reader ?? fsMediaReader
  const maxBytes = options.maxBytes ?? defaultMaxMediaBytes
  // Reads are shared between calls (json + apkg + html of one build).
  const cache = new Map<string, Promise<Loaded | Refusal>>()

  return {
    async load(requests) {
      const loaded = new Map<string, Loaded>()
      for (const request of requests) {
        const key = mediaKey(request.question.file, request.src)
        const kind = request.kind ?? 'image'
        const position = request.position ?? request.question.position
        if (request.src === '') {
          if (kind !== 'image') options.report(request.question, position, unusableReason(kind), 'unusable-media')
          continue
        }
        if (isRemote(request.src)) {
          if (kind !== 'image') {
            options.report(request.question, position, `${noun(kind)} \`${request.src}\` is remote: it stays a link and is not downloaded`, 'remote-media')
          }
          continue
        }
        if (loaded.has(key) || request.src.startsWith('#')) continue
        const outcome = await loadOne(request)
        if ('reason' in outcome) {
          options.report(request.question, position, outcome.reason.replace(/^Media /, `${noun(kind)} `), outcome.ruleId)
          continue
        }
        const problem = formatProblem(request.src, kind, outcome.format)
        if (problem) options.report(request.question, position, problem, 'media-unknown-format')
        loaded.set(key, outcome)
      }
      return nameFiles(loaded)
    }
  }

  function loadOne(request: MediaRequest): Promise<Loaded | Refusal> {
    const source = options.sourcePath(request.question.file)
    const root = resolve(options.rootOf(request.question.file))
    const path = decodePath(request.src)
    if (isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path)) {
      return Promise.resolve(refuse('media-outside-root', `Media \`${request.src}\` is an absolute path; use a path relative to the question file, inside ${displayRoot(root)}`))
    }
    const target = resolve(dirname(source), path)
    let pending = cache.get(`${root}\u0000${target}`)
    if (!pending) {
      pending = read(request.src, root, target)
      cache.set(`${root}\u0000${target}`, pending)
    }
    return pending
  }

  async function read(src: string, root: string, target: string): Promise<Loaded | Refusal> {
    if (!isInside(root, target)) {
      return refuse('media-outside-root', `Media \`${src}\` is outside the input folder ${displayRoot(root)}; nothing from outside it is embedded`)
    }
    let real: string
    let realRoot: string
    try {
      ;[real, realRoot] = await Promise.all([reader.realpath(target), reader.realpath(root)])
    } catch {
      return refuse('missing-media', `Media \`${src}\` not found`)
    }
    if (!isInside(realRoot, real)) {
      return refuse('media-outside-root', `Media \`${src}\` is a link to a file outside the input folder ${displayRoot(root)}; it is not embedded`)
    }
    try {
      const info = await reader.stat(real)
      if (!info.isFile) return refuse('missing-media', `Media \`${src}\` is not a file`)
      if (info.size > maxBytes) {
        return refuse('media-too-large', `Media \`${src}\` is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit; it is not embedded`)
      }
      const data = await reader.readFile(real)
      const format = sniffFormat(data)
      return {data, sha1: createHash('sha1').update(data).digest('hex'), baseName: playableName(basename(real), format), format}
    } catch {
      return refuse('missing-media', `Media \`${src}\` could not be read`)
    }
  }
}

interface Loaded {
  data: Uint8Array
  sha1: string
  baseName: string
  format: SniffedFormat | undefined
}

interface Refusal {
  ruleId: RuleId
  reason: string
}

function refuse(ruleId: RuleId, reason: string): Refusal {
  return {ruleId, reason}
}

/**
 * Give each distinct content one flat name: the cleaned base name, or, when
 * different contents share a base name, the base name plus 8 hex digits of
 * the content hash (for all of them, so the result is order-independent).
 */
function nameFiles(loaded: Map<string, Loaded>): MediaLoadResult {
  const bySha = new Map<string, {loaded: Loaded; baseNames: Set<string>}>()
  for (const entry of loaded.values()) {
    const seen = bySha.get(entry.sha1)
    if (seen) seen.baseNames.add(cleanMediaName(entry.baseName))
    else bySha.set(entry.sha1, {loaded: entry, baseNames: new Set([cleanMediaName(entry.baseName)])})
  }
  // One content, several names: the smallest name wins, deterministically.
  const chosen = new Map<string, string>()
  for (const [sha, entry] of bySha) chosen.set(sha, [...entry.baseNames].sort()[0] ?? 'media')
  const shasByName = new Map<string, Set<string>>()
  for (const [sha, name] of chosen) shasByName.set(name, (shasByName.get(name) ?? new Set()).add(sha))
  const finalName = new Map<string, string>()
  for (const [sha, name] of chosen) {
    finalName.set(sha, (shasByName.get(name)?.size ?? 1) > 1 ? withHash(name, sha) : name)
  }

  const files = [...bySha.entries()]
    .map(([sha, entry]) => ({name: finalName.get(sha) ?? sha, data: entry.loaded.data, sha1: sha, format: entry.loaded.format}))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const names = new Map<string, string>()
  for (const [key, entry] of loaded) names.set(key, finalName.get(entry.sha1) ?? entry.sha1)
  return {files, names}
}

/**
 * Clean a media file name the way Anki does on import (anki-compat.md §1):
 * NFC; `[ ] < > : " / ? * ^ \ |` and control characters removed; no-break
 * space → space; Windows device names get `_`; a trailing space or dot gets
 * `_`; at most 120 bytes (the extension kept).
 */
export function cleanMediaName(name: string): string {
  let cleaned = name
    .normalize('NFC')
    .replace(/[[\]<>:"/?*^\\|\u0000-\u001F\u007F]/g, '')
    // deckdown's own rule, not Anki's: a name written inside a cloze
    // (`{{c1::[sound:a.mp3]}}`) must not open or close one.
    .replace(/([{}])\1+/g, '$1')
    .replace(/\u00A0/g, ' ')
    .trim()
  if (cleaned === '' || cleaned === '.' || cleaned === '..') cleaned = 'media'
  const extension = extname(cleaned)
  let stem = cleaned.slice(0, cleaned.length - extension.length)
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem)) stem += '_'
  cleaned = stem + extension
  if (/[ .]$/.test(cleaned)) cleaned += '_'
  return truncateBytes(cleaned, 120)
}

/**
 * A sound or video file whose name lacks the extension of its kind (`hello`,
 * or `hello.png` holding MP3) gets the usual one added (`hello.mp3`,
 * `hello.png.mp3`): Anki, AnkiDroid and browsers choose a player by the name.
 */
function playableName(name: string, format: SniffedFormat | undefined): string {
  if (!format || format.kind === 'image') return name
  const extension = extensionOf(name)
  if (audioExtensions.includes(extension) || videoExtensions.includes(extension) || extension === format.extension) return name
  return `${name}.${format.extension}`
}

/** Why a sound or video reference's file may not play, or undefined when it will. */
function formatProblem(src: string, kind: MediaKind, format: SniffedFormat | undefined): string | undefined {
  if (kind === 'image') return undefined
  if (!format) {
    return `${noun(kind)} \`${src}\` is in no format deckdown recognises (MP3, AAC, Ogg, Opus, WAV, FLAC, M4A/MP4, MOV, WebM, Matroska); it is embedded as it is, but may not play`
  }
  if (format.kind === 'image') return `${noun(kind)} \`${src}\` is a ${format.label}, not ${kind}; it is shown as an image`
  return undefined
}

function unusableReason(kind: MediaKind): string {
  return `This \`<${kind}>\` element has no source deckdown can use: give it a \`src\` (or a \`<source src>\`) naming a local file or an http(s) URL (\`data:\` and script URLs are removed); it is left out`
}

function noun(kind: MediaKind): string {
  return kind === 'audio' ? 'Audio' : kind === 'video' ? 'Video' : 'Media'
}

function withHash(name: string, sha: string): string {
  const extension = extname(name)
  const stem = name.slice(0, name.length - extension.length)
  return truncateBytes(`${stem}-${sha.slice(0, 8)}${extension}`, 120)
}

function truncateBytes(name: string, limit: number): string {
  const encoder = new TextEncoder()
  if (encoder.encode(name).length <= limit) return name
  const extension = extname(name)
  let stem = name.slice(0, name.length - extension.length)
  while (stem && encoder.encode(stem + extension).length > limit) stem = [...stem].slice(0, -1).join('')
  return stem + extension
}

function decodePath(src: string): string {
  const withoutSuffix = src.replace(/[?#].*$/, '')
  try {
    return decodeURIComponent(withoutSuffix)
  } catch {
    return withoutSuffix
  }
}

function isInside(root: string, target: string): boolean {
  const path = relative(root, target)
  return path !== '' && !path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path)
}

function displayRoot(root: string): string {
  return `\`${basename(root) || root}\``
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`
}
