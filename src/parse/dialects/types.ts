/**
 * What a dialect (one question-writing convention) must provide.
 *
 * A dialect reads the mdast of one file and returns draft sections of draft
 * questions; the parser then adds what every dialect shares (frontmatter deck
 * and tags, ids, de-duplication). Dialects report problems on the file with
 * positions and never throw on any input.
 *
 * @module
 */
import type {Heading, Root as MdastRoot, RootContent} from 'mdast'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import type {Choice, FieldContent, QuestionKind} from '../../ast/types.js'

/** A heading that names a deck level. */
export interface LevelHeading {
  node: Heading
  /** Deck name from the heading (decoration removed). */
  title: string
  /** Difficulty tag from the heading's marker emoji, if any. */
  tag: string | undefined
}

/** A question as a dialect sees it, before ids and frontmatter are applied. */
export interface DraftQuestion {
  kind: QuestionKind
  prompt: FieldContent
  answer: FieldContent
  example: FieldContent | null
  extra: FieldContent | null
  /** Options of a `choice` question; null for other kinds. */
  choices: Choice[] | null
  /** Tags written on the question itself. */
  tags: string[]
  /** Whether the prompt is a heading of its own (not a line under a heading). */
  headed?: boolean
  /** Explicit id and where it was written, when the file gives one. */
  explicitId: {value: string; position: Position} | undefined
  position: Position
}

/** Questions that share level headings. */
export interface DraftSection {
  /** Level headings above the questions, outermost first. */
  levels: LevelHeading[]
  /**
   * Deck path named by the section itself rather than by headings (an
   * Obsidian `#flashcards/Topic/Sub` tag → `['Topic', 'Sub']`). When set, it
   * replaces the level headings' titles as the section's own deck.
   */
  deck?: string[]
  questions: DraftQuestion[]
  position: Position
}

/** File-level settings a dialect honours. */
export interface RecognizeOptions {
  /** Basic questions become reversed (frontmatter `reversed: true`). */
  reversed: boolean
  /**
   * How a dialect that reads headings reads the blocks under a heading that
   * is not a question (a deck's own content). The `heading` dialect reads
   * only clozes there by default; structure inference passes a reader that
   * tries every block convention (`Q:`/`A:` pairs, `<details>` questions,
   * paragraph questions …) and keeps the best.
   */
  readRegion?: RegionReader | undefined
}

/**
 * Read questions from a run of blocks with no heading among them. Sections
 * returned carry levels relative to the region (usually none).
 */
export type RegionReader = (blocks: readonly RootContent[], file: VFile) => DraftSection[]

/** A question-writing convention. */
export interface Dialect {
  /** Id used in options, frontmatter `dialect:` and docs (`heading`). */
  name: string
  /** One line for docs and `--help`. */
  description: string
  /**
   * How strongly the file looks written in this convention: the number of
   * questions it would find (0 when none). Used to pick a dialect.
   */
  detect(tree: MdastRoot): number
  /**
   * Recognize questions in a file. Never throws; every problem is a message
   * on `file` with a position.
   *
   * @param tree mdast of the whole file (frontmatter node included).
   * @param file The file; report diagnostics on it.
   */
  recognize(tree: MdastRoot, file: VFile, options: RecognizeOptions): DraftSection[]
}
