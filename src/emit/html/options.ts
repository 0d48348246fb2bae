/**
 * Options of the `html` emitter, as the API receives them
 * (`emitterOptions.html`) and as the CLI sets them (`--layout`,
 * `--assets`), checked once.
 *
 * @module
 */

/**
 * How questions are laid out.
 *
 * - `study`: each question followed by its answer, example and notes.
 * - `quiz`: the questions only, numbered, then an answer key on a new page.
 * - `cards`: printable flashcards, six to a sheet; each sheet of fronts is
 *   followed by its backs in mirrored column order, for duplex printing.
 */
export type HtmlLayout = 'study' | 'quiz' | 'cards'

/** Every layout, default first. */
export const htmlLayouts: readonly HtmlLayout[] = ['study', 'quiz', 'cards']

/**
 * Where images, sound and video go.
 *
 * - `inline` (default): each file is a `data:` URI inside the document, so
 *   the one file is all there is to keep, mail or print.
 * - `copy`: files keep their flat names under {@link HtmlOptions.assetsFolder};
 *   the files are handed to {@link HtmlOptions.onAsset} for the caller to
 *   write next to the document.
 */
export type HtmlAssetsMode = 'inline' | 'copy'

/** A file the document refers to in `copy` mode. */
export interface HtmlAsset {
  /** Path relative to the HTML file's folder, `/`-separated (`python_files/diagram.png`). */
  path: string
  /** File contents. */
  data: Uint8Array
  /** The output's name (`context.name`). */
  output: string
  /**
   * Source files of the output, as in `CompileOutput.sources`: how a caller
   * finds the output (and so the folder) this file belongs beside.
   */
  sources: string[]
}

/** Paper sizes the document can ask for. */
export type HtmlPaper = 'A4' | 'Letter'

/** Every paper size. */
export const htmlPapers: readonly HtmlPaper[] = ['A4', 'Letter']

/** Options of the `html` emitter (`emitterOptions.html`). */
export interface HtmlOptions {
  /** Layout; default `study`. */
  layout?: HtmlLayout | undefined
  /**
   * Document title. Default: frontmatter `title`, else the output's name.
   * Given here, it wins over frontmatter (a build-wide choice).
   */
  title?: string | undefined
  /**
   * Paper size written into the page (`@page {size}`). Default: none, so the
   * print dialog's paper is used; set it for headless printing (`--pdf`),
   * where there is no dialog. The layout fits A4 and Letter either way.
   */
  paper?: HtmlPaper | undefined
  /** Media handling; default `inline`. */
  assets?: HtmlAssetsMode | undefined
  /**
   * Folder for media files in `copy` mode, relative to the HTML file.
   * Default: `<output name>_files` (what browsers use for "save complete page").
   */
  assetsFolder?: string | undefined
  /** Receives each media file in `copy` mode, in name order. */
  onAsset?: ((asset: HtmlAsset) => void) | undefined
}

/** {@link HtmlOptions} with defaults applied. */
export interface ResolvedHtmlOptions {
  layout: HtmlLayout
  title: string | undefined
  paper: HtmlPaper | undefined
  assets: HtmlAssetsMode
  assetsFolder: string
  onAsset: ((asset: HtmlAsset) => void) | undefined
}

/**
 * Check and complete the options.
 *
 * @param raw `context.options` (untyped: it may come from a config file).
 * @param name The output's name, for the default assets folder.
 * @throws {TypeError} On an unknown layout or assets mode, or a value of the
 *   wrong type (the build reports it as `emit-failed`).
 */
export function resolveHtmlOptions(raw: Readonly<Record<string, unknown>>, name: string): ResolvedHtmlOptions {
  const layout = raw['layout'] ?? 'study'
  if (typeof layout !== 'string' || !(htmlLayouts as readonly string[]).includes(layout)) {
    throw new TypeError(`Unknown html layout \`${String(layout)}\` (known: ${htmlLayouts.join(', ')})`)
  }
  const paper = raw['paper'] ?? undefined
  const paperName = typeof paper === 'string' ? htmlPapers.find((name) => name.toLowerCase() === paper.toLowerCase()) : undefined
  if (paper !== undefined && paper !== null && paperName === undefined) {
    throw new TypeError(`Unknown html paper \`${String(paper)}\` (known: ${htmlPapers.join(', ')})`)
  }
  const assets = raw['assets'] ?? 'inline'
  if (assets !== 'inline' && assets !== 'copy') {
    throw new TypeError(`Unknown html assets mode \`${String(assets)}\` (known: inline, copy)`)
  }
  const title = raw['title']
  if (title !== undefined && title !== null && typeof title !== 'string') {
    throw new TypeError('The html `title` option must be a string')
  }
  const folder = raw['assetsFolder']
  if (folder !== undefined && folder !== null && (typeof folder !== 'string' || !isRelativeFolder(folder))) {
    throw new TypeError('The html `assetsFolder` option must be a relative folder inside the output folder')
  }
  const onAsset = raw['onAsset']
  if (onAsset !== undefined && onAsset !== null && typeof onAsset !== 'function') {
    throw new TypeError('The html `onAsset` option must be a function')
  }
  return {
    layout: layout as HtmlLayout,
    title: typeof title === 'string' && title.trim() ? title.trim() : undefined,
    paper: paperName,
    assets,
    assetsFolder: typeof folder === 'string' ? folder.replace(/\/+$/, '') : `${name}_files`,
    onAsset: typeof onAsset === 'function' ? (onAsset as (asset: HtmlAsset) => void) : undefined
  }
}

/** A folder that stays below the output folder: relative, no `..`, no drive. */
function isRelativeFolder(folder: string): boolean {
  if (folder === '' || folder.startsWith('/') || folder.includes('\\') || /^[a-z]:/i.test(folder)) return false
  return folder.split('/').every((segment) => segment !== '..')
}
