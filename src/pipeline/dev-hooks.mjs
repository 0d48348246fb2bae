// Module hooks for dev-loader.mjs: `.js` imports of a `.ts` module resolve to
// the `.ts` file (the TypeScript convention the sources follow), and `.ts`
// files are compiled with esbuild, as tsup does for `dist/`.
import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {transform} from 'esbuild'

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context)
  } catch (error) {
    if (specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) return next(`${specifier.slice(0, -3)}.ts`, context)
    throw error
  }
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context)
  const path = fileURLToPath(url)
  const {code} = await transform(await readFile(path, 'utf8'), {loader: 'ts', format: 'esm', target: 'node20', sourcefile: path})
  return {format: 'module', source: code, shortCircuit: true}
}
