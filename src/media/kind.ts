/**
 * What a media file is: an image, a sound or a video, told apart by its
 * name's extension and, more reliably, by its first bytes.
 *
 * A small table of magic numbers rather than a sniffing library: deckdown
 * only needs the formats Anki and browsers play, and the well-known sniffers
 * read whole streams asynchronously for hundreds of formats. Each entry cites
 * the signature it matches.
 *
 * @module
 */

/** What a media reference shows or plays. */
export type MediaKind = 'image' | 'audio' | 'video'

/** Every kind, in the order documentation lists them. */
export const mediaKinds: readonly MediaKind[] = ['image', 'audio', 'video']

/** A format recognised from a file's bytes. */
export interface SniffedFormat {
  kind: MediaKind
  /** MIME type for `data:` URIs and `<source type>`. */
  mime: string
  /** Usual extension, without the dot (`mp3`). */
  extension: string
  /** Short name for messages (`MP3 audio`). */
  label: string
  /**
   * A container that may hold sound only or video (WebM, Matroska, MP4,
   * Ogg): the reference (`<audio>` or `<video>`, the extension) decides which.
   */
  container: boolean
}

/** Extensions of sound files Anki plays with `[sound:…]`. */
export const audioExtensions: readonly string[] = ['mp3', 'ogg', 'oga', 'opus', 'wav', 'flac', 'm4a', 'aac']

/** Extensions of video files (Anki plays them with `[sound:…]` too). */
export const videoExtensions: readonly string[] = ['webm', 'mp4', 'mkv', 'mov']

const extensionMimes: Readonly<Record<string, string>> = {
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  webm: 'video/webm',
  mp4: 'video/mp4',
  mkv: 'video/x-matroska',
  mov: 'video/quicktime'
}

/** The lower-cased extension of a path or URL (query and fragment ignored), or `''`. */
export function extensionOf(path: string): string {
  const clean = path.replace(/[?#].*$/, '')
  const base = clean.slice(clean.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

/** `audio` or `video` when the name's extension says so; else undefined. */
export function playableKindOfName(path: string): 'audio' | 'video' | undefined {
  const extension = extensionOf(path)
  if (audioExtensions.includes(extension)) return 'audio'
  if (videoExtensions.includes(extension)) return 'video'
  return undefined
}

/**
 * Recognise a file from its first bytes.
 *
 * @param data The file (only the first few hundred bytes are read).
 * @returns The format, or undefined when no signature matches.
 */
export function sniffFormat(data: Uint8Array): SniffedFormat | undefined {
  const at = (offset: number, ...bytes: number[]) => bytes.every((byte, index) => data[offset + index] === byte)
  const ascii = (offset: number, value: string) => at(offset, ...[...value].map((character) => character.charCodeAt(0)))
  const format = (kind: MediaKind, mime: string, extension: string, label: string, container = false): SniffedFormat => ({kind, mime, extension, label, container})

  // Images (as the print document has always told them apart).
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return format('image', 'image/png', 'png', 'PNG image')
  if (at(0, 0xff, 0xd8, 0xff)) return format('image', 'image/jpeg', 'jpg', 'JPEG image')
  if (ascii(0, 'GIF8')) return format('image', 'image/gif', 'gif', 'GIF image')
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return format('image', 'image/webp', 'webp', 'WebP image')
  if (ascii(0, 'BM') && data.length > 14) return format('image', 'image/bmp', 'bmp', 'BMP image')

  // RIFF/WAVE (Microsoft RIFF: "RIFF", size, "WAVE").
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return format('audio', 'audio/wav', 'wav', 'WAV audio')
  // FLAC stream marker.
  if (ascii(0, 'fLaC')) return format('audio', 'audio/flac', 'flac', 'FLAC audio')
  // Ogg page ("OggS"); the first packet names the codec.
  if (ascii(0, 'OggS')) {
    const head = latin1(data.subarray(0, 128))
    if (head.includes('OpusHead')) return format('audio', 'audio/ogg', 'opus', 'Ogg Opus audio', true)
    if (head.includes('theora')) return format('video', 'video/ogg', 'ogv', 'Ogg video', true)
    return format('audio', 'audio/ogg', 'ogg', 'Ogg audio', true)
  }
  // ISO base media file ("ftyp" box at offset 4); the major brand tells M4A and QuickTime apart.
  if (ascii(4, 'ftyp')) {
    const brand = latin1(data.subarray(8, 12))
    if (/^M4[ABP] $/.test(brand)) return format('audio', 'audio/mp4', 'm4a', 'M4A audio', true)
    if (brand === 'qt  ') return format('video', 'video/quicktime', 'mov', 'QuickTime video', true)
    return format('video', 'video/mp4', 'mp4', 'MP4 video', true)
  }
  // EBML header (1A 45 DF A3); the DocType says WebM or Matroska.
  if (at(0, 0x1a, 0x45, 0xdf, 0xa3)) {
    const head = latin1(data.subarray(0, 256))
    if (head.includes('webm')) return format('video', 'video/webm', 'webm', 'WebM', true)
    return format('video', 'video/x-matroska', 'mkv', 'Matroska', true)
  }
  // MP3 with an ID3v2 tag in front.
  if (ascii(0, 'ID3')) return format('audio', 'audio/mpeg', 'mp3', 'MP3 audio')
  // A bare MPEG audio frame (11 sync bits): layer bits 00 are AAC's ADTS header,
  // anything else MPEG audio (MP3); a bitrate index of 1111 is invalid.
  if (data[0] === 0xff && ((data[1] ?? 0) & 0xe0) === 0xe0) {
    const layer = ((data[1] ?? 0) >> 1) & 0x03
    if (layer === 0 && ((data[1] ?? 0) & 0xf6) === 0xf0) return format('audio', 'audio/aac', 'aac', 'AAC audio')
    if (layer !== 0 && ((data[2] ?? 0) & 0xf0) !== 0xf0) return format('audio', 'audio/mpeg', 'mp3', 'MP3 audio')
  }
  return undefined
}

/**
 * The kind a reference ends up with: the bytes win over the name, except
 * that a container (WebM, MP4, Ogg …) keeps the kind the reference asked for
 * when it asked for sound or video.
 *
 * @param declared What the reference says (`<audio>`, `<video>`, or the
 *   extension of an image's path; `image` for a plain image).
 * @param sniffed The file's format, when recognised.
 */
export function resolveKind(declared: MediaKind, sniffed: SniffedFormat | undefined): MediaKind {
  if (!sniffed) return declared
  if (sniffed.container && declared !== 'image' && sniffed.kind !== 'image') return declared
  return sniffed.kind
}

/**
 * MIME type of a sound or video file: from its bytes, else its extension;
 * `application/octet-stream` when neither says.
 */
export function playableMime(name: string, data: Uint8Array, kind: MediaKind): string {
  const sniffed = sniffFormat(data)
  if (sniffed && sniffed.kind !== 'image') {
    // `video/webm` holding sound only is still WebM; an <audio> element plays it either way.
    return kind === 'audio' && sniffed.container ? sniffed.mime.replace(/^video\//, 'audio/') : sniffed.mime
  }
  return extensionMimes[extensionOf(name)] ?? 'application/octet-stream'
}

function latin1(bytes: Uint8Array): string {
  let result = ''
  for (const byte of bytes) result += String.fromCharCode(byte)
  return result
}
