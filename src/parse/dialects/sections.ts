/**
 * Draft sections as dialects build them: consecutive questions under the same
 * level headings share one section.
 *
 * @module
 */
import type {DraftQuestion, DraftSection, LevelHeading} from './types.js'

/** Collects drafts into sections: consecutive questions under the same levels share one. */
export class SectionBuilder {
  readonly sections: DraftSection[] = []

  /** Add a section read from a region under `levels` (its own levels, if any, go below them). */
  addSection(levels: LevelHeading[], section: DraftSection): void {
    const merged = [...levels, ...section.levels]
    if (section.deck === undefined && section.levels.length === 0) {
      for (const question of section.questions) this.add(merged, question)
      return
    }
    const top = merged.at(-1)?.node.position
    const position = {start: top?.start ?? section.position.start, end: section.position.end}
    this.sections.push({...section, levels: merged, position})
  }

  add(levels: LevelHeading[], question: DraftQuestion): void {
    const last = this.sections.at(-1)
    if (last && last.levels.length === levels.length && last.levels.every((level, index) => level.node === levels[index]?.node)) {
      last.questions.push(question)
      last.position = {start: last.position.start, end: question.position.end}
      return
    }
    const top = levels.at(-1)?.node.position
    this.sections.push({levels, questions: [question], position: {start: top?.start ?? question.position.start, end: question.position.end}})
  }
}
