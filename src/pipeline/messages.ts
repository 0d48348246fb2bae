/**
 * Diagnostics as plain records, so they can cross a thread boundary or sit in
 * the cache, and back into vfile messages on a rebuilt file.
 *
 * A record keeps exactly what `report()` sets on a message: reason, rule,
 * source, severity, place and note. Rebuilt messages print the same.
 *
 * @module
 */
import type {Point, Position} from 'unist'
import {VFile} from 'vfile'

/** A vfile message as structured-clone-able data. */
export interface MessageRecord {
  reason: string
  ruleId: string | undefined
  source: string | undefined
  /** vfile's severity convention: `true` error, `false` warning, else info. */
  fatal: boolean | undefined
  place: Position | Point | undefined
  note: string | undefined
}

/** The messages of a file as records, in order. */
export function toMessageRecords(file: VFile): MessageRecord[] {
  return file.messages.map((message) => ({
    reason: message.reason,
    ruleId: message.ruleId,
    source: message.source,
    fatal: message.fatal ?? undefined,
    place: message.place ? structuredClone(message.place) : undefined,
    note: message.note
  }))
}

/**
 * A file as `parse` leaves it: path, decoded text (`undefined` when the
 * bytes were not text) and its messages rebuilt from records.
 */
export function restoreFile(path: string, text: string | undefined, records: readonly MessageRecord[]): VFile {
  const file = new VFile({path, value: text})
  for (const record of records) {
    const message = file.message(record.reason, {
      ...(record.place ? {place: record.place} : {}),
      ...(record.ruleId === undefined ? {} : {ruleId: record.ruleId}),
      ...(record.source === undefined ? {} : {source: record.source})
    })
    message.fatal = record.fatal
    if (record.note !== undefined) message.note = record.note
  }
  return file
}
