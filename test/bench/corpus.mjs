/**
 * The benchmark corpus: French heading-style questions with code examples,
 * 100 questions per file, generated from a seed so every run (and every
 * machine) builds the same bytes.
 *
 * @module
 */
import {mkdir, readdir, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

/** Questions per file, as in the measurements. */
export const questionsPerFile = 100

/** mulberry32: a tiny seeded PRNG (deterministic, good enough for text). */
function random(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const topics = ['la concurrence', 'les générateurs', 'les décorateurs', 'la gestion mémoire', 'les exceptions', 'les itérateurs', 'le typage', 'les fermetures', 'les modules', 'les tests unitaires']
const verbs = ['Expliquez', 'Décrivez', "Qu'est-ce que", 'Comment fonctionne', 'Pourquoi utiliser', 'Comparez']
const phrases = [
  "Le modèle permet d'exécuter plusieurs tâches sans bloquer le fil principal.",
  'Les threads sont limités par le GIL, les processus ont leur propre mémoire (`multiprocessing`).',
  "Un générateur produit ses valeurs à la demande grâce à `yield`, ce qui économise la mémoire.",
  'Un décorateur enveloppe une fonction et renvoie une nouvelle fonction.',
  "Le ramasse-miettes libère les objets dont le compteur de références tombe à zéro.",
  'Une exception non interceptée remonte la pile jusqu’au niveau supérieur.',
  'Les annotations de type sont vérifiées par des outils comme **mypy**, pas à l’exécution.',
  'Une fermeture capture les variables de la portée englobante.'
]
const snippets = [
  (n) => `async def main():\n    await asyncio.sleep(${n})\n    return ${n} * 2`,
  (n) => `def compteur(limite):\n    for i in range(limite):\n        yield i * ${n}`,
  (n) => `@functools.lru_cache(maxsize=${n})\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)`,
  (n) => `try:\n    valeur = int("${n}")\nexcept ValueError as erreur:\n    print(erreur)`,
  (n) => `def ajouteur(x):\n    def ajoute(y):\n        return x + y + ${n}\n    return ajoute`
]

const pick = (next, list) => list[Math.floor(next() * list.length)]

/** The Markdown of file `index` (0-based) holding `count` questions. */
export function fileText(index, count = questionsPerFile) {
  const next = random(0x5eed + index)
  const parts = [`# Chapitre ${index + 1} : ${pick(next, topics)}\n`]
  for (let q = 1; q <= count; q++) {
    const topic = pick(next, topics)
    const answer = Array.from({length: 3 + Math.floor(next() * 4)}, () => pick(next, phrases)).join(' ')
    const points = Array.from({length: 2 + Math.floor(next() * 2)}, () => `- ${pick(next, phrases)}`).join('\n')
    const code = Array.from({length: 1 + Math.floor(next() * 2)}, (_, n) => pick(next, snippets)(q + n)).join('\n\n')
    parts.push(
      `## Question ${q} : ${pick(next, verbs)} ${topic} (cas ${index + 1}.${q}) ?\n\n` +
        `**Réponse :**\n${answer}\n\n${points}\n\n` +
        `**Exemple :**\n\n\`\`\`python\n${code}\n\`\`\`\n`
    )
  }
  return parts.join('\n')
}

/**
 * Write a corpus of `files` files of `perFile` questions into `folder`
 * (emptied first).
 *
 * @returns Total bytes written.
 */
export async function writeCorpus(folder, files, perFile = questionsPerFile) {
  await rm(folder, {recursive: true, force: true})
  await mkdir(folder, {recursive: true})
  let bytes = 0
  for (let index = 0; index < files; index++) {
    const text = fileText(index, perFile)
    bytes += Buffer.byteLength(text)
    await writeFile(join(folder, `chapitre-${String(index + 1).padStart(4, '0')}.md`), text)
  }
  return bytes
}

/** Markdown files of a corpus folder, in name order. */
export async function corpusFiles(folder) {
  return (await readdir(folder)).filter((name) => name.endsWith('.md')).sort()
}
