/**
 * Legacy code pages (Windows-1252, Mac Roman …), by iconv-lite, loaded on
 * first use.
 *
 * iconv-lite carries the tables of every encoding it knows, a third of the
 * parser's bundled code, and deckdown needs its single-byte code pages only
 * for files that are not UTF-8 and for repairing mojibake. Loading it then,
 * not at start, saves every other build (and each worker thread) the time
 * to compile it.
 *
 * @module
 */
import {createRequire} from 'node:module'

type Iconv = typeof import('iconv-lite')

let loaded: Iconv | undefined

/** iconv-lite (loaded synchronously the first time: it is CommonJS). */
export function codePages(): Iconv {
  loaded ??= createRequire(import.meta.url)('iconv-lite') as Iconv
  return loaded
}
