/**
 * Planning notes: which notes a tree becomes, whatever container holds them.
 *
 * @module
 */
import type {Question, Root} from '../../ast/types.js'
import {mediaKey, type MediaFile} from '../../media/index.js'
import type {EmitContext} from '../types.js'
import {deckName} from './decks.js'
import {fieldValue, mediaReferences, prepareFields, rewriteMedia, type PreparedFields} from './fields.js'
import {uniqueGuid} from './ids.js'
import {cardOrdsFor, noteTypeFor, type NoteType} from './note-types.js'
import {isEmptyField} from './template.js'
import {preparedFields, preparedNote, type PreparedNote} from '../../pipeline/prepared.js'

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
  /** `csum` (see `fieldChecksum`), when the job that prepared the note computed it. */
  csum?: number | undefined
  /**
   * The fields as `notes.flds` holds them (joined, UTF-8), when a job
   * prepared the note: `fields` is then decoded from them only if read.
   */
  flds?: Uint8Array | undefined
  /** `notes.sfld` before SQLite's integer affinity, when a job prepared the note. */
  sfld?: string | undefined
  /** The note history's content hash, when the job that prepared the note computed it. */
  contentHash?: string | undefined
}

/** What a tree becomes: its notes and the media files they reference. */
export interface NotePlan {
  notes: PlannedNote[]
  media: MediaFile[]
}

// Plans of one build, shared by its emitters: `context.render` is created
// once per build (see `compile`), so it scopes the cache; the tree and the
// output name (the deck of questions without one) complete the key.
const plans = new WeakMap<object, WeakMap<Root, Map<string, Promise<NotePlan>>>>()

const bundleGuidSets = new WeakMap<object, Map<string, Set<string>>>()

/**
 * The GUIDs taken in a bundle planned file by file: one set per build and
 * output name, so the apkg and CSV bundles of one build agree on every
 * renamed GUID whichever plans a file first.
 */
export function bundleGuids(context: EmitContext): Set<string> {
  let byName = bundleGuidSets.get(context.render)
  if (!byName) bundleGuidSets.set(context.render, (byName = new Map()))
  let guids = byName.get(context.name)
  if (!guids) byName.set(context.name, (guids = new Set()))
  return guids
}

/**
 * Questions in tree order → notes, with GUIDs unique in the output, and the
 * media files their fields reference (loaded once, deduplicated, named flat).
 *
 * Shared by the apkg and CSV emitters, so both write the same notes: same
 * GUIDs, decks, field HTML and media names, and the same notes left out. The
 * plan is computed once per build, tree and output name: `-f apkg,csv` renders,
 * highlights and loads media once. Callers must not change what it returns.
 *
 * @param guids GUIDs already taken in the output by trees planned before this
 *   one (a bundle built file by file); the plan adds its own. Default: a new
 *   set. Every emitter planning the same tree must pass the same set.
 */
export function planNotes(tree: Root, context: EmitContext, guids?: Set<string>): Promise<NotePlan> {
  let byTree = plans.get(context.render)
  if (!byTree) {
    byTree = new WeakMap()
    plans.set(context.render, byTree)
  }
  let byName = byTree.get(tree)
  if (!byName) {
    byName = new Map()
    byTree.set(tree, byName)
  }
  let plan = byName.get(context.name)
  if (!plan) {
    plan = computePlan(tree, context, guids ?? new Set())
    byName.set(context.name, plan)
  }
  return plan
}

async function computePlan(tree: Root, context: EmitContext, guids: Set<string>): Promise<NotePlan> {
  // Field HTML a per-file job already made (pipeline/prepared.ts) is used as
  // is; only the other questions (those with media) are rendered here.
  const prepared = tree.children.flatMap((section) =>
    section.children.map((question) => {
      const note = preparedNote(question)
      return note ? {question, note} : {question, note: undefined, entry: prepareFields(question, context.render)}
    })
  )
  const rendered = prepared.flatMap((item) => (item.entry ? [item.entry] : []))
  const loaded = await context.media.load(
    rendered.flatMap((entry) => mediaReferences(entry).map(({src, kind, position}) => ({src, kind, question: entry.question, position})))
  )
  const files = new Map(loaded.files.map((file) => [file.name, file]))
  const namesUsed = new Map(
    rendered.map((entry) => [
      entry,
      rewriteMedia(entry, (src) => {
        const name = loaded.names.get(mediaKey(entry.question.file, src))
        return name === undefined ? undefined : files.get(name)
      })
    ])
  )

  const notes: PlannedNote[] = []
  // GUIDs join the output's set only once the whole tree is planned: a tree
  // whose planning fails leaves no trace on the files after it.
  const mine = new Set<string>()
  const taken = {has: (guid: string) => mine.has(guid) || guids.has(guid), add: (guid: string) => mine.add(guid)}
  const used = new Set<string>()
  for (const {question, note, entry} of prepared) {
    const noteType = noteTypeFor(question.kind)
    const media = (entry && namesUsed.get(entry)) ?? noMedia
    const planned = new Planned(question, noteType, deckName(question.deck, context.name), media, note, entry)
    if (planned.ords.length === 0) {
      // Modern Anki would import a card-less note, 2.1.16 deletes it (§5):
      // write neither. A cloze card exists only for a cloze number (§6).
      const reason =
        noteType.kind === 'cloze' && !isEmptyField(planned.fields[0] ?? '')
          ? 'This cloze question makes no card: its text has no cloze deletion (`{{c1::…}}`)'
          : 'This question makes no card: its front is empty once rendered (unsafe HTML is removed)'
      context.report(question, reason, 'empty-prompt')
      continue
    }
    planned.guid = uniqueGuid(question, taken, context, note?.guid)
    notes.push(planned)
    for (const name of media) used.add(name)
  }
  for (const guid of mine) guids.add(guid)
  // Only files a written note references go in the package: Anki would not
  // copy the others anyway (§1 "Which media files are copied").
  return {notes, media: loaded.files.filter((file) => used.has(file.name))}
}

/** The media of every note without any: plans are read-only (see `planNotes`). */
const noMedia = new Set<string>()

/**
 * A planned note whose fields are made (or, for a prepared note, decoded)
 * on first read and kept: a prepared note's fields stay bytes unless an
 * emitter reads them (the apkg writer does not; CSV does). A class, so a
 * deck of notes shares one getter instead of a closure per note.
 */
class Planned implements PlannedNote {
  guid = ''
  readonly ords: number[]
  readonly csum: number | undefined
  readonly contentHash: string | undefined
  readonly flds: Uint8Array | undefined
  readonly sfld: string | undefined
  readonly #note: PreparedNote | undefined
  readonly #entry: PreparedFields | undefined
  #fields: string[] | undefined

  constructor(
    readonly question: Question,
    readonly noteType: NoteType,
    readonly deck: string,
    readonly media: Set<string>,
    note: PreparedNote | undefined,
    entry: PreparedFields | undefined
  ) {
    this.#note = note
    this.#entry = entry
    this.csum = note?.csum
    this.contentHash = note?.contentHash
    this.flds = note?.flds
    this.sfld = note?.sfld
    this.ords = note ? note.ords : cardOrdsFor(noteType, this.fields)
  }

  get fields(): string[] {
    const note = this.#note
    const entry = this.#entry ?? {question: this.question, trees: {}}
    this.#fields ??= note ? preparedFields(note) : this.noteType.fields.map((field) => fieldValue(entry, field.from))
    return this.#fields
  }
}
