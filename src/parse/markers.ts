/**
 * Field markers: the labels that open a question's prompt, answer, example
 * or extra field (`**Réponse Attendue :**`, `Answer:`, `**Exemple :**`,
 * `Q:` …).
 *
 * One table per language; a new language adds a table here and nothing else.
 * Labels are matched case-insensitively after Unicode normalization, with an
 * optional trailing colon (ASCII or full-width) and any spaces before it
 * (French typography puts a space, often a no-break one, before the colon).
 *
 * @module
 */
import {rememberResults} from '../memo.js'

/** The fields a marker can open. `question` opens a prompt (the `qa` dialect). */
export type MarkedField = 'question' | 'answer' | 'example' | 'extra'

/** The labels of one language. */
export type MarkerTable = Readonly<Record<MarkedField, readonly string[]>>

/** Marker labels per language (BCP 47 primary tag). */
export const markerTables: Readonly<Record<string, MarkerTable>> = {
  en: {
    question: ['q', 'question'],
    answer: ['a', 'ans', 'answer', 'answers', 'expected answer', 'correct answer', 'short answer', 'sample answer', 'model answer', 'suggested answer', 'solution'],
    example: ['example', 'examples'],
    extra: ['explanation', 'notes']
  },
  fr: {
    question: ['question'],
    answer: ['r', 'réponse', 'réponse attendue', 'bonne réponse', 'réponses', 'solution'],
    example: ['exemple', 'exemples'],
    extra: ['explication', 'explications', 'remarque', 'remarques']
  },
  es: {
    question: ['p', 'pregunta'],
    answer: ['r', 'respuesta', 'respuesta correcta', 'solución'],
    example: ['ejemplo', 'ejemplos'],
    extra: ['explicación', 'nota', 'notas']
  },
  de: {
    question: ['f', 'frage'],
    answer: ['antwort', 'richtige antwort', 'lösung'],
    example: ['beispiel', 'beispiele'],
    extra: ['erklärung', 'erläuterung', 'anmerkung']
  },
  it: {
    question: ['d', 'domanda'],
    answer: ['r', 'risposta', 'risposta corretta', 'soluzione'],
    example: ['esempio', 'esempi'],
    extra: ['spiegazione', 'nota', 'note']
  },
  pt: {
    question: ['p', 'pergunta', 'questão'],
    answer: ['r', 'resposta', 'resposta correta', 'solução'],
    example: ['exemplo', 'exemplos'],
    extra: ['explicação', 'nota', 'notas']
  },
  zh: {
    question: ['问', '问题', '題目', '题目', '問題'],
    answer: ['答', '答案', '回答', '參考答案', '参考答案', '解答'],
    example: ['例', '例子', '示例', '範例', '范例'],
    extra: ['解释', '解析', '說明', '说明', '注']
  }
}

// Single letters (`Q`, `A`, `R` …) are markers only with a colon and only in
// plain-text form, never as a bold paragraph on its own (`**A**` is too
// common a word to take over).
const shortLabel = /^\p{L}$/u

// Labels repeat: a bank opens every answer with the same few words, and each
// reading of a file looks them up again. Normalizing (NFC, case, two
// replacements) cost a build's workers more than the rest of marker
// matching, so short labels are remembered, a bounded number of them.
const normalizeShortLabel = rememberResults(normalizeLabelNow, 4096, 120)

// After the memo above: building the lookup normalizes every marker word.
const lookup = buildLookup(markerTables)

/**
 * Which field a label opens, if it is a marker.
 *
 * @param label Text of the bold run or line start, e.g. `Réponse Attendue :`.
 * @returns The field, or `undefined` when the label is not a marker.
 *
 * @example
 * markerField('Réponse Attendue :') // 'answer'
 * markerField('Exemple') // 'example'
 * markerField('Attention') // undefined
 */
export function markerField(label: string): MarkedField | undefined {
  const normalized = normalizeLabel(label)
  if (shortLabel.test(normalized) && !/[:：]\s*$/.test(label)) return undefined
  return lookup.get(normalized)
}

/**
 * A marker at the start of plain text: `Answer: rest`, `答案：rest`, `Q: rest`.
 * A colon is required (so `Answer the question` stays prose).
 *
 * @returns The field and the length of the marker (label, spaces, colon, spaces).
 *
 * @example
 * markerAtStart('Answer: B') // {field: 'answer', length: 8}
 */
export function markerAtStart(text: string): {field: MarkedField; length: number} | undefined {
  const match = /^[\s\u00A0\u202F]*([^\s:：][^:：\n]{0,40}?)[\s\u00A0\u202F]*[:：][\s\u00A0\u202F]*/u.exec(text)
  if (!match) return undefined
  const field = lookup.get(normalizeLabel(match[1] ?? ''))
  return field ? {field, length: match[0].length} : undefined
}

/**
 * Normalize a label for lookup: NFC, lower case, single spaces, no trailing
 * colon. No-break spaces count as spaces.
 */
export function normalizeLabel(label: string): string {
  return normalizeShortLabel(label)
}

function normalizeLabelNow(label: string): string {
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
    for (const field of ['question', 'answer', 'example', 'extra'] as const) {
      for (const label of table[field]) if (!map.has(normalizeLabel(label))) map.set(normalizeLabel(label), field)
    }
  }
  return map
}
