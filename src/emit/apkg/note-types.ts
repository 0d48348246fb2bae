/**
 * deckdown's note types, as data, and their schema-11 JSON (`col.models`).
 *
 * A note type is identified by its id alone, in every importer: a package
 * that reuses an id with a different field list makes every later re-import
 * skip the existing notes as "conflicting" (anki-compat.md §8). So each note
 * type has a hard-coded id that never changes, and its field and template
 * names never change either; only its CSS and template text may, with a newer
 * `mod` (§9).
 *
 * One note type per question kind: "Basic (deckdown)", "Basic and reversed
 * (deckdown)", "Cloze (deckdown)" and "Choice (deckdown)". Adding one is
 * adding a constant here: pick its id once with
 * `node -e "console.log(require('node:crypto').randomInt(2**30, 2**31))"`,
 * list its fields (each says which part of a question fills it) and
 * templates, then map the question kind to it in {@link noteTypeFor}. A cloze
 * type is `kind: 'cloze'` with one template using `{{cloze:Text}}` (§6); a
 * reversed type is two templates. Card generation, `req` and the JSON follow
 * from the data.
 *
 * @module
 */
import type {QuestionKind} from '../../ast/types.js'
import {choiceCss, clozeCss, noteTypeCss} from './css.js'
import {clozeOrds, isEmptyField, parseTemplate, rendersWith, requirementFor, type CardRequirement} from './template.js'

/** Standard (one card per template that shows a field) or cloze (one card per cloze number). */
export type NoteTypeKind = 'standard' | 'cloze'

/**
 * The part of a question that fills a field. `source` is `file:line`;
 * `choices` is the option list of a `choice` question (choices.ts).
 */
export type FieldSource = 'prompt' | 'answer' | 'example' | 'extra' | 'source' | 'choices'

/** A field of a note type. Its ord is its index. */
export interface NoteTypeField {
  /** Field name, shown in Anki's editor. Never rename (§8). */
  name: string
  /** What fills it. */
  from: FieldSource
}

/** A card template. Its ord is its index. */
export interface NoteTypeTemplate {
  /** Template name (`Card 1`). Never rename (§8). */
  name: string
  /** Front (question) template. */
  qfmt: string
  /** Back (answer) template. */
  afmt: string
}

/** A note type as data. */
export interface NoteType {
  /** Constant id, in [2^30, 2^31): the note type's identity in every collection (§10). */
  id: number
  /** Display name, "… (deckdown)" so it never passes for one of Anki's stock types. */
  name: string
  /** Standard or cloze (`type` 0 or 1 in the JSON, §3, §6). */
  kind: NoteTypeKind
  /** Fields in order; the first one is what Anki's duplicate check compares (§4 `csum`). */
  fields: readonly NoteTypeField[]
  /** Templates in order (a cloze type uses only the first, §6). */
  templates: readonly NoteTypeTemplate[]
  /** Ord of the field the browser sorts by (`sortf`), and that `sfld` holds. */
  sortField: number
  /** Stylesheet shared by the templates. */
  css: string
}

/**
 * "Basic (deckdown)": a question on the front; on the back the answer, then
 * the example and the extra notes when present, then where the question came
 * from, small and muted.
 */
export const basicNoteType: NoteType = {
  // Picked at random in [2^30, 2^31) once (genanki README advice). Never change it:
  // every collection that imported a deckdown deck knows the type by this id.
  id: 1_761_853_295,
  name: 'Basic (deckdown)',
  kind: 'standard',
  fields: [
    {name: 'Front', from: 'prompt'},
    {name: 'Back', from: 'answer'},
    {name: 'Example', from: 'example'},
    {name: 'Extra', from: 'extra'},
    {name: 'Source', from: 'source'}
  ],
  templates: [
    {
      name: 'Card 1',
      qfmt: '{{Front}}',
      afmt: [
        '{{FrontSide}}',
        '',
        '<hr id=answer>',
        '',
        '{{Back}}',
        '{{#Example}}<div class="dd-example">{{Example}}</div>{{/Example}}',
        '{{#Extra}}<div class="dd-extra">{{Extra}}</div>{{/Extra}}',
        '{{#Source}}<div class="dd-source">{{Source}}</div>{{/Source}}'
      ].join('\n')
    }
  ],
  sortField: 0,
  css: noteTypeCss
}

// What follows the answer on every back: the example and the extra notes
// when present, then where the question came from.
const backMatter = [
  '{{#Example}}<div class="dd-example">{{Example}}</div>{{/Example}}',
  '{{#Extra}}<div class="dd-extra">{{Extra}}</div>{{/Extra}}',
  '{{#Source}}<div class="dd-source">{{Source}}</div>{{/Source}}'
]

