import {readFile} from 'node:fs/promises'
import type {Root} from 'mdast'
import {describe, expect, it} from 'vitest'
import {parseMarkdown} from '../../src/parse/markdown.js'
import rehypeSanitize from 'rehype-sanitize'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {createRenderer, mathHandlers, renderField, toHast, toHtml, toText} from '../../src/render/index.js'
import {normalizeMedia} from '../../src/render/media.js'
import {sanitizeSchema} from '../../src/render/sanitize.js'
import {decodeBytes} from '../../src/text/decode.js'
import {fixtureFiles, markdownFiles} from '../helpers.js'

const field = (markdown: string): Root => {
  const tree = parseMarkdown(markdown)
  return {type: 'root', children: tree.children}
}

describe('sanitizing untrusted Markdown', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src="x.png" onerror="alert(1)">',
    '[click](javascript:alert(1))',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<style>body{display:none}</style>',
    '<div onclick="alert(1)">div</div>',
    '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">',
    '<svg><script>alert(1)</script></svg>',
    '<form action="https://evil.example"><input name=x></form>',
    '<object data="x.swf"></object>'
  ]
  for (const input of hostile) {
    it(`neutralizes ${input}`, () => {
      const html = toHtml(field(input))
      expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<style|data:image|<form|<object|<svg/i)
    })
  }

  it('keeps <audio> and <video> to a src and controls: no autoplay, poster, handlers or script URLs', () => {
    const html = toHtml(
      field('<audio autoplay onplay="alert(1)" src="a.mp3"></audio> <video poster="https://evil.example/p.png" src="javascript:alert(2)"><source src="b.webm"><track src="t.vtt"></video> <audio src="data:audio/wav;base64,UklGRg=="></audio>')
    )
    expect(html).toBe('<p><audio controls src="a.mp3"></audio> <video controls src="b.webm"></video> <audio controls></audio></p>')
  })

  it('writes sound and video references one way: <audio>/<video> with the alt or link text as label', () => {
    expect(toHtml(field('![Hello](hello.mp3) [clip](movie.MP4) ![pic](pic.png) [remote](https://example.org/a.mp3) [page](notes.md)'))).toBe(
      '<p><audio controls src="hello.mp3" aria-label="Hello"></audio> <video controls src="movie.MP4" aria-label="clip"></video> <img src="pic.png" alt="pic"> <a href="https://example.org/a.mp3">remote</a> <a href="notes.md">page</a></p>'
    )
  })

  it('keeps harmless HTML and prefixes ids against clobbering', () => {
    const html = toHtml(field('<details><summary>More</summary>\n\n*hidden*\n\n</details>\n\nPress <kbd>Ctrl</kbd> H<sub>2</sub>O <span id="top">x</span>'))
    expect(html).toContain('<details><summary>More</summary>')
    expect(html).toContain('<em>hidden</em>')
    expect(html).toContain('<kbd>Ctrl</kbd>')
    expect(html).toContain('<sub>2</sub>')
    expect(html).toContain('id="user-content-top"')
  })

  it('escapes special characters in text', () => {
    expect(toHtml(field('AT&T says a < b > c "quoted"'))).toBe('<p>AT&#x26;T says a &#x3C; b > c "quoted"</p>')
    expect(toText(field('AT&T says a < b'))).toBe('AT&T says a < b')
  })
})

