/**
 * genanki-js ships ES module syntax in a `.js` file of a package without
 * `"type": "module"`, so Node cannot import it as is. This copies it, as an
 * `.mjs` file, into the bench's cache folder (where its own imports still
 * resolve) and imports the copy; its one browser-only import is stubbed.
 */
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

export const benchCache = new URL('../../node_modules/.cache/deckdown-bench/', import.meta.url)

export async function loadGenanki() {
  const require = createRequire(import.meta.url)
  const source = await readFile(require.resolve('genanki-js/dist/genanki.js'), 'utf8')
  await mkdir(benchCache, {recursive: true})
  const copy = join(benchCache.pathname, 'genanki.mjs')
  // Its only browser-specific import (FileSaver) is a CommonJS module without
  // named exports for Node; nothing here calls it.
  const patched = source.replace('import { saveAs } from "file-saver";', 'const saveAs = () => {};')
  await writeFile(copy, `${patched}\nexport {JSZip}\n`)
  return import(pathToFileURL(copy).href)
}
