/**
 * Per-question directives written as HTML comments, invisible in rendered
 * Markdown: `<!-- id: py-gil -->`, `<!-- tags: gil threads -->`,
 * `<!-- reversed -->`, or several at once: `<!-- id: py-gil; tags: gil; reversed -->`.
 *
 * @module
 */

/** What a directive comment can say about its question. */
export interface Directives {
  id?: string
  tags?: string[]
  reversed?: boolean
}

const comment = /^<!--([\s\S]*?)-->$/

/**
 * Read directives from an HTML comment.
 *
 * @returns The directives, or `undefined` when the comment is not a directive
 *   comment (any other comment stays content).
 *
 * @example
 * directivesFromComment('<!-- id: py-gil; tags: gil threads -->') // {id: 'py-gil', tags: ['gil', 'threads']}
 */
export function directivesFromComment(html: string): Directives | undefined {
  const match = comment.exec(html.trim())
  if (!match) return undefined
  const parts = (match[1] ?? '').split(';').map((part) => part.trim()).filter(Boolean)
  if (parts.length === 0) return undefined
  const directives: Directives = {}
  for (const part of parts) {
    const [rawKey = '', ...rest] = part.split(':')
    const key = rawKey.trim().toLowerCase()
    const value = rest.join(':').trim()
    if (key === 'id' && rest.length > 0) directives.id = value
    else if (key === 'tags' && rest.length > 0) directives.tags = value.split(/[\s,]+/).filter(Boolean)
    else if (key === 'reversed' && rest.length === 0) directives.reversed = true
    else return undefined
  }
  return directives
}

/** Merge directives, later ones winning (tags add up). */
export function mergeDirectives(a: Directives, b: Directives): Directives {
  const merged: Directives = {...a, ...b}
  if (a.tags || b.tags) merged.tags = [...(a.tags ?? []), ...(b.tags ?? [])]
  return merged
}
