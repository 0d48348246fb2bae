/**
 * Where the command's code cache is, handed from the command's thread to
 * the worker threads it starts (src/cli/code-cache.ts). The command's entry
 * sets it; pool.ts passes it to each worker. Unset, as in a program that
 * imports deckdown, workers compile without a cache and write none: that
 * program's V8 flags are not the command's, so the command's cache would
 * not fit them.
 *
 * @module
 */

const key = Symbol.for('deckdown.codeCacheDir')

/** The folder workers should take compiled code from, or null. */
export function codeCacheForWorkers(): string | null {
  return (globalThis as {[key]?: string | null})[key] ?? null
}

/** Set (or, with null, stop) the code cache workers started from now on use. */
export function shareCodeCacheWithWorkers(dir: string | null): void {
  ;(globalThis as {[key]?: string | null})[key] = dir
}
