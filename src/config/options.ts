/**
 * The one table of deckdown's command-line options.
 *
 * Everything else is derived from it: the `parseArgs` options and the
 * `--help` text of the CLI, and the JSON Schema of the config file (where an
 * option is spelled in camelCase: `--out-dir` → `outDir`). To add an option,
 * add a row here; the CLI parses it, `--help` lists it, the config file
 * accepts (and validates) it, and per-glob `overrides` accept it when it is
 * marked `perFile`. Then read it where it takes effect.
 *
 * @module
 */
import {formatCount} from '../diagnostics/format.js'
import {csvModes} from '../emit/csv/index.js'
import {htmlLayouts} from '../emit/html/index.js'
import {builtinEmitters} from '../emit/index.js'
import {limitTable} from '../limits/index.js'
import {dialects} from '../parse/dialects/index.js'

/** What an option's value is. */
export type OptionKind =
  /** A flag; `true` when given. */
  | 'boolean'
  /** One string. */
  | 'string'
  /** Strings, comma-separated or repeated on the command line; an array in the config file. */
  | 'list'
  /** A size such as `5MB`, `800KB` or `2048` (bytes); a string or a number of bytes in the config file. */
  | 'size'
  /** A whole number above 0; a string of digits on the command line, a number in the config file. */
  | 'count'

/** One command-line option. */
export interface OptionSpec {
  /** Long name, as typed after `--` (`out-dir`). */
  flag: string
  /** One-letter alias, if any. */
  short?: string
  kind: OptionKind
  /** The allowed values, if there is a fixed set (matched case-insensitively on the command line). */
  values?: readonly string[]
  /** Name of the argument in `--help` (`<dir>`). */
  argument?: string
  /** `--help` text: what it does, with its default. */
  help: string
  /**
   * Where it may be set: `everywhere` (command line and config file, the
   * default) or `cli` (command line only: `--help`, `--config`…).
   */
  scope?: 'everywhere' | 'cli'
  /** Whether per-glob `overrides` in the config file may set it (it affects how one file is read). */
  perFile?: boolean
}

/** The config file's spelling of a flag: `out-dir` → `outDir`, `no-repair` → `noRepair`. */
export function configKey(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
}

/**
 * Every option, in `--help` order.
 *
 * The limit options are rows of kind `size` (or `string` with a pattern
 * check in the CLI); a new limit is one more row.
 */
