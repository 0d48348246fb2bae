/**
 * Field markers: the bold labels that open a question's answer, example or
 * extra field (`**Réponse Attendue :**`, `**Answer:**`, `**Exemple :**` …).
 *
 * One table per language; a new language adds a table here and nothing else.
 * Labels are matched case-insensitively after Unicode normalization, with an
 * optional trailing colon (ASCII or full-width) and any spaces before it
 * (French typography puts a space, often a no-break one, before the colon).
 *
 * @module
 */

/** The fields a marker can open. */
export type MarkedField = 'answer' | 'example' | 'extra'

/** The labels of one language. */
export type MarkerTable = Readonly<Record<MarkedField, readonly string[]>>

/** Marker labels per language (BCP 47 primary tag). */
export const markerTables: Readonly<Record<string, MarkerTable>> = {
  en: {
    answer: ['answer', 'expected answer', 'solution'],
    example: ['example', 'examples'],
    extra: ['explanation', 'notes']
  },
  fr: {
    answer: ['réponse', 'réponse attendue', 'réponses', 'solution'],
    example: ['exemple', 'exemples'],
    extra: ['explication', 'explications', 'remarque', 'remarques']
  }
}

const lookup = buildLookup(markerTables)

/**
 * Which field a label opens, if it is a marker.
 *
 * @param label Text of the bold run, e.g. `Réponse Attendue :`.
 * @returns The field, or `undefined` when the label is not a marker.
 *
 * @example
 * markerField('Réponse Attendue :') // 'answer'
 * markerField('Exemple') // 'example'
 * markerField('Attention') // undefined
 */
export function markerField(label: string): MarkedField | undefined {
  return lookup.get(normalizeLabel(label))
}

/**
 * Normalize a label for lookup: NFC, lower case, single spaces, no trailing
 * colon. No-break spaces count as spaces.
 */
export function normalizeLabel(label: string): string {
  return label
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\u00A0\u202F]+/g, ' ')
    .replace(/\s*[:：]\s*$/, '')
    .trim()
}

function buildLookup(tables: Readonly<Record<string, MarkerTable>>): Map<string, MarkedField> {
  const map = new Map<string, MarkedField>()
  for (const table of Object.values(tables)) {
    for (const field of ['answer', 'example', 'extra'] as const) {
      for (const label of table[field]) map.set(normalizeLabel(label), field)
    }
  }
  return map
}