/**
 * "Basic and reversed (deckdown)", for `reversed` questions: Basic's fields,
 * and two cards, prompt → answer ("Card 1", as in Basic) and answer → prompt
 * ("Card 2", whose back also shows the example, extra notes and source).
 * A question with an empty answer gets Card 1 only (`req`, §7).
 */
export const reversedNoteType: NoteType = {
  // Picked at random in [2^30, 2^31) once. Never change it (§8, §10).
  id: 1_272_682_795,
  name: 'Basic and reversed (deckdown)',
  kind: 'standard',
  fields: basicNoteType.fields,
  templates: [
    {name: 'Card 1', qfmt: '{{Front}}', afmt: basicNoteType.templates[0]?.afmt ?? ''},
    {
      name: 'Card 2',
      qfmt: '{{Back}}',
      afmt: ['{{FrontSide}}', '', '<hr id=answer>', '', '{{Front}}', ...backMatter].join('\n')
    }
  ],
  sortField: 0,
  css: noteTypeCss
}

/**
 * "Cloze (deckdown)", for `cloze` questions: a cloze note type (`type` 1,
 * §6) whose Text field holds the prompt in Anki's cloze syntax
 * (`{{c1::…}}`, cloze.ts), one card per distinct cloze number with
 * `ord = N − 1`. The one template, "Cloze", shows `{{cloze:Text}}` on both
 * sides; the back adds the answer (Back, often empty), example, extra notes
 * and source.
 */
export const clozeNoteType: NoteType = {
  // Picked at random in [2^30, 2^31) once. Never change it (§8, §10).
  id: 1_364_447_296,
  name: 'Cloze (deckdown)',
  kind: 'cloze',
  fields: [
    {name: 'Text', from: 'prompt'},
    {name: 'Back', from: 'answer'},
    {name: 'Example', from: 'example'},
    {name: 'Extra', from: 'extra'},
    {name: 'Source', from: 'source'}
  ],
  templates: [
    {
      name: 'Cloze',
      qfmt: '{{cloze:Text}}',
      afmt: ['{{cloze:Text}}', '', '<hr id=answer>', '', '{{Back}}', ...backMatter].join('\n')
    }
  ],
  sortField: 0,
  css: `${noteTypeCss}${clozeCss}\n`
}

/**
 * "Choice (deckdown)", for `choice` questions: the question and its options
 * (a lettered list) on the front, "(choose all that apply)" when several are
 * correct; on the back the same list with the correct options marked, then
 * the explanation (Answer, may be empty), example, extra notes and source.
 * The marking is CSS only (choices.ts, css.ts). One card.
 */
export const choiceNoteType: NoteType = {
  // Picked at random in [2^30, 2^31) once. Never change it (§8, §10).
  id: 1_211_770_292,
  name: 'Choice (deckdown)',
  kind: 'standard',
  fields: [
    {name: 'Question', from: 'prompt'},
    {name: 'Choices', from: 'choices'},
    {name: 'Answer', from: 'answer'},
    {name: 'Example', from: 'example'},
    {name: 'Extra', from: 'extra'},
    {name: 'Source', from: 'source'}
  ],
  templates: [
    {
      name: 'Card 1',
      qfmt: ['{{Question}}', '<div class="dd-options">{{Choices}}</div>'].join('\n'),
      afmt: [
        '{{Question}}',
        '',
        '<hr id=answer>',
        '',
        '<div class="dd-options dd-reveal">{{Choices}}</div>',
        '{{#Answer}}<div class="dd-explanation">{{Answer}}</div>{{/Answer}}',
        ...backMatter
      ].join('\n')
    }
  ],
  sortField: 0,
  css: `${noteTypeCss}${choiceCss}\n`
}

/** Every note type deckdown writes. */
export const noteTypes: readonly NoteType[] = [basicNoteType, reversedNoteType, clozeNoteType, choiceNoteType]

/**
 * The note type for a question kind: `basic` → "Basic (deckdown)",
 * `reversed` → "Basic and reversed (deckdown)", `cloze` → "Cloze
 * (deckdown)", `choice` → "Choice (deckdown)".
 *
 * @throws {Error} For a kind deckdown does not know (a tree built by other
 *   code); the build reports it as `emit-failed` rather than writing cards
 *   that would render wrongly.
 */
export function noteTypeFor(kind: QuestionKind): NoteType {
  switch (kind) {
    case 'basic':
      return basicNoteType
    case 'reversed':
      return reversedNoteType
    case 'cloze':
      return clozeNoteType
    case 'choice':
      return choiceNoteType
    default:
      throw new Error(`questions of kind \`${String(kind)}\` have no Anki note type`)
  }
}

/**
 * The cards a note gets: their template ords (standard) or cloze ords.
 *
 * Importers copy the package's cards and never make any (§5), so this is the
 * whole of card generation: a standard template makes a card when its front
 * shows a non-empty field; a cloze type makes one card per cloze number in the
 * fields its first template reads with `cloze:` (§6). Empty when the note
 * would be blank (it is then not written: 2.1.16 deletes card-less notes).
 *
 * @param noteType The note type.
 * @param fields Field HTML, in the note type's field order.
 */
