/**
 * Which errors mean a file is not built at all: it could not be read as text,
 * it went over a limit, or reading it failed unexpectedly. Other errors
 * (a missing image, bad frontmatter) leave a file that still builds.
 *
 * @module
 */
import type {VFile} from 'vfile'
import type {RuleId} from './rules.js'

/** Rules whose error keeps a file out of every output. */
export const rejectingRules: ReadonlySet<RuleId> = new Set<RuleId>([
  'not-text',
  'read-failed',
  'internal-error',
  'file-too-large',
  'field-too-long',
  'too-deep',
  'table-too-large',
  'too-many-questions'
])

/** Whether `file` carries an error that keeps it out of every output. */
export function isRejected(file: VFile): boolean {
  return file.messages.some((message) => message.ruleId !== undefined && rejectingRules.has(message.ruleId as RuleId))
}
