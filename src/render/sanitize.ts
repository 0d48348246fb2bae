/**
 * The one sanitize schema for every field deckdown renders.
 *
 * Starts from GitHub's schema (hast-util-sanitize's default): no `<script>`,
 * no `<style>`, no event handlers, no `javascript:` URLs, ids prefixed with
 * `user-content-` against DOM clobbering. Question files are untrusted input:
 * a card is a web page inside Anki, so anything that survives here runs there.
 *
 * @module
 */
import {defaultSchema, type Schema} from 'hast-util-sanitize'

/** Sanitize schema used for all fields. */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  // Sound and video play in Anki's card and in print HTML's screen view.
  // No `autoplay` (a card that shouts), no `poster` (a fetch): just the file.
  tagNames: [...(defaultSchema.tagNames ?? []), 'audio', 'video'],
  attributes: {
    ...defaultSchema.attributes,
    // Keep the language class on code so highlighters and CSS can see it.
    code: [...(defaultSchema.attributes?.['code'] ?? []), ['className', /^language-[\w+#.-]+$/]],
    // Math is marked up by deckdown's own handlers (render/index.ts); emitters
    // find it by these classes (Anki keeps the \(…\) text for MathJax, print
    // HTML renders it with KaTeX).
    // `$$…$$` inside a paragraph is display math in a span (a div cannot sit in a <p>).
    span: [...(defaultSchema.attributes?.['span'] ?? []), ['className', 'math', 'math-inline', 'math-display', 'cloze'], 'dataCloze', 'dataHint'],
    div: [...(defaultSchema.attributes?.['div'] ?? []), ['className', 'math', 'math-display']],
    audio: ['src', 'controls', 'loop', 'muted'],
    video: ['src', 'controls', 'loop', 'muted'],
    source: [...(defaultSchema.attributes?.['source'] ?? []), 'src', 'type']
  }
}
