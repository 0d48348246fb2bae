/**
 * Plain depth-first walks for the read-only passes that run on every file.
 *
 * Why not `unist-util-visit` here: it makes a closure and a parent stack for
 * every node it enters, which is right for passes that replace nodes and
 * need ancestors, but on a 10,000-question build the small "is there a
 * cloze / schedule comment / `<details>`" checks spent more time in that
 * bookkeeping than in looking. These walks only look.
 *
 * @module
 */
import type {Node, Parent} from 'unist'

/**
 * Call `each` on every node of type `type` in `tree` (the tree included),
 * in document order (a node before its children).
 *
 * @example
 * eachNode<Html>(tree, 'html', (node) => console.log(node.value))
 */
export function eachNode<T extends Node>(tree: Node, type: T['type'], each: (node: T) => void): void {
  if (tree.type === type) each(tree as T)
  const children = (tree as Partial<Parent>).children
  if (children) for (const child of children) eachNode(child, type, each)
}

/**
 * Whether `tree` (or the tree itself) holds a node of type `type` that
 * passes `test`; stops at the first.
 */
export function someNode<T extends Node>(tree: Node, type: T['type'], test: (node: T) => boolean = () => true): boolean {
  if (tree.type === type && test(tree as T)) return true
  const children = (tree as Partial<Parent>).children
  if (children) for (const child of children) if (someNode(child, type, test)) return true
  return false
}
