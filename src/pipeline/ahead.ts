/**
 * Work started ahead of the item being consumed, results taken in order:
 * reading the next files or cache entries, or running the next jobs on
 * workers, overlaps with what is done with this one.
 *
 * @module
 */

/**
 * Each item with its started work, in item order. `start` runs for an item
 * when fewer than `width` items before it (counting the one being consumed)
 * are still to be taken; nothing starts before the consumer asks for the
 * next pair, so a slow consumer bounds what is in flight.
 *
 * @example
 * for (const [path, read] of startAhead(paths, 16, (path) => readFile(path))) {
 *   const bytes = await read // in order; the next 15 are being read meanwhile
 * }
 */
export function* startAhead<Item, Result>(items: readonly Item[], width: number, start: (item: Item) => Promise<Result>): Generator<[Item, Promise<Result>]> {
  const started: Array<Promise<Result> | undefined> = []
  let next = 0
  for (let index = 0; index < items.length; index++) {
    while (next < items.length && next < index + Math.max(1, width)) {
      const pending = start(items[next] as Item)
      // Handled when taken; never an unhandled rejection meanwhile.
      pending.catch(() => undefined)
      started[next++] = pending
    }
    const pending = started[index] as Promise<Result>
    // The consumer owns it now.
    delete started[index]
    yield [items[index] as Item, pending]
  }
}
