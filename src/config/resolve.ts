/**
 * From a loaded config to option values in the CLI's own shape (keyed by
 * flag, as `parseArgs` returns them), so the CLI merges the file, the
 * matching overrides and its flags with one spread each: later wins.
 *
 * Paths in a config file are relative to the file's folder, wherever the
 * build runs from: `outDir` and `inputs` are resolved here, override globs
 * are matched against paths below that folder.
 *
 * @module
 */
import {isAbsolute, relative, resolve, sep} from 'node:path'
import picomatch from 'picomatch'
import type {LoadedConfig} from './load.js'
import {configKey, configurableSpecs, perFileSpecs, type OptionSpec} from './options.js'

/** Option values keyed by flag (`out-dir`), as the command line gives them. */
export type FlagValues = Record<string, string | boolean | string[] | undefined>

function toFlagValues(source: Readonly<Record<string, unknown>>, specs: readonly OptionSpec[]): FlagValues {
  const values: FlagValues = {}
  for (const spec of specs) {
    const value = source[configKey(spec.flag)]
    if (value === undefined) continue
    // Sizes may be a number of bytes in the file; the CLI reads text.
    values[spec.flag] = typeof value === 'number' ? String(value) : (value as string | boolean | string[])
  }
  return values
}

/** The config's top-level options as flag values (`outDir` resolved against the config's folder). */
export function configValues(config: LoadedConfig): FlagValues {
  const values = toFlagValues(config.options, configurableSpecs)
  if (typeof values['out-dir'] === 'string') values['out-dir'] = resolve(config.folder, values['out-dir'])
  return values
}

/**
 * The per-file options of every override whose `files` match the file, in
 * order (a later override wins).
 *
 * @param absolutePath The input file.
 */
export function overrideValues(config: LoadedConfig, absolutePath: string): FlagValues {
  const below = relative(config.folder, absolutePath).split(sep).join('/')
  let values: FlagValues = {}
  for (const override of config.options.overrides ?? []) {
    const globs = typeof override.files === 'string' ? [override.files] : override.files
    if (picomatch(globs, {dot: true})(below)) values = {...values, ...toFlagValues(override, perFileSpecs)}
  }
  return values
}

/**
 * The config's `inputs`, as operands relative to `cwd` (they are written
 * relative to the config file).
 */
export function configInputs(config: LoadedConfig, cwd: string): string[] {
  return (config.options.inputs ?? []).map((input) => {
    const absolute = isAbsolute(input) ? input : resolve(config.folder, input)
    return relative(cwd, absolute).split(sep).join('/') || '.'
  })
}
