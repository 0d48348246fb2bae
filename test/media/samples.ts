/**
 * Tiny but real sound and video files, written byte by byte at test time
 * (nothing downloaded, no encoder needed):
 *
 * - WAV: RIFF/WAVE, 8 kHz mono 16-bit PCM, a sine tone;
 * - Ogg Opus and WebM (Opus audio track): Opus "silence" frames (TOC 0xF8,
 *   20 ms CELT, then 0xFF 0xFE), with real Ogg page CRCs and EBML sizes;
 * - MP3: silent MPEG-1 Layer III frames (a header, zero side information);
 * - FLAC, M4A, MP4, MOV: the headers sniffing looks at (not playable).
 */

/** `ms` milliseconds of a 440 Hz tone as 8 kHz mono 16-bit PCM WAV. */
export function wav(ms = 200): Uint8Array {
  const rate = 8000
  const samples = Math.round((rate * ms) / 1000)
  const buffer = Buffer.alloc(44 + samples * 2)
  buffer.write('RIFF', 0, 'latin1')
  buffer.writeUInt32LE(36 + samples * 2, 4)
  buffer.write('WAVE', 8, 'latin1')
  buffer.write('fmt ', 12, 'latin1')
  buffer.writeUInt32LE(16, 16)
  buffer.writeUInt16LE(1, 20) // PCM
  buffer.writeUInt16LE(1, 22) // mono
  buffer.writeUInt32LE(rate, 24)
  buffer.writeUInt32LE(rate * 2, 28)
  buffer.writeUInt16LE(2, 32)
  buffer.writeUInt16LE(16, 34)
  buffer.write('data', 36, 'latin1')
  buffer.writeUInt32LE(samples * 2, 40)
  for (let index = 0; index < samples; index++) {
    buffer.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * index) / rate)), 44 + index * 2)
  }
  return new Uint8Array(buffer)
}

/** `frames` silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono; 26 ms each). */
export function mp3(frames = 8): Uint8Array {
  const size = Math.floor((144 * 128_000) / 44_100) // 417 bytes, no padding
  const buffer = Buffer.alloc(size * frames)
  for (let index = 0; index < frames; index++) buffer.set([0xff, 0xfb, 0x90, 0xc4], index * size)
  return new Uint8Array(buffer)
}

/** The 3-byte Opus packet Discord and others send as silence (20 ms at 48 kHz). */
const opusSilence = [0xf8, 0xff, 0xfe]
const opusPreSkip = 312

function opusHead(): Buffer {
  const head = Buffer.alloc(19)
  head.write('OpusHead', 0, 'latin1')
  head[8] = 1 // version
  head[9] = 1 // channels
  head.writeUInt16LE(opusPreSkip, 10)
  head.writeUInt32LE(48_000, 12) // input sample rate (informative)
  head.writeInt16LE(0, 16) // output gain
  head[18] = 0 // channel mapping family
  return head
}

/** `ms` milliseconds (rounded to 20 ms frames) of silence as Ogg Opus. */
export function oggOpus(ms = 400): Uint8Array {
  const frames = Math.max(1, Math.round(ms / 20))
  const tags = Buffer.alloc(8 + 4 + 8 + 4)
  tags.write('OpusTags', 0, 'latin1')
  tags.writeUInt32LE(8, 8)
  tags.write('deckdown', 12, 'latin1')
  tags.writeUInt32LE(0, 20)
  const packets = Array.from({length: frames}, () => Buffer.from(opusSilence))
  return new Uint8Array(
    Buffer.concat([
      oggPage([opusHead()], 0, 0, 0x02),
      oggPage([tags], 0, 1, 0x00),
      oggPage(packets, opusPreSkip + frames * 960, 2, 0x04)
    ])
  )
}

function oggPage(packets: readonly Buffer[], granule: number, sequence: number, flags: number): Buffer {
  const lacing: number[] = []
  for (const packet of packets) {
    let left = packet.length
    while (left >= 255) {
      lacing.push(255)
      left -= 255
    }
    lacing.push(left)
  }
  const header = Buffer.alloc(27 + lacing.length)
  header.write('OggS', 0, 'latin1')
  header[4] = 0
  header[5] = flags
  header.writeBigInt64LE(BigInt(granule), 6)
  header.writeUInt32LE(0x64_65_63_6b, 14) // stream serial
  header.writeUInt32LE(sequence, 18)
  header.writeUInt32LE(0, 22) // CRC, filled below
  header[26] = lacing.length
  header.set(lacing, 27)
  const page = Buffer.concat([header, ...packets])
  page.writeUInt32LE(oggCrc(page), 22)
  return page
}

