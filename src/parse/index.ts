/**
 * Parse one file: bytes or text → question AST, with diagnostics on the file.
 *
 * `parse` is a pure function of the file's bytes (or text), its path and the
 * options: no file system, no clock, no global state. That is what lets later
 * work run it on worker threads and cache results by content hash.
 *
 * @module
 */
import {basename, dirname, extname} from 'node:path'
import type {Heading, Root as MdastRoot, Yaml} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {VFile, type Compatible} from 'vfile'
import type {Question, Root, Section} from '../ast/types.js'
import {report} from '../diagnostics/report.js'
import {checkDrafts, checkInputSize, checkText, resolveLimits, type Limits} from '../limits/index.js'
import {decodeBytes} from '../text/decode.js'
import {findMojibake} from '../text/mojibake.js'
import {clozeTransform} from './cloze.js'
import {dialects, type Dialect} from './dialects/index.js'
import {readFrontmatter} from './frontmatter.js'
import {deriveId, isValidExplicitId, uniqueIds} from './identity.js'
import {levelHeading} from './level.js'
import type {PieceMemo} from './blocks.js'
import {parseMarkdown} from './markdown.js'
import {readDocument} from './structure/index.js'
import {splitLabelledLines} from './structure/labelled-lines.js'
import {stripNavigation} from './structure/navigation.js'

/** Options for {@link parse}. */
export interface ParseOptions {
  /**
   * Deck path put before every question's deck (`['Interviews']`), as the
   * CLI's `--deck` does. Not part of question ids. Default: none.
   */
  deck?: readonly string[] | null | undefined
  /**
   * Put the file's name (without extension) as a deck level above the
   * frontmatter deck and level headings. Default: `false` (the file name is
   * used only when nothing else names a deck).
   */
  fileDeck?: boolean | null | undefined
  /** Tags added to every question. Default: none. */
  tags?: readonly string[] | null | undefined
  /**
   * Dialect to use: a built-in name or a {@link Dialect} object.
   * Default: `heading`.
   */
  dialect?: string | Dialect | null | undefined
  /** Repair mojibake (UTF-8 read as Mac Roman, Windows-1252, Latin-1). Default: `true`. */
  repairEncoding?: boolean | null | undefined
  /** Turn level-heading marker emoji (🟢 🟡 🔴) into `difficulty::…` tags. Default: `true`. */
  difficultyTags?: boolean | null | undefined
  /**
   * How outputs name this file to people (the Source field, print footers),
   * when not its path: the CLI passes the path below the folder operand.
   * Diagnostics keep the path. Default: the path.
   */
  sourceName?: string | null | undefined
  /**
   * Input limits (file size, nesting depth, table cells, field length,
   * questions per file); a file over one is reported and not built.
   * Default: see README's "Limits and failure behaviour".
   */
  limits?: Partial<Limits> | null | undefined
}

/** Result of {@link parse}. */
export interface ParseResult {
  /** The question tree (empty when the file could not be read as text). */
  tree: Root
  /** The file: decoded text in `value`, diagnostics in `messages`. */
  file: VFile
}

const emptyOptions: ParseOptions = {}

/**
 * Parse one question file.
 *
 * @param input A VFile, or anything `new VFile()` accepts (`{path, value}`);
 *   `value` may be a string or raw bytes (`Uint8Array`), which are decoded
 *   (BOMs, UTF-16, newlines, mojibake repair).
 * @param options Options (see {@link ParseOptions}).
 * @returns The tree and the file with its messages. Never throws on bad input.
 *
 * @example
 * import {parse} from 'deckdown'
 *
 * const {tree, file} = parse({path: 'python.md', value: '## What is the GIL?\n\n**Answer:** A lock.'})
 * tree.children[0].children[0].id // 'what-is-the-gil-…'
 * file.messages // []
 */
export function parse(input: Compatible, options?: ParseOptions | null): ParseResult {
  return parseReusing(input, options)
}

/**
 * {@link parse}, taking the Markdown trees of pieces an earlier parse of the
 * same file kept (`pieces`, see blocks.ts): the build's way to parse a file
 * again after an edit. The result is the same as `parse`'s.
 */