describe('render forms', () => {
  it('gives Markdown, HTML and text of the same field', () => {
    const rendered = renderField(field('Use `a, b = b, a`:\n\n- one\n- two\n\n```py\nx = 1\n```'))
    expect(rendered.markdown).toBe('Use `a, b = b, a`:\n\n- one\n- two\n\n```py\nx = 1\n```')
    expect(rendered.html).toBe('<p>Use <code>a, b = b, a</code>:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<pre><code class="language-py">x = 1\n</code></pre>')
    expect(rendered.text).toBe('Use a, b = b, a:\n\none\ntwo\nx = 1')
  })

  it('renders GFM tables, strikethrough and task lists', () => {
    const html = toHtml(field('| a | b |\n| - | - |\n| 1 | 2 |\n\n~~old~~\n\n- [x] done'))
    expect(html).toContain('<table>')
    expect(html).toContain('<del>old</del>')
    expect(html).toContain('type="checkbox"')
  })

  it('caches per renderer without sharing trees between callers', () => {
    const renderer = createRenderer()
    const content = field('*x*')
    expect(renderer.html(content)).toBe('<p><em>x</em></p>')
    const hast = renderer.hast(content)
    hast.children = []
    expect(renderer.html(content)).toBe('<p><em>x</em></p>')
    expect(renderer.hast(content).children).not.toEqual([])
  })

  it('hands the first hast caller the rendered tree, and every later one a tree of its own', () => {
    const renderer = createRenderer()
    const content = field('**a** and `b`')
    const first = renderer.hast(content)
    const second = renderer.hast(content)
    expect(second).toEqual(first)
    first.children = []
    expect(renderer.hast(content)).toEqual(second)
    expect(renderer.html(content)).toBe('<p><strong>a</strong> and <code>b</code></p>')
    second.children = []
    expect(renderer.hast(content).children).not.toEqual([])
    expect(renderer.text(content)).toBe('a and b')
  })

  it('never changes the Markdown tree it renders', async () => {
    for (const path of await markdownFiles('fixtures')) {
      const decoded = decodeBytes(new Uint8Array(await readFile(path)))
      if (!decoded.ok) continue
      const tree = parseMarkdown(decoded.text)
      const before = structuredClone(tree)
      toHtml(tree)
      expect(tree, path).toEqual(before)
    }
    for (const markdown of ['<b>raw</b> *x*', '- [ ] task\n\n| a |\n| - |\n| 1 |', '$x$ and[^1]\n\n[^1]: note', '![i](x.png "t")']) {
      const tree = field(markdown)
      const before = structuredClone(tree)
      renderField(tree)
      expect(tree).toEqual(before)
    }
  })
})

describe('fields without raw HTML', () => {
  it('render exactly as the unified pipeline renders them (remark-rehype, rehype-sanitize, media)', async () => {
    // toHast calls these steps directly for such fields; this holds it to
    // the processor it replaced, on every block of every fixture.
    const pipeline = unified()
      .use(remarkRehype, {handlers: mathHandlers})
      .use(rehypeSanitize, sanitizeSchema)
      .use(() => normalizeMedia)
      .freeze()
    let compared = 0
    for (const path of await fixtureFiles()) {
      const decoded = decodeBytes(new Uint8Array(await readFile(path)))
      if (!decoded.ok) continue
      for (const block of parseMarkdown(decoded.text).children) {
        const content: Root = {type: 'root', children: [block]}
        if (JSON.stringify(content).includes('"type":"html"')) continue
        expect(toHast(content), path).toEqual(pipeline.runSync(structuredClone(content) as never))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(500)
  })
})

describe('math', () => {
  it('becomes Anki/MathJax delimiters inside marked elements', () => {
    expect(toHtml(field('Energy $E = mc^2$ here.'))).toBe('<p>Energy <span class="math math-inline">\\(E = mc^2\\)</span> here.</p>')
    expect(toHtml(field('$$\n\\sum_{i=1}^n i\n$$'))).toBe('<div class="math math-display">\\[\\sum_{i=1}^n i\\]</div>')
  })

  it('never touches code', () => {
    expect(toHtml(field('Shell: `echo $HOME $PATH`'))).toBe('<p>Shell: <code>echo $HOME $PATH</code></p>')
    expect(toHtml(field('```sh\nprice=$5 total=$10\n```'))).toBe('<pre><code class="language-sh">price=$5 total=$10\n</code></pre>')
  })

  it('makes $$…$$ inside a paragraph display math, and writes it back as $$…$$', () => {
    const rendered = renderField(field('So $$\\sum_i x_i$$ is $y$.'))
    expect(rendered.html).toBe('<p>So <span class="math math-display">\\[\\sum_i x_i\\]</span> is <span class="math math-inline">\\(y\\)</span>.</p>')
    expect(rendered.markdown).toBe('So $$\\sum_i x_i$$ is $y$.')
  })

  it('leaves prices alone', () => {
    expect(toHtml(field('It costs $5 and $10.'))).toBe('<p>It costs $5 and $10.</p>')
    expect(toHtml(field('Between $5 and $ 10'))).toBe('<p>Between $5 and $ 10</p>')
  })

  it('round-trips to Markdown', () => {
    expect(renderField(field('Inline $x^2$.')).markdown).toBe('Inline $x^2$.')
  })
})
