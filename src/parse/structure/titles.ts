/**
 * A heading over a single question is its title, not a deck.
 *
 * Banks that give every question a heading of its own
 * (`### 1. Python – Create a list`, then `**Question** : …` and
 * `**Réponse** : …`) would otherwise make one subdeck per card. When every
 * sibling heading at a level holds exactly one question (two siblings at
 * least), those headings title their questions: the title goes on top of the
 * prompt, and the heading is no deck.
 *
 * @module
 */
import type {Heading, Paragraph, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {DraftQuestion, DraftSection, LevelHeading} from '../dialects/types.js'

/**
 * Turn headings that each hold one question into titles, in place.
 *
 * @param sections Draft sections of a file, in order.
 * @returns The sections, with title levels removed and neighbours that now
 *   share their levels merged.
 */
export function titleSingleQuestionHeadings(sections: DraftSection[]): DraftSection[] {
  // Questions under each level heading, descendants included.
  const held = new Map<Heading, number>()
  for (const section of sections) {
    if (section.deck) continue
    // A question with a heading of its own is held by no title: its parent is a deck.
    const weight = section.questions.some((question) => question.headed) ? Number.POSITIVE_INFINITY : section.questions.length
    for (const level of section.levels) held.set(level.node, (held.get(level.node) ?? 0) + weight)
  }
  // Sibling groups: headings of one depth under the same parent heading.
  const groups = new Map<string, Heading[]>()
  const parentKey = new Map<Heading, string>()
  for (const section of sections) {
    if (section.deck) continue
    section.levels.forEach((level, index) => {
      if (parentKey.has(level.node)) return
      const parent = section.levels[index - 1]?.node
      const key = `${parent ? nodeKey(parent) : 'root'}>${level.node.depth}`
      parentKey.set(level.node, key)
      const group = groups.get(key) ?? []
      group.push(level.node)
      groups.set(key, group)
    })
  }
  const titles = new Set<Heading>()
  for (const group of groups.values()) {
    if (group.length >= 2 && group.every((heading) => held.get(heading) === 1)) for (const heading of group) titles.add(heading)
  }
  if (titles.size === 0) return sections

  const result: DraftSection[] = []
  for (const section of sections) {
    const last = section.levels.at(-1)
    if (section.deck || !last || !titles.has(last.node) || section.questions.length !== 1) {
      result.push(section)
      continue
    }
    const levels = section.levels.slice(0, -1)
    const question = withTitle(section.questions[0] as DraftQuestion, last)
    const previous = result.at(-1)
    if (previous && !previous.deck && sameLevels(previous.levels, levels)) {
      previous.questions.push(question)
      previous.position = {start: previous.position.start, end: question.position.end}
    } else {
      result.push({levels, questions: [question], position: section.position})
    }
  }
  return result
}

function nodeKey(heading: Heading): string {
  return `${heading.position?.start.offset ?? heading.position?.start.line ?? toString(heading)}`
}

function sameLevels(a: readonly LevelHeading[], b: readonly LevelHeading[]): boolean {
  return a.length === b.length && a.every((level, index) => level.node === b[index]?.node)
}

/** The question with its heading's title on top of the prompt, unless the title says nothing more. */
function withTitle(question: DraftQuestion, level: LevelHeading): DraftQuestion {
  const title = level.title.trim()
  const promptText = toString(question.prompt).trim()
  if (!title || /^(?:q|question|exercise|exercice|ejercicio|aufgabe|esercizio|exercício|questão|问题|题目)?\s*\d*$/iu.test(title) || promptText.startsWith(title)) {
    return question
  }
  const heading: Paragraph = {type: 'paragraph', children: [{type: 'strong', children: [{type: 'text', value: title}]}]}
  if (level.node.position) heading.position = level.node.position
  const children: RootContent[] = [heading, ...question.prompt.children]
  return {...question, prompt: {...question.prompt, children}}
}
