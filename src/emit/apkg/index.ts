/**
 * The `apkg` emitter: questions → an Anki package (`.apkg`) that modern Anki,
 * AnkiDroid, AnkiMobile and Anki 2.1.16 import.
 *
 * Cut by Anki concept, like genanki: `note-types.ts` (what a note looks
 * like), `template.ts` (which cards a note gets), `fields.ts` (field HTML,
 * `sfld`, `csum`), `cloze.ts` (Anki cloze syntax in the Text field),
 * `choices.ts` (the option list of the Choices field), `decks.ts` (decks and
 * options), `ids.ts` (GUIDs and ids),
 * `collection.ts` (the schema-11 database) over `sqlite-file.ts` (SQLite's
 * file format, written page by page), `package.ts` (the zip), `css.ts`.
 * This file only wires them together. The rules they follow are in
 * `anki-compat.md` (the team's notes on Anki's importers), cited by section.
 *
 * Re-importing a rebuilt package updates notes in place: a note's GUID comes
 * from its question id, never its content, and its `mod` is the build time
 * (§8, §9) — or, given a note history (option `history`, kept by the build
 * cache), the earlier `mod` of a note whose content did not change.
 *
 * @module
 */
import type {Root} from '../../ast/types.js'
import type {MediaFile} from '../../media/index.js'
import type {EmitContext, Emitter} from '../types.js'
import {createMemorySpool} from '../../pipeline/spool.js'
import {openCollection, type CardRow, type NoteRow} from './collection.js'
import {openDeflater, prependDeflated, type DeflatedStore} from './deflate.js'
import {collectionConfig, DeckIds, deckName, defaultDeckConfig, toDeckJson} from './decks.js'
import {fieldChecksum, stripHtmlPreservingMediaNames, tagsField} from './fields.js'
import {firstIdEndingAt} from './ids.js'
import {basicNoteType, toModelJson, type NoteType} from './note-types.js'
import {writePackage} from './package.js'
import {Utf8Text} from './sqlite-file.js'
import {bundleGuids, planNotes, type NotePlan, type PlannedNote} from './plan.js'

/**
 * The `apkg` emitter.
 *
 * One note per question, of the note type of its kind ({@link noteTypeFor}:
 * "Basic (deckdown)" one card, "Basic and reversed (deckdown)" two, "Cloze
 * (deckdown)" one per cloze number, "Choice (deckdown)" one), in
 * the question's deck (`A::B`, parents included; the output's name when a
 * question has no deck). Output is a legacy package: `collection.anki2`
 * (schema 11) and a `media` map. Byte-identical for the same input and clock.
 *
 * @example
 * import {apkgEmitter, compile} from 'deckdown'
 *
 * const {outputs} = await compile(
 *   [{path: 'python.md', value: '## What is the GIL?\n\n**Answer:** A lock.'}],
 *   {formats: ['apkg'], emitters: [apkgEmitter], now: new Date('2026-01-01')}
 * )
 * outputs[0].contents // Uint8Array: python.apkg
 */
export const apkgEmitter: Emitter = {
  name: 'apkg',
  extension: '.apkg',
  description: 'Anki package (.apkg) for Anki, AnkiDroid and AnkiMobile; re-importing a rebuilt deck updates notes in place',
  emit(tree, context) {
    return toApkg(tree, context)
  },
  async openBundle(context, expected, spool) {
    // Each file's notes go into the database as the file arrives, so the
    // bundle never holds every file's notes, and the database's full pages
    // are deflated and wait in the build's spool: ids are counted from an upper
    // bound on how many the inputs can make (a note or card needs at least
    // a character of input), which keeps every id at or before the build
    // time without knowing the count in advance.
    const writer = await openApkg(context, {notes: expected.size, cards: expected.size}, spool)
    const guids = bundleGuids(context)
    return {
      async add(tree, fileContext) {
        writer.add(await planNotes(tree, fileContext, guids))
      },
      finish: (finalContext) => writer.finish(finalContext),
      close: () => writer.close()
    }
  }
}

