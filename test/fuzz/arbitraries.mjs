/**
 * Grammar-aware generators for fuzzing the whole pipeline: question files
 * built from the pieces real banks and attackers use (Markdown blocks, raw
 * HTML, frontmatter, every dialect's markers, clozes, choices, media), put in
 * random encodings and line endings, plus mutations of the bundled fixtures.
 *
 * Plain JavaScript, shared by `npm run fuzz` (against the build) and the
 * fixed-seed run in `npm test` (against the sources).
 */
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import iconv from 'iconv-lite'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Inputs of every fixture (the seed, bundled banks, golden cases), as bytes. */
export function fixtureInputs() {
  const found = []
  const walk = (folder) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (/^input\.|\.(md|markdown|txt)$/.test(name)) found.push(new Uint8Array(readFileSync(path)))
    }
  }
  walk(join(root, 'fixtures'))
  walk(join(root, 'test', 'fixtures'))
  return found
}

const words = ['What', 'is', 'the', 'GIL', 'Python', 'Qu’est-ce', 'que', 'réponse', 'Москва', '東京', '🔴', '🟢', '🟡', 'x', '1', '2024', 'a::b', '#tag', '`code`', '$x^2$', '$5', '\\', '*', '_', '~~', '==', '|', '<', '>', '&amp;', '&#0;', '\u200b', '\u0301', '\ud83d', 'é', 'ß']

const inlinePieces = [
  '**bold**', '*em*', '_em_', '`code`', '``a`b``', '[link](https://example.com)', '[x](javascript:alert(1))',
  '![img](image.png)', '![up](../secret.png)', '![abs](/etc/passwd)', '![remote](https://example.com/x.png)', '![ref][r]',
  '{{c1::Paris}}', '{{c2::Rome::capital}}', '{{c1::}}', '{{c1::{{c2::nested}}}}', '==highlight==', '$a+b$', '$$x$$',
  '<b>bold</b>', '<span onclick="x()">s</span>', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<a href="javascript:x">a</a>',
  '<kbd>Ctrl</kbd>', '<br>', '<!-- id: custom-id -->', '<!-- id: bad id! -->', '<!-- tags: a b -->', '~~strike~~', 'https://auto.link', '[^1]'
]

const blockPieces = [
  '# Level 🔴', '## What is the GIL?', '### Qu’est-ce que le GIL ?', '###### 1. What is `typeof null`?', '## Q1?', '## ', '#',
  '**Answer:** A lock.', '**Réponse :** Un verrou.', '**Respuesta:** Sí.', '**Antwort:** Ja.', '**Example:**', '**Exemple :**', '**Extra:**', '**Note:**',
  '#### Answer: B', 'Answer: A, C', 'Q: What is 2 + 2?', 'A: 4', '**Q:** Bold question?', '**A:** Bold answer.',
  '- [x] right', '- [ ] wrong', 'A. first', 'B. second', '1. one', '2) two', '- item', '  - nested', '    - deeper', '* star', '+ plus',
  '> quote', '> > deeper quote', '> - quoted item', '<details>', '<details open>', '<summary>Answer</summary>', '</details>',
  '```python', '```', '~~~', '    indented code', '| a | b |', '| --- | :-: |', '| 1 | 2 |', '---', '***', '$$', 'x^2', '[r]: image.png',
  '[^1]: footnote', '<div>', '</div>', '<table><tr><td>x</td></tr></table>', '<style>body{}</style>', '<iframe src=x></iframe>',
  'Setext heading', '===', '<!-- comment -->', '\\', '&nbsp;'
]

const frontmatterPieces = [
  'deck: Python::Basics', 'deck: [A, B]', 'deck: 42', 'deck: {a: 1}', 'tags: [a, b c]', 'tags: one, two', 'tags: 7', 'title: T',
  'title: ""', 'lang: fr', 'dialect: qa', 'dialect: heading', 'dialect: nope', 'reversed: true', 'reversed: maybe', 'kind: reversed',
  'kind: cloze', 'cloze: highlight', 'cloze: x', 'unknown: 1', 'a: &a [1, 2]', 'b: [*a, *a, *a]', 'c: *missing', 'key: [unclosed',
  'dup: 1', 'dup: 2', '  bad indent: x', '- list', '"quoted": "value"', '? complex', ': :', '!!binary x', 'x: !!js/function "f"'
]

