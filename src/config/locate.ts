/**
 * Where a key of a config file is written: a path of keys and indexes
 * (`['overrides', 0, 'deck']`) → line and column in the file's text, so
 * schema errors point at the key a person has to fix.
 *
 * JSON is read with momoa (a JSON parser that keeps positions), YAML with the
 * `yaml` package's document nodes and its line counter.
 *
 * @module
 */
import {parse as parseJson, type DocumentNode} from '@humanwhocodes/momoa'
import {isMap, isScalar, isSeq, LineCounter, parseDocument} from 'yaml'

/** 1-based line and column. */
export interface ConfigPoint {
  line: number
  column: number
}

/** A path into the config value: object keys and array indexes. */
export type KeyPath = ReadonlyArray<string | number>

const start: ConfigPoint = {line: 1, column: 1}

/**
 * The position of the last key of `path` in JSON text (for an array item,
 * the item itself). The deepest part of the path that exists when the rest
 * does not.
 */
export function locateInJson(text: string, path: KeyPath): ConfigPoint {
  let node: DocumentNode['body']
  try {
    node = parseJson(text, {mode: 'json'}).body
  } catch {
    return start
  }
  let found: ConfigPoint = start
  for (const segment of path) {
    if (node.type === 'Object' && typeof segment === 'string') {
      const member: (typeof node.members)[number] | undefined = node.members.find((candidate) => candidate.name.type === 'String' && candidate.name.value === segment)
      if (!member) break
      found = member.name.loc.start
      node = member.value
    } else if (node.type === 'Array' && typeof segment === 'number') {
      const element: (typeof node.elements)[number] | undefined = node.elements[segment]
      if (!element) break
      found = element.value.loc.start
      node = element.value
    } else {
      break
    }
  }
  return {line: found.line, column: found.column}
}

/** The same for YAML text. */
export function locateInYaml(text: string, path: KeyPath): ConfigPoint {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, {lineCounter})
  const at = (offset: number | undefined): ConfigPoint => {
    if (offset === undefined) return start
    const {line, col} = lineCounter.linePos(offset)
    return {line, column: col}
  }
  let node: unknown = document.contents
  let found: ConfigPoint = start
  for (const segment of path) {
    if (isMap(node) && typeof segment === 'string') {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment)
      if (!pair || !isScalar(pair.key)) break
      found = at(pair.key.range?.[0])
      node = pair.value
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment]
      if (!item || typeof item !== 'object' || !('range' in item)) break
      found = at((item as {range?: [number, number, number]}).range?.[0])
      node = item
    } else {
      break
    }
  }
  return found
}