/**
 * Build the package bytes for a tree (what {@link apkgEmitter} returns).
 *
 * @param tree Question tree.
 * @param context Emit context: the clock (`now`) stamps ids, `mod` times and
 *   zip dates; `render` renders fields; `report` receives per-question
 *   problems; `name` names the deck of questions without one.
 */
export async function toApkg(tree: Root, context: EmitContext): Promise<Uint8Array> {
  const plan = await planNotes(tree, context)
  // The exact counts: ids end at the build time (§13 item 7).
  const cards = plan.notes.reduce((sum, note) => sum + note.ords.length, 0)
  const writer = await openApkg(context, {notes: plan.notes.length, cards})
  try {
    writer.add(plan)
    return await writer.finish(context)
  } finally {
    writer.close()
  }
}

/** How many ids a package may use, at most, for notes and for cards. */
interface IdBudget {
  notes: number
  cards: number
}

/** A package filled plan by plan. */
interface ApkgWriter {
  /** Write a plan's notes and cards into the database; keep its media. */
  add(plan: NotePlan): void
  /** The package bytes. */
  finish(context: EmitContext): Promise<Uint8Array>
  close(): void
}

/**
 * @param store Where the database waits, deflated, until it is zipped
 *   (default: memory).
 */
async function openApkg(context: EmitContext, budget: IdBudget, store: DeflatedStore = createMemorySpool()): Promise<ApkgWriter> {
  const now = context.now()
  const nowMs = Math.floor(now.getTime())
  // Every `mod` is whole seconds (§9): milliseconds would make the package
  // look newer than any later correct build.
  const nowSeconds = Math.floor(nowMs / 1000)
  // Ids are consecutive and at most the build time when the budget holds
  // (§4, §13 item 7); only uniqueness in the package matters (§10).
  let nextNoteId = firstIdEndingAt(nowMs, budget.notes)
  let nextCardId = firstIdEndingAt(nowMs, budget.cards)
  const history = noteHistoryOption(context.options['history'])
  const deckIds = new DeckIds()
  const usedTypes: NoteType[] = []
  const media = new Map<string, MediaFile>()
  let firstDeck: string | undefined
  let notes = 0
  // Full pages are deflated as they are made, beside the rest of the build.
  const deflater = openDeflater(store)
  const collection = openCollection((pages) => deflater.push(pages))

  return {
    add(plan) {
      const noteRows: NoteRow[] = []
      const cardRows: CardRow[] = []
      for (const note of plan.notes) {
        const id = nextNoteId++
        notes += 1
        firstDeck ??= note.deck
        if (!usedTypes.includes(note.noteType)) usedTypes.push(note.noteType)
        const tags = tagsField(note.question.tags)
        const mod = history ? history.modFor(new PlannedContent(note, tags), nowSeconds) : nowSeconds
        noteRows.push({
          id,
          guid: note.guid,
          mid: note.noteType.id,
          mod,
          tags,
          fields: note.flds ? new Utf8Text(note.flds) : note.fields,
          sfld: note.sfld ?? stripHtmlPreservingMediaNames(note.fields[note.noteType.sortField] ?? ''),
          csum: note.csum ?? fieldChecksum(note.fields[0] ?? '')
        })
        const did = deckIds.idOf(note.deck)
        for (const ord of note.ords) {
          // All cards of a note share its new-card position, as in Anki.
          cardRows.push({id: nextCardId++, nid: id, did, ord, mod, due: notes})
        }
      }
      for (const file of plan.media) if (!media.has(file.name)) media.set(file.name, file)
      collection.addNotes(noteRows)
      collection.addCards(cardRows)
    },

    async finish(finalContext) {
      // A package without notes still names a deck, so its note type's `did`
      // and `col.conf` point at something real.
      const deck = firstDeck ?? deckName([], finalContext.name)
      const firstDeckId = deckIds.idOf(deck)
      const types = usedTypes.length > 0 ? usedTypes : [basicNoteType]
      const models: Record<string, unknown> = {}
      for (const noteType of types) {
        // The key must equal the inner id (§3).
        models[String(noteType.id)] = toModelJson(noteType, {mod: nowSeconds, deckId: firstDeckId})
      }
      const decks: Record<string, unknown> = {}
      for (const [name, id] of deckIds.entries()) decks[String(id)] = toDeckJson(id, name, nowSeconds)
      const {firstPage} = await collection.finish({
        crt: nowSeconds,
        mod: nowMs,
        scm: nowMs,
        conf: collectionConfig({deckId: firstDeckId, noteTypeId: types[0]?.id ?? basicNoteType.id, nextPos: notes + 1}),
        models,
        decks,
        dconf: {1: defaultDeckConfig(nowSeconds)}
      })
      try {
        return await writePackage(prependDeflated(firstPage, await deflater.finish()), [...media.values()], now)
      } finally {
        close()
      }
    },

    close
  }

  function close(): void {
    collection.close()
    deflater.destroy()
  }
}

