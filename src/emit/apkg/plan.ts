/**
 * Planning notes: which notes a tree becomes, whatever container holds them.
 *
 * @module
 */
import type {Question, Root} from '../../ast/types.js'
import {mediaKey, type MediaFile} from '../../media/index.js'
import type {EmitContext} from '../types.js'
import {deckName} from './decks.js'
import {fieldValue, mediaReferences, prepareFields, rewriteMedia} from './fields.js'
import {uniqueGuid} from './ids.js'
import {cardOrdsFor, noteTypeFor, type NoteType} from './note-types.js'
import {isEmptyField} from './template.js'

/** A question on its way to becoming a note. */
export interface PlannedNote {
  question: Question
  noteType: NoteType
  /** Full deck name (`A::B`). */
  deck: string
  guid: string
  /** Field HTML, in the note type's field order. */
  fields: string[]
  /** Card ordinals the note gets. */
  ords: number[]
  /** Flat names of the media files its fields reference. */
  media: Set<string>
}

/**
 * Questions in tree order → notes, with GUIDs unique in the output, and the
 * media files their fields reference (loaded once, deduplicated, named flat).
 *
 * Shared by the apkg and CSV emitters, so both write the same notes: same
 * GUIDs, decks, field HTML and media names, and the same notes left out.
 *
 * @param output What is being written, for messages (`package`, `CSV`).
 */
export async function planNotes(tree: Root, context: EmitContext, output: string): Promise<{notes: PlannedNote[]; media: MediaFile[]}> {
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
      // write neither. A cloze card exists only for a cloze number (§6).
      const reason =
        noteType.kind === 'cloze' && !isEmptyField(fields[0] ?? '')
          ? 'This cloze question makes no card: its text has no cloze deletion (`{{c1::…}}`)'
          : 'This question makes no card: its front is empty once rendered (unsafe HTML is removed)'
      context.report(question, reason, 'empty-prompt')
      continue
    }
    const media = namesUsed[index] ?? new Set<string>()
    notes.push({question, noteType, deck: deckName(question.deck, context.name), guid: uniqueGuid(question, guids, context, output), fields, ords, media})
    for (const name of media) used.add(name)
  }
  // Only files a written note references go in the package: Anki would not
  // copy the others anyway (§1 "Which media files are copied").
  return {notes, media: loaded.files.filter((file) => used.has(file.name))}
}

