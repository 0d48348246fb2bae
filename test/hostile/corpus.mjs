/**
 * The hostile corpus: inputs that real repositories and attackers produce,
 * generated on demand (the large ones are megabytes; nothing is committed).
 *
 * Each row is a folder of files built together with a good file, the
 * diagnostic the hostile file must get, the exit code of
 * `deckdown build -f json,apkg,csv,html`, and the time and memory ceiling
 * `npm run bench:hostile` holds the build to.
 *
 * Plain JavaScript so the benchmark script runs it without a build step.
 */

/** The file every row is built with; its outputs must always be written. */
export const goodFile = {path: 'good.md', text: '# Good\n\n## What is 1 + 1?\n\n**Answer:** 2\n'}

const repeat = (count, make) => Array.from({length: count}, (_, index) => make(index)).join('')

/**
 * @typedef {object} HostileRow
 * @property {string} name
 * @property {string} description
 * @property {() => Record<string, string | Uint8Array>} files Files besides the good one (paths relative to the row's folder).
 * @property {string[]} [args] Extra CLI arguments.
 * @property {{path: string, ruleId: string | null, line?: number, count?: number}} expected The diagnostic the hostile file gets (null: none; it builds clean).
 * @property {number} exitCode
 * @property {boolean} built Whether the hostile file still gets outputs.
 * @property {{seconds: number, rssMb: number}} ceiling
 */