export function parseReusing(input: Compatible, options?: ParseOptions | null, pieces?: PieceMemo): ParseResult {
  const settings = options ?? emptyOptions
  const file = input instanceof VFile ? input : new VFile(input)
  const path = file.path ?? ''
  const tree: Root = {type: 'root', children: [], data: {files: [path]}}

  // Limits are checked before the step they protect (see src/limits).
  const limits = resolveLimits(settings.limits)
  if (!checkInputSize(file, limits)) return {tree, file}
  if (!decodeInto(file, settings)) return {tree, file}
  const text = String(file.value)
  if (!checkText(text, file, limits)) return {tree, file}

  const mdast = parseMarkdown(text, undefined, pieces)
  if (mdast.position) tree.position = mdast.position
  const yaml = mdast.children.find((node): node is Yaml => node.type === 'yaml')
  const frontmatter = readFrontmatter(yaml, file)
  if (frontmatter.title) tree.data = {...tree.data, title: frontmatter.title}
  if (frontmatter.lang) tree.data = {...tree.data, lang: frontmatter.lang}

  clozeTransform(mdast, file, {highlights: frontmatter.cloze === 'highlight'})
  stripNavigation(mdast)
  splitLabelledLines(mdast)
  const asked = settings.dialect ?? frontmatter.dialect
  const recognizeOptions = {reversed: frontmatter.reversed}
  const drafts = asked ? resolveDialect(asked).recognize(mdast, file, recognizeOptions) : readDocument(mdast, file, recognizeOptions)
  if (!checkDrafts(drafts, file, limits)) return {tree, file}
  const fileName = fileDeckName(path, mdast)
  const fallbackDeck = frontmatter.deck.length > 0 || settings.fileDeck ? [] : [fileName.name]
  const rootDeck = [...(settings.deck ?? []), ...(settings.fileDeck ? [fileName.name] : [])]
  const extraTags = [...frontmatter.tags, ...(settings.tags ?? [])]

  for (const draft of drafts) {
    // A README named after its title heading must not repeat it as a level.
    const levels = settings.fileDeck && fileName.heading && draft.levels[0]?.node === fileName.heading ? draft.levels.slice(1) : draft.levels
    const levelDeck = draft.deck ?? levels.map((level) => level.title)
    const ownDeck = [...frontmatter.deck, ...levelDeck]
    const deck = [...rootDeck, ...(ownDeck.length > 0 ? ownDeck : fallbackDeck)]
    // The innermost graded level wins: `# Level 2 🟡` › `## Expert 🔴` is hard.
    const levelTag = settings.difficultyTags === false ? undefined : draft.levels.findLast((level) => level.tag)?.tag
    const levelTags = levelTag ? [levelTag] : []
    const sectionTags = [...extraTags, ...levelTags]
    const section: Section = {
      type: 'section',
      deck,
      title: draft.levels.at(-1)?.title ?? null,
      file: path,
      children: [],
      position: draft.position
    }
    for (const question of draft.questions) {
      let id: string | undefined
      if (question.explicitId) {
        if (isValidExplicitId(question.explicitId.value)) id = question.explicitId.value
        else report(file, 'invalid-id', `Explicit id \`${question.explicitId.value}\` is not valid; using a derived id`, question.explicitId.position)
      }
      const node: Question = {
        type: 'question',
        id: id ?? deriveId(ownDeck, toString(question.prompt)),
        idSource: id ? 'explicit' : 'derived',
        kind: question.kind,
        deck,
        tags: [...new Set([...sectionTags, ...question.tags])].sort(),
        prompt: question.prompt,
        answer: question.answer,
        example: question.example,
        extra: question.extra,
        choices: question.choices,
        file: path,
        ...(settings.sourceName && settings.sourceName !== path ? {sourceName: settings.sourceName} : {}),
        position: question.position
      }
      section.children.push(node)
    }
    tree.children.push(section)
  }

  dedupeIds([tree], [file])
  if (tree.children.length === 0) {
    report(file, 'no-questions', 'No questions found: a question is a heading followed by an answer marker such as `**Answer:**`', {line: 1, column: 1})
  }
  return {tree, file}
}

/** Where a question id was first used (see {@link dedupeIds}). */
export interface FirstPlace {
  file: string
  line: number
  column: number
}

/**
 * Make question ids unique across trees, in the order given, reporting each
 * renamed question as `duplicate-id` on its own file.
 *
 * @param trees Trees in a stable order (files sorted by path).
 * @param files The files the trees came from (same order), to report on.
 * @param taken Ids already used.
 * @param first Where each id was first used: pass the same map with the
 *   same `taken` to call this file by file, so a renamed question still
 *   names the one it repeats (places only: the questions can go).
 */
