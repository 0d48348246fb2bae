/**
 * How Anki reads cloze syntax in a field's raw HTML, written for the tests
 * from the behaviour anki-compat.md §6 and the Anki manual ("Cloze
 * Conflicts") describe, so the emitter's output is checked against the
 * reader rather than against itself:
 *
 * - `{{c` + numbers (`1`, `1,2`) + `::` opens a cloze anywhere, tags or not;
 *   `}}` closes the innermost open one; a `}}` with nothing open is text.
 * - Inside a cloze, the first `::` of a run of text starts the hint.
 * - Clozes nest; one still open at the end of the field is dropped.
 * - On the front the active cloze shows `[hint]` or `[...]`; on the back its
 *   text; inactive clozes show their text.
 */

/** A parsed field: text and clozes. */
export type AnkiNode = string | AnkiCloze

/** One cloze as Anki sees it. */
export interface AnkiCloze {
  numbers: number[]
  hint: string | null
  children: AnkiNode[]
}

/** Parse a field's HTML as Anki's cloze reader does. */
export function readClozes(html: string): AnkiNode[] {
  const root: AnkiNode[] = []
  const open: AnkiCloze[] = []
  const into = () => open.at(-1)?.children ?? root
  const addText = (value: string) => {
    if (!value) return
    const top = open.at(-1)
    const split = top ? value.indexOf('::') : -1
    if (top && split !== -1) {
      top.hint = value.slice(split + 2)
      into().push(value.slice(0, split))
    } else into().push(value)
  }
  let text = ''
  let index = 0
  while (index < html.length) {
    const opening = /^\{\{c([\d,]+)::/.exec(html.slice(index))
    const numbers = opening ? (opening[1] ?? '').split(',').filter(Boolean).map(Number) : []
    if (opening && numbers.length > 0) {
      addText(text)
      text = ''
      const cloze: AnkiCloze = {numbers, hint: null, children: []}
      open.push(cloze)
      index += opening[0].length
    } else if (html.startsWith('}}', index)) {
      addText(text)
      text = ''
      const closed = open.pop()
      if (closed) into().push(closed)
      else root.push('}}')
      index += 2
    } else {
      text += html.charAt(index)
      index++
    }
  }
  addText(text)
  return root
}

/** The cloze numbers Anki finds in a field. */
export function ankiClozeNumbers(html: string): number[] {
  const numbers = new Set<number>()
  const walk = (nodes: readonly AnkiNode[]) => {
    for (const node of nodes) {
      if (typeof node === 'string') continue
      for (const number of node.numbers) numbers.add(number)
      walk(node.children)
    }
  }
  walk(readClozes(html))
  return [...numbers].sort((a, b) => a - b)
}

/** The HTML Anki shows for card `number` (front when `question`). */
export function reveal(html: string, number: number, question: boolean): string {
  const render = (nodes: readonly AnkiNode[]): string =>
    nodes
      .map((node) => {
        if (typeof node === 'string') return node
        const active = node.numbers.includes(number)
        if (active && question) return `<span class="cloze">[${node.hint ?? '...'}]</span>`
        if (active) return `<span class="cloze">${render(node.children)}</span>`
        return `<span class="cloze-inactive">${render(node.children)}</span>`
      })
      .join('')
  return render(readClozes(html))
}

/** What a reader sees of some HTML: tags and comments gone, references decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}

const voidElements = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'source', 'wbr', 'area', 'col', 'embed', 'track'])

/** Whether every element opened in an HTML fragment is closed, in order. */
export function isBalanced(html: string): boolean {
  const stack: string[] = []
  for (const match of html.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name = '', selfClosing] = match
    const tag = name.toLowerCase()
    if (voidElements.has(tag) || selfClosing) continue
    if (closing) {
      if (stack.pop() !== tag) return false
    } else stack.push(tag)
  }
  return stack.length === 0
}
