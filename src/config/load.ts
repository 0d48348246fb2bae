/**
 * Finding, reading and validating the config file.
 *
 * Contract: {@link loadConfig} never throws and never prints. It returns the
 * validated config (or none), or a VFile for the config file carrying one
 * `invalid-config` error per problem, each at the line and column of the
 * offending key. The options in a loaded config are exactly what the schema
 * ({@link configSchema}) allows, so callers may trust their types.
 *
 * Search: `deckdown.config.json`, `.yaml`, `.yml`, `.js`, `.mjs` (default
 * export), then a `"deckdown"` key in `package.json`, in the working folder,
 * then each parent folder up to the home folder, or the file system's root
 * where there is no home folder (lilconfig does the search).
 *
 * @module
 */
import {readFile} from 'node:fs/promises'
import {homedir} from 'node:os'
import {basename, dirname, extname, parse, relative, resolve, sep} from 'node:path'
import {pathToFileURL} from 'node:url'
import {parse as parseJson} from '@humanwhocodes/momoa'
import type {Ajv2020, ErrorObject} from 'ajv/dist/2020.js'
import {lilconfig, type Loader} from 'lilconfig'
import {VFile} from 'vfile'
import {LineCounter, parseDocument} from 'yaml'
import {report} from '../diagnostics/report.js'
import {locateInJson, locateInYaml, type ConfigPoint, type KeyPath} from './locate.js'
import {configSchema} from './schema.js'

/** File names searched in each folder, in order. */
export const configFileNames = [
  'deckdown.config.json',
  'deckdown.config.yaml',
  'deckdown.config.yml',
  'deckdown.config.js',
  'deckdown.config.mjs',
  'package.json'
] as const

/** One per-glob override, as written. */
export interface ConfigOverride {
  /** Glob or globs, relative to the config file's folder. */
  files: string | string[]
  /** Per-file options (camelCase keys of the option table). */
  [option: string]: unknown
}

/** A config file's content, validated against the schema. */
export interface ConfigOptions {
  /** Inputs built when the command line names none. */
  inputs?: string[]
  /** Per-glob options. */
  overrides?: ConfigOverride[]
  /** Options of the table, by camelCase key. */
  [option: string]: unknown
}

/** A config file that was found and is valid. */
export interface LoadedConfig {
  /** Absolute path of the file. */
  path: string
  /** Its folder: relative paths and globs in it are relative to this folder. */
  folder: string
  options: ConfigOptions
}

/** What {@link loadConfig} found. */
export type ConfigResult =
  | {ok: true; config: LoadedConfig | null}
  /** The file (path relative to `cwd`) with an `invalid-config` error per problem. */
  | {ok: false; file: VFile}

/** Where to look. */
export interface LoadConfigOptions {
  /** Folder the search starts in (and that `path` and shown paths are relative to). */
  cwd: string
  /** Read this file instead of searching (`--config`). */
  path?: string | undefined
  /**
   * Loads a config file written as a module (`.js`, `.mjs`), given its
   * `file:` URL. Default: lilconfig's own `import()`. The command passes
   * its entry's: its bundle runs as a script from V8's code cache, and Node
   * cannot serve an `import()` made in such code.
   */
  importModule?: ((url: string) => Promise<unknown>) | undefined
}

/** A syntax error found while reading a config file, with its place. */
class ConfigSyntaxError extends Error {
  constructor(
    message: string,
    readonly point: ConfigPoint
  ) {
    super(message)
  }
}

const jsonLoader: Loader = (_, content) => {
  try {
    // momoa reports where the text stops being JSON; JSON.parse would not say.
    parseJson(content, {mode: 'json'})
  } catch (error) {
    const {line = 1, column = 1} = error as {line?: number; column?: number}
    throw new ConfigSyntaxError(`Config file is not valid JSON: ${(error as Error).message.replace(/\s*\(\d+:\d+\)$/, '')}`, {line, column})
  }
  return JSON.parse(content.replace(/^\uFEFF/, '')) as unknown
}

const yamlLoader: Loader = (_, content) => {
  const lineCounter = new LineCounter()
  const document = parseDocument(content, {lineCounter, uniqueKeys: true})
  const [error] = document.errors
  if (error) {
    const {line, col} = lineCounter.linePos(error.pos[0])
    throw new ConfigSyntaxError(`Config file is not valid YAML: ${error.message.split('\n')[0] ?? error.code}`, {line, column: col})
  }
  return document.toJS() as unknown
}

let validator: ReturnType<Ajv2020['compile']> | undefined

/** The user's home folder, or null where there is none (a container run as a user without an entry in /etc/passwd, and no HOME). */
function homeFolder(): string | null {
  try {
    return homedir()
  } catch {
    return null
  }
}

/**
 * Make lilconfig's explorer where there may be no home folder. lilconfig
 * asks Node for the home folder as its default place to stop, even when
 * given another, and Node throws where there is none: for that moment HOME
 * names `fallback` (the search then stops at the file system's root).
 */
function withHome<T>(home: string | null, fallback: string, make: () => T): T {
  if (home !== null) return make()
  const saved = process.env['HOME']
  process.env['HOME'] = fallback
  try {
    return make()
  } finally {
    if (saved === undefined) delete process.env['HOME']
    else process.env['HOME'] = saved
  }
}

/** Loaders for config modules through `importModule`, if given: their default export. */
function moduleLoaders(importModule: LoadConfigOptions['importModule']): Record<string, Loader> {
  if (!importModule) return {}
  const load: Loader = async (path) => ((await importModule(pathToFileURL(path).href)) as {default?: unknown}).default
  return {'.js': load, '.mjs': load}
}

