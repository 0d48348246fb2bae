/**
 * The question level: the heading depth that most of a document's questions
 * sit at. Headings above it are decks, headings below it belong to answers,
 * and at it a heading with content may be a question even without a question
 * mark (`## Q. Explain …`).
 *
 * @module
 */

/** A heading's depth and whether it votes for its depth (it looks like a question and has content). */
export interface LevelVote {
  depth: number
  vote: boolean
}

/**
 * The depth with the most votes; ties go to the shallower depth (a deeper
 * heading is more often a sub-heading of an answer). `undefined` when no
 * heading votes.
 *
 * @example
 * inferQuestionLevel([{depth: 1, vote: false}, {depth: 2, vote: true}, {depth: 2, vote: true}]) // 2
 */
export function inferQuestionLevel(votes: readonly LevelVote[]): number | undefined {
  const counts = new Map<number, number>()
  for (const {depth, vote} of votes) if (vote) counts.set(depth, (counts.get(depth) ?? 0) + 1)
  let best: number | undefined
  let bestCount = 0
  for (const [depth, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && depth < best)) {
      best = depth
      bestCount = count
    }
  }
  return best
}
