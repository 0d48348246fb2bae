/**
 * How a line of text asks a question by its form alone: a question mark, a
 * `Q.` / `Q12.` / `Question 3:` / `1.` prefix, an interrogative word or an
 * imperative verb (`Explain …`, `Décrivez …`, `简述 …`), in the languages
 * deckdown reads.
 *
 * Form alone is a weak signal: structure inference uses it to find the level
 * a document's questions sit at, and to accept prompts at that level that
 * have no question mark. It never makes a question of a heading that has
 * nothing under it.
 *
 * @module
 */

// Verbs that open exam and interview prompts, in the imperative (and the
// infinitive that French and German prompts use), per language.
const imperativeWords: Readonly<Record<string, readonly string[]>> = {
  en: [
    'explain', 'describe', 'list', 'define', 'compare', 'write', 'name', 'implement', 'create', 'give', 'state', 'discuss', 'differentiate',
    'distinguish', 'outline', 'show', 'illustrate', 'summarize', 'summarise', 'mention', 'tell', 'find', 'identify', 'contrast', 'elaborate',
    'enumerate', 'demonstrate', 'design', 'build', 'convert', 'reverse', 'sort', 'calculate', 'count', 'check', 'print', 'predict', 'how',
    'what', 'why', 'when', 'where', 'which', 'who', 'whom', 'whose', 'is', 'are', 'can', 'could', 'should', 'does', 'do', 'did', 'will',
    'would', 'difference', 'differences'
  ],
  fr: [
    'expliquez', 'expliquer', 'explique', 'décrivez', 'décrire', 'décris', 'citez', 'citer', 'cite', 'définissez', 'définir', 'définis',
    'comparez', 'comparer', 'compare', 'écrivez', 'écrire', 'écris', 'nommez', 'nommer', 'donnez', 'donner', 'donne', 'listez', 'lister',
    'énumérez', 'énumérer', 'implémentez', 'implémenter', 'créez', 'créer', 'présentez', 'présenter', 'quelle', 'quel', 'quels', 'quelles',
    'comment', 'pourquoi', 'quand', 'où', "qu'est-ce", 'qu’est-ce', 'que', 'qui', 'combien', 'différence', 'différences'
  ],
  es: [
    'explique', 'explica', 'explicar', 'describa', 'describe', 'describir', 'enumere', 'enumera', 'defina', 'define', 'definir', 'compare',
    'compara', 'escriba', 'escribe', 'nombre', 'mencione', 'menciona', 'implemente', 'implementa', 'qué', 'cómo', 'cuál', 'cuáles', 'cuándo',
    'dónde', 'quién', 'por qué', 'diferencia', 'diferencias'
  ],
  de: [
    'erklären', 'erkläre', 'erklären sie', 'beschreiben', 'beschreibe', 'nennen', 'nenne', 'definieren', 'definiere', 'vergleichen',
    'vergleiche', 'schreiben', 'schreibe', 'implementieren', 'implementiere', 'was', 'wie', 'warum', 'wieso', 'weshalb', 'welche', 'welcher',
    'welches', 'wann', 'wo', 'wer', 'unterschied', 'unterschiede'
  ],
  it: [
    'spiega', 'spiegare', 'spiegate', 'descrivi', 'descrivere', 'elenca', 'elencare', 'definisci', 'definire', 'confronta', 'confrontare',
    'scrivi', 'scrivere', 'cita', 'implementa', 'cosa', "cos'è", 'come', 'perché', 'quale', 'quali', 'quando', 'dove', 'chi', 'differenza',
    'differenze'
  ],
  pt: [
    'explique', 'explicar', 'descreva', 'descrever', 'liste', 'listar', 'defina', 'definir', 'compare', 'comparar', 'escreva', 'escrever',
    'cite', 'citar', 'implemente', 'o que', 'como', 'por que', 'porque', 'qual', 'quais', 'quando', 'onde', 'quem', 'diferença', 'diferenças'
  ]
}

// Chinese prompts start with the verb and need no space after it.
const chineseOpeners = [
  '解释', '解釋', '简述', '簡述', '描述', '列举', '列舉', '说明', '說明', '比较', '比較', '定义', '定義', '写出', '寫出', '编写', '編寫', '实现',
  '實現', '谈谈', '談談', '说说', '說說', '请', '請', '什么', '什麼', '如何', '为什么', '為什麼', '怎么', '怎麼', '怎样', '怎樣', '哪些', '哪个',
  '哪個', '是否', '区别', '區別'
]

const openerWords = new Set(Object.values(imperativeWords).flat().map((word) => word.normalize('NFC')))

// `Q.`, `Q12.`, `Q 12:`, `Question 3:`, `Question:` (and translations) at the start.
const questionPrefix = /^\s*(?:q|qn|ques|question|frage|pregunta|domanda|pergunta|questão|questao|问题|問題|题目|題目)\s*\d{0,4}\s*[.):：-]\s*\S/iu

const questionMark = /[?？؟]\s*$/u

// `1.`, `12)`, `3、` numbering: a list position, which at the question level marks a question.
const numberPrefix = /^\s*\d{1,4}\s*[.)、:]\s*\S/u

// Chinese questions often end with their interrogative word and no mark.
const chineseEnding = /(?:吗|嗎|呢|哪些|什么|什麼|如何|为什么|為什麼|怎么样|怎麼樣|怎样|怎樣|区别|區別|多少|几种|幾種|是啥|有哪些|是什么|是什麼)\s*$/u

