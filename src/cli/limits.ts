/**
 * Reading the limit flags (`--max-file-size`, `--max-depth` …). The flags
 * themselves are rows of the option table, derived from the limits table, so
 * a new limit needs no CLI change.
 *
 * @module
 */
import {limitTable, type Limits} from '../limits/index.js'

/**
 * Read the limit flags.
 *
 * @param values Parsed flag values.
 * @param parseSize How a size reads (`16MB`).
 * @returns The limits given, or the usage error for the first unreadable one.
 */
export function readLimitFlags(
  values: Readonly<Record<string, unknown>>,
  parseSize: (text: string) => number | null
): {limits: Partial<Limits>} | {error: string} {
  const limits: Partial<Limits> = {}
  for (const row of limitTable) {
    const raw = values[row.flag]
    if (typeof raw !== 'string') continue
    const value = row.unit === 'bytes' ? parseSize(raw) : /^\s*\d+\s*$/.test(raw) ? Number(raw) : null
    if (value === null || !(value > 0)) {
      return {error: `--${row.flag} takes ${row.unit === 'bytes' ? 'a size such as 16MB or 800KB' : 'a whole number above 0'}, not \`${raw}\``}
    }
    limits[row.name] = value
  }
  return {limits}
}
