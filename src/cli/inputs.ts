/**
 * Turning command-line operands into input files.
 *
 * - A file named explicitly is compiled whatever its extension.
 * - A folder is searched recursively for `*.md` and `*.markdown` (hidden
 *   folders and `node_modules` skipped).
 * - Anything else with glob characters is a glob; its own pattern decides
 *   which files match.
 *
 * Output names mirror each file's path below the folder (or glob base) it was
 * found in, so `build notes -o out` writes `out/python/basics.json` for
 * `notes/python/basics.md`. A file's version for the build cache comes
 * from its `stat` (`stableVersion`).
 *
 * @module
 */
import type {Stats} from 'node:fs'
import {stat} from 'node:fs/promises'
import {dirname, extname, isAbsolute, relative, resolve, sep} from 'node:path'
import {glob, isDynamicPattern} from 'tinyglobby'

/** One input file found from the operands. */
export interface FoundInput {
  /** Absolute path, for reading. */
  absolute: string
  /** Path relative to the working directory, `/`-separated (diagnostics). */
  path: string
  /**
   * Path below the folder (or glob base) it was found in, `/`-separated: how
   * outputs name it (the Source field, print footers); the bare file name for
   * a file named explicitly.
   */
  name: string
  /** Output path without extension, relative to the output folder. */
  output: string
  /** Absolute folder the file was found in (its media must stay inside it). */
  root: string
  /** Sub-folders between that folder and the file (`python/advanced`), for folder decks. */
  folders: string[]
}

/** Result of expanding operands. */
export interface ExpandResult {
  inputs: FoundInput[]
  /** Operands that matched nothing, with why. */
  problems: Array<{operand: string; reason: string}>
}

/** Extensions picked up from folders. */
export const markdownExtensions = ['.md', '.markdown'] as const

const ignore = ['**/node_modules/**', '**/.*/**']

/**
 * Expand operands (files, folders, globs) into input files, sorted and unique.
 *
 * @param operands What the user typed.
 * @param cwd Working directory.
 */
export async function expandInputs(operands: readonly string[], cwd: string): Promise<ExpandResult> {
  const found = new Map<string, FoundInput>()
  const problems: ExpandResult['problems'] = []
  const add = (absolute: string, root: string) => {
    if (found.has(absolute)) return
    const below = relative(root, absolute)
    found.set(absolute, {
      absolute,
      path: toPosix(relative(cwd, absolute)) || absolute,
      name: toPosix(below),
      output: toPosix(below.slice(0, below.length - extname(below).length)),
      root,
      folders: toPosix(dirname(below)).split('/').filter((segment) => segment && segment !== '.')
    })
  }

  for (const operand of operands) {
    const absolute = resolve(cwd, operand)
    const info = await stat(absolute).catch(() => undefined)
    if (info?.isFile()) {
      add(absolute, dirname(absolute))
    } else if (info?.isDirectory()) {
      const matches = await glob(markdownExtensions.map((extension) => `**/*${extension}`), {
        cwd: absolute,
        absolute: true,
        ignore,
        onlyFiles: true,
        caseSensitiveMatch: false
      })
      if (matches.length === 0) problems.push({operand, reason: 'folder holds no .md or .markdown file'})
      for (const match of matches.sort()) add(resolve(match), absolute)
    } else if (isDynamicPattern(operand)) {
      const pattern = toPosix(operand)
      const base = resolve(cwd, globBase(pattern))
      const matches = await glob([pattern], {cwd, absolute: true, ignore, onlyFiles: true})
      if (matches.length === 0) problems.push({operand, reason: 'glob matches no file'})
      for (const match of matches.sort()) add(resolve(match), base)
    } else {
      problems.push({operand, reason: 'no such file or folder'})
    }
  }
  const inputs = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return {inputs, problems}
}

/** The folder part of a glob before its first magic segment (`notes/**\/*.md` → `notes`). */
export function globBase(pattern: string): string {
  const segments = pattern.split('/')
  const fixed: string[] = []
  for (const segment of segments.slice(0, -1)) {
    if (isDynamicPattern(segment)) break
    fixed.push(segment)
  }
  const base = fixed.join('/')
  return base || (isAbsolute(pattern) ? '/' : '.')
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/')
}

/**
 * A file's version for the cache (`CompileInput.version`): its device,
 * inode, size and modification and change times, which any write changes.
 * None for a file written or changed in the last two seconds: on a file
 * system whose clock counts whole seconds (or two), a second write in the
 * same tick would leave the same version, so such a file is read.
 */
export function stableVersion(info: Stats, now: number): string | undefined {
  if (Math.max(info.mtimeMs, info.ctimeMs) > now - 2000) return undefined
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`
}
