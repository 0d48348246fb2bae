/**
 * The `apkg` emitter: questions → an Anki package (`.apkg`) that modern Anki,
 * AnkiDroid, AnkiMobile and Anki 2.1.16 import.
 *
 * Cut by Anki concept, like genanki: `note-types.ts` (what a note looks
 * like), `template.ts` (which cards a note gets), `fields.ts` (field HTML,
 * `sfld`, `csum`), `decks.ts` (decks and options), `ids.ts` (GUIDs and ids),
 * `collection.ts` (the SQLite database), `package.ts` (the zip), `css.ts`.
 * This file only wires them together. The rules they follow are in
 * `anki-compat.md` (the team's notes on Anki's importers), cited by section.
 *
 * Re-importing a rebuilt package updates notes in place: a note's GUID comes
 * from its question id, never its content, and its `mod` is the build time
 * (§8, §9).
 *
 * @module
 */
import type {Question, Root} from '../../ast/types.js'
import type {EmitContext, Emitter} from '../types.js'
import {writeCollection, type CardRow, type NoteRow} from './collection.js'
import {assignDeckIds, collectionConfig, deckName, defaultDeckConfig, toDeckJson, withAncestors} from './decks.js'
import {fieldChecksum, fieldValue, mediaReferences, prepareFields, rewriteMedia, stripHtmlPreservingMediaNames} from './fields.js'
import {mediaKey, type MediaFile} from '../../media/index.js'
import {guidFor, idsEndingAt} from './ids.js'
import {basicNoteType, cardOrdsFor, noteTypeFor, toModelJson, type NoteType} from './note-types.js'
import {writePackage} from './package.js'

/** A question on its way to becoming a note. */
interface PlannedNote {
  question: Question
  noteType: NoteType
  deck: string
  guid: string
  fields: string[]
  ords: number[]
}

/**
 * The `apkg` emitter.
 *
 * One note per question (note type "Basic (deckdown)"), one card per note, in
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
  const noteRows: NoteRow[] = []
  const cardRows: CardRow[] = []
  notes.forEach((note, index) => {
    const id = noteIds[index] ?? 0
    noteRows.push({
      id,
      guid: note.guid,
      mid: note.noteType.id,
      mod: nowSeconds,
      tags: tagsField(note.question.tags),
      fields: note.fields,
      sfld: stripHtmlPreservingMediaNames(note.fields[note.noteType.sortField] ?? ''),
      csum: fieldChecksum(note.fields[0] ?? '')
    })
    for (const ord of note.ords) {
      // All cards of a note share its new-card position, as in Anki.
      cardRows.push({id: cardIds[cardRows.length] ?? 0, nid: id, did: deckIds.get(note.deck) ?? 0, ord, mod: nowSeconds, due: index + 1})
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

/**
 * Questions in tree order → notes, with GUIDs unique in the package, and the
 * media files their fields reference (loaded once, deduplicated, named flat).
 */
async function planNotes(tree: Root, context: EmitContext): Promise<{notes: PlannedNote[]; media: MediaFile[]}> {
  const prepared = tree.children.flatMap((section) => section.children.map((question) => prepareFields(question, context.render)))
  const loaded = await context.media.load(
    prepared.flatMap((entry) => mediaReferences(entry).map(({src, position}) => ({src, question: entry.question, position})))
  )
  const namesUsed = prepared.map((entry) => rewriteMedia(entry, (src) => loaded.names.get(mediaKey(entry.question.file, src))))

  const notes: PlannedNote[] = []
  const guids = new Set<string>()
  const used = new Set<string>()
  for (const [index, entry] of prepared.entries()) {
    const {question} = entry
    const noteType = noteTypeFor(question.kind)
    const fields = noteType.fields.map((field) => fieldValue(entry, field.from))
    const ords = cardOrdsFor(noteType, fields)
    if (ords.length === 0) {
      // Modern Anki would import a card-less note, 2.1.16 deletes it (§5):
      // write neither.
      context.report(question, 'This question makes no card: its front is empty once rendered (unsafe HTML is removed)', 'empty-prompt')
      continue
    }
    notes.push({question, noteType, deck: deckName(question.deck, context.name), guid: uniqueGuid(question, guids, context), fields, ords})
    for (const name of namesUsed[index] ?? []) used.add(name)
  }
  // Only files a written note references go in the package: Anki would not
  // copy the others anyway (§1 "Which media files are copied").
  return {notes, media: loaded.files.filter((file) => used.has(file.name))}
}

/**
 * The question's GUID, or, if another note of this package already has it
 * (the same id twice, in a tree that skipped `dedupeIds`), the GUID of
 * `id-2`, `id-3` … Two notes with one GUID break import (§4).
 */
function uniqueGuid(question: Question, used: Set<string>, context: EmitContext): string {
  let guid = guidFor(question.id)
  if (used.has(guid)) {
    let suffix = 2
    while (used.has(guidFor(`${question.id}-${suffix}`))) suffix += 1
    guid = guidFor(`${question.id}-${suffix}`)
    context.report(
      question,
      `Another question in this package has the id \`${question.id}\`; this note's GUID is made from \`${question.id}-${suffix}\``,
      'duplicate-id'
    )
  }
  used.add(guid)
  return guid
}

/**
 * `notes.tags`: `" a b "` (§4), or `""` without tags. Whitespace inside a tag
 * becomes `_` (a space would split it in two); each `::` component is
 * trimmed, control characters removed, empty → `blank`, as Anki does.
 */
function tagsField(tags: readonly string[]): string {
  const cleaned = tags.flatMap((tag) => {
    const value = tag
      .normalize('NFC')
      .replace(/[\u0000-\u001F\u007F]/g, '')
      .trim()
      .replace(/[\s\u3000]+/g, '_')
    if (!value) return []
    return [
      value
        .split('::')
        .map((component) => component.replace(/^_+|_+$/g, '') || 'blank')
        .join('::')
    ]
  })
  const unique = [...new Set(cleaned)]
  return unique.length > 0 ? ` ${unique.join(' ')} ` : ''
}

export {basicNoteType, cardOrdsFor, noteTypeFor, noteTypes, toModelJson} from './note-types.js'
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
export {ankiBase91Alphabet, base91, deckIdFor, guidFor} from './ids.js'
export {fieldChecksum, stripHtmlPreservingMediaNames} from './fields.js'
export {noteTypeCss, cardCss} from './css.js'
export {schema11Sql, schemaVersion} from './collection.js'
export type {DeckConfigJson, DeckJson} from './decks.js'
