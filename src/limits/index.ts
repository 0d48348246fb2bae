/**
 * Input limits: what keeps one hostile or broken file from hanging a build or
 * exhausting its memory. Each check runs before the step it protects (size
 * before decoding, the text pre-scan before parsing, the question count
 * before ids and rendering) and reports one positioned error; a file over a
 * limit is not built (see `isRejected`), the others are.
 *
 * @module
 */
import type {VFile} from 'vfile'
import {report} from '../diagnostics/report.js'
import {formatCount} from '../diagnostics/format.js'
import type {DraftSection} from '../parse/dialects/types.js'
import type {FieldContent} from '../ast/types.js'
import {scanText} from './scan.js'
import {limitTable, type LimitName, type Limits} from './table.js'

export {defaultLimits, limitTable, resolveLimits} from './table.js'
export type {LimitInfo, LimitName, Limits} from './table.js'
export {scanText} from './scan.js'
export type {Violation} from './scan.js'

/**
 * Check the size of a file before it is decoded.
 *
 * @returns Whether the file is within the limit (when not, an error is on it).
 */
export function checkInputSize(file: VFile, limits: Readonly<Limits>): boolean {
  const value = file.value
  const size = typeof value === 'string' ? value.length : (value?.byteLength ?? 0)
  if (size <= limits.fileSize) return true
  report(
    file,
    'file-too-large',
    `This file is ${formatBytes(size)}, over the ${formatBytes(limits.fileSize)} limit; it is not built. Split it, or raise the limit with ${hint('fileSize')}`,
    {line: 1, column: 1}
  )
  file.value = ''
  return false
}

/**
 * Pre-scan decoded text for deep nesting, huge tables and over-long lines,
 * before it is parsed.
 *
 * @returns Whether the text is within the limits (when not, an error is on the file).
 */
export function checkText(text: string, file: VFile, limits: Readonly<Limits>): boolean {
  const violation = scanText(text, limits)
  if (!violation) return true
  const limit = limits[violation.limit]
  const unit = violation.limit === 'fieldLength' ? 'characters' : violation.limit === 'tableCells' ? 'cells' : 'levels'
  report(
    file,
    ruleOf(violation.limit),
    `${capitalize(violation.what)} reaches ${formatCount(violation.actual)} ${unit}, over the limit of ${formatCount(limit)}; this file is not built. Raise the limit with ${hint(violation.limit)} if it is meant`,
    {line: violation.line, column: violation.column}
  )
  return false
}

/**
 * Check what a dialect recognized, before ids are derived and fields
 * rendered: the number of questions and the length of each field.
 *
 * @returns Whether the drafts are within the limits (when not, an error is on the file).
 */
export function checkDrafts(drafts: readonly DraftSection[], file: VFile, limits: Readonly<Limits>): boolean {
  let count = 0
  for (const section of drafts) {
    for (const question of section.questions) {
      count++
      if (count > limits.questions) {
        report(
          file,
          'too-many-questions',
          `This file holds more than ${formatCount(limits.questions)} questions; it is not built. Split it, or raise the limit with ${hint('questions')}`,
          question.position
        )
        return false
      }
      const fields = [question.prompt, question.answer, question.example, question.extra, ...(question.choices ?? []).map((choice) => choice.content)]
      for (const field of fields) {
        const length = field ? fieldLength(field) : 0
        if (length > limits.fieldLength) {
          report(
            file,
            'field-too-long',
            `A field of this question holds ${formatCount(length)} characters, over the limit of ${formatCount(limits.fieldLength)}; this file is not built. Raise the limit with ${hint('fieldLength')} if it is meant`,
            field?.children[0]?.position ?? question.position
          )
          return false
        }
      }
    }
  }
  return true
}

/** Characters of source a field spans (its blocks' extents; cheap, no rendering). */
function fieldLength(field: FieldContent): number {
  let total = 0
  for (const child of field.children) {
    const start = child.position?.start.offset
    const end = child.position?.end.offset
    if (start !== undefined && end !== undefined) total += end - start
  }
  return total
}

function ruleOf(name: LimitName) {
  const row = limitTable.find((candidate) => candidate.name === name)
  if (!row) throw new Error(`deckdown: no limit \`${name}\``)
  return row.ruleId
}

function hint(name: LimitName): string {
  const row = limitTable.find((candidate) => candidate.name === name)
  return `\`--${row?.flag ?? name}\` (API: \`limits.${name}\`)`
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** `16 MB`, `800 KB`, `12 bytes` (binary units, as `--max-file-size` reads them). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${round(bytes / (1024 * 1024))} MB`
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`
  return `${bytes} bytes`
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10)
}
