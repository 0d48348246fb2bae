/**
 * The `html` emitter: one self-contained, print-ready HTML document per
 * output, in three layouts (`study`, `quiz`, `cards`).
 *
 * Self-contained means the file is all there is: the stylesheet is inline,
 * images, sound and video are `data:` URIs (or, with `assets: 'copy'`, flat
 * files beside it),
 * math is MathML rendered by KaTeX at build time, code is highlighted at
 * build time. The page runs no script and makes no request: a strict
 * Content-Security-Policy allows only `data:` images and its own stylesheet
 * (by hash), so even a browser opening it offline prints it the same.
 *
 * Cut like the other emitters: `fields.ts` (a question's parts as hast),
 * `math.ts` (KaTeX), `media.ts` (images), `document.ts` (layouts), `fit.ts`
 * (card font sizes), `css.ts` (print stylesheet), `labels.ts` (the words the
 * page adds). This file wires them together.
 *
 * @module
 */
import {digest} from '../../digest.js'
import type {Root as HastRoot} from 'hast'
import {toHtml} from 'hast-util-to-html'
import type {Question, Root} from '../../ast/types.js'
import type {RuleId} from '../../diagnostics/rules.js'
import type {EmitContext, Emitter} from '../types.js'
import {stylesheet} from './css.js'
import {documentBody, type PreparedSection} from './document.js'
import {prepareQuestion, treesOf} from './fields.js'
import {loadMathRenderer} from './math.js'
import {h, text} from './hast.js'
import {labelsFor} from './labels.js'
import {dataUri, embedMedia} from './media.js'
import {resolveHtmlOptions, type HtmlAsset} from './options.js'

export {htmlLayouts, htmlPapers, resolveHtmlOptions} from './options.js'
export type {HtmlAsset, HtmlAssetsMode, HtmlLayout, HtmlOptions, HtmlPaper, ResolvedHtmlOptions} from './options.js'
export {printHighlightCss} from './css.js'

/** What {@link toHtmlDocument} returns. */
export interface HtmlDocument {
  /** The document. */
  html: string
  /** Media files it refers to (`copy` mode only; empty when inlined). */
  assets: HtmlAsset[]
}

/** Rule id for a formula KaTeX cannot parse. */
export const mathErrorRuleId: RuleId = 'math-error'

/**
 * The `html` emitter.
 *
 * Options (`emitterOptions.html`, see {@link HtmlOptions}): `layout`
 * (`study` | `quiz` | `cards`), `title`, `paper` (`A4` | `Letter`),
 * `assets` (`inline` | `copy`), `assetsFolder`, `onAsset`. Same input and
 * clock, same bytes.
 *
 * @example
 * import {compile, htmlEmitter} from 'deckdown'
 *
 * const {outputs} = await compile(
 *   [{path: 'python.md', value: '## What is the GIL?\n\n**Answer:** A lock.'}],
 *   {formats: ['html'], emitters: [htmlEmitter], emitterOptions: {html: {layout: 'quiz'}}}
 * )
 * outputs[0].path // 'python.html'
 */
export const htmlEmitter: Emitter = {
  name: 'html',
  extension: '.html',
  description: 'Print-ready HTML (study sheet, quiz with answer key, or duplex flashcards); self-contained, no network',
  async emit(tree, context) {
    const options = resolveHtmlOptions(context.options, context.name)
    const {html, assets} = await toHtmlDocument(tree, context)
    // Emitters cannot write files: in `copy` mode the caller gets them here.
    if (options.onAsset) for (const asset of assets) options.onAsset(asset)
    return html
  }
}

/**
 * Build the document for a tree (what {@link htmlEmitter} returns), with the
 * media files `copy` mode refers to.
 *
 * @param tree Question tree.
 * @param context Emit context: `options` (see {@link HtmlOptions}), `render`,
 *   `media` (images, reported when refused), `now` (the printed date),
 *   `name` (default title), `report` (formulas that do not parse).
 * @throws {TypeError} On invalid options.
 */