/**
 * A planned note as its history sees it. Its fields are read (decoded, for
 * a prepared note) only by a history that has no hash of them.
 */
class PlannedContent implements NoteContent {
  readonly guid: string
  readonly noteTypeId: number
  readonly deck: string
  readonly contentHash: string | undefined
  readonly #note: PlannedNote

  constructor(
    note: PlannedNote,
    readonly tags: string
  ) {
    this.#note = note
    this.guid = note.guid
    this.noteTypeId = note.noteType.id
    this.deck = note.deck
    this.contentHash = note.contentHash
  }

  get fields(): readonly string[] {
    return this.#note.fields
  }
}

/** What a note is made of, as the apkg writer tells its note history. */
export interface NoteContent {
  guid: string
  noteTypeId: number
  deck: string
  tags: string
  fields: readonly string[]
  /**
   * The content hash the cache's `NoteHistory` computes from the fields
   * above, when the build has it already: a per-file job computes it with
   * the note's fields (on a worker, or read back from the cache), sparing
   * the main thread a hash of every note. Other histories may ignore it.
   */
  contentHash?: string | undefined
}

/** What the `history` option must offer (the cache's `NoteHistory` does). */
export interface NoteModHistory {
  /** The `mod` (seconds) of a note: its earlier one when its content is unchanged, else `now`. */
  modFor(note: NoteContent, now: number): number
}

function noteHistoryOption(value: unknown): NoteModHistory | undefined {
  return typeof value === 'object' && value !== null && typeof (value as NoteModHistory).modFor === 'function' ? (value as NoteModHistory) : undefined
}

export {
  basicNoteType,
  cardOrdsFor,
  choiceNoteType,
  clozeNoteType,
  noteTypeFor,
  noteTypes,
  reversedNoteType,
  toModelJson
} from './note-types.js'
export type {
  FieldSource,
  ModelFieldJson,
  ModelJson,
  ModelTemplateJson,
  NoteType,
  NoteTypeField,
  NoteTypeKind,
  NoteTypeTemplate
} from './note-types.js'
export {ankiBase91Alphabet, base91, deckIdFor, guidFor, uniqueGuid} from './ids.js'
export {planNotes} from './plan.js'
export type {NotePlan, PlannedNote} from './plan.js'
export {fieldChecksum, stripHtmlPreservingMediaNames} from './fields.js'
export {noteTypeCss, cardCss, choiceCss, clozeCss} from './css.js'
export {clozeNumbersInText, clozeNumbersOf, toAnkiClozeTree} from './cloze.js'
export {choiceLabel, choicesTree, multipleAnswersNote} from './choices.js'
export {schema11Sql, schemaVersion} from './collection.js'
export type {DeckConfigJson, DeckJson} from './decks.js'
