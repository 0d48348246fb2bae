/**
 * The registry of built-in emitters.
 *
 * @module
 */
import {apkgEmitter} from './apkg/index.js'
import {csvEmitter} from './csv/index.js'
import {htmlEmitter} from './html/index.js'
import {jsonEmitter} from './json/index.js'
import type {Emitter} from './types.js'

/** Built-in emitters by name. */
export const builtinEmitters: Readonly<Record<string, Emitter>> = {
  [jsonEmitter.name]: jsonEmitter,
  [apkgEmitter.name]: apkgEmitter,
  [csvEmitter.name]: csvEmitter,
  [htmlEmitter.name]: htmlEmitter
}

/**
 * Resolve format names to emitters: custom ones first (they may override a
 * built-in of the same name), then the built-ins.
 *
 * @throws {TypeError} For an unknown format name (a usage error).
 */
export function resolveEmitters(formats: readonly string[], custom: readonly Emitter[] = []): Emitter[] {
  const known = new Map<string, Emitter>(Object.entries(builtinEmitters))
  for (const emitter of custom) known.set(emitter.name, emitter)
  return [...new Set(formats)].map((format) => {
    const emitter = known.get(format)
    if (!emitter) {
      throw new TypeError(`Unknown format \`${format}\` (known: ${[...known.keys()].sort().join(', ')})`)
    }
    return emitter
  })
}

export type {EmitContext, EmitResult, Emitter} from './types.js'
