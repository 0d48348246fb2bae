/**
 * The property every input must hold, through the whole pipeline (bytes →
 * every emitter): `compile()` resolves (never throws), every diagnostic has a
 * position and a known rule id, the good file built alongside is always
 * built, and no output carries a script.
 */

import {fromHtml} from 'hast-util-from-html'

const good = new TextEncoder().encode('# Good\n\n## What is 1 + 1?\n\n**Answer:** 2\n')
/** Every built-in format: the whole pipeline. */
export const allFormats = ['json', 'apkg', 'csv', 'html']

/** Media served from memory: one image exists, everything else is missing. */
const mediaReader = {
  realpath: async (path) => {
    if (path.endsWith('image.png') || !/\.[a-z0-9]+$/i.test(path)) return path
    throw Object.assign(new Error(`ENOENT: ${path}`), {code: 'ENOENT'})
  },
  stat: async (path) => ({size: path.endsWith('image.png') ? 68 : 0, isFile: path.endsWith('image.png')}),
  readFile: async () =>
    Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (char) => char.charCodeAt(0))
}

/**
 * Check one case.
 *
 * @param {typeof import('../../src/compile.js').compile} compile
 * @param {ReadonlySet<string>} ruleIds
 * @param {{bytes: Uint8Array, options: Record<string, any>}} fuzzCase
 * @param {readonly string[]} [formats] Emitters to run (default: all).
 * @throws {Error} When the property does not hold.
 */
export async function checkPipeline(compile, ruleIds, fuzzCase, formats = allFormats) {
  const {bytes, options} = fuzzCase
  const result = await compile(
    [
      {path: 'fuzz/input.md', value: bytes},
      {path: 'fuzz/good.md', value: good}
    ],
    {
      formats,
      now: new Date(0),
      mediaReader,
      dialect: options.dialect,
      repairEncoding: options.repairEncoding,
      bundle: options.bundle,
      limits: options.limits ?? undefined,
      emitterOptions: {csv: {mode: options.csvMode}, html: {layout: options.htmlLayout}}
    }
  )
  for (const file of result.files) {
    for (const message of file.messages) {
      const where = `${message.ruleId} on ${file.path}`
      if (!(message.line >= 1 && message.column >= 1)) throw new Error(`diagnostic without a position: ${where}: ${message.reason}`)
      if (!ruleIds.has(message.ruleId)) throw new Error(`unknown rule id: ${where}`)
      if (message.ruleId === 'internal-error' || message.ruleId === 'emit-failed') throw new Error(`pipeline failure: ${where}: ${message.reason}`)
    }
  }
  const goodFile = result.files.find((file) => file.path === 'fuzz/good.md')
  if (goodFile?.messages.some((message) => message.fatal)) throw new Error('the good file got an error')
  const expected = options.bundle ? formats.map((format) => `all.${format}`) : formats.map((format) => `good.${format}`)
  for (const path of expected) {
    const output = result.outputs.find((candidate) => candidate.path === path)
    if (!output) throw new Error(`missing output ${path}`)
  }
  for (const output of result.outputs) {
    if (output.format === 'json') JSON.parse(String(output.contents))
    if (output.format === 'apkg') {
      const bytes = output.contents
      if (!(bytes instanceof Uint8Array) || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error(`${output.path} is not a zip`)
    }
    if (output.format === 'html') {
      const found = findScript(fromHtml(String(output.contents)))
      if (found) throw new Error(`${output.path} carries a script: ${found}`)
    }
  }
}

/** A regression fixture's content: the bytes (base64) and the options. */
export function toRegression(fuzzCase, error, seed) {
  return {
    seed,
    error: error instanceof Error ? error.message : String(error),
    options: fuzzCase.options,
    bytes: Buffer.from(fuzzCase.bytes).toString('base64')
  }
}

/** Back from a regression fixture to a case. */
export function fromRegression(record) {
  return {options: record.options, bytes: new Uint8Array(Buffer.from(record.bytes, 'base64'))}
}

/** The first script-carrying thing in a hast tree: a `<script>`, an `on…` handler, a `javascript:` URL. */
function findScript(node) {
  if (node.type === 'element') {
    if (node.tagName === 'script') return '<script>'
    for (const [key, value] of Object.entries(node.properties ?? {})) {
      if (/^on/i.test(key)) return `${key} handler`
      if (typeof value === 'string' && /^\s*javascript:/i.test(value)) return `${key}=${value}`
    }
  }
  for (const child of node.children ?? []) {
    const found = findScript(child)
    if (found) return found
  }
  if (node.content) return findScript(node.content)
  return undefined
}
