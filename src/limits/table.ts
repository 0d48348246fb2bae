/**
 * The one table of input limits. The CLI flags, the API option
 * (`limits: {…}`), the diagnostics and README's "Limits and failure
 * behaviour" section all derive from it, so adding a limit is adding a row.
 *
 * Defaults sit far above any real question bank (the biggest banks we know
 * are a few MB with a few thousand questions) and far below what makes
 * parsing slow or runs out of stack or memory.
 *
 * @module
 */
import type {RuleId} from '../diagnostics/rules.js'

/** Names of the limits, as used in the API's `limits` option. */
export type LimitName = 'fileSize' | 'depth' | 'tableCells' | 'fieldLength' | 'questions'

/** Every limit set (what the API's `limits` option is resolved to). */
export type Limits = Record<LimitName, number>

/** One row of the table. */
export interface LimitInfo {
  name: LimitName
  /** Default value. */
  default: number
  /** CLI flag (without `--`). */
  flag: string
  /** How the flag's value reads: a size (`16MB`) or a whole number. */
  unit: 'bytes' | 'count'
  /** Rule id reported when an input goes over it. */
  ruleId: RuleId
  /** What is limited, for `--help` and README. */
  description: string
}

const mebibyte = 1024 * 1024

/** The limits, in the order they are checked. */
export const limitTable: readonly LimitInfo[] = [
  {
    name: 'fileSize',
    default: 16 * mebibyte,
    flag: 'max-file-size',
    unit: 'bytes',
    ruleId: 'file-too-large',
    description: 'largest input file, in bytes'
  },
  {
    name: 'fieldLength',
    default: 100_000,
    flag: 'max-field-length',
    unit: 'count',
    ruleId: 'field-too-long',
    description: 'most characters in one field (or one line or paragraph)'
  },
  {
    name: 'depth',
    default: 100,
    flag: 'max-depth',
    unit: 'count',
    ruleId: 'too-deep',
    description: 'deepest nesting of lists, block quotes, `<details>` or HTML elements'
  },
  {
    name: 'tableCells',
    default: 100_000,
    flag: 'max-table-cells',
    unit: 'count',
    ruleId: 'table-too-large',
    description: 'most cells in one table (columns × rows)'
  },
  {
    name: 'questions',
    default: 50_000,
    flag: 'max-questions',
    unit: 'count',
    ruleId: 'too-many-questions',
    description: 'most questions in one file'
  }
]

/** Default limits. */
export const defaultLimits: Readonly<Limits> = Object.fromEntries(limitTable.map((row) => [row.name, row.default])) as Limits

/**
 * Fill in defaults for the limits not given.
 *
 * @throws {TypeError} When a given limit is not a positive number.
 */
export function resolveLimits(given: Partial<Limits> | null | undefined): Limits {
  const limits = {...defaultLimits}
  for (const row of limitTable) {
    const value = given?.[row.name]
    if (value === undefined || value === null) continue
    if (typeof value !== 'number' || !(value > 0)) {
      throw new TypeError(`deckdown: limit \`${row.name}\` must be a positive number, not \`${String(value)}\``)
    }
    limits[row.name] = value
  }
  return limits
}
