/**
 * The peer of the benchmark: genanki-js 2.0.0, fed the same questions.
 *
 * Each file is split at its `##` headings (the prompt) and the rest of each
 * question (answer and example) is rendered with micromark, the way someone
 * would wire genanki-js to Markdown. One deck, one Basic model, one `.apkg`,
 * written the way `Package.writeToFile` does (which only works in a browser:
 * it ends in FileSaver).
 *
 * Usage: node genanki.mjs <corpus folder> <out.apkg>
 */
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {createRequire} from 'node:module'
import {micromark} from 'micromark'
import initSqlJs from 'sql.js'
import {corpusFiles} from './corpus.mjs'
import {loadGenanki} from './genanki-loader.mjs'

const [folder, target] = process.argv.slice(2)
const require = createRequire(import.meta.url)
const {Deck, Model, Note, Package, APKG_SCHEMA, JSZip} = await loadGenanki()
const SQL = await initSqlJs({locateFile: () => require.resolve('sql.js/dist/sql-wasm.wasm')})

const model = new Model({
  name: 'Basic (bench)',
  id: '1542906796044',
  flds: [{name: 'Front'}, {name: 'Back'}],
  req: [[0, 'all', [0]]],
  tmpls: [{name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}'}]
})
const deck = new Deck(1542998993960, 'bench')

for (const name of await corpusFiles(folder)) {
  const text = await readFile(join(folder, name), 'utf8')
  for (const block of text.split(/^## /m).slice(1)) {
    const newline = block.indexOf('\n')
    const prompt = block.slice(0, newline)
    deck.addNote(model.note([micromark(prompt), micromark(block.slice(newline + 1))]))
  }
}

const pkg = new Package()
pkg.addDeck(deck)
pkg.setSqlJs(new SQL.Database())
// Package.writeToFile, minus the browser download.
pkg.db.run(APKG_SCHEMA)
pkg.write(pkg.db)
const zip = new JSZip()
zip.file('collection.anki2', pkg.db.export())
zip.file('media', '{}')
await writeFile(target, await zip.generateAsync({type: 'nodebuffer'}))
