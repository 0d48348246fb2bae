/**
 * Navigation: the parts of a Markdown question bank that help a reader move
 * around the file on GitHub and mean nothing on a card. Tables of contents,
 * back-to-top links and `<div>`s, badge rows.
 *
 * {@link stripNavigation} removes them from the mdast before any dialect
 * looks at it, so no reading can mistake a table of contents for questions
 * or a back-to-top line for part of an answer. Adding or removing navigation
 * anywhere in a file never changes the questions found (a property test
 * holds this).
 *
 * @module
 */
import type {Heading, Html, List, ListItem, Parent, PhrasingContent, Root, RootContent, Table} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {normalizeTitle} from './forms.js'

/**
 * Headings that introduce a table of contents, normalized (lower case, no
 * punctuation or emoji). A heading with one of these names is navigation only
 * when what it holds is navigation too (links to anchors of the same file).
 */
const contentsTitles = new Set([
  'contents',
  'table of contents',
  'toc',
  'index',
  'sommaire',
  'table des matières',
  'table des matieres',
  'index des questions',
  'índice',
  'indice',
  'contenido',
  'contenidos',
  'tabla de contenidos',
  'inhalt',
  'inhaltsverzeichnis',
  'sumário',
  'sumario',
  'conteúdo',
  'indice dei contenuti',
  'sommario',
  '目录',
  '目錄',
  '内容',
  '索引',
  '题目列表',
  '问题列表'
])

/** Titles that may also name a real deck: navigation only when the section holds nothing else. */
const weakContentsTitles = new Set(['index', 'questions', 'list of questions', 'question list', 'all questions', 'liste des questions', 'questions list', '题目列表', '问题列表'])

// Words that make a line a "back to top" link, in the languages of public banks.
const backToTop = /(?:back\s*to\s*top|top\s*of\s*page|go\s*to\s*top|retour\s*(?:en\s*haut|au\s*(?:début|sommaire))|haut\s*de\s*page|volver\s*arriba|nach\s*oben|torna\s*su|voltar\s*ao\s*topo|返回顶部|回到顶部|返回目录|回到目录|⬆|↥|↑|🔝|⏫)/iu

// Hosts and paths that serve status badges.
const badgeUrl = /(?:shields\.io|badgen\.net|badge\.fury\.io|travis-ci\.(?:org|com)|circleci\.com|codecov\.io|coveralls\.io|github\.com\/[^)\s]+\/(?:workflows|actions)\/[^)\s]*badge|\/badge(?:s)?\/|badge\.svg|\.svg\?(?:style|label|logo)=|app\.netlify\.com\/sites\/[^)\s]+\/deploys|img\.buymeacoffee\.com|ko-fi\.com\/img)/i

/**
 * Remove navigation from a tree, in place: tables of contents (a contents
 * heading and its list or table of same-file links, or such a list anywhere),
 * back-to-top paragraphs and HTML blocks, and rows of badges. Headings left
 * with nothing under them are kept: they may still be decks.
 *
 * @param tree mdast of a whole file.
 */
export function stripNavigation(tree: Root): void {
  stripIn(tree, true)
}

function stripIn(parent: Parent, top: boolean): void {
  const kept: RootContent[] = []
  const children = parent.children as RootContent[]
  for (let index = 0; index < children.length; index++) {
    const node = children[index] as RootContent
    if (node.type === 'heading' && top && (isContentsHeading(node) || isWeakContentsHeading(node))) {
      // Skip the heading and the navigation right under it, up to the next heading.
      let end = index + 1
      while (end < children.length && children[end]?.type !== 'heading' && isSkippableUnderContents(children[end] as RootContent)) end++
      // A numbered contents list that runs straight into a numbered list of
      // questions is one list to CommonMark: its link items go below.
      const next = children[end]
      if (end === index + 1 && next?.type === 'list' && next.children[0] && isTocItem(next.children[0]) && isContentsHeading(node)) continue
      // Only when navigation follows; a `## Questions` heading, which may
      // also be a deck, only when navigation fills its section.
      if (end > index + 1 && (isContentsHeading(node) || end === children.length || children[end]?.type === 'heading')) {
        index = end - 1
        continue
      }
    }
    if (isNavigationBlock(node)) continue
    if (node.type === 'list') {
      // Link-only items are navigation wherever they are.
      node.children = node.children.filter((item) => !isTocItem(item))
      if (node.children.length === 0) continue
    }
    if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') stripIn(node, false)
    if (node.type === 'paragraph') stripInlineBackToTop(node)
    kept.push(node)
  }
  parent.children = kept as typeof parent.children
}