/** Markdown text from the grammar's pieces. */
export function markdownText(fc) {
  const word = fc.oneof({weight: 3, arbitrary: fc.constantFrom(...words)}, {weight: 1, arbitrary: fc.string({maxLength: 8, unit: 'grapheme'})})
  const inline = fc.oneof({weight: 3, arbitrary: word}, {weight: 2, arbitrary: fc.constantFrom(...inlinePieces)})
  const sentence = fc.array(inline, {maxLength: 8}).map((parts) => parts.join(' '))
  const block = fc.oneof(
    {weight: 4, arbitrary: fc.constantFrom(...blockPieces)},
    {weight: 2, arbitrary: fc.tuple(fc.constantFrom(...blockPieces), sentence).map(([piece, text]) => `${piece} ${text}`)},
    {weight: 3, arbitrary: sentence},
    {weight: 1, arbitrary: fc.tuple(fc.constantFrom('- ', '> ', '1. ', '  ', '<div>'), fc.integer({min: 1, max: 12}), sentence).map(([prefix, count, text]) => prefix.repeat(count) + text)}
  )
  const separator = fc.constantFrom('\n', '\n\n', '\n\n', ' ', '')
  const loose = fc.array(fc.tuple(block, separator), {maxLength: 12}).map((parts) => parts.map(([text, gap]) => text + gap).join(''))
  // Well-formed questions of every dialect and kind with random content, so
  // most cases reach the emitters with something to emit.
  const question = fc.oneof(
    fc.tuple(fc.constantFrom('## ', '### ', '###### 1. '), sentence, fc.constantFrom('**Answer:** ', '**Réponse :** ', 'Answer: '), sentence, loose).map(
      ([level, prompt, marker, answer, more]) => `${level}${prompt}?\n\n${marker}${answer}\n\n${more}`
    ),
    fc.tuple(sentence, sentence).map(([prompt, answer]) => `Q: ${prompt}?\nA: ${answer}\n`),
    fc.tuple(sentence, fc.array(fc.tuple(fc.boolean(), sentence), {minLength: 1, maxLength: 6})).map(
      ([prompt, options]) => `## ${prompt}?\n\n${options.map(([right, text]) => `- [${right ? 'x' : ' '}] ${text}`).join('\n')}\n`
    ),
    fc.tuple(sentence, fc.array(sentence, {minLength: 1, maxLength: 5}), fc.constantFrom('A', 'B', 'C', 'F', 'A, B')).map(
      ([prompt, options, answer]) => `###### 1. ${prompt}?\n\n${options.map((text, index) => `${String.fromCharCode(65 + index)}. ${text}`).join('\n')}\n\n#### Answer: ${answer}\n`
    ),
    fc.tuple(sentence, sentence).map(([before, after]) => `## Capital?\n\n**Answer:** ${before} {{c1::${after}}} {{c2::x::hint}}\n`),
    fc.tuple(sentence, loose).map(([prompt, inside]) => `## ${prompt}?\n\n<details>\n<summary>Answer</summary>\n\n${inside}\n</details>\n`)
  )
  const body = fc
    .array(fc.oneof({weight: 3, arbitrary: question}, {weight: 1, arbitrary: loose}), {maxLength: 8})
    .chain((parts) => fc.tuple(fc.constant(parts), fc.option(fc.constantFrom('# Level 🔴\n\n', '# Deck\n\n'), {freq: 2})))
    .map(([parts, level]) => (level ?? '') + parts.join('\n'))
  const frontmatter = fc.option(
    fc.array(fc.constantFrom(...frontmatterPieces), {minLength: 0, maxLength: 6}).map((lines) => `---\n${lines.join('\n')}\n---\n`),
    {freq: 4}
  )
  return fc.tuple(frontmatter, body).map(([head, text]) => (head ?? '') + text)
}

