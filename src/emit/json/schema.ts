/**
 * The JSON Schema of the `json` emitter's output, as a typed value.
 *
 * The schema lives in `schema.json` (shipped as `deckdown/schema.json`). It
 * is re-exported through this module with a declared type so the published
 * declarations say `JsonSchemaDocument` instead of inlining the whole JSON
 * literal (which is not valid in a `.d.ts` file).
 *
 * @module
 */
import schema from './schema.json' with {type: 'json'}

/** A JSON Schema document (draft 2020-12), as plain JSON data. */
export interface JsonSchemaDocument {
  readonly $schema: string
  readonly $id: string
  readonly [keyword: string]: unknown
}

/** JSON Schema of the `json` emitter's output (`deckdown/schema.json`). */
export const jsonSchema: JsonSchemaDocument = schema