export function cardOrdsFor(noteType: NoteType, fields: readonly string[]): number[] {
  const nonEmpty = new Set(noteType.fields.flatMap((field, index) => (isEmptyField(fields[index] ?? '') ? [] : [field.name])))
  if (noteType.kind === 'standard') {
    return noteType.templates.flatMap((template, ord) => (rendersWith(parsedTemplate(template.qfmt), nonEmpty) ? [ord] : []))
  }
  const first = noteType.templates[0]
  if (!first) return []
  const clozeFields = new Set<string>()
  collectClozeFields(parsedTemplate(first.qfmt), clozeFields)
  const ords = new Set<number>()
  noteType.fields.forEach((field, index) => {
    if (clozeFields.has(field.name)) for (const ord of clozeOrds(fields[index] ?? '')) ords.add(ord)
  })
  return [...ords].sort((a, b) => a - b)
}

// Every note of a build asks for its cards, and its note type has a handful
// of templates: each is parsed once (the parsed nodes are only read).
const parsedTemplates = new Map<string, ReturnType<typeof parseTemplate>>()

function parsedTemplate(source: string): ReturnType<typeof parseTemplate> {
  let nodes = parsedTemplates.get(source)
  if (!nodes) parsedTemplates.set(source, (nodes = parseTemplate(source)))
  return nodes
}

function collectClozeFields(nodes: ReturnType<typeof parseTemplate>, names: Set<string>): void {
  for (const node of nodes) {
    if (node.type === 'field' && node.filters.includes('cloze')) names.add(node.name)
    if (node.type === 'section') collectClozeFields(node.children, names)
  }
}

/** A field in `col.models` (§3 `NoteFieldSchema11`). */
export interface ModelFieldJson {
  name: string
  ord: number
  sticky: boolean
  rtl: boolean
  font: string
  size: number
  description: string
  plainText: boolean
  collapsed: boolean
  excludeFromSearch: boolean
}

/** A template in `col.models` (§3 `CardTemplateSchema11`). */
export interface ModelTemplateJson {
  name: string
  ord: number
  qfmt: string
  afmt: string
  bqfmt: string
  bafmt: string
  did: null
  bfont: string
  bsize: number
}

/** A note type in `col.models` (§3 `NotetypeSchema11`). */
export interface ModelJson {
  id: number
  name: string
  type: 0 | 1
  mod: number
  usn: number
  sortf: number
  did: number | null
  tmpls: ModelTemplateJson[]
  flds: ModelFieldJson[]
  css: string
  latexPre: string
  latexPost: string
  latexsvg: boolean
  req: CardRequirement[]
  tags: string[]
  vers: unknown[]
}

// Anki's default LaTeX preamble. Optional keys, but when present they must be
// strings (§3); written so LaTeX in a field renders as in a stock note type.
const latexPre = [
  '\\documentclass[12pt]{article}',
  '\\special{papersize=3in,5in}',
  '\\usepackage[utf8]{inputenc}',
  '\\usepackage{amssymb,amsmath}',
  '\\pagestyle{empty}',
  '\\setlength{\\parindent}{0in}',
  '\\begin{document}',
  ''
].join('\n')
const latexPost = '\\end{document}'

/**
 * A note type as `col.models` JSON: every required key of §3 with its JSON
 * type, `ord` equal to the index, `req` derived from the templates (§7).
 *
 * @param noteType The note type.
 * @param settings `mod`: build time in whole seconds — a newer value is what
 *   makes Anki replace the templates and CSS on re-import (§8, §9); `deckId`:
 *   the deck new notes of this type go to in Anki's "Add" window.
 */
export function toModelJson(noteType: NoteType, settings: {mod: number; deckId: number | null}): ModelJson {
  const fieldNames = noteType.fields.map((field) => field.name)
  return {
    id: noteType.id,
    name: noteType.name,
    type: noteType.kind === 'cloze' ? 1 : 0,
    mod: Math.floor(settings.mod),
    usn: -1,
    sortf: noteType.sortField,
    did: settings.deckId,
    tmpls: noteType.templates.map((template, ord) => ({
      name: template.name,
      ord,
      qfmt: template.qfmt,
      afmt: template.afmt,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0
    })),
    flds: noteType.fields.map((field, ord) => ({
      name: field.name,
      ord,
      sticky: false,
      rtl: false,
      font: 'Arial',
      size: 20,
      description: '',
      plainText: false,
      collapsed: false,
      excludeFromSearch: false
    })),
    css: noteType.css,
    latexPre,
    latexPost,
    latexsvg: false,
    req: noteType.templates.map((template, ord) => requirementFor(ord, template.qfmt, fieldNames)),
    tags: [],
    vers: []
  }
}
