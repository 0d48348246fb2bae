/**
 * The words the print document adds around the questions ("Answer",
 * "Contents" …), in the document's language.
 *
 * deckdown reads French and English banks (its answer markers are both), so
 * both are here; any other `lang` gets English. Everything else on the page
 * is the author's own text.
 *
 * @module
 */

/** Words the document writes itself. */
export interface HtmlLabels {
  contents: string
  answer: string
  example: string
  extra: string
  answerKey: string
  /** Heading of the correct options of a choice question. */
  correct: string
  date: string
  sources: string
  questions: string
  /** "Questions 3–7" in the table of contents. */
  questionRange(first: number, last: number): string
  /** Text of a local image that could not be embedded. */
  missingImage(alt: string): string
  /** Text of a sound or video that could not be embedded (label or file name). */
  missingMedia(kind: 'audio' | 'video', name: string): string
  /** Name of a card sheet for assistive technology. */
  sheet(index: number, side: 'fronts' | 'backs'): string
  cards: string
  /** Page 2 of the cards layout: how to print so that backs match fronts. */
  printingTitle: string
  printing: readonly string[]
}

const english: HtmlLabels = {
  contents: 'Contents',
  answer: 'Answer',
  example: 'Example',
  extra: 'Notes',
  answerKey: 'Answer key',
  correct: 'Correct',
  date: 'Date',
  sources: 'Sources',
  questions: 'Questions',
  questionRange: (first, last) => (first === last ? `Question ${first}` : `Questions ${first}–${last}`),
  missingImage: (alt) => (alt ? `[image: ${alt}]` : '[image]'),
  missingMedia: (kind, name) => `[${kind === 'audio' ? 'sound' : 'video'}${name ? `: ${name}` : ''}]`,
  sheet: (index, side) => `Sheet ${index}, ${side === 'fronts' ? 'fronts' : 'backs'}`,
  cards: 'Cards',
  printingTitle: 'Printing',
  printing: [
    'Print double-sided, flipping on the long edge, at 100% scale (no “fit to page”).',
    'Each sheet of fronts is followed by its backs, in mirrored column order, so every answer lands behind its question.',
    'Cut along the marks at the edges of each sheet; the dotted lines show each card.',
    'This page is printed on the back of the title page so that card fronts start on a new sheet.'
  ]
}

const french: HtmlLabels = {
  contents: 'Sommaire',
  answer: 'Réponse',
  example: 'Exemple',
  extra: 'Remarques',
  answerKey: 'Corrigé',
  correct: 'Bonne réponse',
  date: 'Date',
  sources: 'Sources',
  questions: 'Questions',
  questionRange: (first, last) => (first === last ? `Question ${first}` : `Questions ${first} à ${last}`),
  missingImage: (alt) => (alt ? `[image : ${alt}]` : '[image]'),
  missingMedia: (kind, name) => `[${kind === 'audio' ? 'son' : 'vidéo'}${name ? ` : ${name}` : ''}]`,
  sheet: (index, side) => `Feuille ${index}, ${side === 'fronts' ? 'recto' : 'verso'}`,
  cards: 'Cartes',
  printingTitle: 'Impression',
  printing: [
    'Imprimez en recto verso, retournement sur le bord long, à 100 % (sans « ajuster à la page »).',
    'Chaque feuille de questions est suivie de ses réponses, colonnes inversées, pour que chaque réponse tombe au dos de sa question.',
    'Coupez le long des repères au bord de chaque feuille ; les pointillés délimitent chaque carte.',
    'Cette page est imprimée au dos de la page de titre pour que les cartes commencent sur une nouvelle feuille.'
  ]
}

/**
 * Labels for a BCP 47 language tag (`fr`, `fr-CA` → French; anything
 * else → English).
 */
export function labelsFor(lang: string): HtmlLabels {
  return /^fr(?:-|$)/i.test(lang) ? french : english
}