/** Whether a heading names a table of contents (`## Table of Contents`, `## 目录`). */
export function isContentsHeading(heading: Heading): boolean {
  return contentsTitles.has(normalizeTitle(toString(heading)))
}

function isWeakContentsHeading(heading: Heading): boolean {
  return weakContentsTitles.has(normalizeTitle(toString(heading)))
}

function isSkippableUnderContents(node: RootContent): boolean {
  if (isNavigationBlock(node)) return true
  if (node.type === 'html') return /^\s*(?:<!--[\s\S]*-->\s*)*$/.test(node.value) || onlyAnchorLinks(node.value)
  return false
}

/**
 * Whether a block is navigation on its own: a list or table of links to
 * anchors in the same file, a back-to-top line or `<div>`, a row of badges.
 */
export function isNavigationBlock(node: RootContent): boolean {
  switch (node.type) {
    case 'list':
      return isTocList(node)
    case 'table':
      return isTocTable(node)
    case 'paragraph':
      return isBackToTopParagraph(node.children) || isBadgeRow(node.children)
    case 'html':
      return isBackToTopHtml(node) || isBadgeHtml(node.value)
    case 'thematicBreak':
      return false
    default:
      return false
  }
}

/** A list every item of which is a link to a place in the same file (possibly with sub-lists of the same). */
function isTocList(list: List): boolean {
  if (list.children.length === 0) return false
  return list.children.every((item) => isTocItem(item))
}

function isTocItem(item: ListItem): boolean {
  const [first, ...rest] = item.children
  if (!first || first.type !== 'paragraph') return false
  if (!onlyAnchorLinkPhrasing(first.children)) return false
  return rest.every((child) => child.type === 'list' && isTocList(child))
}

function isTocTable(table: Table): boolean {
  const rows = table.children.slice(1)
  if (rows.length === 0) return false
  return rows.every((row) => row.children.some((cell) => onlyAnchorLinkPhrasing(cell.children)) && row.children.every((cell) => onlyAnchorLinkPhrasing(cell.children) || /^\s*[\d.]*\s*$/.test(toString(cell))))
}

/** Phrasing that holds at least one same-file link and nothing but links, numbering and punctuation. */
function onlyAnchorLinkPhrasing(children: readonly PhrasingContent[]): boolean {
  let links = 0
  for (const child of flattenPhrasing(children)) {
    if (child.type === 'link') {
      if (!child.url.startsWith('#')) return false
      links++
      continue
    }
    if (child.type === 'text' && /^[\s\d.)|:*·•–—-]*$/u.test(child.value)) continue
    if (child.type === 'break') continue
    return false
  }
  return links > 0
}

/** Strong and emphasis opened up, links kept whole. */
function flattenPhrasing(children: readonly PhrasingContent[]): PhrasingContent[] {
  return children.flatMap((child) => (child.type === 'strong' || child.type === 'emphasis' ? flattenPhrasing(child.children) : [child]))
}

/**
 * `**[⬆ Back to Top](#table-of-contents)**`, `[返回顶部](#目录)`,
 * `[↥ back to top](#)`: a paragraph that is one or more same-file links and
 * at least one of them says "back to top" (or points at the top: `#`).
 */
