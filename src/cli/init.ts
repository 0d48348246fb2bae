/**
 * `deckdown init`: a starter question file and a config file in the current
 * folder, so the first `deckdown build` works at once. Existing files are
 * never overwritten: if either file is there, nothing is written.
 *
 * @module
 */
import {access, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

/** The starter files, by name. */
export const starterFiles: Readonly<Record<string, string>> = {
  'questions.md': `---
deck: My first deck
tags: [starter]
---

# Basics

## What does deckdown read?

**Answer:** Markdown files of questions: a heading that asks, a bold
**Answer:** that answers.

**Example:**

\`\`\`sh
npx deckdown build
\`\`\`

## Which outputs can deckdown write?

- [x] Anki packages (\`.apkg\`)
- [x] Print HTML
- [ ] Word documents

**Answer:** Anki packages, CSV, print HTML and JSON.

## Fill the gap

Anki imports a {{c1::.apkg::file type}} with File › Import.
`,
  'deckdown.config.json': `${JSON.stringify(
    {
      $schema: './node_modules/deckdown/dist/config-schema.json',
      inputs: ['questions.md'],
      outDir: 'out',
      format: ['apkg', 'html', 'json']
    },
    null,
    2
  )}\n`
}

/** What `init` did. */
export type InitResult = {ok: true; written: string[]} | {ok: false; existing: string[]}

/**
 * Write the starter files into `folder`, unless one of them exists.
 *
 * @returns The names written, or the names that already exist.
 */
export async function init(folder: string): Promise<InitResult> {
  const names = Object.keys(starterFiles)
  const existing: string[] = []
  for (const name of names) {
    if (await access(join(folder, name)).then(() => true, () => false)) existing.push(name)
  }
  if (existing.length > 0) return {ok: false, existing}
  for (const name of names) {
    // `wx`: fail rather than overwrite a file that appeared meanwhile.
    await writeFile(join(folder, name), starterFiles[name] ?? '', {flag: 'wx'})
  }
  return {ok: true, written: names}
}
