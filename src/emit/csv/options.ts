/**
 * Options of the `csv` emitter and the CSV dialect both modes write.
 *
 * @module
 */
import type {Options as StringifyOptions} from 'csv-stringify/sync'
import type {HtmlAsset} from '../html/options.js'

/**
 * What the CSV is for.
 *
 * - `anki`: Anki's text import (File › Import), with `#` file headers, field
 *   HTML and the same GUIDs, decks and note types as the `.apkg`.
 * - `plain`: a spreadsheet: a header row and plain-text columns.
 */
export type CsvMode = 'anki' | 'plain'

/** Every mode, in a stable order (for help text and validation). */
export const csvModes: readonly CsvMode[] = ['anki', 'plain']

/** Options of the `csv` emitter (`emitterOptions.csv`). */
export interface CsvOptions {
  /** What the CSV is for. Default: `'anki'`. */
  mode?: CsvMode | null | undefined
  /**
   * Start the file with a UTF-8 byte order mark. Default: `false`. Excel needs
   * it to read UTF-8 (without it, `Réponse` shows as `RÃ©ponse`); Anki before
   * 2.1.58 does not skip it, so leave it off for Anki.
   */
  bom?: boolean | null | undefined
  /**
   * Plain mode only: prefix cells that start with `=`, `+`, `-`, `@`, a tab or
   * a carriage return with `'`, so a spreadsheet does not run them as
   * formulas (CSV injection). Default: `false`, because it changes the data.
   * Ignored in Anki mode, where it would corrupt GUIDs and field HTML.
   */
  escapeFormulas?: boolean | null | undefined
  /**
   * Anki mode only. `'copy'`: hand every media file the CSV's notes use to
   * {@link CsvOptions.onAsset}, under the flat name the fields use, in
   * {@link CsvOptions.assetsFolder}, for the caller to write beside the CSV
   * (the CLI's `--assets copy`). A CSV cannot carry files; these are what to
   * copy into Anki's `collection.media` folder. Default: nothing is handed.
   */
  assets?: 'copy' | 'inline' | null | undefined
  /** Folder for the files, relative to the CSV. Default: `<output name>_files`. */
  assetsFolder?: string | null | undefined
  /** Receives each media file in `copy` mode, in name order. */
  onAsset?: ((asset: CsvAsset) => void) | null | undefined
}

/** A media file the CSV's notes use (`copy` mode), shaped like the html emitter's. */
export type CsvAsset = HtmlAsset

/** Options after validation. */
export interface ResolvedCsvOptions {
  mode: CsvMode
  bom: boolean
  escapeFormulas: boolean
  /** Whether media files are handed to `onAsset`. */
  copyAssets: boolean
  assetsFolder: string | undefined
  onAsset: ((asset: CsvAsset) => void) | undefined
}

/**
 * Check `context.options` (untyped: it comes from the API or the CLI) and
 * fill in defaults.
 *
 * @throws {TypeError} For an unknown mode or an option of the wrong type; the
 *   build reports it as `emit-failed` on the output (the CLI validates
 *   `--csv` before that).
 */
export function resolveCsvOptions(options: Readonly<Record<string, unknown>>): ResolvedCsvOptions {
  const mode = options['mode'] ?? 'anki'
  if (typeof mode !== 'string' || !(csvModes as readonly string[]).includes(mode)) {
    throw new TypeError(`Unknown csv mode \`${String(mode)}\` (known: ${csvModes.join(', ')})`)
  }
  const assets = options['assets'] ?? 'inline'
  if (assets !== 'inline' && assets !== 'copy') throw new TypeError(`Unknown csv assets mode \`${String(assets)}\` (known: inline, copy)`)
  const folder = options['assetsFolder'] ?? undefined
  if (folder !== undefined && (typeof folder !== 'string' || !/^[^/\\]/.test(folder) || folder.split('/').includes('..') || /^[a-z]:/i.test(folder))) {
    throw new TypeError('The csv `assetsFolder` option must be a relative folder inside the output folder')
  }
  const onAsset = options['onAsset'] ?? undefined
  if (onAsset !== undefined && typeof onAsset !== 'function') throw new TypeError('The csv `onAsset` option must be a function')
  return {
    mode: mode as CsvMode,
    bom: flag(options, 'bom'),
    escapeFormulas: flag(options, 'escapeFormulas'),
    copyAssets: assets === 'copy',
    assetsFolder: typeof folder === 'string' ? folder.replace(/\/+$/, '') : undefined,
    onAsset: onAsset as ((asset: CsvAsset) => void) | undefined
  }
}

function flag(options: Readonly<Record<string, unknown>>, name: string): boolean {
  const value = options[name] ?? false
  if (typeof value !== 'boolean') throw new TypeError(`The csv option \`${name}\` must be a boolean, not \`${String(value)}\``)
  return value
}

/**
 * csv-stringify settings shared by both modes: RFC 4180.
 *
 * - Comma separator, `"` quotes, `""` inside quotes.
 * - CRLF between records (RFC 4180 §2.1, and what Excel writes). Anki reads
 *   CRLF and LF alike (its header parser strips `\r\n`, the Rust `csv` crate
 *   splits records on either), and newlines inside fields stay LF.
 * - `quote_record_delimiter` must be set: csv-stringify turns it off when a
 *   record delimiter is given, and then a field holding a bare `\n` (every
 *   code block) would go out unquoted and split the record in Anki.
 * - Any field starting with `#` is quoted. Anki skips lines starting with `#`
 *   as comments, and GUIDs use Anki's base-91 alphabet, which has `#`: a
 *   quoted `"#…"` starts with `"`, so neither Anki's header reader nor its
 *   CSV reader (comment character `#`, checked only at the start of a
 *   record) takes it for a comment. Anki's own CSV export does the same.
 *
 * The byte order mark is added by the emitter, before the Anki headers.
 */
export function stringifyOptions(settings: {escapeFormulas: boolean}): StringifyOptions {
  return {
    delimiter: ',',
    quote: '"',
    escape: '"',
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    quoted_match: /^#/,
    escape_formulas: settings.escapeFormulas,
    eof: true
  }
}