export const optionSpecs: readonly OptionSpec[] = [
  {flag: 'out-dir', short: 'o', kind: 'string', argument: '<dir>', help: 'output folder (build; default: out)'},
  {
    flag: 'format',
    short: 'f',
    kind: 'list',
    values: Object.keys(builtinEmitters),
    argument: '<list>',
    help: `formats, comma-separated or repeated (default: json); known: ${Object.keys(builtinEmitters).join(', ')}`
  },
  {flag: 'bundle', kind: 'string', argument: '<name>', help: 'one combined output <name>.<ext> instead of one per file'},
  {flag: 'deck', kind: 'string', argument: '<A::B>', help: "deck put above every question's deck", perFile: true},
  {flag: 'layout', kind: 'string', values: htmlLayouts, argument: '<name>', help: 'how -f html lays questions out: study (default), quiz, cards'},
  {flag: 'title', kind: 'string', argument: '<text>', help: 'html document title (default: frontmatter title, else the file name)'},
  {flag: 'paper', kind: 'string', values: ['a4', 'letter'], argument: '<size>', help: "html page size: a4 or letter (default: the print dialog's; a4 with --pdf)"},
  {flag: 'assets', kind: 'string', values: ['inline', 'copy'], argument: '<mode>', help: 'html media: inline (data: URIs; default) or copy (files in <name>_files/); with -f csv, copy writes the notes\' media files there too'},
  {flag: 'pdf', kind: 'boolean', help: 'also print each html output to PDF with a local Chromium ($DECKDOWN_CHROMIUM)'},
  {flag: 'csv', kind: 'string', values: csvModes, argument: '<mode>', help: "how -f csv writes: anki (for Anki's File › Import; default) or plain (text columns for spreadsheets)"},
  {flag: 'max-media-size', kind: 'size', argument: '<size>', help: 'largest media file embedded, e.g. 5MB, 800KB (default: 20MB)'},
  // One row per input limit, from the limits table (README: "Limits and failure behaviour").
  ...limitTable.map(
    (row): OptionSpec => ({
      flag: row.flag,
      kind: row.unit === 'bytes' ? 'size' : 'count',
      argument: row.unit === 'bytes' ? '<size>' : '<n>',
      help: `${row.description} (default: ${row.unit === 'bytes' ? `${row.default / (1024 * 1024)}MB` : formatCount(row.default)})`
    })
  ),
  {
    flag: 'dialect',
    kind: 'string',
    values: Object.keys(dialects),
    argument: '<name>',
    help: `read every file with this dialect (${Object.keys(dialects).join(', ')}); default: detected per file`,
    perFile: true
  },
  {flag: 'no-folder-decks', kind: 'boolean', help: 'sub-folders of a folder operand do not become subdecks', perFile: true},
  {flag: 'file-decks', kind: 'boolean', help: "each file's name becomes a deck level too", perFile: true},
  {flag: 'strict', kind: 'boolean', help: 'exit 1 on warnings too'},
  {
    flag: 'reporter',
    kind: 'string',
    values: ['text', 'json', 'github'],
    argument: '<name>',
    help: 'how diagnostics print: text (stderr; default), json (stdout), github (workflow commands on stdout: annotations in pull requests)'
  },
  {flag: 'quiet', kind: 'boolean', help: 'print errors only'},
  {flag: 'verbose', kind: 'boolean', help: 'print info messages too'},
  {flag: 'no-repair', kind: 'boolean', help: 'do not repair mojibake (UTF-8 misread as Mac Roman/Windows-1252/Latin-1)', perFile: true},
  {flag: 'jobs', short: 'j', kind: 'count', argument: '<n>', help: 'worker threads that parse and render (default: the available parallelism)'},
  {flag: 'cache-dir', kind: 'string', argument: '<dir>', help: 'build cache folder (default: node_modules/.cache/deckdown)'},
  {flag: 'no-cache', kind: 'boolean', help: 'build every file again and keep no note history'},
  {flag: 'watch', kind: 'boolean', help: 'build, then rebuild whenever an input changes (until Ctrl-C)', scope: 'cli'},
  {flag: 'config', kind: 'string', argument: '<path>', help: 'read options from this config file instead of searching for one', scope: 'cli'},
  {flag: 'no-config', kind: 'boolean', help: 'do not read any config file', scope: 'cli'},
  {flag: 'help', short: 'h', kind: 'boolean', help: 'show this help', scope: 'cli'},
  {flag: 'version', short: 'v', kind: 'boolean', help: 'show the version and the config file in use', scope: 'cli'}
]

/** Options the config file may set (all but the command-line-only ones). */
export const configurableSpecs: readonly OptionSpec[] = optionSpecs.filter((spec) => spec.scope !== 'cli')

/** Options a per-glob override may set. */
export const perFileSpecs: readonly OptionSpec[] = configurableSpecs.filter((spec) => spec.perFile)

/** `parseArgs` options for the table. */
export function parseArgsOptions(): Record<string, {type: 'string' | 'boolean'; short?: string; multiple?: boolean}> {
  return Object.fromEntries(
    optionSpecs.map((spec) => [
      spec.flag,
      {
        type: spec.kind === 'boolean' ? 'boolean' : 'string',
        ...(spec.short ? {short: spec.short} : {}),
        ...(spec.kind === 'list' ? {multiple: true} : {})
      }
    ])
  )
}

/** The options part of `--help`: one entry per row, help text aligned. */
export function optionsHelp(width = 80): string {
  const column = 24
  const lines: string[] = []
  for (const spec of optionSpecs) {
    const names = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.flag}${spec.argument ? ` ${spec.argument}` : ''}`
    const words = spec.help.split(' ')
    const wrapped: string[] = []
    let line = ''
    for (const word of words) {
      if (line && column + line.length + 1 + word.length > width) {
        wrapped.push(line)
        line = word
      } else {
        line = line ? `${line} ${word}` : word
      }
    }
    wrapped.push(line)
    const head = `  ${names}`
    if (head.length < column - 1) lines.push(`${head.padEnd(column)}${wrapped[0]}`)
    else lines.push(head, `${' '.repeat(column)}${wrapped[0]}`)
    for (const rest of wrapped.slice(1)) lines.push(`${' '.repeat(column)}${rest}`)
  }
  return `${lines.join('\n')}\n`
}
