/**
 * A small corpus for the pipeline and cache tests, written to a temporary
 * folder: generated question files (the bench's generator), one file with a
 * sound, one with a problem to report.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileText} from '../bench/corpus.mjs'
import {wav} from '../media/samples.js'

export interface Corpus {
  dir: string
  /** Relative paths of the Markdown files, sorted. */
  files: string[]
}

export function writeTestCorpus(files = 10, perFile = 12): Corpus {
  const dir = mkdtempSync(join(tmpdir(), 'deckdown-corpus-'))
  mkdirSync(join(dir, 'bank'))
  const names: string[] = []
  for (let index = 0; index < files; index++) {
    const name = `bank/chapitre-${String(index + 1).padStart(2, '0')}.md`
    writeFileSync(join(dir, name), fileText(index, perFile))
    names.push(name)
  }
  writeFileSync(join(dir, 'bank/clip.wav'), wav())
  writeFileSync(join(dir, 'bank/son.md'), '# Sons\n\n## Quel son est-ce ?\n\n**Réponse :** Celui-ci : ![un bip](clip.wav)\n')
  writeFileSync(join(dir, 'bank/vide.md'), '# Rien\n\nPas de question ici.\n')
  names.push('bank/son.md', 'bank/vide.md')
  return {dir, files: names.sort()}
}

/** Run `test` with a fresh cache folder, removed afterwards. */
export async function withCacheFolder(test: (folder: string) => Promise<void>): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'deckdown-cache-'))
  try {
    await test(folder)
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
}