/** Text put into bytes the way editors and tools save files. */
export function encodedBytes(fc, text) {
  return fc.tuple(text, fc.constantFrom('utf8', 'utf8-bom', 'utf16le', 'utf16be', 'windows1252', 'mojibake', 'macroman-mojibake'), fc.constantFrom('\n', '\r\n', '\r')).map(
    ([value, encoding, newline]) => {
      const lines = value.replace(/\n/g, newline)
      switch (encoding) {
        case 'utf8-bom':
          return concat(new Uint8Array([0xef, 0xbb, 0xbf]), iconv.encode(lines, 'utf8'))
        case 'utf16le':
          return concat(new Uint8Array([0xff, 0xfe]), iconv.encode(lines, 'utf16le'))
        case 'utf16be':
          return concat(new Uint8Array([0xfe, 0xff]), iconv.encode(lines, 'utf16be'))
        case 'windows1252':
          return new Uint8Array(iconv.encode(lines, 'windows-1252'))
        case 'mojibake':
          return new Uint8Array(iconv.encode(iconv.decode(Buffer.from(lines, 'utf8'), 'windows-1252'), 'utf8'))
        case 'macroman-mojibake':
          return new Uint8Array(iconv.encode(iconv.decode(Buffer.from(lines, 'utf8'), 'macintosh'), 'utf8'))
        default:
          return new Uint8Array(iconv.encode(lines, 'utf8'))
      }
    }
  )
}

/** A fixture with a few random edits (delete, duplicate, insert, flip, truncate). */
export function mutatedFixture(fc, fixtures) {
  const edit = fc.record({
    kind: fc.constantFrom('delete', 'duplicate', 'insert', 'flip', 'truncate', 'piece'),
    at: fc.double({min: 0, max: 1, noNaN: true}),
    size: fc.integer({min: 1, max: 64}),
    bytes: fc.uint8Array({minLength: 1, maxLength: 8}),
    piece: fc.constantFrom(...blockPieces, ...inlinePieces)
  })
  return fc.tuple(fc.constantFrom(...fixtures), fc.array(edit, {minLength: 1, maxLength: 5})).map(([fixture, edits]) => {
    let bytes = fixture
    for (const change of edits) {
      const at = Math.floor(change.at * bytes.length)
      const end = Math.min(bytes.length, at + change.size)
      switch (change.kind) {
        case 'delete':
          bytes = concat(bytes.subarray(0, at), bytes.subarray(end))
          break
        case 'duplicate':
          bytes = concat(bytes.subarray(0, end), bytes.subarray(at, end), bytes.subarray(end))
          break
        case 'insert':
          bytes = concat(bytes.subarray(0, at), change.bytes, bytes.subarray(at))
          break
        case 'flip':
          bytes = Uint8Array.from(bytes)
          if (at < bytes.length) bytes[at] = (bytes[at] ?? 0) ^ (change.bytes[0] ?? 1)
          break
        case 'truncate':
          bytes = bytes.subarray(0, at)
          break
        default:
          bytes = concat(bytes.subarray(0, at), new TextEncoder().encode(`\n${change.piece}\n`), bytes.subarray(at))
      }
    }
    return bytes
  })
}

/** Options a build may run with: dialects, repair, bundle, small limits that trip. */
export function buildOptions(fc) {
  return fc.record({
    dialect: fc.constantFrom(undefined, undefined, undefined, undefined, 'heading', 'qa'),
    repairEncoding: fc.boolean(),
    bundle: fc.constantFrom(undefined, undefined, 'all'),
    csvMode: fc.constantFrom('anki', 'plain'),
    htmlLayout: fc.constantFrom('study', 'quiz', 'cards'),
    limits: fc.option(
      fc.record({depth: fc.integer({min: 1, max: 8}), tableCells: fc.integer({min: 1, max: 20}), fieldLength: fc.integer({min: 100, max: 400}), questions: fc.integer({min: 1, max: 5})}, {requiredKeys: []}),
      {freq: 8}
    )
  })
}

/** One fuzz case: the bytes of a file and the options to build it with. */
export function fuzzCase(fc, fixtures = fixtureInputs()) {
  const bytes = fc.oneof(
    {weight: 6, arbitrary: encodedBytes(fc, markdownText(fc))},
    {weight: 3, arbitrary: mutatedFixture(fc, fixtures)},
    {weight: 1, arbitrary: fc.uint8Array({maxLength: 300})}
  )
  return fc.record({bytes, options: buildOptions(fc)})
}

function concat(...parts) {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    result.set(part, offset)
    offset += part.length
  }
  return result
}
