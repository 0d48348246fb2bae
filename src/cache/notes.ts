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
const historyFormat = 1

export type {NoteContent}

/** GUID → [content hash, mod]. */
export class NoteHistory {
  /** True when a build changed the history. */
  changed = false
  private readonly entries: Map<string, [string, number]>

  constructor(entries: Iterable<[string, [string, number]]> = []) {
    this.entries = new Map(entries)
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
      const data = JSON.parse(text) as {name?: unknown; format?: unknown; notes?: unknown}
      if (data?.name !== historyName || data.format !== historyFormat || typeof data.notes !== 'object' || data.notes === null) {
        ignored('not a note history of this version of deckdown')
        return new NoteHistory()
      }
      const entries = Object.entries(data.notes as Record<string, unknown>).filter(
        (entry): entry is [string, [string, number]] =>
          Array.isArray(entry[1]) && typeof entry[1][0] === 'string' && Number.isSafeInteger(entry[1][1]) && (entry[1][1] as number) >= 0
      )
      return new NoteHistory(entries)
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
    const previous = this.entries.get(note.guid)
    const mod = previous && previous[0] === hash && previous[1] <= now ? previous[1] : now
    if (!previous || previous[0] !== hash || previous[1] !== mod) {
      this.entries.set(note.guid, [hash, mod])
      this.changed = true
    }
    return mod
  }

  /** The history as the JSON file holds it (GUIDs sorted). */
  toJson(): string {
    const notes: Record<string, [string, number]> = {}
    for (const guid of [...this.entries.keys()].sort()) notes[guid] = this.entries.get(guid) as [string, number]
    return JSON.stringify({name: historyName, format: historyFormat, notes})
  }
}

/** The content hash of a note: what the history compares to tell whether a note changed. */
export function noteContentHash(note: Omit<NoteContent, 'guid' | 'contentHash'>): string {
  return digest('sha256', JSON.stringify([note.noteTypeId, note.deck, note.tags, note.fields]), 'base64url').slice(0, 22)
}
