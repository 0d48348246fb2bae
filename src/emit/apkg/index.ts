/**
 * The `apkg` emitter: questions → an Anki package (`.apkg`) that modern Anki,
 * AnkiDroid, AnkiMobile and Anki 2.1.16 import.
 *
 * Cut by Anki concept, like genanki: `note-types.ts` (what a note looks
 * like), `template.ts` (which cards a note gets), `fields.ts` (field HTML,
 * `sfld`, `csum`), `cloze.ts` (Anki cloze syntax in the Text field),
 * `choices.ts` (the option list of the Choices field), `decks.ts` (decks and
 * options), `ids.ts` (GUIDs and ids),
 * `collection.ts` (the SQLite database), `package.ts` (the zip), `css.ts`.
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
import type {EmitContext, Emitter} from '../types.js'
import {writeCollection, type CardRow, type NoteRow} from './collection.js'
import {assignDeckIds, collectionConfig, deckName, defaultDeckConfig, toDeckJson, withAncestors} from './decks.js'
import {ankiTags, fieldChecksum, stripHtmlPreservingMediaNames} from './fields.js'
import {idsEndingAt} from './ids.js'
import {basicNoteType, toModelJson} from './note-types.js'
import {writePackage} from './package.js'
import {planNotes} from './plan.js'

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
  const now = context.now()
  const nowMs = Math.floor(now.getTime())
  // Every `mod` is whole seconds (§9): milliseconds would make the package
  // look newer than any later correct build.
  const nowSeconds = Math.floor(nowMs / 1000)

  const {notes, media} = await planNotes(tree, context)

  const deckNames = new Set<string>()
  for (const note of notes) for (const name of withAncestors(note.deck)) deckNames.add(name)
  // A package without notes still names a deck, so its note type's `did`
  // and `col.conf` point at something real.
  if (deckNames.size === 0) for (const name of withAncestors(deckName([], context.name))) deckNames.add(name)
  const deckIds = assignDeckIds(deckNames)
  const firstDeck = notes[0]?.deck ?? deckName([], context.name)
  const firstDeckId = deckIds.get(firstDeck) ?? 0

  const usedTypes = [...new Set(notes.map((note) => note.noteType))]
  if (usedTypes.length === 0) usedTypes.push(basicNoteType)
  const models: Record<string, unknown> = {}
  for (const noteType of usedTypes) {
    // The key must equal the inner id (§3).
    models[String(noteType.id)] = toModelJson(noteType, {mod: nowSeconds, deckId: firstDeckId})
  }
  const decks: Record<string, unknown> = {}
  for (const [name, id] of deckIds) decks[String(id)] = toDeckJson(id, name, nowSeconds)

  const noteIds = idsEndingAt(nowMs, notes.length)
  const cardIds = idsEndingAt(
    nowMs,
    notes.reduce((sum, note) => sum + note.ords.length, 0)
  )
  const history = noteHistoryOption(context.options['history'])
  const noteRows: NoteRow[] = []
  const cardRows: CardRow[] = []
  notes.forEach((note, index) => {
    const id = noteIds[index] ?? 0
    const tags = tagsField(note.question.tags)
    const mod = history ? history.modFor({guid: note.guid, noteTypeId: note.noteType.id, deck: note.deck, tags, fields: note.fields}, nowSeconds) : nowSeconds
    noteRows.push({
      id,
      guid: note.guid,
      mid: note.noteType.id,
      mod,
      tags,
      fields: note.fields,
      sfld: stripHtmlPreservingMediaNames(note.fields[note.noteType.sortField] ?? ''),
      csum: fieldChecksum(note.fields[0] ?? '')
    })
    for (const ord of note.ords) {
      // All cards of a note share its new-card position, as in Anki.
      cardRows.push({id: cardIds[cardRows.length] ?? 0, nid: id, did: deckIds.get(note.deck) ?? 0, ord, mod, due: index + 1})
    }
  })

  const collection = await writeCollection({
    col: {
      crt: nowSeconds,
      mod: nowMs,
      scm: nowMs,
      conf: collectionConfig({deckId: firstDeckId, noteTypeId: usedTypes[0]?.id ?? basicNoteType.id, nextPos: notes.length + 1}),
      models,
      decks,
      dconf: {1: defaultDeckConfig(nowSeconds)}
    },
    notes: noteRows,
    cards: cardRows
  })
  return writePackage(
    collection,
    media.map((file) => ({name: file.name, data: file.data})),
    now
  )
}

/** What the `history` option must offer (the cache's `NoteHistory` does). */
export interface NoteModHistory {
  /** The `mod` (seconds) of a note: its earlier one when its content is unchanged, else `now`. */
  modFor(note: {guid: string; noteTypeId: number; deck: string; tags: string; fields: readonly string[]}, now: number): number
}

function noteHistoryOption(value: unknown): NoteModHistory | undefined {
  return typeof value === 'object' && value !== null && typeof (value as NoteModHistory).modFor === 'function' ? (value as NoteModHistory) : undefined
}

/**
 * `notes.tags`: `" a b "` (§4), or `""` without tags.
 */
function tagsField(tags: readonly string[]): string {
  const cleaned = ankiTags(tags)
  return cleaned.length > 0 ? ` ${cleaned.join(' ')} ` : ''
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