/**
 * Whether text asks by its form: ends in a question mark, carries a
 * question prefix, or opens with an interrogative or imperative word.
 *
 * @param text Plain text of a heading or a line (numbering may be there).
 *
 * @example
 * asksByForm('Q. Explain event delegation') // true
 * asksByForm('Décrivez le GIL') // true
 * asksByForm('Closures') // false
 */
export function asksByForm(text: string): boolean {
  if (questionMark.test(text) || chineseEnding.test(text)) return true
  if (questionPrefix.test(text) || numberPrefix.test(text)) return true
  return opensWithPromptWord(stripLeadingNumber(text))
}

/** Whether text opens with an imperative or interrogative word (no `?` needed). */
export function opensWithPromptWord(text: string): boolean {
  // `¿Qué es…`, `¡Explica…`, `"What…`: opening punctuation is not the word.
  const trimmed = text.trimStart().replace(/^[¿¡"“«'‘(\[*_]+/u, '').slice(0, 40).normalize('NFC')
  if (chineseOpeners.some((opener) => trimmed.startsWith(opener))) return true
  // Look the first word (and the first two, for `por qué`) up in a set:
  // this runs on every heading and bold line of a file.
  const words = /^([\p{L}'’-]+)(?:\s+([\p{L}'’-]+))?/u.exec(trimmed)
  if (!words) return false
  const first = (words[1] ?? '').toLowerCase()
  const second = words[2]?.toLowerCase()
  if (second !== undefined && openerWords.has(`${first} ${second}`)) return true
  if (!openerWords.has(first) && !openerWords.has(first.replace(/['’].*$/, ''))) return false
  // `List comprehensions`, `State management`: verbs that are also nouns ask
  // only when a determiner follows (`List the …`, `Name three …`).
  if (nounVerbs.has(first) && !(second !== undefined && determiners.has(second))) return false
  // `How Drip Irrigation Works`: a title in title case names a topic.
  return !isTitleCase(text)
}

const nounVerbs = new Set(['list', 'name', 'state', 'show', 'check', 'count', 'sort', 'print', 'design', 'build', 'convert', 'reverse', 'find', 'difference', 'differences', 'compare', 'create', 'give', 'tell', 'liste', 'cite', 'nota'])
const determiners = new Set([
  'the', 'a', 'an', 'some', 'all', 'any', 'each', 'every', 'two', 'three', 'four', 'five', 'six', 'seven', 'ten', 'your', 'its', 'their', 'this', 'these',
  'those', 'what', 'which', 'how', 'why', 'between', 'me', 'us', 'and', 'le', 'la', 'les', 'un', 'une', 'des', 'el', 'los', 'las', 'o', 'os', 'as', 'die',
  'der', 'das', 'il', 'lo', 'gli', 'i', 'quatre', 'trois', 'deux', 'cinq'
])

/** English-style Title Case: most words after the first capitalized (`How Drip Irrigation Works`). */
function isTitleCase(text: string): boolean {
  const words = text.trim().split(/\s+/).slice(1).filter((word) => /^\p{L}/u.test(word) && word.length > 3)
  if (words.length < 2) return false
  const capitalized = words.filter((word) => /^\p{Lu}/u.test(word)).length
  return capitalized * 3 >= words.length * 2
}

function stripLeadingNumber(text: string): string {
  return text.replace(/^\s*(?:\d{1,4}\s*[.)]|[-–—•*]|\(\d{1,4}\))\s*/u, '')
}



/**
 * Headings that are never questions however they are placed: the usual
 * front and back matter of a question bank.
 */
const boilerplateTitles = new Set([
  'introduction', 'intro', 'overview', 'about', 'about this repo', 'about this repository', 'preface', 'foreword', 'prerequisites',
  'getting started', 'how to use', 'usage', 'install', 'installation', 'setup', 'references', 'reference', 'resources', 'further reading',
  'see also', 'links', 'useful links', 'credits', 'acknowledgements', 'acknowledgments', 'contributing', 'contribute', 'contributors',
  'license', 'licence', 'disclaimer', 'related', 'related topics', 'related questions', 'related repositories', 'more', 'other topics', 'other questions', 'table of contents', 'support', 'sponsors', 'donate', 'changelog', 'faq', 'summary', 'conclusion', 'notes', 'todo',
  'avant-propos', 'présentation', 'sommaire', 'ressources', 'références', 'licence', 'contribuer', 'remerciements', 'conclusion',
  'introducción', 'referencias', 'recursos', 'licencia', 'einleitung', 'einführung', 'lizenz', 'quellen', 'introduzione', 'riferimenti',
  'introdução', 'referências', '简介', '介绍', '前言', '参考', '参考资料', '许可', '贡献', '致谢', '说明'
])

/** Whether a heading's text is front or back matter (`Introduction`, `License`, `参考资料`). */
export function isBoilerplateTitle(text: string): boolean {
  return boilerplateTitles.has(normalizeTitle(text))
}

/**
 * A heading's text for lookup in a list of titles: NFC, lower case, emoji,
 * numbering and trailing punctuation removed, spaces collapsed.
 *
 * @example
 * normalizeTitle('## 1. Table of Contents 📚') // 'table of contents'
 */
export function normalizeTitle(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, '')
    .replace(/^[\s\d.)#:-]+/u, '')
    .replace(/[\s:：.!-]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim()
}
