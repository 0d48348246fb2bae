/**
 * The catalogue of every diagnostic deckdown reports.
 *
 * A rule id appears here once, with its severity and a one-line description;
 * README's "Diagnostics" section documents each of them (a test keeps the two
 * in step). Code never invents a rule id inline: it names one of these.
 *
 * @module
 */

/** How bad a diagnostic is. Errors make the CLI exit with 1. */
export type Severity = 'error' | 'warning' | 'info'

/** One entry of the catalogue. */
export interface RuleInfo {
  /** Default severity. */
  severity: Severity
  /** One line: what it means. */
  description: string
}

/**
 * All rules, keyed by id. Ids are kebab-case and never change meaning once
 * released: people filter on them in CI.
 */
export const rules = {
  'not-text': {
    severity: 'error',
    description:
      'The file is not text (NUL bytes, control characters or bytes that decode in no supported encoding); it is skipped.'
  },
  'read-failed': {
    severity: 'error',
    description: 'The file could not be read (missing, unreadable, a folder).'
  },
  'write-failed': {
    severity: 'error',
    description: 'An output could not be written (permissions, disk full); other outputs are still written.'
  },
  'invalid-config': {
    severity: 'error',
    description:
      'The config file does not parse, or holds an unknown option or a value of the wrong type (checked against deckdown/config-schema.json); nothing is built.'
  },
  'internal-error': {
    severity: 'error',
    description:
      'Reading, parsing or emitting this file failed unexpectedly (a deckdown bug, or input no limit caught); this file is not built, the others are.'
  },
  'file-too-large': {
    severity: 'error',
    description: 'The file is over the size limit (`--max-file-size`, default 16 MB); it is not built.'
  },
  'field-too-long': {
    severity: 'error',
    description: 'One line, paragraph or field holds more characters than the limit (`--max-field-length`, default 100,000); the file is not built.'
  },
  'too-deep': {
    severity: 'error',
    description:
      'Lists, block quotes, `<details>` or HTML elements nest deeper than the limit (`--max-depth`, default 100); the file is not built.'
  },
  'table-too-large': {
    severity: 'error',
    description: 'A table has more cells than the limit (`--max-table-cells`, default 100,000); the file is not built.'
  },
  'too-many-questions': {
    severity: 'error',
    description: 'The file holds more questions than the limit (`--max-questions`, default 50,000); it is not built.'
  },
  'encoding-repaired': {
    severity: 'warning',
    description:
      'The text was UTF-8 decoded with a legacy code page and saved again (mojibake such as `R√©ponse`); it was repaired in memory. Save the file as UTF-8 to silence this.'
  },
  'encoding-suspect': {
    severity: 'warning',
    description:
      'Parts of the text look like mojibake (`Ã©`, `√©`) that could not be repaired, because other parts of the file are clean; re-save the damaged parts as UTF-8.'
  },
  'encoding-fallback': {
    severity: 'warning',
    description:
      'The file is not valid UTF-8 and was read as Windows-1252. Save it as UTF-8.'
  },
  'invalid-frontmatter': {
    severity: 'error',
    description:
      'The YAML frontmatter does not parse or has a field of the wrong type; the field (or all frontmatter) is ignored.'
  },
  'unknown-frontmatter-key': {
    severity: 'info',
    description: 'A frontmatter key that deckdown does not use (kept for other tools).'
  },
  'missing-answer': {
    severity: 'warning',
    description:
      'A question heading has no answer marker (`**Answer:**`, `**Réponse :**` …) before the next heading; no card is made.'
  },
  'empty-answer': {
    severity: 'warning',
    description: 'An answer marker is followed by nothing; no card is made.'
  },
  'empty-prompt': {
    severity: 'warning',
    description: 'A question heading has no text; no card is made.'
  },
  'implicit-answer': {
    severity: 'info',
    description:
      'A heading ending in `?` has no answer marker; the content below it is taken as the answer.'
  },
  'orphan-answer': {
    severity: 'warning',
    description: 'An answer marker with no question before it (no question heading or `Q:` above); it is ignored.'
  },
  'choice-no-correct': {
    severity: 'warning',
    description:
      'A multiple-choice question says no option is correct (no checked box, no `Answer: B`); no card is made.'
  },
  'choice-unknown-answer': {
    severity: 'warning',
    description: 'A multiple-choice answer names an option letter that is not in the list; no card is made.'
  },
  'empty-cloze': {
    severity: 'warning',
    description: 'A cloze deletion (`{{c1::}}`) hides nothing; it is left as text.'
  },
  'ambiguous-dialect': {
    severity: 'warning',
    description:
      'Readings of a file disagree (question headings, `Q:`/`A:` pairs, `<details>` questions …); the one that finds the most answered questions is used, and the message says how many each would make. Set frontmatter `dialect:` to choose.'
  },
  'unanswered-questions': {
    severity: 'warning',
    description:
      'A list (or a run of headings) of questions with nothing to reveal; they make no cards. Reported once per list, with the count and the first question.'
  },
  'duplicate-question': {
    severity: 'warning',
    description:
      'Two questions ask the same thing (same normalized wording) in the same deck; the later one gets a `-2`, `-3` … suffix on its id.'
  },
  'duplicate-id': {
    severity: 'warning',
    description:
      'Two questions have the same explicit id; the later one gets a `-2`, `-3` … suffix.'
  },
  'invalid-id': {
    severity: 'warning',
    description:
      'An explicit id (`<!-- id: … -->`) is empty or has characters other than letters, digits, `.`, `_`, `-`, `:` and `/`; a derived id is used instead.'
  },
  'missing-media': {
    severity: 'error',
    description: 'A local image, sound or video a question references does not exist; the question is built without it.'
  },
  'media-outside-root': {
    severity: 'error',
    description:
      'A media path leaves the input folder (`..`, an absolute path, or a symlink pointing outside); nothing is embedded.'
  },
  'media-too-large': {
    severity: 'error',
    description: 'A media file is over the size limit (`--max-media-size`, default 20 MiB); it is not embedded.'
  },
  'media-unknown-format': {
    severity: 'warning',
    description:
      'A sound or video file whose bytes match no format deckdown knows (MP3, AAC, Ogg, Opus, WAV, FLAC, M4A/MP4, MOV, WebM, Matroska), or that is really an image; it is embedded as it is (or shown as the image it is).'
  },
  'remote-media': {
    severity: 'info',
    description: 'A sound or video at a remote URL (`https://…`); it stays a link and is never downloaded.'
  },
  'unusable-media': {
    severity: 'warning',
    description:
      'An `<audio>` or `<video>` element has no `src` or `<source src>` deckdown can use (a local file or an http(s) URL); it is left out.'
  },
  'csv-media-not-included': {
    severity: 'warning',
    description:
      "A question uses local media (images) that a CSV cannot carry; import the .apkg once, or copy the files into Anki's collection.media folder, before importing the CSV."
  },
  'csv-numeric-deck': {
    severity: 'warning',
    description:
      "A deck name is a whole number (`2024`): Anki's CSV import reads it as a deck id, so the notes would not go to that deck. Give the deck a name with a letter, or import the .apkg."
  },
  'math-error': {
    severity: 'warning',
    description: 'A formula (`$…$`, `$$…$$`) does not parse in KaTeX; print HTML shows its TeX source as code instead.'
  },
  'emit-failed': {
    severity: 'error',
    description: 'An emitter failed on this input (a deckdown bug or an input it cannot represent); that output is not written.'
  },
  'no-questions': {
    severity: 'warning',
    description: 'The file holds no question deckdown can read.'
  },
  'cache-ignored': {
    severity: 'info',
    description: 'A build-cache entry is unreadable, foreign or does not match its name; it is ignored and the file is built again.'
  }
} as const satisfies Record<string, RuleInfo>

/** A known rule id. */
export type RuleId = keyof typeof rules

/** Rule ids in catalogue order. */
export const ruleIds = Object.keys(rules) as RuleId[]
