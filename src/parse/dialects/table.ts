/**
 * The `table` dialect: a GFM table whose header names a question column and
 * an answer column, one card per row, as glossaries and vocabulary banks are
 * written.
 *
 * ```markdown
 * | Question | Answer | Notes |
 * | --- | --- | --- |
 * | What does `ls` do? | Lists files | `-la` shows all |
 * ```
 *
 * Question columns: `Question`, `Q`, `Front`, `Term`, `Word`, `Prompt`,
 * `Concept` and their translations; answer columns: `Answer`, `A`, `Back`,
 * `Definition`, `Meaning`, `Réponse`, `Définition` … (any answer marker).
 * Other columns go to the Extra field as `**Header:** value` lines, or to
 * the Example field when the header is an example marker. Headings name
 * decks.
 *
 * @module
 */
import type {Paragraph, PhrasingContent, Root as MdastRoot, RootContent, Table, TableCell} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {FieldContent} from '../../ast/types.js'
import {pushLevel} from '../level.js'
import {markerField, normalizeLabel} from '../markers.js'
import type {Dialect, DraftQuestion, DraftSection, LevelHeading, RecognizeOptions} from './types.js'

/** The `table` dialect. */
export const tableDialect: Dialect = {
  name: 'table',
  description: 'Tables with a question column and an answer column (Question | Answer, Front | Back, Term | Definition): one card per row.',
  detect(tree) {
    let count = 0
    for (const block of tree.children) if (block.type === 'table' && columnsOf(block)) count += answeredRows(block, columnsOf(block)!).length
    return count
  },
  recognize
}

const questionHeaders = new Set(
  ['question', 'questions', 'q', 'front', 'recto', 'term', 'terme', 'word', 'mot', 'prompt', 'concept', 'notion', 'keyword', 'frage', 'begriff', 'pregunta', 'término', 'domanda', 'termine', 'pergunta', 'questão', 'termo', '问题', '問題', '问', '题目', '术语', '術語'].map(normalizeLabel)
)
const answerHeaders = new Set(
  ['back', 'verso', 'definition', 'définition', 'meaning', 'signification', 'sens', 'explanation', 'description', 'definición', 'significado', 'bedeutung', 'definizione', 'significato', 'definição', '含义', '含義', '定义', '定義', '解释', '釋義'].map(normalizeLabel)
)

interface Columns {
  question: number
  answer: number
  /** Other columns: index, header text and where they go. */
  others: Array<{index: number; header: string; field: 'example' | 'extra'}>
}

function columnsOf(table: Table): Columns | undefined {
  const header = table.children[0]
  if (!header) return undefined
  const labels = header.children.map((cell) => toString(cell).trim())
  const question = labels.findIndex((label) => questionHeaders.has(normalizeLabel(label)) || markerField(label) === 'question')
  const answer = labels.findIndex((label, index) => index !== question && (answerHeaders.has(normalizeLabel(label)) || markerField(label) === 'answer'))
  if (question === -1 || answer === -1) return undefined
  const others = labels.flatMap((label, index) =>
    index === question || index === answer || label === '' ? [] : [{index, header: label, field: markerField(label) === 'example' ? ('example' as const) : ('extra' as const)}]
  )
  return {question, answer, others}
}

function answeredRows(table: Table, columns: Columns) {
  return table.children.slice(1).filter((row) => cellText(row.children[columns.question]) !== '' && cellText(row.children[columns.answer]) !== '')
}

function cellText(cell: TableCell | undefined): string {
  return cell ? toString(cell).trim() : ''
}

function recognize(tree: MdastRoot, _file: unknown, options: RecognizeOptions): DraftSection[] {
  const sections: DraftSection[] = []
  let levels: LevelHeading[] = []
  for (const block of tree.children) {
    if (block.type === 'heading') {
      levels = pushLevel(levels, block)
      continue
    }
    if (block.type !== 'table') continue
    const columns = columnsOf(block)
    if (!columns) continue
    const questions = answeredRows(block, columns).map((row) => rowQuestion(row.children, columns, row.position, options))
    if (questions.length === 0) continue
    const top = levels.at(-1)?.node.position
    const first = questions[0] as DraftQuestion
    const last = questions.at(-1) as DraftQuestion
    sections.push({levels, questions, position: {start: top?.start ?? first.position.start, end: last.position.end}})
  }
  return sections
}

function rowQuestion(cells: readonly TableCell[], columns: Columns, position: Table['position'], options: RecognizeOptions): DraftQuestion {
  const start = position?.start ?? {line: 1, column: 1}
  const field = (children: RootContent[]): FieldContent => {
    const content: FieldContent = {type: 'root', children}
    if (position) content.position = position
    return content
  }
  const paragraphOf = (phrasing: PhrasingContent[]): Paragraph => {
    const paragraph: Paragraph = {type: 'paragraph', children: structuredClone(phrasing)}
    if (position) paragraph.position = position
    return paragraph
  }
  const example: RootContent[] = []
  const extra: RootContent[] = []
  for (const other of columns.others) {
    const cell = cells[other.index]
    if (!cell || cellText(cell) === '') continue
    if (other.field === 'example') example.push(paragraphOf(cell.children))
    else extra.push(paragraphOf([{type: 'strong', children: [{type: 'text', value: `${other.header}:`}]}, {type: 'text', value: ' '}, ...cell.children]))
  }
  return {
    kind: options.reversed ? 'reversed' : 'basic',
    prompt: field([paragraphOf(cells[columns.question]?.children ?? [])]),
    answer: field([paragraphOf(cells[columns.answer]?.children ?? [])]),
    example: example.length > 0 ? field(example) : null,
    extra: extra.length > 0 ? field(extra) : null,
    choices: null,
    tags: [],
    explicitId: undefined,
    position: position ?? {start, end: start}
  }
}
