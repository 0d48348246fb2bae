/**
 * CRC-32 (the zip checksum, polynomial 0xEDB88320 reflected) and how to
 * combine two checksums of consecutive byte runs.
 *
 * Combining is what lets a package deflate its database while it is being
 * written (deflate.ts): pages 2, 3, … are checksummed as they arrive, page 1
 * only once the database is finished, and the member's CRC is the CRC of
 * page 1 followed by the rest. The method is zlib's `crc32_combine`:
 * appending n bytes to a message multiplies its CRC by x^(8n) modulo the
 * polynomial (in GF(2)), so crc(A ‖ B) = crc(A) · x^(8·|B|) ⊕ crc(B).
 *
 * @module
 */
import * as zlib from 'node:zlib'

const polynomial = 0xedb88320

// Node has zlib's native CRC-32 from 20.15 and 22.2; earlier releases of
// Node 20 get the table-driven one below (the same function, slower).
const nativeCrc32 = (zlib as {crc32?: (data: Uint8Array, value?: number) => number}).crc32

let table: Uint32Array | undefined

/** The CRC-32 of `bytes`, continuing from `crc` (the CRC of what came before). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  if (nativeCrc32) return nativeCrc32(bytes, crc)
  return tableCrc32(bytes, crc)
}

/** CRC-32 by a 256-entry table: what `crc32` falls back to (exported for tests). */
export function tableCrc32(bytes: Uint8Array, crc = 0): number {
  table ??= makeTable()
  let value = ~crc >>> 0
  for (let index = 0; index < bytes.length; index++) value = (table[(value ^ (bytes[index] as number)) & 0xff] as number) ^ (value >>> 8)
  return ~value >>> 0
}

function makeTable(): Uint32Array {
  const made = new Uint32Array(256)
  for (let byte = 0; byte < 256; byte++) {
    let value = byte
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? (value >>> 1) ^ polynomial : value >>> 1
    made[byte] = value >>> 0
  }
  return made
}

/** a · b modulo the polynomial (reflected bit order: x^0 is the top bit). */
function multiplyModP(a: number, b: number): number {
  let product = 0
  let bit = 0x80000000
  for (;;) {
    if (a & bit) {
      product ^= b
      if ((a & (bit - 1)) === 0) break
    }
    bit >>>= 1
    b = b & 1 ? (b >>> 1) ^ polynomial : b >>> 1
  }
  return product >>> 0
}

/** x^(2^k) modulo the polynomial, for k = 0 … 31 (computed once). */
let powers: number[] | undefined

/** x^(8 · length) modulo the polynomial: what appending `length` bytes multiplies a CRC by. */
function shiftFor(length: number): number {
  if (!powers) {
    powers = [0x40000000] // x^1
    for (let k = 1; k < 32; k++) powers.push(multiplyModP(powers[k - 1] as number, powers[k - 1] as number))
  }
  let result = 0x80000000 // x^0
  // x^(8n) = x^(n · 2^3): walk the bits of n from k = 3.
  let k = 3
  for (let rest = length; rest > 0; rest = Math.floor(rest / 2), k++) {
    if (rest % 2 === 1) result = multiplyModP(powers[k % 32] as number, result)
  }
  return result
}

/**
 * The CRC-32 of A followed by B, from the CRC of A, the CRC of B and the
 * length of B in bytes.
 *
 * @example
 * crc32Combine(crc32(a), crc32(b), b.length) === crc32(Buffer.concat([a, b]))
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModP(shiftFor(lengthB), crcA) ^ crcB) >>> 0
}
