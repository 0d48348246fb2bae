/**
 * The `heading` dialect: a heading is a question when a bold answer marker
 * follows it; the headings above name the decks.
 *
 * ```markdown
 * # Niveau Hardcore 🔴                 ← level heading: deck + difficulty tag
 *
 * ## Qu'est-ce que le GIL ?            ← question heading (prompt)
 *
 * **Réponse Attendue :**               ← answer marker (bold paragraph or bold run)
 * Le GIL est un verrou…                ← answer, up to the next marker or heading
 *
 * **Exemple :**                        ← example marker
 * ```python …```
 * ```
 *
 * Documented in README ("Syntax › The heading dialect"); fixtures under
 * `test/fixtures/dialect-heading/`.
 *
 * @module
 */
import type {Heading, Paragraph, PhrasingContent, Root as MdastRoot, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {FieldContent} from '../../ast/types.js'
import {report} from '../../diagnostics/report.js'
import {explicitIdFromComment} from '../identity.js'
import {deckNameFromHeading, difficultyTag} from '../level.js'
import {markerField, type MarkedField} from '../markers.js'
import type {Dialect, DraftQuestion, DraftSection, LevelHeading} from './types.js'

/** The `heading` dialect. */
export const headingDialect: Dialect = {
  name: 'heading',
  description:
    'Headings are questions when a bold answer marker (**Answer:**, **Réponse :** …) follows; headings above them name decks.',
  recognize
}

/** A heading and the blocks up to the next heading. */
interface Segment {
  heading: Heading
  blocks: RootContent[]
  /** Whether an answer marker opens one of the blocks. */
  hasAnswer: boolean
}

type FieldSlot = 'prompt' | MarkedField

/** A question being collected. */
interface OpenQuestion {
  heading: Heading
  depth: number
  slot: FieldSlot
  fields: Record<FieldSlot, RootContent[]>
  explicitId: DraftQuestion['explicitId']
  levels: LevelHeading[]
}

function recognize(tree: MdastRoot, file: VFile): DraftSection[] {
  const segments = toSegments(tree)
  const questionDepths = new Set(
    segments.filter((segment) => segment.hasAnswer).map((segment) => segment.heading.depth)
  )
  const sections: DraftSection[] = []
  let levels: LevelHeading[] = []
  let open: OpenQuestion | undefined

  const close = () => {
    if (open) finish(open, sections, file)
    open = undefined
  }

  for (const [index, segment] of segments.entries()) {
    const {heading} = segment
    const asks = /[?？؟]\s*$/.test(toString(heading))

    if (segment.hasAnswer) {
      close()
      levels = levels.filter((level) => level.node.depth < heading.depth)
      open = openQuestion(segment, levels)
      continue
    }

    // A deeper heading inside an answer ("### Details") is part of it.
    if (open && heading.depth > open.depth && !asks) {
      addBlock(open, heading)
      for (const block of segment.blocks) addBlock(open, block)
      continue
    }

    close()
    const next = segments[index + 1]
    const isLeaf = !next || next.heading.depth <= heading.depth
    const hasContent = segment.blocks.some((block) => block.type !== 'html')
    if (asks || (questionDepths.has(heading.depth) && isLeaf && hasContent)) {
      report(
        file,
        'missing-answer',
        'This heading looks like a question but no answer marker (`**Answer:**`, `**Réponse :**` …) follows it; no card is made',
        heading
      )
      levels = levels.filter((level) => level.node.depth < heading.depth)
      continue
    }

    const text = toString(heading)
    levels = [
      ...levels.filter((level) => level.node.depth < heading.depth),
      {node: heading, title: deckNameFromHeading(text), tag: difficultyTag(text)}
    ]
  }
  close()
  return sections
}

/** Split the top-level blocks into heading segments (content before the first heading is not a question). */
function toSegments(tree: MdastRoot): Segment[] {
  const segments: Segment[] = []
  let current: Segment | undefined
  for (const node of tree.children) {
    if (node.type === 'heading') {
      current = {heading: node, blocks: [], hasAnswer: false}
      segments.push(current)
    } else if (current && node.type !== 'yaml') {
      current.blocks.push(node)
      if (!current.hasAnswer && splitMarker(node)?.field === 'answer') current.hasAnswer = true
    }
  }
  return segments
}

function openQuestion(segment: Segment, levels: LevelHeading[]): OpenQuestion {
  const {heading} = segment
  let explicitId: DraftQuestion['explicitId']
  // An id comment may end the heading line (`## Q <!-- id: x -->`)…
  const phrasing = heading.children.filter((child) => {
    const id = child.type === 'html' ? explicitIdFromComment(child.value) : undefined
    if (id !== undefined && child.position) explicitId = {value: id, position: child.position}
    return id === undefined
  })
  let blocks = segment.blocks
  // …or stand on its own right after the heading.
  const first = blocks[0]
  const idBelow = first?.type === 'html' ? explicitIdFromComment(first.value) : undefined
  if (idBelow !== undefined && first?.position) {
    explicitId = {value: idBelow, position: first.position}
    blocks = blocks.slice(1)
  }

  const promptParagraph: Paragraph = {type: 'paragraph', children: trimPhrasing(phrasing)}
  if (heading.position) promptParagraph.position = heading.position
  const open: OpenQuestion = {
    heading,
    depth: heading.depth,
    slot: 'prompt',
    fields: {prompt: [promptParagraph], answer: [], example: [], extra: []},
    explicitId,
    levels
  }
  for (const block of blocks) addBlock(open, block)
  return open
}

/** Add a block to the field being collected; a marker switches fields. */
function addBlock(open: OpenQuestion, block: RootContent): void {
  const marker = splitMarker(block)
  if (marker) {
    open.slot = marker.field
    if (marker.rest) open.fields[marker.field].push(marker.rest)
    return
  }
  open.fields[open.slot].push(block)
}

function finish(open: OpenQuestion, sections: DraftSection[], file: VFile): void {
  const {heading, fields} = open
  const headingPosition = heading.position
  if (!headingPosition) return
  const promptText = toString(fields.prompt[0] ?? '').trim()
  if (!promptText) {
    report(file, 'empty-prompt', 'This question heading has no text; no card is made', heading)
    return
  }
  if (fields.answer.length === 0) {
    report(file, 'empty-answer', 'The answer marker is followed by nothing before the next heading; no card is made', heading)
    return
  }
  const all = [...fields.prompt, ...fields.answer, ...fields.example, ...fields.extra]
  const position: Position = {start: headingPosition.start, end: maxEnd(all) ?? headingPosition.end}
  const question: DraftQuestion = {
    kind: 'basic',
    prompt: toField(fields.prompt),
    answer: toField(fields.answer),
    example: fields.example.length > 0 ? toField(fields.example) : null,
    extra: fields.extra.length > 0 ? toField(fields.extra) : null,
    choices: null,
    tags: [],
    explicitId: open.explicitId,
    position
  }
  const last = sections.at(-1)
  if (last && sameLevels(last.levels, open.levels)) {
    last.questions.push(question)
    last.position = {start: last.position.start, end: position.end}
  } else {
    const top = open.levels.at(-1)?.node.position
    sections.push({
      levels: open.levels,
      questions: [question],
      position: {start: top?.start ?? position.start, end: position.end}
    })
  }
}

/**
 * If `block` opens with a field marker, which field and the rest of the
 * paragraph after the marker (if anything follows on the same paragraph).
 *
 * A marker is a bold run at the start of a paragraph whose text is a known
 * label. When text follows on the same line a colon is required (inside or
 * right after the bold), so `**Example** usage is…` stays prose.
 */
export function splitMarker(block: RootContent): {field: MarkedField; rest: Paragraph | undefined} | undefined {
  if (block.type !== 'paragraph') return undefined
  const [first, ...after] = block.children
  if (!first || first.type !== 'strong') return undefined
  const label = toString(first)
  const field = markerField(label)
  if (!field) return undefined
  const labelHasColon = /[:：]\s*$/.test(label)
  const next = after[0]
  const nextText = next?.type === 'text' ? next.value : ''
  const colonAfter = /^[\s\u00A0\u202F]*[:：]/.test(nextText)
  const lineEnds = !next || next.type === 'break' || /^[ \t\u00A0\u202F]*(\n|$)/.test(nextText)
  if (!labelHasColon && !colonAfter && !lineEnds) return undefined

  const rest = trimPhrasing(after, !labelHasColon)
  if (rest.length === 0) return {field, rest: undefined}
  const paragraph: Paragraph = {type: 'paragraph', children: rest}
  const start = rest[0]?.position?.start
  const end = block.position?.end
  if (start && end) paragraph.position = {start, end}
  return {field, rest: paragraph}
}

/**
 * Drop leading and trailing whitespace (and, when asked, one leading colon)
 * from phrasing content, moving positions with the text they cover.
 */
function trimPhrasing(nodes: PhrasingContent[], dropColon = false): PhrasingContent[] {
  const result = [...nodes]
  while (result[0]?.type === 'break') result.shift()
  const head = result[0]
  if (head?.type === 'text') {
    const pattern = dropColon ? /^[\s\u00A0\u202F]*[:：]?\s*/ : /^\s+/
    const removed = pattern.exec(head.value)?.[0] ?? ''
    if (removed.length === head.value.length) {
      result.shift()
      return trimPhrasing(result)
    }
    if (removed) result[0] = {...head, value: head.value.slice(removed.length), ...shiftedPosition(head.position, removed)}
  }
  while (result.at(-1)?.type === 'break') result.pop()
  const tail = result.at(-1)
  if (tail?.type === 'text') {
    const trimmed = tail.value.trimEnd()
    if (!trimmed) result.pop()
    else if (trimmed !== tail.value) result[result.length - 1] = {...tail, value: trimmed}
  }
  return result
}

function shiftedPosition(position: Position | undefined, removed: string): {position?: Position} {
  if (!position) return {}
  let {line, column} = position.start
  for (const character of removed) {
    if (character === '\n') {
      line++
      column = 1
    } else column++
  }
  const start: Point = {line, column}
  if (position.start.offset !== undefined) start.offset = position.start.offset + removed.length
  return {position: {start, end: position.end}}
}

function toField(children: RootContent[]): FieldContent {
  const field: FieldContent = {type: 'root', children}
  const start = children[0]?.position?.start
  const end = maxEnd(children)
  if (start && end) field.position = {start, end}
  return field
}

function maxEnd(nodes: RootContent[]): Point | undefined {
  let end: Point | undefined
  for (const node of nodes) {
    const candidate = node.position?.end
    if (candidate && (!end || candidate.line > end.line || (candidate.line === end.line && candidate.column > end.column))) {
      end = candidate
    }
  }
  return end
}

function sameLevels(a: LevelHeading[], b: LevelHeading[]): boolean {
  return a.length === b.length && a.every((level, index) => level.node === b[index]?.node)
}
