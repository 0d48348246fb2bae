/**
 * Parse a long Markdown text as a run of pieces and join the pieces' trees
 * into the tree of the whole text.
 *
 * Why: micromark's document tokenizer copies the whole event list each time a
 * container (list item, block quote) closes, so one file's parse time grows
 * with the square of its length: a 20,000-question file took minutes where
 * the same questions in 200 files take seconds. Pieces of a few kilobytes
 * keep it linear.
 *
 * Contract: `parseInBlocks(text, parse)` gives the same tree as `parse(text)`,
 * positions included. How:
 *
 * - A piece ends at a line start. Its last top-level blocks could still be
 *   changed by text after the piece (a fence closed later, a list item that
 *   goes on, a setext underline), so the next piece starts again at the last
 *   block that reads the same at the start of a text — an ATX heading, or
 *   after a blank line a block that starts like prose — and only the blocks
 *   before it are kept. Blocks that closed before such a line cannot be
 *   changed by text after it.
 * - A piece with no such block after its first grows (doubling), so a block
 *   open to the end of the file costs a few parses, not one per piece.
 * - YAML frontmatter is parsed whole with the first piece, and no other piece
 *   starts at a `---` line (it would read as frontmatter, which only the
 *   start of the file may have).
 * - A file with a link or footnote definition (`[x]: …`) is parsed whole:
 *   its references resolve across the whole file.
 *
 * Tests hold the contract on every fixture and on generated text, with
 * pieces of one line.
 *
 * A piece's tree depends on the piece's text alone, so a build that parses
 * a file again after an edit can take the trees of the pieces the edit did
 * not touch from the last parse (a {@link PieceMemo}, kept by the build
 * cache: see src/pipeline/reparse.ts) and parse only the others.
 *
 * @module
 */
import type {Root, RootContent} from 'mdast'
import type {Point, Position} from 'unist'

/**
 * Pieces are at least this long (characters) unless told otherwise. Small
 * pieces are faster even where nothing is quadratic: a piece's token events
 * then die young (cheap to collect) instead of outliving a few collections
 * and being copied. On the bench corpus (files of about 76 kB) parsing took
 * 20–30 % less time with 16 kB pieces than with 64 kB ones or whole files;
 * 4 to 16 kB measured the same. The smallest of those, because a file
 * parsed again after an edit parses only the pieces the edit touched (see
 * `PieceMemo`): in the 10k bench's rebuild after one edit, the edited
 * file's Markdown took 47 ms with 4 kB pieces, 106 ms with 16 kB ones.
 */
export const defaultBlockSize = 4 * 1024

/** Trees of pieces parsed before, by the pieces' text. */
export interface PieceMemo {
  /** A fresh copy of the tree `parse` gave for this piece before, if kept. */
  get(piece: string): Root | undefined
  /**
   * A piece of this parse and its tree (from `get` or just parsed), before
   * its positions are moved: what to keep for the next parse.
   */
  keep(piece: string, tree: Root): void
}

/**
 * Parse `text` with `parse`, in pieces of at least `size` characters when it
 * is longer than that.
 *
 * @param text Markdown (LF line endings).
 * @param parse Text → mdast (with positions), a pure function.
 * @param size Smallest piece (characters); tests pass 1.
 * @param memo Trees of pieces parsed before (used only when the text is
 *   parsed in pieces).
 */