export async function toHtmlDocument(tree: Root, context: EmitContext): Promise<HtmlDocument> {
  const options = resolveHtmlOptions(context.options, context.name)
  await loadMathRenderer()
  const lang = tree.data?.lang?.trim() || 'en'
  const labels = labelsFor(lang)
  const title = options.title ?? (tree.data?.title?.trim() || context.name)

  const sections: PreparedSection[] = []
  let number = 0
  for (const section of tree.children) {
    if (section.children.length === 0) continue
    const questions = section.children.map((question) => prepareQuestion(question, ++number, context.render, (failure) => reportMath(question, failure.source, failure.reason)))
    sections.push({
      section,
      id: `s${sections.length + 1}`,
      title: section.title ?? section.deck.at(-1) ?? baseName(section.file),
      questions
    })
  }

  const trees = sections.flatMap((entry) => entry.questions.flatMap((question) => treesOf(question)))
  const folder = options.assetsFolder.split('/').map(encodeURIComponent).join('/')
  const loaded = await embedMedia(
    trees,
    context.media,
    options.assets === 'inline' ? dataUri : (name) => `${folder}/${encodeURIComponent(name)}`,
    labels
  )
  const assets: HtmlAsset[] =
    options.assets === 'copy'
      ? loaded.files.map((file) => ({
          path: `${options.assetsFolder}/${file.name}`,
          data: file.data,
          output: context.name,
          sources: context.files.map((source) => source.path)
        }))
      : []

  const css = stylesheet({layout: options.layout, title, paper: options.paper})
  const body = documentBody(sections, {
    title,
    date: isoDate(context.now()),
    sources: tree.data?.files ?? context.files.map((file) => file.path),
    layout: options.layout,
    labels
  })
  const document: HastRoot = {
    type: 'root',
    children: [
      {type: 'doctype'},
      h(
        'html',
        {lang},
        h(
          'head',
          null,
          h('meta', {charSet: 'utf-8'}),
          // First in <head>, before anything it governs.
          h('meta', {httpEquiv: ['Content-Security-Policy'], content: contentSecurityPolicy(css, options.assets)}),
          h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
          h('meta', {name: 'color-scheme', content: 'light'}),
          h('meta', {name: 'referrer', content: 'no-referrer'}),
          h('meta', {name: 'generator', content: 'deckdown'}),
          h('title', null, title),
          h('style', null, text(css))
        ),
        h('body', {className: [`layout-${options.layout}`]}, ...body)
      )
    ]
  }
  // `raw` nodes are KaTeX's MathML only: field HTML was sanitized (no raw
  // left) before it reached this tree.
  const html = `${toHtml(document, {allowDangerousHtml: true})}\n`
  return {html, assets}

  function reportMath(question: Question, source: string, reason: string): void {
    context.report(question, `Math \`${shorten(source)}\` does not parse (${reason}); it is printed as source`, mathErrorRuleId)
  }
}

/**
 * The policy: nothing may load but the document's own stylesheet (by hash,
 * so no injected `<style>` would apply either) and `data:` images, sound and
 * video (or, in `copy` mode, files beside the document). No script, font, frame, form target
 * or base URL.
 */
export function contentSecurityPolicy(css: string, assets: 'inline' | 'copy'): string {
  const hash = digest('sha256', css, 'base64')
  return [
    "default-src 'none'",
    `img-src data:${assets === 'copy' ? " 'self'" : ''}`,
    `media-src data:${assets === 'copy' ? " 'self'" : ''}`,
    `style-src 'sha256-${hash}'`,
    "base-uri 'none'",
    "form-action 'none'"
  ].join('; ')
}

/** `2026-01-31` (UTC), the same everywhere; undefined for an invalid date. */
function isoDate(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10)
}

function baseName(path: string): string {
  return path.split('/').at(-1) ?? path
}

function shorten(source: string): string {
  const flat = source.replace(/\s+/g, ' ').trim()
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat
}
