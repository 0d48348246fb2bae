/**
 * The media a question references, for the JSON output: each `src` once, in
 * document order, with its kind (`image`, `audio`, `video`), so other tools
 * can tell a sound from a picture without parsing the HTML.
 *
 * The kind is what the file's bytes say when it is local and loads (a
 * `hello.png` holding MP3 is audio), else what the reference says (`<audio>`,
 * `![](x.mp3)`, a plain image).
 *
 * @module
 */
import type {FieldContent, Question} from '../../ast/types.js'
import {isRemote, mediaKey, type MediaLoader, type MediaRequest} from '../../media/index.js'
import {resolveKind, type MediaKind} from '../../media/kind.js'
import type {Renderer} from '../../render/index.js'
import {mediaElements, type MediaElement} from '../../render/media.js'

/** One media reference of a question in the JSON output. */
export interface JsonMedia {
  /** The `src` as the field's `html` writes it (relative path or URL). */
  src: string
  kind: MediaKind
  /** Whether `src` is a remote URL (never downloaded). */
  remote: boolean
}

/**
 * The media of each question, in the order given.
 *
 * @param questions Questions of the output.
 * @param render `context.render`.
 * @param loader `context.media` (reads local files once per build, reports refusals).
 */
export async function questionMedia(questions: readonly Question[], render: Renderer, loader: MediaLoader): Promise<JsonMedia[][]> {
  const found = questions.map((question) => fieldsOf(question).flatMap((field) => elementsOf(field, render)))
  const requests: MediaRequest[] = found.flatMap((elements, index) => {
    const question = questions[index]
    return question ? elements.map(({element, src, kind}) => ({src, kind, question, position: element.position})) : []
  })
  const loaded = await loader.load(requests)
  const formats = new Map(loaded.files.map((file) => [file.name, file.format]))
  return found.map((elements, index) => {
    const question = questions[index]
    return question ? describe(question, elements) : []
  })

  function describe(question: Question, elements: readonly MediaElement[]): JsonMedia[] {
    const seen = new Set<string>()
    const media: JsonMedia[] = []
    for (const {src, kind} of elements) {
      if (src === '' || seen.has(src)) continue
      seen.add(src)
      const name = loaded.names.get(mediaKey(question.file, src))
      const resolved = name === undefined ? kind : resolveKind(kind, formats.get(name))
      media.push({src, kind: resolved, remote: isRemote(src)})
    }
    return media
  }
}

/**
 * Media elements of a field. Most fields have none: their cached HTML says
 * so without copying the tree (`render.hast` hands out a copy).
 */
function elementsOf(field: FieldContent, render: Renderer): MediaElement[] {
  return /<(?:img|audio|video)\b/.test(render.html(field)) ? mediaElements(render.hast(field)) : []
}

function fieldsOf(question: Question): FieldContent[] {
  return [question.prompt, question.answer, question.example, question.extra, ...(question.choices ?? []).map((choice) => choice.content)].filter(
    (field): field is FieldContent => field !== null
  )
}
