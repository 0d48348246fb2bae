/**
 * The one way code reports a problem: a vfile message with a rule id from the
 * catalogue, `source: 'deckdown'`, the catalogue's severity and a position.
 *
 * @module
 */
import type {Node, Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {rules, type RuleId, type Severity} from './rules.js'

/** Where a message points: a node (its position is used), a position or a point. */
export type Place = Node | Position | Point

/** The `source` of every deckdown message. */
export const messageSource = 'deckdown'

/**
 * Add a message for `ruleId` to `file`, at `place`.
 *
 * Like markdownlint's engine, this refuses to record a message without a
 * position: every diagnostic must point somewhere a person can go. A message
 * already on the file (same rule, reason and start) is not added again.
 *
 * @param file File the message is about.
 * @param ruleId Catalogue id.
 * @param reason Human sentence; says what is wrong and, where it helps, what to do.
 * @param place Node, position or point the message is about.
 * @param extra Optional `note` (longer explanation) and severity override.
 * @returns The message (already on `file.messages`).
 */
export function report(
  file: VFile,
  ruleId: RuleId,
  reason: string,
  place: Place,
  extra?: {note?: string; severity?: Severity} | null
): VFileMessage {
  const point = toPlace(place)
  if (!point) {
    throw new Error(`deckdown: message \`${ruleId}\` has no position`)
  }
  // The same problem met twice (by the apkg and CSV emitters of one build, say)
  // is one problem: a person wants to read it once. The index keeps this
  // check constant-time, so reporting stays linear in the number of messages.
  const start = 'start' in point ? point.start : point
  const index = indexOf(file)
  const key = `${ruleId}\u0000${start.line}:${start.column}\u0000${reason}`
  const existing = index.seen.get(key)
  if (existing && file.messages.includes(existing)) return existing
  // Many messages of one rule in one file (10,000 copies of a question) say
  // the same thing: show the first few, then count the rest on the last shown.
  const tally = index.perRule.get(ruleId)
  if (tally && tally.shown >= maxMessagesPerRule && file.messages.includes(tally.last)) {
    tally.hidden++
    const summary = `${tally.lastReason} (and ${tally.hidden} more \`${ruleId}\` in this file)`
    tally.last.reason = summary
    tally.last.message = summary
    index.seen.set(key, tally.last)
    return tally.last
  }
  const message = file.message(reason, {place: point, ruleId, source: messageSource})
  applySeverity(message, extra?.severity ?? rules[ruleId].severity)
  if (extra?.note) message.note = extra.note
  index.seen.set(key, message)
  if (tally) {
    tally.shown++
    tally.last = message
    tally.lastReason = reason
  } else {
    index.perRule.set(ruleId, {shown: 1, hidden: 0, last: message, lastReason: reason})
  }
  return message
}

/** Messages of one rule shown per file before the rest are only counted. */
export const maxMessagesPerRule = 20

interface ReportIndex {
  seen: Map<string, VFileMessage>
  perRule: Map<RuleId, {shown: number; hidden: number; last: VFileMessage; lastReason: string}>
}

const indexes = new WeakMap<VFile, ReportIndex>()

function indexOf(file: VFile): ReportIndex {
  let index = indexes.get(file)
  if (!index) {
    index = {seen: new Map(), perRule: new Map()}
    indexes.set(file, index)
  }
  return index
}

/**
 * Severity of a message, from vfile's `fatal` convention:
 * `true` error, `false` warning, `undefined`/`null` info.
 */
export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}

function applySeverity(message: VFileMessage, severity: Severity): void {
  if (severity === 'error') message.fatal = true
  else if (severity === 'warning') message.fatal = false
  else message.fatal = undefined
}

function toPlace(place: Place): Position | Point | undefined {
  if ('type' in place) {
    return (place as Node).position
  }
  if ('start' in place) return place
  if ('line' in place && place.line > 0) return place
  return undefined
}
