/**
 * The registry of dialects and how a file's dialect is chosen.
 *
 * @module
 */
import type {Root as MdastRoot} from 'mdast'
import {detailsDialect} from './details.js'
import {headingDialect} from './heading.js'
import {listDialect} from './list.js'
import {qaDialect} from './qa.js'
import {tableDialect} from './table.js'
import {srDialect} from './sr.js'
import type {Dialect} from './types.js'

/** Built-in dialects by name, in the order ties are broken. */
export const dialects: Readonly<Record<string, Dialect>> = {
  [headingDialect.name]: headingDialect,
  [qaDialect.name]: qaDialect,
  [detailsDialect.name]: detailsDialect,
  [listDialect.name]: listDialect,
  [tableDialect.name]: tableDialect,
  [srDialect.name]: srDialect
}

/** The dialect used when nothing in a file says otherwise. */
export const defaultDialect: Dialect = headingDialect

/** The outcome of choosing a dialect for a file. */
export interface DialectChoice {
  dialect: Dialect
  /** Other dialects that also found questions (the file mixes conventions). */
  rivals: Array<{dialect: Dialect; score: number}>
  score: number
}

/**
 * Pick the dialect that finds the most questions in a file (ties go to the
 * earlier one in {@link dialects}).
 */
export function detectDialect(tree: MdastRoot, candidates: readonly Dialect[] = Object.values(dialects)): DialectChoice {
  const scored = candidates.map((dialect) => ({dialect, score: dialect.detect(tree)}))
  let best = scored[0] ?? {dialect: defaultDialect, score: 0}
  for (const entry of scored) if (entry.score > best.score) best = entry
  return {dialect: best.dialect, score: best.score, rivals: scored.filter((entry) => entry !== best && entry.score > 0)}
}

export type {Dialect, DraftQuestion, DraftSection, LevelHeading, RecognizeOptions} from './types.js'
