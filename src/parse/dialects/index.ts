/**
 * The registry of dialects, in the order auto-detection tries them.
 *
 * @module
 */
import {headingDialect} from './heading.js'
import type {Dialect} from './types.js'

/** Built-in dialects by name. */
export const dialects: Readonly<Record<string, Dialect>> = {
  [headingDialect.name]: headingDialect
}

/** The dialect used when none is chosen. */
export const defaultDialect: Dialect = headingDialect

export type {Dialect, DraftQuestion, DraftSection, LevelHeading} from './types.js'
