/**
 * Shared test helpers: summaries of trees for golden files.
 */
import {readdir} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {VFile} from 'vfile'
import type {FieldContent, Root} from '../src/ast/types.js'
import {formatMessage, sortedMessages} from '../src/diagnostics/format.js'
import {toMarkdown} from '../src/render/index.js'

/** Repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The seed file (kept byte-for-byte as it reached us). */
export const seedPath = join(root, 'fixtures', '000_7f03c07bfde96dd4.txt')

/** A question reduced to what goldens compare. */
export interface QuestionSummary {
  id: string
  idSource: string
  kind: string
  deck: string
  tags: string[]
  line: number
  prompt: string
  answer: string
  example: string | null
  extra: string | null
  choices?: Array<{label: string | null; correct: boolean; text: string}>
}

/** Summarize a parsed tree and its messages for a golden file. */
export function summarize(tree: Root, file: VFile): {questions: QuestionSummary[]; messages: string[]} {
  const optional = (field: FieldContent | null) => (field ? toMarkdown(field) : null)
  return {
    questions: tree.children.flatMap((section) =>
      section.children.map((question) => ({
        id: question.id,
        idSource: question.idSource,
        kind: question.kind,
        deck: question.deck.join('::'),
        tags: question.tags,
        line: question.position.start.line,
        prompt: toMarkdown(question.prompt),
        answer: toMarkdown(question.answer),
        example: optional(question.example),
        extra: optional(question.extra),
        ...(question.choices
          ? {choices: question.choices.map((choice) => ({label: choice.label, correct: choice.correct, text: toMarkdown(choice.content)}))}
          : {})
      }))
    ),
    messages: sortedMessages([file]).map((message) => formatMessage(message))
  }
}

/** All questions of a tree, flat. */
export function questionsOf(tree: Root) {
  return tree.children.flatMap((section) => section.children)
}

/** Markdown and text files under `folder` (recursive), sorted. */
export async function markdownFiles(folder: string): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(folder, {withFileTypes: true})) {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) found.push(...(await markdownFiles(path)))
    else if (/\.(md|markdown|txt)$/.test(entry.name)) found.push(path)
  }
  return found.sort()
}

/** Every fixture: the bundled examples and the test fixtures, sorted within each. */
export async function fixtureFiles(): Promise<string[]> {
  return [...(await markdownFiles(join(root, 'fixtures'))), ...(await markdownFiles(join(root, 'test/fixtures')))]
}