/** Ogg's CRC-32: polynomial 0x04C11DB7, initial 0, not reflected. */
function oggCrc(bytes: Uint8Array): number {
  let crc = 0
  for (const byte of bytes) {
    crc ^= byte << 24
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1
    crc >>>= 0
  }
  return crc >>> 0
}

/** `ms` milliseconds (20 ms frames) of silence as WebM with one Opus audio track. */
export function webm(ms = 400): Uint8Array {
  const frames = Math.max(1, Math.round(ms / 20))
  const header = element([0x1a, 0x45, 0xdf, 0xa3], [
    element([0x42, 0x86], uint(1)),
    element([0x42, 0xf7], uint(1)),
    element([0x42, 0xf2], uint(4)),
    element([0x42, 0xf3], uint(8)),
    element([0x42, 0x82], Buffer.from('webm', 'latin1')),
    element([0x42, 0x87], uint(4)),
    element([0x42, 0x85], uint(2))
  ])
  const duration = Buffer.alloc(8)
  duration.writeDoubleBE(frames * 20)
  const info = element([0x15, 0x49, 0xa9, 0x66], [
    element([0x2a, 0xd7, 0xb1], uint(1_000_000)), // timecodes in ms
    element([0x4d, 0x80], Buffer.from('deckdown-test', 'latin1')),
    element([0x57, 0x41], Buffer.from('deckdown-test', 'latin1')),
    element([0x44, 0x89], duration)
  ])
  const rate = Buffer.alloc(8)
  rate.writeDoubleBE(48_000)
  const tracks = element([0x16, 0x54, 0xae, 0x6b], [
    element([0xae], [
      element([0xd7], uint(1)),
      element([0x73, 0xc5], uint(1)),
      element([0x83], uint(2)), // audio
      element([0x86], Buffer.from('A_OPUS', 'latin1')),
      element([0x56, 0xaa], uint(6_500_000)), // codec delay (ns)
      element([0x63, 0xa2], opusHead()),
      element([0xe1], [element([0xb5], rate), element([0x9f], uint(1))])
    ])
  ])
  const blocks = Array.from({length: frames}, (_, index) => {
    const block = Buffer.alloc(4)
    block[0] = 0x81 // track 1
    block.writeInt16BE(index * 20, 1)
    block[3] = 0x80 // keyframe
    return element([0xa3], Buffer.concat([block, Buffer.from(opusSilence)]))
  })
  const cluster = element([0x1f, 0x43, 0xb6, 0x75], [element([0xe7], uint(0)), ...blocks])
  const segment = element([0x18, 0x53, 0x80, 0x67], [info, tracks, cluster])
  return new Uint8Array(Buffer.concat([header, segment]))
}

/** An EBML element with an 8-byte size field. */
function element(id: readonly number[], payload: Buffer | readonly Buffer[]): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.concat(payload as Buffer[])
  const size = Buffer.alloc(8)
  size.writeBigUInt64BE(BigInt(body.length) | (1n << 56n))
  return Buffer.concat([Buffer.from(id), size, body])
}

function uint(value: number): Buffer {
  const bytes: number[] = []
  let rest = value
  do {
    bytes.unshift(rest & 0xff)
    rest = Math.floor(rest / 256)
  } while (rest > 0)
  return Buffer.from(bytes)
}

/** The opening of a FLAC stream (marker and STREAMINFO header). */
export function flacHead(): Uint8Array {
  return new Uint8Array([...Buffer.from('fLaC', 'latin1'), 0x80, 0x00, 0x00, 0x22, ...new Uint8Array(34)])
}

/** An ISO base media `ftyp` box with a major brand (`M4A `, `isom`, `qt  `). */
export function ftyp(brand: string): Uint8Array {
  const box = Buffer.alloc(24)
  box.writeUInt32BE(24, 0)
  box.write('ftyp', 4, 'latin1')
  box.write(brand, 8, 'latin1')
  box.writeUInt32BE(0x200, 12)
  box.write('isom', 16, 'latin1')
  box.write('mp41', 20, 'latin1')
  return new Uint8Array(box)
}

/** An AAC ADTS frame header (MPEG-4, LC, 44.1 kHz, mono) with a silent payload. */
export function adts(): Uint8Array {
  return new Uint8Array([0xff, 0xf1, 0x50, 0x40, 0x01, 0x7f, 0xfc, 0x21, 0x00, 0x49, 0x90, 0x02, 0x19, 0x00, 0x23, 0x80])
}
