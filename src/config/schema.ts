/**
 * The JSON Schema of the config file, derived from the option table.
 *
 * Shipped as `deckdown/config-schema.json` (written at build time from
 * {@link configSchema}) so editors complete and validate
 * `deckdown.config.json` and `.yaml`; the CLI validates every config file
 * against the same schema.
 *
 * @module
 */
import type {JsonSchemaDocument} from '../emit/json/schema.js'
import {configKey, configurableSpecs, perFileSpecs, type OptionSpec} from './options.js'

/** Where the schema says it lives. */
export const configSchemaId = 'https://deckdown.dev/schema/config-v1.json'

/** Sizes as the CLI reads them (`5MB`, `800 KB`, `1.5MiB`, `2048`). */
export const sizePattern = '^\\s*\\d+(\\.\\d+)?\\s*([bB]|[kKmMgG]([iI]?[bB])?)?\\s*$'

/** The schema of one option's value. */
function valueSchema(spec: OptionSpec): Record<string, unknown> {
  const description = spec.help
  switch (spec.kind) {
    case 'boolean':
      return {description, type: 'boolean'}
    case 'size':
      return {description, oneOf: [{type: 'string', pattern: sizePattern}, {type: 'integer', minimum: 0}]}
    case 'count':
      return {description, oneOf: [{type: 'integer', minimum: 1}, {type: 'string', pattern: '^\\s*[1-9]\\d*\\s*$'}]}
    case 'list':
      return {description, type: 'array', items: spec.values ? {enum: [...spec.values]} : {type: 'string'}, minItems: 1, uniqueItems: true}
    case 'string':
      return spec.values ? {description, enum: [...spec.values]} : {description, type: 'string', minLength: 1}
  }
}

function properties(specs: readonly OptionSpec[]): Record<string, unknown> {
  return Object.fromEntries(specs.map((spec) => [configKey(spec.flag), valueSchema(spec)]))
}

/**
 * Build the config file's JSON Schema (draft 2020-12).
 *
 * @returns A plain JSON value; the same for the same option table.
 */
export function configSchema(): JsonSchemaDocument {
  const globs = {
    oneOf: [
      {type: 'string', minLength: 1},
      {type: 'array', items: {type: 'string', minLength: 1}, minItems: 1}
    ]
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: configSchemaId,
    title: 'deckdown config file',
    description:
      'Options for the deckdown CLI (deckdown.config.json, .yaml, .yml, .js, .mjs, or a "deckdown" key in package.json). Keys are the long command-line options in camelCase; command-line flags win.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: {description: 'Where this schema is, for editors.', type: 'string'},
      inputs: {
        description: 'Files, folders or globs to build when the command line names none (relative to the config file).',
        type: 'array',
        items: {type: 'string', minLength: 1},
        minItems: 1
      },
      ...properties(configurableSpecs),
      overrides: {
        description: 'Options for the files matching a glob (relative to the config file). Later overrides win over earlier ones; command-line flags win over all.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: {description: 'Glob or globs of the files this override applies to (`sql/**`).', ...globs},
            ...properties(perFileSpecs)
          }
        }
      }
    }
  }
}
