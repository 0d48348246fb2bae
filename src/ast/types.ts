/**
 * The question AST: a unist tree that every emitter reads.
 *
 * ```
 * root
 * └─ section            one run of questions that share a deck path
 *    └─ question        prompt / answer / example / extra, each an mdast root
 * ```
 *
 * Field content stays mdast (no HTML here): rendering is the emitters' job,
 * through the shared render layer. Every node is plain JSON (no classes, no
 * functions, no cycles) so a tree can cross a worker-thread boundary or sit in
 * a cache keyed by the file's content hash.
 *
 * @module
 */
import type {PhrasingContent, Root as MdastRoot} from 'mdast'
import type {Node, Parent, Position} from 'unist'

/**
 * What kind of card a question becomes.
 *
 * - `basic`: prompt on the front, answer on the back.
 * - `reversed`: like basic, plus a second card from answer to prompt.
 * - `cloze`: the prompt holds {@link Cloze} nodes; one card per cloze number.
 * - `choice`: the question has {@link Choice}s, one or more of them correct.
 */
export type QuestionKind = 'basic' | 'cloze' | 'choice' | 'reversed'

/** Every kind, in a stable order (for docs, schemas and validation). */
export const questionKinds: readonly QuestionKind[] = [
  'basic',
  'cloze',
  'choice',
  'reversed'
]

/**
 * A field body: an mdast `root` whose children are the field's blocks.
 * Its `position` spans the blocks it holds in the source file.
 */
export type FieldContent = MdastRoot

/** Names of the content fields of a question, in display order. */
export type FieldName = 'prompt' | 'answer' | 'example' | 'extra'

/** The fields in display order. */
export const fieldNames: readonly FieldName[] = [
  'prompt',
  'answer',
  'example',
  'extra'
]

/**
 * A cloze deletion inside field content (phrasing): `{{c1::text::hint}}`.
 * Lives in the mdast of a field, like any phrasing node.
 */
export interface Cloze extends Parent {
  type: 'cloze'
  /** Cloze number (`c1` → 1); one card per distinct number. */
  number: number
  /** Hint shown in place of the hidden text, if any. */
  hint: string | null
  children: PhrasingContent[]
}

/** One option of a multiple-choice question. */
export interface Choice {
  /** Letter or number as written (`A`, `b`, `1`), or null (task lists). */
  label: string | null
  /** The option's content. */
  content: FieldContent
  /** Whether this option is a correct answer. */
  correct: boolean
}

/** Where a question's id came from. */
export type IdSource = 'explicit' | 'derived'

/**
 * One question: becomes one note (and, for `basic`, one card).
 */
export interface Question extends Node {
  type: 'question'
  /**
   * Stable identity. Explicit (`<!-- id: … -->` after the heading) or derived
   * from the deck path and the normalized prompt text, so editing the answer
   * or reordering questions never changes it.
   */
  id: string
  /** Whether `id` was written in the file or derived. */
  idSource: IdSource
  kind: QuestionKind
  /** Deck path segments, outermost first (`['Python', 'Niveau Hardcore']`). */
  deck: string[]
  /** Tags, sorted and unique (Anki hierarchy with `::`). */
  tags: string[]
  prompt: FieldContent
  /**
   * The answer. For `choice` questions, the explanation given with the
   * answer (possibly empty); the options are in `choices`.
   */
  answer: FieldContent
  example: FieldContent | null
  extra: FieldContent | null
  /** Options of a `choice` question, in written order; null for other kinds. */
  choices: Choice[] | null
  /** Source file path (as given to the parser; relative in CLI output). */
  file: string
  /**
   * How outputs name the file to people (the Source field, print footers),
   * when that differs from `file`: the CLI gives the path below the folder
   * operand, or the bare file name. Absent: `file`.
   */
  sourceName?: string
  position: Position
}

/**
 * A run of questions under one level heading (or the file's top).
 */
export interface Section extends Parent {
  type: 'section'
  /** Full deck path of the questions in this section. */
  deck: string[]
  /** Heading text as written (without the marker emoji), or null at the top of a file. */
  title: string | null
  /** Source file path. */
  file: string
  children: Question[]
  position: Position
}

/** Facts about a parsed file that emitters may want (frontmatter, encoding). */
export interface RootData {
  /** Title for documents built from this tree (frontmatter `title`), if any. */
  title?: string
  /** Language tag from frontmatter `lang`, if any. */
  lang?: string
  /** Source files that contributed sections, in order. */
  files?: string[]
}

/** The root of a question tree: one file, or several merged in path order. */
export interface Root extends Parent {
  type: 'root'
  children: Section[]
  data?: RootData
  position?: Position
}

/** Any node of the question AST (field content excluded). */
export type QuestionNode = Root | Section | Question

declare module 'mdast' {
  // Cloze deletions are phrasing content inside fields.
  interface PhrasingContentMap {
    cloze: Cloze
  }
  interface RootContentMap {
    cloze: Cloze
  }
}

declare module 'mdast-util-math' {
  interface InlineMathData {
    /**
     * `$$…$$` written inside a paragraph: display math, as GitHub and
     * Obsidian show it (set by the parser; the only data math nodes keep).
     */
    display?: boolean | undefined
  }
}
