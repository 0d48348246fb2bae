/**
 * Decks and deck options: names, `col.decks`, `col.dconf`, `col.conf`.
 *
 * Anki matches decks by name on import and assigns new ids (anki-compat.md
 * §5), so what matters is the *name* (normalized as Anki would, so the
 * package says what Anki will store) and JSON that decodes: every required
 * key with its JSON type (§3 `col.decks`, `col.dconf`).
 *
 * @module
 */
import {deckIdFor} from './ids.js'
import {rememberResults} from '../../memo.js'

/**
 * Normalize one deck-name component as Anki does (§3 "Deck names"): NFC,
 * ASCII control characters removed, whitespace and `:` trimmed at the ends,
 * empty → `blank`.
 */
export function normalizeDeckComponent(component: string): string {
  const cleaned = component
    .normalize('NFC')
    .replace(/[\u0000-\u001F\u007F]/g, '')
    .replace(/^[\s:]+|[\s:]+$/gu, '')
  return cleaned || 'blank'
}

/**
 * The full deck name of a path (`['A', 'B']` → `A::B`), each component
 * normalized. A `::` inside a segment nests, as it would in Anki.
 *
 * @param path Deck path, outermost first; empty uses `fallback`.
 * @param fallback Name for an empty path (the output's name).
 */
export function deckName(path: readonly string[], fallback: string): string {
  return deckNameOf((path.length > 0 ? path : [fallback]).join('::'))
}

// A build names few decks, each once per question: names are remembered by
// joined path.
const deckNameOf = rememberResults((joined) =>
  joined
    .split('::')
    .map((component) => normalizeDeckComponent(component))
    .join('::')
)

/**
 * A deck and all its ancestors (`A::B::C` → `A`, `A::B`, `A::B::C`).
 *
 * Ancestors are written as decks of their own: Anki 2.1.16 looks each parent
 * up by name in the package and would otherwise create it inside the
 * package collection, which needs settings a package does not carry.
 */
export function withAncestors(name: string): string[] {
  const components = name.split('::')
  return components.map((_, index) => components.slice(0, index + 1).join('::'))
}

/** A normal deck in `col.decks` (§3 `DeckCommonSchema11` + normal deck keys). */
export interface DeckJson {
  id: number
  name: string
  mod: number
  usn: number
  lrnToday: [number, number]
  revToday: [number, number]
  newToday: [number, number]
  timeToday: [number, number]
  collapsed: boolean
  browserCollapsed: boolean
  desc: string
  dyn: 0
  conf: number
  extendNew: number
  extendRev: number
}

/**
 * Deck ids handed out as decks are met (a package written file by file
 * cannot sort every name first): {@link deckIdFor} of the name, or, when
 * two names hash alike, the next free id for the one met later, so the
 * package stays consistent. Ancestors get theirs first.
 */
export class DeckIds {
  readonly #ids = new Map<string, number>()
  readonly #used = new Set<number>()

  /** The id of a deck, giving one to it and its ancestors if they have none. */
  idOf(name: string): number {
    const known = this.#ids.get(name)
    if (known !== undefined) return known
    let id = 0
    for (const deck of withAncestors(name)) {
      const existing = this.#ids.get(deck)
      if (existing !== undefined) {
        id = existing
        continue
      }
      id = deckIdFor(deck)
      while (this.#used.has(id)) id += 1
      this.#used.add(id)
      this.#ids.set(deck, id)
    }
    return id
  }

  /** Every deck met and its id, in sorted name order. */
  entries(): Array<[string, number]> {
    return [...this.#ids].sort((a, b) => compareStrings(a[0], b[0]))
  }

  get size(): number {
    return this.#ids.size
  }
}

/**
 * A deck as `col.decks` JSON: `collapsed`/`browserCollapsed` JSON booleans
 * (`0`/`1` fail modern import), the four `…Today` keys arrays, `dyn: 0`,
 * options group 1 (§3, §13 item 5).
 *
 * `desc` is empty: the modern importer copies an incoming description over an
 * existing deck's, so a non-empty one here would need a source to come from.
 */
export function toDeckJson(id: number, name: string, mod: number): DeckJson {
  return {
    id,
    name,
    mod: Math.floor(mod),
    usn: -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc: '',
    dyn: 0,
    conf: 1,
    // Anki's stock custom-study steps; optional in modern Anki (§3).
    extendNew: 10,
    extendRev: 50
  }
}

/** An options group in `col.dconf` (§3 `DeckConfSchema11`). */
export interface DeckConfigJson {
  id: number
  mod: number
  name: string
  usn: number
  maxTaken: number
  autoplay: boolean
  timer: number
  replayq: boolean
  dyn: boolean
  new: {bury: boolean; delays: number[]; initialFactor: number; ints: number[]; order: number; perDay: number; separate: boolean}
  rev: {bury: boolean; ease4: number; fuzz: number; hardFactor: number; ivlFct: number; maxIvl: number; minSpace: number; perDay: number}
  lapse: {delays: number[]; leechAction: number; leechFails: number; minInt: number; mult: number}
}

/**
 * The complete options group `1` every deck points to.
 *
 * Anki decodes `dconf` while opening any package, and needs group 1 whole
 * when the user opts in to "import deck presets" (§3 `col.dconf`): all
 * required keys, with Anki's stock defaults.
 */
export function defaultDeckConfig(mod: number): DeckConfigJson {
  return {
    id: 1,
    mod: Math.floor(mod),
    name: 'Default',
    usn: -1,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: {bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20, separate: true},
    rev: {bury: false, ease4: 1.3, fuzz: 0.05, hardFactor: 1.2, ivlFct: 1, maxIvl: 36_500, minSpace: 1, perDay: 200},
    lapse: {delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0}
  }
}

/**
 * `col.conf`: any JSON object works (§2); this one names the current deck and
 * note type and the next new-card position, keys Anki 2.1.16 reads when it
 * opens the package collection.
 */
export function collectionConfig(settings: {deckId: number; noteTypeId: number; nextPos: number}): Record<string, unknown> {
  return {
    activeDecks: [settings.deckId],
    curDeck: settings.deckId,
    curModel: String(settings.noteTypeId),
    nextPos: settings.nextPos,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