function isBackToTopParagraph(children: readonly PhrasingContent[]): boolean {
  const flat = flattenPhrasing(children).filter((child) => !(child.type === 'text' && child.value.trim() === '') && child.type !== 'break')
  if (flat.length === 0) return false
  let sawBackLink = false
  for (const child of flat) {
    if (child.type === 'link') {
      if (!child.url.startsWith('#')) return false
      if (backToTop.test(toString(child)) || child.url === '#' || isContentsAnchor(child.url)) sawBackLink = true
      continue
    }
    if (child.type === 'html' && /^<\/?(?:a|b|strong|div|p|span|sup|sub|small)\b[^>]*>$/i.test(child.value.trim())) continue
    // Length first: every answer paragraph comes through here, and the
    // pattern is slow on long prose.
    if (child.type === 'text' && child.value.trim().length <= 40 && backToTop.test(child.value)) {
      sawBackLink = sawBackLink || /href/.test(child.value)
      continue
    }
    if (child.type === 'text' && /^[\s|·•–—-]*$/u.test(child.value)) continue
    return false
  }
  return sawBackLink
}

function isContentsAnchor(url: string): boolean {
  const anchor = decodeURIComponentSafe(url.slice(1))
    .replace(/-/g, ' ')
  return contentsTitles.has(normalizeTitle(anchor)) || /^(?:top|readme|top of page|table of contents)$/i.test(anchor.trim())
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** A back-to-top line inside a paragraph's last lines (`…text\n[⬆ Back to Top](#toc)`): drop that line. */
function stripInlineBackToTop(paragraph: {children: PhrasingContent[]}): void {
  const children = paragraph.children
  // Find the last line break (a text node with a newline or a break node) and
  // test what follows it.
  for (let index = children.length - 1; index > 0; index--) {
    const child = children[index] as PhrasingContent
    const newline = child.type === 'text' ? child.value.lastIndexOf('\n') : child.type === 'break' ? 0 : -1
    if (newline === -1) continue
    const tail = child.type === 'text' ? [{...child, value: child.value.slice(newline + 1)} as PhrasingContent, ...children.slice(index + 1)] : children.slice(index + 1)
    if (!isBackToTopParagraph(tail)) return
    const head = child.type === 'text' ? [...children.slice(0, index), {...child, value: child.value.slice(0, newline)} as PhrasingContent] : children.slice(0, index)
    paragraph.children = head
    return
  }
}

/**
 * `<div align="right"><b><a href="#">↥ back to top</a></b></div>` and the
 * like: an HTML block whose only text is a back-to-top label and whose links
 * all stay in the file.
 */
function isBackToTopHtml(node: Html): boolean {
  const value = node.value
  if (value.length > 600) return false
  if (!/<a\b/i.test(value) && !backToTop.test(value)) return false
  const hrefs = [...value.matchAll(/href\s*=\s*["']?([^"'\s>]*)/gi)].map((match) => match[1] ?? '')
  if (hrefs.some((href) => !href.startsWith('#'))) return false
  const text = value.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;|&#\d+;/gi, ' ').trim()
  if (text === '') return hrefs.length > 0
  return backToTop.test(text) && text.length <= 40
}

function onlyAnchorLinks(value: string): boolean {
  const hrefs = [...value.matchAll(/href\s*=\s*["']?([^"'\s>]*)/gi)].map((match) => match[1] ?? '')
  return hrefs.length > 0 && hrefs.every((href) => href.startsWith('#'))
}

/** A paragraph of images (linked or not) that are all status badges. */
function isBadgeRow(children: readonly PhrasingContent[]): boolean {
  let badges = 0
  for (const child of children) {
    if (child.type === 'text' && /^[\s|·•]*$/u.test(child.value)) continue
    if (child.type === 'break') continue
    const image = child.type === 'link' && child.children.length === 1 ? child.children[0] : child
    if (image?.type === 'image' && badgeUrl.test(image.url)) {
      badges++
      continue
    }
    return false
  }
  return badges > 0
}

/** `<p align="center"><img src="https://img.shields.io/…"></p>`: HTML whose images are all badges. */
function isBadgeHtml(value: string): boolean {
  const sources = [...value.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1] ?? '')
  if (sources.length === 0 || !sources.every((source) => badgeUrl.test(source))) return false
  const text = value.replace(/<[^>]*>/g, '').trim()
  return text === ''
}
