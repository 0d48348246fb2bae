/**
 * Formatting diagnostics for people and for machines.
 *
 * @module
 */
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {severityOf, type Place} from './report.js'
import type {Severity} from './rules.js'

/** A diagnostic as plain data (what the JSON emitter and `--reporter json` print). */
export interface DiagnosticRecord {
  file: string
  line: number
  column: number
  endLine: number | null
  endColumn: number | null
  severity: Severity
  ruleId: string
  message: string
}

/**
 * One line, the way compilers print: `path:line:col: severity message [rule-id]`.
 *
 * @example
 * formatMessage(message) // 'fixtures/a.md:3:1: warning Question has no answer [missing-answer]'
 */
export function formatMessage(message: VFileMessage, path?: string): string {
  const file = path ?? message.file ?? ''
  const line = message.line ?? 1
  const column = message.column ?? 1
  const rule = message.ruleId ? ` [${message.ruleId}]` : ''
  return `${file}:${line}:${column}: ${severityOf(message)} ${message.reason}${rule}`
}

/**
 * One GitHub Actions workflow command, so a CI run annotates the file and
 * line in the pull request: `::warning file=a.md,line=3,col=1,title=missing-answer::…`.
 * Infos become `notice`. Property and message values are escaped as the
 * workflow-command syntax requires.
 */
export function formatGithubAnnotation(message: VFileMessage, path?: string): string {
  const severity = severityOf(message)
  const command = severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice'
  const end = message.place && 'end' in message.place ? message.place.end : undefined
  const properties = [
    `file=${escapeProperty(path ?? message.file ?? '')}`,
    `line=${message.line ?? 1}`,
    `col=${message.column ?? 1}`,
    ...(end ? [`endLine=${end.line}`, `endColumn=${end.column}`] : []),
    `title=${escapeProperty(`deckdown ${message.ruleId ?? ''}`.trim())}`
  ]
  return `::${command} ${properties.join(',')}::${escapeData(message.reason)}`
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** Turn a message into a plain record. */
export function toDiagnosticRecord(message: VFileMessage, path?: string): DiagnosticRecord {
  const end = message.place && 'end' in message.place ? message.place.end : undefined
  return {
    file: path ?? message.file ?? '',
    line: message.line ?? 1,
    column: message.column ?? 1,
    endLine: end?.line ?? null,
    endColumn: end?.column ?? null,
    severity: severityOf(message),
    ruleId: message.ruleId ?? 'unknown',
    message: message.reason
  }
}

/**
 * Messages of several files in a stable order: by file, line, column, rule.
 * Stable output is what lets CI diff two runs.
 */
export function sortedMessages(files: readonly VFile[]): VFileMessage[] {
  return files
    .flatMap((file) => file.messages.map((message) => ({file: file.path ?? '', message})))
    .sort(
      (a, b) =>
        compare(a.file, b.file) ||
        (a.message.line ?? 0) - (b.message.line ?? 0) ||
        (a.message.column ?? 0) - (b.message.column ?? 0) ||
        compare(a.message.ruleId ?? '', b.message.ruleId ?? '') ||
        compare(a.message.reason, b.message.reason)
    )
    .map((entry) => entry.message)
}

/** Count messages by severity. */
export function countBySeverity(files: readonly VFile[]): Record<Severity, number> {
  const counts: Record<Severity, number> = {error: 0, warning: 0, info: 0}
  for (const file of files) for (const message of file.messages) counts[severityOf(message)]++
  return counts
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * A whole number with thousands separators, as `toLocaleString('en-US')`
 * writes it, without asking ICU: its first call costs some 30 ms, and the
 * command's help table is built on every start.
 *
 * @example
 * formatCount(100000) // '100,000'
 */
export function formatCount(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US')
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ',')
  return value < 0 ? `-${digits}` : digits
}

export type {Place}