/**
 * Find (or read the given) config file, then validate it.
 *
 * @returns The config, `null` when there is none, or the problems.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ConfigResult> {
  const home = homeFolder()
  const root = parse(resolve(options.cwd)).root
  const explorer = withHome(home, root, () =>
    lilconfig('deckdown', {
      searchPlaces: [...configFileNames],
      loaders: {'.json': jsonLoader, '.yaml': yamlLoader, '.yml': yamlLoader, ...moduleLoaders(options.importModule)},
      cache: false,
      ...(home === null ? {stopDir: root} : {})
    })
  )
  const shown = (path: string) => relative(options.cwd, path).split(sep).join('/') || basename(path)
  const wanted = options.path === undefined ? undefined : resolve(options.cwd, options.path)
  let found
  try {
    found = wanted ? await explorer.load(wanted) : await explorer.search(options.cwd)
  } catch (error) {
    const path = wanted ?? (error as {filepath?: string}).filepath ?? options.cwd
    const file = new VFile({path: shown(path)})
    if (error instanceof ConfigSyntaxError) report(file, 'invalid-config', error.message, error.point)
    else {
      const code = (error as NodeJS.ErrnoException).code
      const reason = code === 'ENOENT' ? 'no such file' : code ?? (error as Error).message
      report(file, 'invalid-config', `Cannot read the config file: ${reason}`, {line: 1, column: 1})
    }
    return {ok: false, file}
  }
  if (!found) return {ok: true, config: null}
  const path = found.filepath
  const file = new VFile({path: shown(path)})
  // An empty file, or a package.json without a `deckdown` key named by --config.
  const value: unknown = found.isEmpty || found.config === undefined ? {} : found.config

  // The validator is loaded only when there is a config to check: ajv is a
  // sixth of the command's code, and most builds have no config file.
  if (!validator) {
    // ajv is CommonJS and its `module.exports` is the class: that is the
    // default export under Node's ESM interop and in the bundled command.
    const Validator = (await import('ajv/dist/2020.js')).default as unknown as typeof Ajv2020
    validator = new Validator({allErrors: true, strict: true}).compile(configSchema())
  }
  if (validator(value)) return {ok: true, config: {path, folder: dirname(path), options: value as ConfigOptions}}

  const text = extname(path) === '.js' || extname(path) === '.mjs' ? undefined : await readFile(path, 'utf8').catch(() => undefined)
  const prefix: KeyPath = basename(path) === 'package.json' ? ['deckdown'] : []
  const locate = (keys: KeyPath): ConfigPoint => {
    if (text === undefined) return {line: 1, column: 1}
    return extname(path) === '.json' ? locateInJson(text, [...prefix, ...keys]) : locateInYaml(text, [...prefix, ...keys])
  }
  for (const error of relevantErrors(validator.errors ?? [])) {
    const keys = keyPathOf(error)
    report(file, 'invalid-config', describe(error, keys, value), locate(keys))
  }
  // In reading order, as a person fixes them.
  file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
  return {ok: false, file}
}

/**
 * Ajv reports every branch of a `oneOf`; a person needs the one that says
 * what to write. Keep the `oneOf` error itself and drop its branches' noise
 * when a more specific error exists at the same place.
 */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const kept: ErrorObject[] = []
  const seen = new Set<string>()
  for (const error of errors) {
    if (error.keyword === 'oneOf' || error.keyword === 'if') continue
    const key = `${error.instancePath}\u0000${error.keyword === 'additionalProperties' ? String(error.params['additionalProperty']) : ''}`
    if (seen.has(key)) continue
    seen.add(key)
    kept.push(error)
  }
  return kept
}

/** `/overrides/0/deck` (+ an unknown property) → `['overrides', 0, 'deck']`. */
function keyPathOf(error: ErrorObject): Array<string | number> {
  const keys: Array<string | number> = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment))
  if (error.keyword === 'additionalProperties') keys.push(String(error.params['additionalProperty']))
  return keys
}

/** `overrides[0].deck` */
function keyName(keys: KeyPath): string {
  return keys.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key), '') || 'the config'
}

function describe(error: ErrorObject, keys: KeyPath, root: unknown): string {
  const name = `\`${keyName(keys)}\``
  const actual = keys.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined), root)
  const shown = JSON.stringify(actual) ?? String(actual)
  switch (error.keyword) {
    case 'additionalProperties': {
      const where = keys.length > 1 ? ` in \`${keyName(keys.slice(0, -1))}\`` : ''
      return `Unknown option ${name}${where}; options are the long command-line names in camelCase (\`outDir\`), see \`deckdown --help\``
    }
    case 'type':
      return `${name} must be ${article(String(error.params['type']))}, not ${typeName(actual)}`
    case 'enum':
      return `${name} must be one of ${(error.params['allowedValues'] as unknown[]).map((value) => JSON.stringify(value)).join(', ')}, not ${shown}`
    case 'pattern':
      return `${name} must be a size such as "5MB", "800KB" or a number of bytes, not ${shown}`
    case 'required':
      return `${name} needs \`${String(error.params['missingProperty'])}\``
    case 'minItems':
      return `${name} must not be empty`
    case 'minLength':
      return `${name} must not be an empty string`
    case 'uniqueItems':
      return `${name} lists the same value twice`
    case 'minimum':
      return `${name} must not be negative`
    default:
      return `${name} ${error.message ?? 'is not valid'}`
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    boolean: 'a boolean (true or false)',
    string: 'a string',
    array: 'a list',
    object: 'an object',
    integer: 'a whole number',
    number: 'a number'
  }
  return type
    .split(',')
    .map((part) => names[part] ?? part)
    .join(' or ')
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  return `${typeof value === 'string' ? 'the string' : typeof value === 'boolean' ? 'the boolean' : `the ${typeof value}`} ${JSON.stringify(value)}`
}