export function parseInBlocks(text: string, parse: (text: string) => Root, size: number = defaultBlockSize, memo?: PieceMemo): Root {
  if (text.length <= size || text.includes(']:')) return parse(text)
  const parsePiece = memo ? (piece: string) => memo.get(piece) ?? parse(piece) : parse

  // YAML frontmatter is read only whole, from the start of the text.
  const frontmatter = frontmatterEnd(text)
  const children: RootContent[] = []
  let start = 0
  let line = 1
  let first: Root | undefined
  while (start < text.length) {
    let want = size
    let piece: Root
    let pieceText: string
    let end: number
    let next: {offset: number; kept: number} | undefined
    for (;;) {
      end = lineStartFrom(text, Math.max(start + want, frontmatter))
      pieceText = text.slice(start, end)
      piece = parsePiece(pieceText)
      if (end === text.length) break
      next = restartAt(piece, start, text)
      if (next !== undefined) break
      want *= 2
    }
    memo?.keep(pieceText, piece)
    if (start === 0) first = piece
    const kept = next === undefined ? piece.children : piece.children.slice(0, next.kept)
    if (start > 0) for (const child of kept) shiftPositions(child, line - 1, start)
    for (const child of kept) children.push(child)
    if (next === undefined) break
    line += countLines(text, start, next.offset)
    start = next.offset
  }

  const root: Root = {type: 'root', children}
  const startOfText = first?.position?.start
  if (startOfText) root.position = {start: startOfText, end: endPoint(text)}
  return root
}

/**
 * Offset just past YAML frontmatter (`---` … `---` at the very start), 0
 * without one; the end of the text when it is not closed (no cut is sure).
 */
function frontmatterEnd(text: string): number {
  if (!text.startsWith('---')) return 0
  const close = /\n---[ \t]*(?:\n|$)/.exec(text.slice(3))
  return close ? 3 + close.index + close[0].length : text.length
}

/** The first line start at or after `offset` (or the end of the text). */
function lineStartFrom(text: string, offset: number): number {
  if (offset >= text.length) return text.length
  if (offset === 0 || text[offset - 1] === '\n') return offset
  const newline = text.indexOf('\n', offset)
  return newline === -1 ? text.length : newline + 1
}

/**
 * Where the next piece starts, and how many of this piece's blocks are kept:
 * the last block, not the piece's first, that reads the same whatever comes
 * before it — an ATX heading, or after a blank line a block that does not
 * start with a space, a digit, a list marker, `<` or `|`. Those may read
 * differently after what precedes them (micromark reads `2) two` after
 * indented code as a paragraph, at the start of a text as a list; a lazy
 * line, a setext underline, an HTML block that cannot interrupt), so they are
 * no place to start again. `undefined` when there is no such block: the
 * piece must grow.
 */
function restartAt(piece: Root, pieceStart: number, text: string): {offset: number; kept: number} | undefined {
  for (let index = piece.children.length - 1; index > 0; index--) {
    const position = piece.children[index]?.position?.start
    if (position?.offset === undefined) return undefined
    const lineStart = pieceStart + position.offset - (position.column - 1)
    if (lineStart <= pieceStart || text.startsWith('---', lineStart)) continue
    const head = text.slice(lineStart, lineStart + 10)
    if (/^ {0,3}#{1,6}(?:[ \t]|\n|$)/.test(head) || (previousLineBlank(text, lineStart) && /^[^\s\d\-*+<|]/.test(head))) {
      return {offset: lineStart, kept: index}
    }
  }
  return undefined
}

function previousLineBlank(text: string, lineStart: number): boolean {
  const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1
  return /^[ \t]*\n$/.test(text.slice(previousStart, lineStart))
}

/** Move every position in a block to where its piece starts in the text. */
function shiftPositions(block: RootContent, lines: number, offset: number): void {
  const shift = (point: Point): void => {
    point.line += lines
    if (point.offset !== undefined) point.offset += offset
  }
  const visit = (node: {position?: Position | undefined; children?: unknown[]}): void => {
    if (node.position) {
      shift(node.position.start)
      shift(node.position.end)
    }
    if (node.children) for (const child of node.children) visit(child as typeof node)
  }
  visit(block)
}

function countLines(text: string, from: number, to: number): number {
  let count = 0
  for (let index = text.indexOf('\n', from); index !== -1 && index < to; index = text.indexOf('\n', index + 1)) count++
  return count
}

/** The point at the end of the text, as micromark gives it for the root. */
function endPoint(text: string): Point {
  const lastNewline = text.lastIndexOf('\n')
  return {line: countLines(text, 0, text.length) + 1, column: text.length - lastNewline, offset: text.length}
}
