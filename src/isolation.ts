/**
 * Per-file isolation: whatever goes wrong while reading one file (a library's
 * exception, a stack overflow on input no limit caught) becomes an
 * `internal-error` on that file, and the build goes on with the others.
 *
 * @module
 */
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {report} from './diagnostics/report.js'
import type {PieceMemo} from './parse/blocks.js'
import {parseReusing, type ParseOptions, type ParseResult} from './parse/index.js'

/**
 * Parse one file; an exception becomes an `internal-error` at 1:1 and an
 * empty tree, so the file is left out of every output.
 *
 * @param pieces Markdown trees an earlier parse of the file kept (see
 *   `parseReusing`).
 */
export function parseIsolated(file: VFile, options: ParseOptions, pieces?: PieceMemo): ParseResult {
  try {
    return parseReusing(file, options, pieces)
  } catch (error) {
    reportInternalError(file, 'parsing', error)
    return {tree: {type: 'root', children: [], data: {files: [file.path ?? '']}}, file}
  }
}

/** Report an unexpected failure on `file`, without a stack trace. */
export function reportInternalError(file: VFile, stage: string, error: unknown): VFileMessage {
  return report(
    file,
    'internal-error',
    `Unexpected failure while ${stage} this file (${describe(error)}); it is not built. Please report it with this file`,
    {line: 1, column: 1}
  )
}

/** One line about an error: its message, or its name for a bare throw. */
export function describe(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] || error.name
  return String(error)
}
