/**
 * Note history: for each note GUID, the hash of the note's content and the
 * `mod` time it was written with.
 *
 * Anki's importers update a note already in the collection only when the
 * package's `mod` is newer than the collection's (anki-compat.md §9). Giving
 * an unchanged note its old `mod` again means re-importing a rebuilt deck
 * updates what was edited in Markdown and leaves alone the other notes,
 * including edits made to them inside Anki.
 *
 * @module
 */
import {digest} from '../digest.js'
import {readFile} from 'node:fs/promises'
import type {NoteContent} from '../emit/apkg/index.js'

const historyName = 'deckdown-note-history'
/**
 * Format 2 keeps the notes column by column (GUIDs, content hashes, `mod`
 * times: three arrays, sorted by GUID). Read back as three arrays rather than
 * an object of ten thousand keys each holding a pair, it is several times
 * cheaper to read and write, and a rebuild does both. Format 1 files (an
 * object of `guid: [hash, mod]`) are still read.
 */
const historyFormat = 2

export type {NoteContent}

/** GUID → [content hash, mod]. */
export class NoteHistory {
  /** True when a build changed the history. */
  changed = false
  // Each note's place in `hashes` and `mods`, by GUID.
  private readonly places = new Map<string, number>()
  private readonly hashes: string[] = []
  private readonly mods: number[] = []

  constructor(entries: Iterable<[string, [string, number]]> = []) {
    for (const [guid, [hash, mod]] of entries) this.put(guid, hash, mod)
  }

  /**
   * Read a history file; a missing file is an empty history, an unreadable
   * or foreign one too (reported through `ignored`).
   */
  static async read(path: string, ignored: (reason: string) => void): Promise<NoteHistory> {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch {
      return new NoteHistory()
    }
    try {
      const data = JSON.parse(text) as {name?: unknown; format?: unknown; notes?: unknown; guids?: unknown; hashes?: unknown; mods?: unknown}
      const history = data?.name === historyName ? (data.format === 2 ? NoteHistory.fromColumns(data) : data.format === 1 ? NoteHistory.fromPairs(data.notes) : undefined) : undefined
      if (!history) ignored('not a note history of this version of deckdown')
      return history ?? new NoteHistory()
    } catch {
      ignored('unreadable')
      return new NoteHistory()
    }
  }

  /**
   * The `mod` (seconds) a note gets: the one it was written with before when
   * its content is unchanged (and that time is not in the future), else
   * `now`. Records the answer.
   */
  modFor(note: NoteContent, now: number): number {
    const hash = note.contentHash ?? noteContentHash(note)
    const place = this.places.get(note.guid)
    const unchanged = place !== undefined && this.hashes[place] === hash
    const mod = unchanged && (this.mods[place] as number) <= now ? (this.mods[place] as number) : now
    if (!unchanged || this.mods[place] !== mod) {
      this.put(note.guid, hash, mod)
      this.changed = true
    }
    return mod
  }

  /** The history as the JSON file holds it (GUIDs sorted). */
  toJson(): string {
    const guids = [...this.places.keys()].sort()
    const hashes: string[] = []
    const mods: number[] = []
    for (const guid of guids) {
      const place = this.places.get(guid) as number
      hashes.push(this.hashes[place] as string)
      mods.push(this.mods[place] as number)
    }
    return JSON.stringify({name: historyName, format: historyFormat, guids, hashes, mods})
  }

  /** A format 2 history, or `undefined` when the columns do not agree. */
  private static fromColumns(data: {guids?: unknown; hashes?: unknown; mods?: unknown}): NoteHistory | undefined {
    const {guids, hashes, mods} = data
    if (!Array.isArray(guids) || !Array.isArray(hashes) || !Array.isArray(mods)) return undefined
    if (hashes.length !== guids.length || mods.length !== guids.length) return undefined
    const history = new NoteHistory()
    for (let index = 0; index < guids.length; index++) {
      const guid: unknown = guids[index]
      const mod: unknown = mods[index]
      const hash: unknown = hashes[index]
      // Like format 1, a malformed note is left out, not the history.
      if (typeof guid === 'string' && typeof hash === 'string' && isMod(mod)) history.put(guid, hash, mod)
    }
    return history
  }

  /** A format 1 history (`{guid: [hash, mod]}`). */
  private static fromPairs(notes: unknown): NoteHistory | undefined {
    if (typeof notes !== 'object' || notes === null) return undefined
    const history = new NoteHistory()
    for (const [guid, entry] of Object.entries(notes as Record<string, unknown>)) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && isMod(entry[1])) history.put(guid, entry[0], entry[1])
    }
    // Saved in the current format by the next build.
    history.changed = true
    return history
  }

  private put(guid: string, hash: string, mod: number): void {
    const place = this.places.get(guid)
    if (place === undefined) {
      this.places.set(guid, this.hashes.length)
      this.hashes.push(hash)
      this.mods.push(mod)
    } else {
      this.hashes[place] = hash
      this.mods[place] = mod
    }
  }
}

function isMod(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0
}

/** The content hash of a note: what the history compares to tell whether a note changed. */
export function noteContentHash(note: Omit<NoteContent, 'guid' | 'contentHash'>): string {
  return digest('sha256', JSON.stringify([note.noteTypeId, note.deck, note.tags, note.fields]), 'base64url').slice(0, 22)
}
