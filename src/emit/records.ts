/**
 * Reading a bundle spool's records back as text, for emitters that push
 * only text (JSON, CSV). A spool returns each record as it was pushed; bytes
 * are decoded as UTF-8 in case a spool of another make returns its text so.
 *
 * @module
 */
const decoder = new TextDecoder()

/** The spool's records as text. */
export async function* textRecords(records: AsyncIterable<string | Uint8Array>): AsyncIterable<string> {
  for await (const record of records) yield typeof record === 'string' ? record : decoder.decode(record)
}
