/**
 * Writing outputs atomically: a reader (or a crash) never sees half a file.
 *
 * @module
 */
import {randomBytes} from 'node:crypto'
import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

/**
 * Write `contents` to `target` through a temporary file in the same folder and
 * a rename (atomic on POSIX file systems). `contents` may come in parts (a
 * streamed bundle), written as they are read.
 */
export async function writeAtomic(target: string, contents: string | Uint8Array | AsyncIterable<string | Uint8Array>): Promise<void> {
  const folder = dirname(target)
  await mkdir(folder, {recursive: true})
  const temporary = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, contents)
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}
