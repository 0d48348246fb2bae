/**
 * Remembering the results of a pure function of short strings that a build
 * calls with the same few arguments again and again (marker labels, deck
 * paths), without letting the memory grow with the input.
 *
 * @module
 */

/**
 * `compute`, remembering its result for each argument of at most
 * `maxLength` characters. Once `size` results are kept they are all
 * forgotten: crude, but the arguments worth remembering come back soon, and
 * the bound holds whatever the input.
 *
 * @example
 * const normalized = rememberResults((text: string) => text.normalize('NFC').toLowerCase())
 * normalized('Réponse') // computed
 * normalized('Réponse') // remembered
 */
export function rememberResults(compute: (argument: string) => string, size = 4096, maxLength = Number.POSITIVE_INFINITY): (argument: string) => string {
  const kept = new Map<string, string>()
  return (argument) => {
    if (argument.length > maxLength) return compute(argument)
    let result = kept.get(argument)
    if (result === undefined) {
      result = compute(argument)
      if (kept.size >= size) kept.clear()
      kept.set(argument, result)
    }
    return result
  }
}
