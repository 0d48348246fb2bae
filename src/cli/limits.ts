/**
 * The limit flags (`--max-file-size`, `--max-depth` …), derived from the
 * limits table so a new limit needs no CLI change.
 *
 * @module
 */
import {limitTable, type Limits} from '../limits/index.js'

/** `parseArgs` option specs for every limit flag. */
export const limitOptions: Record<string, {type: 'string'}> = Object.fromEntries(limitTable.map((row) => [row.flag, {type: 'string' as const}]))

/** Lines for `--help`, one per limit. */
export function limitUsage(): string {
  return limitTable
    .map((row) => {
      const flag = `      --${row.flag} <${row.unit === 'bytes' ? 'size' : 'n'}>`
      return `${flag}\n                        ${row.description} (default: ${formatDefault(row.default, row.unit)})`
    })
    .join('\n')
}

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

function formatDefault(value: number, unit: 'bytes' | 'count'): string {
  if (unit === 'bytes') return `${value / (1024 * 1024)}MB`
  return value.toLocaleString('en-US')
}
