/**
 * A bundle spool in a temporary file: records are appended (text as UTF-8,
 * bytes as they are; in batches, synchronously, so `push` stays cheap and
 * ordered) and read back in order, so a JSON or CSV bundle, or an Anki
 * package's database pages, of any size keeps only a batch in memory.
 *
 * @module
 */
import {closeSync, mkdtempSync, openSync, readSync, rmdirSync, rmSync, unlinkSync, writeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {BundleSpool} from '../emit/types.js'

/** Bytes gathered before they are written. */
const batchBytes = 1 << 20

/**
 * Make spools in temporary folders under `parent` (default: the system's
 * temporary folder). Each spool removes its folder when closed, or once its
 * records have been read.
 *
 * @example
 * import {writeFile} from 'node:fs/promises'
 * import {compileStream, fileSpools} from 'deckdown'
 *
 * const options = {formats: ['json'], bundle: 'all', spool: fileSpools()}
 * for await (const {outputs} of compileStream(inputs, options)) {
 *   // A bundle comes with the last file, in parts: write them before going on.
 *   for (const output of outputs) await writeFile(output.path, output.contents)
 * }
 */
export function fileSpools(parent: string = tmpdir()): () => BundleSpool {
  return () => createFileSpool(parent)
}

function createFileSpool(parent: string): BundleSpool {
  const folder = mkdtempSync(join(parent, 'deckdown-spool-'))
  const path = join(folder, 'records')
  let fd: number | undefined = openSync(path, 'w+')
  // The file is removed from its folder at once, and the folder with it: the
  // open descriptor keeps the data until it is closed, and a killed build
  // leaves no data behind (an Anki package's pages can be hundreds of MB);
  // a kill between these calls can leave an empty folder, nothing more.
  // Where an open file cannot be removed (Windows), `close` removes both.
  let removed = false
  try {
    unlinkSync(path)
    rmdirSync(folder)
    removed = true
  } catch {
    // Removed on close.
  }
  // Byte length of each record, in order (records may hold any text), and
  // which records were pushed as bytes.
  const lengths: number[] = []
  const bytesRecords = new Set<number>()
  let pending: Buffer[] = []
  let pendingBytes = 0
  let written = 0

  const flush = () => {
    if (fd === undefined || pending.length === 0) return
    const data = Buffer.concat(pending)
    writeSync(fd, data, 0, data.length, written)
    written += data.length
    pending = []
    pendingBytes = 0
  }
  const close = () => {
    if (fd !== undefined) closeSync(fd)
    fd = undefined
    pending = []
    if (!removed) rmSync(folder, {recursive: true, force: true})
    removed = true
  }

  return {
    push(record) {
      if (fd === undefined) throw new Error('This spool is closed')
      let bytes: Buffer
      if (typeof record === 'string') {
        bytes = Buffer.from(record, 'utf8')
      } else {
        bytesRecords.add(lengths.length)
        // A copy: the caller may reuse its array once `push` returns.
        bytes = Buffer.from(record)
      }
      lengths.push(bytes.length)
      pending.push(bytes)
      pendingBytes += bytes.length
      if (pendingBytes >= batchBytes) flush()
    },
    async *read() {
      flush()
      try {
        let position = 0
        let buffer = Buffer.alloc(batchBytes)
        let filled = 0
        let used = 0
        for (const [index, length] of lengths.entries()) {
          if (filled - used < length) {
            // Keep the unread tail, then fill up from the file.
            const tail = buffer.subarray(used, filled)
            if (buffer.length < length) buffer = Buffer.alloc(Math.max(length, batchBytes))
            tail.copy(buffer, 0)
            filled = tail.length
            used = 0
            while (filled < length) {
              if (fd === undefined) throw new Error('This spool is closed')
              const read = readSync(fd, buffer, filled, buffer.length - filled, position)
              if (read === 0) throw new Error('The spool file is shorter than its records')
              filled += read
              position += read
            }
          }
          // Bytes are copied out: the buffer is refilled for the next records.
          yield bytesRecords.has(index) ? new Uint8Array(buffer.subarray(used, used + length)) : buffer.toString('utf8', used, used + length)
          used += length
        }
      } finally {
        close()
      }
    },
    close
  }
}