export function dedupeIds(
  trees: readonly Root[],
  files: readonly VFile[],
  taken: Set<string> = new Set(),
  first: Map<string, FirstPlace> = new Map()
): void {
  const questions = trees.flatMap((tree) => tree.children.flatMap((section) => section.children))
  // One lookup per report, not a search of every file.
  const fileByPath = new Map(files.map((file) => [file.path, file]))
  const unique = uniqueIds(
    questions.map((question) => question.id),
    taken
  )
  for (const [index, question] of questions.entries()) {
    const result = unique[index]
    if (!result) continue
    if (result.duplicateOf === undefined) {
      first.set(question.id, {file: question.file, line: question.position.start.line, column: question.position.start.column})
      continue
    }
    const original = first.get(result.duplicateOf)
    const file = fileByPath.get(question.file) ?? files[0]
    if (file) {
      const where = original ? ` (first at ${original.file}:${original.line}:${original.column})` : ''
      if (question.idSource === 'explicit') {
        report(file, 'duplicate-id', `Question id \`${question.id}\` is already used${where}; this one becomes \`${result.id}\``, question)
      } else {
        report(
          file,
          'duplicate-question',
          `The same question is already asked in this deck${where}; its id becomes \`${result.id}\`. Reword one, or pin ids with \`<!-- id: … -->\``,
          question
        )
      }
    }
    question.id = result.id
  }
}

/** Decode `file.value` in place when it is bytes. Returns false when the file is not text. */
function decodeInto(file: VFile, settings: ParseOptions): boolean {
  if (typeof file.value === 'string') {
    // Text given directly still gets newline normalization, so positions agree with the bytes path.
    file.value = file.value.replace(/\r\n?/g, '\n')
    return true
  }
  const result = decodeBytes(file.value ?? new Uint8Array(), {repairMojibake: settings.repairEncoding !== false})
  if (!result.ok) {
    report(file, 'not-text', `Cannot read this file as text: ${result.problem.reason}`, {
      line: result.problem.line,
      column: result.problem.column
    })
    file.value = ''
    return false
  }
  file.value = result.text
  if (result.fallback) {
    report(file, 'encoding-fallback', 'This file is not valid UTF-8; it was read as Windows-1252. Save it as UTF-8', {line: 1, column: 1})
  }
  if (result.repaired.length === 0 && !result.fallback && settings.repairEncoding !== false) {
    const suspicion = findMojibake(result.text)
    if (suspicion) {
      report(
        file,
        'encoding-suspect',
        `This text has ${suspicion.count} mojibake-looking sequences (first: \`${suspicion.sample}\`) that could not be repaired because other parts of the file are clean; re-save the damaged parts as UTF-8`,
        pointAtOffset(result.text, suspicion.offset)
      )
    }
  }
  if (result.repaired.length > 0) {
    report(
      file,
      'encoding-repaired',
      `The text was UTF-8 misread as ${result.repaired.map(encodingLabel).join(', then ')} and saved again (mojibake); it was repaired. Save the file as UTF-8 to silence this`,
      {line: 1, column: 1}
    )
  }
  return true
}

function pointAtOffset(text: string, offset: number): {line: number; column: number} {
  let line = 1
  let lineStart = 0
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++
    lineStart = index + 1
  }
  return {line, column: offset - lineStart + 1}
}

function encodingLabel(encoding: string): string {
  return encoding === 'macintosh' ? 'Mac Roman' : encoding === 'windows-1252' ? 'Windows-1252' : 'Latin-1'
}

/** The dialect asked for by name or given as an object. */
function resolveDialect(asked: string | Dialect): Dialect {
  if (typeof asked !== 'string') return asked
  const found = dialects[asked]
  if (!found) throw new TypeError(`deckdown: unknown dialect \`${asked}\` (known: ${Object.keys(dialects).join(', ')})`)
  return found
}

/**
 * The deck name a file gives when nothing else names one: its name without
 * extension, except for `README.md` and `index.md`, which say nothing about
 * their content: those take their first `#` heading, else their folder's name.
 */
function fileDeckName(path: string, tree: MdastRoot): {name: string; heading?: Heading} {
  const stem = stemOf(path)
  if (!/^(?:readme|index)$/i.test(stem)) return {name: stem}
  const heading = tree.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1)
  if (heading) {
    const level = levelHeading(heading)
    if (level.title) return {name: level.title, heading}
  }
  const folder = basename(dirname(path))
  return {name: folder && folder !== '.' ? folder : stem}
}

function stemOf(path: string): string {
  const name = basename(path)
  return name.slice(0, name.length - extname(name).length) || 'deckdown'
}
