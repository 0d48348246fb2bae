/**
 * The Choices field of "Choice (deckdown)": a question's options as one
 * ordered list, each option marked when it is correct.
 *
 * ```html
 * <p class="dd-multi">(choose all that apply)</p>          only with 2+ correct
 * <ol class="dd-choices">
 *   <li class="dd-choice"><span class="dd-label">A</span><div class="dd-option">…</div></li>
 *   <li class="dd-choice dd-correct"><span class="dd-label">B</span><div class="dd-option">…</div></li>
 * </ol>
 * ```
 *
 * Reviewing must work without JavaScript (no Anki client promises to run
 * it, peers.md §4), so the field always says which options are correct and
 * the templates decide what shows: the back wraps the list in `.dd-reveal`,
 * and only under it does the note type's CSS mark `.dd-correct` (css.ts).
 * The front shows the same list, every option alike.
 *
 * Labels are written out (`<span class="dd-label">`) rather than left to
 * `<ol type="A">`: an author's own labels (`a`, `1`, `x`) must show as
 * written, and the explanation may refer to them ("B is wrong because…").
 *
 * @module
 */
import type {Element, ElementContent, Root as HastRoot} from 'hast'
import type {Choice} from '../../ast/types.js'
import {highlight} from '../../render/highlight.js'
import type {Renderer} from '../../render/index.js'

/** What the front says when more than one option is correct. */
export const multipleAnswersNote = '(choose all that apply)'

/**
 * The label shown for an option: the author's, else a letter by position
 * (`A` … `Z`, then `AA`, `AB` …).
 */
export function choiceLabel(choice: Choice, index: number): string {
  if (choice.label !== null && choice.label.trim() !== '') return choice.label.trim()
  let label = ''
  let rest = index
  do {
    label = String.fromCharCode(65 + (rest % 26)) + label
    rest = Math.floor(rest / 26) - 1
  } while (rest >= 0)
  return label
}

/**
 * The Choices field as hast (sanitized option content, highlighted code),
 * or undefined when the question has no options (an empty field).
 *
 * @param choices The question's options, in written order.
 * @param render The build's renderer.
 */
export function choicesTree(choices: readonly Choice[] | null, render: Renderer): HastRoot | undefined {
  if (!choices || choices.length === 0) return undefined
  const items: ElementContent[] = choices.map((choice, index) => {
    const option = highlight(render.hast(choice.content))
    const item: Element = {
      type: 'element',
      tagName: 'li',
      properties: {className: choice.correct ? ['dd-choice', 'dd-correct'] : ['dd-choice']},
      children: [
        {type: 'element', tagName: 'span', properties: {className: ['dd-label']}, children: [{type: 'text', value: choiceLabel(choice, index)}]},
        {type: 'element', tagName: 'div', properties: {className: ['dd-option']}, children: option.children as ElementContent[]}
      ]
    }
    return item
  })
  const list: Element = {type: 'element', tagName: 'ol', properties: {className: ['dd-choices']}, children: items}
  const children: HastRoot['children'] = []
  if (choices.filter((choice) => choice.correct).length > 1) {
    children.push({type: 'element', tagName: 'p', properties: {className: ['dd-multi']}, children: [{type: 'text', value: multipleAnswersNote}]})
  }
  children.push(list)
  return {type: 'root', children}
}
