/**
 * Telling sound, video and images apart: by extension, and by the first
 * bytes of real files made at test time.
 */
import {describe, expect, it} from 'vitest'
import {cleanMediaName} from '../../src/media/index.js'
import {extensionOf, playableKindOfName, playableMime, resolveKind, sniffFormat} from '../../src/media/kind.js'
import {adts, flacHead, ftyp, mp3, oggOpus, wav, webm} from './samples.js'

describe('sniffFormat', () => {
  it('recognises sound and video by their signatures', () => {
    const cases: Array<[string, Uint8Array, string, string]> = [
      ['wav', wav(), 'audio', 'audio/wav'],
      ['mp3 (frame sync)', mp3(), 'audio', 'audio/mpeg'],
      ['mp3 (ID3)', new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]), 'audio', 'audio/mpeg'],
      ['aac (ADTS)', adts(), 'audio', 'audio/aac'],
      ['ogg opus', oggOpus(), 'audio', 'audio/ogg'],
      ['flac', flacHead(), 'audio', 'audio/flac'],
      ['m4a', ftyp('M4A '), 'audio', 'audio/mp4'],
      ['mp4', ftyp('isom'), 'video', 'video/mp4'],
      ['mov', ftyp('qt  '), 'video', 'video/quicktime'],
      ['webm', webm(), 'video', 'video/webm'],
      ['png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image', 'image/png']
    ]
    for (const [name, data, kind, mime] of cases) expect(sniffFormat(data), name).toMatchObject({kind, mime})
  })

  it('recognises nothing in text or empty files', () => {
    expect(sniffFormat(new TextEncoder().encode('not a sound'))).toBeUndefined()
    expect(sniffFormat(new Uint8Array())).toBeUndefined()
    // Eleven sync bits with an invalid bitrate index are not MPEG audio.
    expect(sniffFormat(new Uint8Array([0xff, 0xfb, 0xf0, 0x00]))).toBeUndefined()
  })
})

describe('kinds', () => {
  it('reads sound and video extensions, ignoring query, fragment and case', () => {
    expect(['a.mp3', 'a.OGG', 'a.oga', 'a.opus', 'a.wav', 'a.flac', 'a.m4a', 'a.aac', 'x/a.mp3?v=1#t'].map(playableKindOfName)).toEqual(Array(9).fill('audio'))
    expect(['a.webm', 'a.mp4', 'a.mkv', 'a.MOV'].map(playableKindOfName)).toEqual(Array(4).fill('video'))
    expect(['a.png', 'a', '.mp3', 'mp3'].map(playableKindOfName)).toEqual(Array(4).fill(undefined))
    expect(extensionOf('dir.v2/file')).toBe('')
  })

  it('lets the bytes win, except that a container keeps what the reference asked for', () => {
    expect(resolveKind('image', sniffFormat(mp3()))).toBe('audio')
    expect(resolveKind('audio', sniffFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47])))).toBe('image')
    expect(resolveKind('audio', sniffFormat(webm()))).toBe('audio')
    expect(resolveKind('video', sniffFormat(oggOpus()))).toBe('video')
    expect(resolveKind('image', sniffFormat(webm()))).toBe('video')
    expect(resolveKind('audio', undefined)).toBe('audio')
  })

  it('gives data: URIs a MIME type from the bytes, else the name', () => {
    expect(playableMime('x.bin', wav(), 'audio')).toBe('audio/wav')
    expect(playableMime('x.webm', webm(), 'audio')).toBe('audio/webm')
    expect(playableMime('x.webm', webm(), 'video')).toBe('video/webm')
    expect(playableMime('x.flac', new Uint8Array([1, 2, 3]), 'audio')).toBe('audio/flac')
    expect(playableMime('x', new Uint8Array([1, 2, 3]), 'audio')).toBe('application/octet-stream')
  })
})

describe('media names', () => {
  it('never hold {{ or }}, which would open or close a cloze around [sound:…]', () => {
    expect(cleanMediaName('a}}b{{{c.mp3')).toBe('a}b{c.mp3')
    expect(cleanMediaName('[sound:x].mp3')).toBe('soundx.mp3')
  })
})
