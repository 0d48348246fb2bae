/**
 * Structure inference: read a question bank as a person reads it, when no
 * dialect is asked for.
 *
 * 1. Headings first, over the whole document (the `heading` dialect with its
 *    question-level inference): question headings and their answers, decks
 *    above them.
 * 2. Every run of blocks under a heading that is not a question (a deck's own
 *    content) is a *region*. Each region is read by every block convention
 *    (`Q:`/`A:` and `**Q.**` paragraphs, `<details>` questions, clozes …) and
 *    the reading that yields the most answered questions wins, so a file may
 *    mix conventions section by section.
 * 3. The whole file is also read by each convention on its own; should one
 *    of them find more answered questions than the sectioned reading (and
 *    detect as many), it wins; on a tie, only a reading that names decks
 *    from file-wide tags wins. When readings disagree, `ambiguous-dialect` says what
 *    was chosen and what each reading would have made.
 *
 * Trial readings report into scratch files; only the chosen reading's
 * messages reach the real file.
 *
 * @module
 */
import type {Root as MdastRoot} from 'mdast'
import {VFile} from 'vfile'
import {report} from '../../diagnostics/report.js'
import {dialects} from '../dialects/index.js'
import {applyMetadata, takeMetadata} from './metadata.js'
import {titleSingleQuestionHeadings} from './titles.js'
import {reportUnansweredLists} from './unanswered.js'
import type {Dialect, DraftSection, RecognizeOptions, RegionReader} from '../dialects/types.js'

/** A reading of the whole file and what it found. */
export interface Reading {
  /** Name shown in messages (`heading`, `qa` …). */
  name: string
  sections: DraftSection[]
  /** Answered questions found. */
  count: number
  /** The messages the reading reported. */
  messages: VFile['messages']
}

/** Dialect names tried on regions, in the order ties are broken. */
const regionDialectNames = ['heading', 'qa', 'details', 'list', 'table', 'sr'] as const

/**
 * Read a file's mdast into draft sections by structure inference.
 *
 * @param tree mdast of the whole file (navigation already stripped).
 * @param file The file; the chosen reading's messages are added to it.
 * @param options Recognition options (reversed).
 */
export function readDocument(tree: MdastRoot, file: VFile, options: RecognizeOptions): DraftSection[] {
  const heading = dialects['heading'] as Dialect
  const used = new Map<string, number>()
  const readRegion = bestRegionReader(regionDialects(), options, used)
  const sectioned = trial('heading', file, (scratch) => heading.recognize(tree, scratch, {...options, readRegion}))

  // Whole-file readings by the conventions whose detection sees the file at
  // all; detection counts their unmistakable forms (labels, not bold lines
  // that could be sub-headings of answers).
  const rivals = Object.values(dialects)
    .filter((dialect) => dialect !== heading)
    .map((dialect) => ({dialect, strength: dialect.detect(tree)}))
    .filter(({strength}) => strength > 0)
    .map(({dialect, strength}) => ({...trial(dialect.name, file, (scratch) => dialect.recognize(tree, scratch, options)), strength}))

  // A convention read over the whole file wins when it finds more questions
  // and its own detection sees more than the sectioned reading found. On a
  // tie it wins only when it names decks from file-wide context that a
  // section cannot see (an Obsidian note's `#flashcards/…` tags).
  let chosen: Reading = sectioned
  for (const rival of rivals) {
    const fileWide = rival.sections.some((section) => section.deck !== undefined)
    const more = rival.count > chosen.count || (fileWide && rival.count === chosen.count)
    if (more && rival.count > 0 && rival.strength >= sectioned.count) chosen = rival
  }
  const sectionedName = describeSections(used)
  for (const message of chosen.messages) file.messages.push(message)

  // A reading disagrees when it found a question the chosen one does not
  // have; one that found some of the same questions (a single section's
  // convention, read over the whole file) agrees as far as it goes.
  const chosenKeys = questionKeys(chosen)
  const disagreeing = [sectioned, ...rivals].filter((reading) => reading !== chosen && reading.count > 0 && !isSubset(questionKeys(reading), chosenKeys))
  if (disagreeing.length > 0) {
    const name = (reading: Reading) => (reading === sectioned ? sectionedName : reading.name)
    const others = disagreeing.map((reading) => `${reading.count} as \`${name(reading)}\``).join(', ')
    report(
      file,
      'ambiguous-dialect',
      `This file mixes conventions: ${chosen.count} question(s) read as \`${name(chosen)}\`, ${others}; using \`${name(chosen)}\`. Set \`dialect:\` in the frontmatter to choose`,
      {line: 1, column: 1}
    )
  }
  return titleSingleQuestionHeadings(chosen.sections)
}

function questionKeys(reading: Reading): Set<string> {
  const keys = new Set<string>()
  for (const section of reading.sections) for (const question of section.questions) keys.add(`${question.position.start.line}:${question.position.start.column}`)
  return keys
}

function isSubset(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const key of a) if (!b.has(key)) return false
  return true
}

function regionDialects(): Dialect[] {
  return regionDialectNames.flatMap((name) => dialects[name] ?? [])
}

/**
 * A region reader that tries each dialect on the region and keeps the one
 * that finds the most answered questions (ties: the earlier dialect).
 * `used` counts, per dialect, the questions its winning readings gave.
 */
export function bestRegionReader(candidates: readonly Dialect[], options: RecognizeOptions, used: Map<string, number>): RegionReader {
  return (regionBlocks, file) => {
    const {blocks, lines} = takeMetadata(regionBlocks)
    const root: MdastRoot = {type: 'root', children: blocks}
    let best: Reading | undefined
    for (const dialect of candidates) {
      const reading = trial(dialect.name, file, (scratch) => dialect.recognize(root, scratch, {reversed: options.reversed}))
      if (!best || reading.count > best.count) best = reading
    }
    if (!best) return []
    for (const message of best.messages) file.messages.push(message)
    reportUnansweredLists(blocks, best.sections.flatMap((section) => section.questions.map((question) => question.position)), file)
    if (best.count > 0) used.set(best.name, (used.get(best.name) ?? 0) + best.count)
    applyMetadata(best.sections.flatMap((section) => section.questions), lines)
    return best.sections
  }
}

function trial(name: string, file: VFile, read: (scratch: VFile) => DraftSection[]): Reading {
  const scratch = new VFile({path: file.path})
  const sections = read(scratch)
  const count = sections.reduce((sum, section) => sum + section.questions.length, 0)
  return {name, sections, count, messages: scratch.messages}
}

/** `heading`, or `heading+details` when regions were read by other conventions too. */
function describeSections(used: ReadonlyMap<string, number>): string {
  const others = [...used.keys()].filter((name) => name !== 'heading').sort()
  return ['heading', ...others].join('+')
}
