/**
 * Which cache entry an input's version names, so a rebuild finds the
 * entries of unchanged files without reading them.
 *
 * Finding a file's entry takes its key, a hash of its bytes: a rebuild read
 * and hashed every input (the 10k bench's 7.8 MiB), about 60 ms of a rebuild
 * after one edit. An input may come with a version (`CompileInput.version`):
 * a token that changes whenever its bytes may have, such as the CLI's, made
 * of the file's device, inode, size and modification and change times. The
 * cache remembers, per input (path and options), the version it last read
 * and the key those bytes had; the same version again names the same entry.
 *
 * Stored as `versions.json` beside the note history, replaced whole on save;
 * one that cannot be read is ignored (reported like the history).
 *
 * @module
 */
import {readFile} from 'node:fs/promises'

const versionsName = 'deckdown-input-versions'
const versionsFormat = 1

/** Input (hash of its path and options) → its last version and that version's key. */
export class InputVersions {
  readonly #byInput: Map<string, [version: string, key: string]>
  /** Whether anything was remembered since reading. */
  changed = false

  private constructor(byInput: Map<string, [string, string]>) {
    this.#byInput = byInput
  }

  /** Read `path` (none yet: empty; unreadable: empty, and `ignored` told why). */
  static async read(path: string, ignored: (reason: string) => void): Promise<InputVersions> {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch {
      return new InputVersions(new Map())
    }
    try {
      const value = JSON.parse(text) as {name?: unknown; format?: unknown; inputs?: unknown}
      if (value?.name !== versionsName || value.format !== versionsFormat) {
        ignored('not written by this version of deckdown')
        return new InputVersions(new Map())
      }
      const inputs = value.inputs
      if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) throw new Error('no inputs')
      const byInput = new Map<string, [string, string]>()
      for (const [input, pair] of Object.entries(inputs)) {
        if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') throw new Error('bad pair')
        byInput.set(input, [pair[0], pair[1]])
      }
      return new InputVersions(byInput)
    } catch {
      ignored('unreadable')
      return new InputVersions(new Map())
    }
  }

  /** The key of the bytes `input` had at `version`, if that is the version remembered. */
  keyOf(input: string, version: string): string | undefined {
    const pair = this.#byInput.get(input)
    return pair && pair[0] === version ? pair[1] : undefined
  }

  /** Remember that `input` at `version` had the bytes of `key`. */
  remember(input: string, version: string, key: string): void {
    const pair = this.#byInput.get(input)
    if (pair && pair[0] === version && pair[1] === key) return
    this.#byInput.set(input, [version, key])
    this.changed = true
  }

  toJson(): string {
    const inputs = Object.fromEntries([...this.#byInput].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    return `${JSON.stringify({name: versionsName, format: versionsFormat, inputs})}\n`
  }
}
