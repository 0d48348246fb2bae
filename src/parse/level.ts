/**
 * Level headings: the headings above questions that name decks
 * (`# Niveau Hardcore 🔴` → deck `Niveau Hardcore`, tag `difficulty::hard`).
 *
 * @module
 */
import type {Heading} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {LevelHeading} from './dialects/types.js'
import {stripNumbering} from './dialects/body.js'

/**
 * Marker emoji → difficulty tag. Question banks grade levels with traffic
 * lights; the colour says how hard, so it becomes a tag (filterable in Anki)
 * and never part of the deck name (a deck named `Niveau Hardcore 🔴` is
 * awkward to type and sorts badly).
 */
export const difficultyMarkers: Readonly<Record<string, string>> = {
  '🟢': 'easy',
  '🔵': 'easy',
  '🟡': 'medium',
  '🟠': 'hard',
  '🔴': 'hard',
  '🟣': 'expert',
  '⚫': 'expert',
  '⚪': 'easy'
}

/** Prefix of difficulty tags (an Anki tag hierarchy: `difficulty::hard`). */
export const difficultyTagPrefix = 'difficulty::'

// Emoji and their modifiers (variation selectors, ZWJ, skin tones, keycaps)
// at either end of a heading are decoration, not part of the name.
const edgeEmoji =
  /^(?:[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0E\uFE0F\u200D\u20E3]|\s)+|(?:[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0E\uFE0F\u200D\u20E3]|\s)+$/gu

/**
 * Clean a level heading's text into a deck name: emoji at the ends removed,
 * whitespace collapsed, `::` (Anki's deck separator) turned into `:` so a
 * heading never silently nests decks.
 *
 * @example
 * deckNameFromHeading('Niveau Hardcore 🔴') // 'Niveau Hardcore'
 */
export function deckNameFromHeading(text: string): string {
  const cleaned = text
    .replace(edgeEmoji, '')
    .replace(/\s+/g, ' ')
    .replace(/::+/g, ':')
    .trim()
  return cleaned || text.trim()
}

/**
 * The difficulty tag a heading's marker emoji gives, if any.
 *
 * @example
 * difficultyTag('Niveau Hardcore 🔴') // 'difficulty::hard'
 */
export function difficultyTag(text: string): string | undefined {
  for (const character of text) {
    const level = difficultyMarkers[character]
    if (level) return difficultyTagPrefix + level
  }
  return undefined
}

/**
 * A heading as a deck level: its cleaned title (numbering such as `1.` and
 * edge emoji removed) and its difficulty tag.
 *
 * @example
 * levelHeading(heading) // {node: heading, title: 'Joins', tag: undefined} for `## 1. Joins`
 */
export function levelHeading(heading: Heading): LevelHeading {
  const text = toString(heading, {includeHtml: false})
  return {node: heading, title: deckNameFromHeading(stripNumbering(text)), tag: difficultyTag(text)}
}

/** The level stack after `heading`: shallower levels kept, the heading pushed. */
export function pushLevel(levels: readonly LevelHeading[], heading: Heading): LevelHeading[] {
  return [...levels.filter((level) => level.node.depth < heading.depth), levelHeading(heading)]
}