/** @type {HostileRow[]} */
export const hostileRows = [
  {
    name: 'nested-details',
    description: '5,000 nested <details> blocks (210 KB)',
    files: () => ({
      'details.md': '## Deep?\n\n' + repeat(5000, () => '<details>\n<summary>Answer</summary>\n\n') + repeat(5000, () => '</details>\n')
    }),
    expected: {path: 'details.md', ruleId: 'too-deep'},
    exitCode: 1,
    built: false,
    ceiling: {seconds: 5, rssMb: 400}
  },
  {
    name: 'yaml-alias-bomb',
    description: 'YAML frontmatter with an alias bomb (nested &a/*a lists)',
    files: () => ({
      'bomb.md':
        '---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' +
        ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']
          .map((name, index) => {
            const previous = String.fromCharCode('a'.charCodeAt(0) + index)
            return `${name}: &${name} [${repeat(9, () => `*${previous}`).split('*').filter(Boolean).map((alias) => `*${alias}`).join(',')}]\n`
          })
          .join('') +
        '---\n\n## What is a billion laughs?\n\n**Answer:** An alias bomb.\n'
    }),
    expected: {path: 'bomb.md', ruleId: 'invalid-frontmatter', line: 2},
    exitCode: 1,
    built: true,
    ceiling: {seconds: 5, rssMb: 400}
  },
  {
    name: 'deep-list',
    description: 'a list nested 3,000 deep (9 MB)',
    files: () => ({'list.md': '## Deep?\n\n**Answer:**\n\n' + repeat(3000, (index) => `${' '.repeat(index * 2)}- item ${index}\n`)}),
    expected: {path: 'list.md', ruleId: 'too-deep', line: 105},
    exitCode: 1,
    built: false,
    ceiling: {seconds: 5, rssMb: 500}
  },
  {
    name: 'wide-table',
    description: 'a GFM table of 5,000 columns × 200 rows (2 MB)',
    files: () => ({
      'table.md':
        '## Wide?\n\n**Answer:**\n\n' +
        `|${repeat(5000, (index) => `c${index}|`)}\n|${repeat(5000, () => '-|')}\n` +
        repeat(200, () => `|${repeat(5000, () => 'x|')}\n`)
    }),
    expected: {path: 'table.md', ruleId: 'table-too-large', line: 5},
    exitCode: 1,
    built: false,
    ceiling: {seconds: 5, rssMb: 500}
  },
  {
    name: 'huge-line',
    description: 'one 20 MB line of words',
    files: () => ({'line.md': '## Long?\n\n**Answer:** ' + 'lorem ipsum dolor sit amet '.repeat(Math.ceil((20 * 1024 * 1024) / 27)) + '\n'}),
    expected: {path: 'line.md', ruleId: 'file-too-large', line: 1},
    exitCode: 1,
    built: false,
    ceiling: {seconds: 5, rssMb: 700}
  },
  {
    name: 'long-field',
    description: 'a 2 MB answer on one line (under the file size limit)',
    files: () => ({'field.md': '## Long?\n\n**Answer:** ' + 'lorem ipsum dolor sit amet '.repeat(Math.ceil((2 * 1024 * 1024) / 27)) + '\n'}),
    expected: {path: 'field.md', ruleId: 'field-too-long', line: 3},
    exitCode: 1,
    built: false,
    ceiling: {seconds: 5, rssMb: 500}
  },
  {
    name: 'long-paragraph',
    description: 'a 15 MB answer paragraph of 80-character lines (micromark is quadratic in a paragraph\'s lines)',
    files: () => ({'paragraph.md': '## Long?\n\n**Answer:** ' + 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n'.repeat(200_000)}),
    expected: {path: 'paragraph.md', ruleId: 'field-too-long', line: 3},
    exitCode: 1,
    built: false,
    ceiling: {seconds: 5, rssMb: 700}
  },
  {
    name: 'numbered-prompts',
    description: '10,000 questions whose prompts differ only by a number (## Q1? …)',
    files: () => ({'numbers.md': repeat(10000, (index) => `## Q${index + 1}?\n\n**Answer:** A${index + 1}.\n\n`)}),
    // The number is list position, not identity: every one is a duplicate of
    // the first, and the 9,999 warnings collapse into 20 lines.
    expected: {path: 'numbers.md', ruleId: 'duplicate-question', count: 20},
    exitCode: 0,
    built: true,
    ceiling: {seconds: 60, rssMb: 1500}
  },
  {
    name: 'cloze-flood',
    description: '5,000 clozes in one answer line (cloze detection stays linear)',
    files: () => ({'clozes.md': '## Fill in?\n\n**Answer:** ' + repeat(5000, (index) => `{{c1::word ${index}}} `) + '\n'}),
    // One card; nothing to report.
    expected: {path: 'clozes.md', ruleId: null},
    exitCode: 0,
    built: true,
    ceiling: {seconds: 60, rssMb: 1500}
  },
  {
    name: 'frontmatter-keys',
    description: 'frontmatter of 50,000 unknown keys (key checks stay linear)',
    files: () => ({'keys.md': `---\n${repeat(50000, (index) => `key${index}: ${index}\n`)}---\n\n## What?\n\n**Answer:** This.\n`}),
    // Infos are not printed by default; the file builds.
    expected: {path: 'keys.md', ruleId: null},
    exitCode: 0,
    built: true,
    ceiling: {seconds: 30, rssMb: 1000}
  },
  {
    name: 'too-many-questions',
    description: '1,001 questions with --max-questions 1000',
    args: ['--max-questions', '1000'],
    files: () => ({'many.md': repeat(1001, (index) => `## What is item ${index}?\n\n**Answer:** ${index}.\n\n`)}),
    expected: {path: 'many.md', ruleId: 'too-many-questions', line: 4001},
    exitCode: 1,
    built: false,
    ceiling: {seconds: 15, rssMb: 600}
  },
  {
    name: 'missing-media',
    description: 'a missing image',
    files: () => ({'missing.md': '## What is shown?\n\n![diagram](nowhere.png)\n\n**Answer:** Nothing.\n'}),
    expected: {path: 'missing.md', ruleId: 'missing-media', line: 3},
    exitCode: 1,
    built: true,
    ceiling: {seconds: 5, rssMb: 400}
  },
  {
    name: 'media-outside',
    description: 'an image path that leaves the source folder',
    files: () => ({'outside.md': '## What is shown?\n\n![secret](../../../../etc/passwd)\n\n**Answer:** Nothing.\n'}),
    expected: {path: 'outside.md', ruleId: 'media-outside-root', line: 3},
    exitCode: 1,
    built: true,
    ceiling: {seconds: 5, rssMb: 400}
  },
  {
    name: 'binary',
    description: 'a binary file with NUL bytes',
    files: () => ({'binary.md': new Uint8Array([0x23, 0x20, 0x00, 0x01, 0xff, 0xfe, 0x00, 0x89, 0x50, 0x4e, 0x47])}),
    expected: {path: 'binary.md', ruleId: 'not-text'},
    exitCode: 1,
    built: false,
    ceiling: {seconds: 5, rssMb: 400}
  },
  {
    name: 'deep-blockquote',
    description: '5,000 nested block quotes on one line',
    files: () => ({'quote.md': '## Deep?\n\n**Answer:**\n\n' + '> '.repeat(5000) + 'x\n'}),
    expected: {path: 'quote.md', ruleId: 'too-deep', line: 5},
    exitCode: 1,
    built: false,
    ceiling: {seconds: 5, rssMb: 400}
  },
  {
    name: 'deep-html',
    description: '5,000 nested <div> elements',
    files: () => ({'divs.md': '## Deep?\n\n**Answer:**\n\n' + '<div>'.repeat(5000) + 'x' + '</div>'.repeat(5000) + '\n'}),
    expected: {path: 'divs.md', ruleId: 'too-deep', line: 5},
    exitCode: 1,
    built: false,
    ceiling: {seconds: 5, rssMb: 400}
  },
  {
    name: 'script-injection',
    description: 'scripts, handlers and javascript: URLs (never reach a card or a page)',
    files: () => ({
      'script.md': '## Safe?\n\n**Answer:** <script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))\n'
    }),
    expected: {path: 'script.md', ruleId: 'missing-media'},
    exitCode: 1,
    built: true,
    ceiling: {seconds: 5, rssMb: 400}
  }
]

/** The formats every row is built with. */
export const hostileFormats = 'json,apkg,csv,html'
