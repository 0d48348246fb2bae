/**
 * Labelled metadata lines before a question (`**Compétence** : Programmation
 * - Python`, `**Difficulty:** hard`, `**Tags:** sql, joins`): they describe
 * the question, so they become tags (`competence::programmation-python`),
 * not answer text.
 *
 * @module
 */
import type {Paragraph, PhrasingContent, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {normalizeLabel} from '../markers.js'

/** Metadata labels per language → the tag prefix they give (`null`: the value is a list of tags). */
const metadataLabels: Readonly<Record<string, string | null>> = buildLabels({
  competence: ['competence', 'compétence', 'compétences', 'skill', 'skills', 'competencia', 'kompetenz', 'competenza', 'competência', '能力', '技能'],
  difficulty: ['difficulty', 'difficulté', 'niveau', 'level', 'dificultad', 'nivel', 'schwierigkeit', 'schwierigkeitsgrad', 'difficoltà', 'livello', 'dificuldade', 'nível', '难度', '難度'],
  topic: ['topic', 'topics', 'thème', 'theme', 'sujet', 'tema', 'thema', 'argomento', 'tópico', 'assunto', '主题', '主題'],
  category: ['category', 'catégorie', 'categoría', 'kategorie', 'categoria', '分类', '分類', '类别'],
  domain: ['domain', 'domaine', 'dominio', 'bereich', 'domínio', '领域'],
  tags: ['tags', 'tag', 'étiquettes', 'mots-clés', 'etiquetas', 'schlagwörter', 'schlagworte', 'etichette', 'marcadores', '标签', '標籤']
})

function buildLabels(table: Readonly<Record<string, readonly string[]>>): Record<string, string | null> {
  const labels: Record<string, string | null> = {}
  for (const [prefix, words] of Object.entries(table)) for (const word of words) labels[normalizeLabel(word)] = prefix === 'tags' ? null : prefix
  return labels
}

/**
 * The tags a metadata paragraph gives, or undefined when the block is not
 * one. The label must be bold or emphasized and followed by a colon.
 *
 * @example
 * metadataTags(paragraph) // ['competence::programmation-python'] for `**Compétence** : Programmation - Python`
 */
export function metadataTags(block: RootContent): string[] | undefined {
  if (block.type !== 'paragraph') return undefined
  const [first, ...after] = block.children
  if (!first || (first.type !== 'strong' && first.type !== 'emphasis')) return undefined
  let label = toString(first)
  let rest: PhrasingContent[] = after
  const inside = /^([^:：]{1,40}?)\s*[:：]\s*(.*)$/su.exec(label)
  if (inside && inside[2]) {
    // `**Difficulty: hard**`
    label = inside[1] ?? ''
    rest = [{type: 'text', value: inside[2]}, ...after]
  } else if (!/[:：]\s*$/.test(label)) {
    const next = after[0]
    if (next?.type !== 'text' || !/^[\s\u00A0\u202F]*[:：]/.test(next.value)) return undefined
  }
  const key = normalizeLabel(label)
  if (!(key in metadataLabels)) return undefined
  const prefix = metadataLabels[key]
  const value = toString({type: 'paragraph', children: rest} as Paragraph)
    .replace(/^[\s\u00A0\u202F]*[:：]/, '')
    .trim()
  if (value === '' || value.includes('\n')) return undefined
  if (prefix === null) return value.split(/[,;，、]|\s+/).map(tagSlug).filter(Boolean)
  const slug = prefix === 'difficulty' ? (difficultyWords[tagSlug(value)] ?? tagSlug(value)) : tagSlug(value)
  return slug ? [`${prefix}::${slug}`] : undefined
}

// Difficulty words → the grades that level-heading emoji give (`difficulty::hard`).
const difficultyWords: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    easy: ['easy', 'beginner', 'basic', 'facile', 'debutant', 'fácil', 'facil', 'principiante', 'leicht', 'einfach', 'iniciante', '简单', '初级', '容易'],
    medium: ['medium', 'intermediate', 'moyen', 'moyenne', 'intermediaire', 'medio', 'media', 'intermedio', 'mittel', 'mittelschwer', 'medio', 'intermediario', '中等', '中级'],
    hard: ['hard', 'difficult', 'advanced', 'difficile', 'avance', 'dificil', 'avanzado', 'schwer', 'schwierig', 'fortgeschritten', 'avancato', '困难', '高级', '难'],
    expert: ['expert', 'hardcore', 'experto', 'esperto', 'especialista', '专家']
  }).flatMap(([grade, words]) => words.map((word) => [tagSlug(word), grade]))
)

/**
 * A tag-safe slug: accents dropped, lower case, runs of anything but letters
 * and digits turned into one `-`. Letters of other scripts are kept.
 *
 * @example
 * tagSlug('Programmation - Python') // 'programmation-python'
 */
export function tagSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/#/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
}

/** Metadata read out of a run of blocks: tags and the line they stood on. */
export interface MetadataLine {
  line: number
  tags: string[]
}

/**
 * Take metadata paragraphs out of blocks.
 *
 * @returns The other blocks, and the metadata lines in order.
 */
export function takeMetadata(blocks: readonly RootContent[]): {blocks: RootContent[]; lines: MetadataLine[]} {
  const rest: RootContent[] = []
  const lines: MetadataLine[] = []
  for (const block of blocks) {
    const tags = metadataTags(block)
    if (tags && block.position) lines.push({line: block.position.start.line, tags})
    else rest.push(block)
  }
  return {blocks: rest, lines}
}

/**
 * Give each question the tags of the metadata lines between the previous
 * question's start and its own.
 *
 * @param questions Questions in document order (their `tags` are extended).
 */
export function applyMetadata(questions: ReadonlyArray<{tags: string[]; position: {start: {line: number}}}>, lines: readonly MetadataLine[]): void {
  let next = 0
  for (const question of questions) {
    const start = question.position.start.line
    while (next < lines.length && (lines[next] as MetadataLine).line < start) {
      question.tags.push(...(lines[next] as MetadataLine).tags)
      next++
    }
  }
}

/** Take the metadata paragraphs at the start of a question's body (before any other block). */
export function takeLeadingMetadata(blocks: readonly RootContent[]): {blocks: RootContent[]; lines: MetadataLine[]} {
  let end = 0
  while (end < blocks.length && metadataTags(blocks[end] as RootContent)) end++
  return {blocks: blocks.slice(end), lines: takeMetadata(blocks.slice(0, end)).lines}
}
