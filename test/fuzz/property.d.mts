/** Types of `property.mjs` (plain JavaScript, shared with `npm run fuzz`). */
import type {compile} from '../../src/compile.js'
import type {FuzzCase} from './arbitraries.mjs'
export function checkPipeline(compileFunction: typeof compile, ruleIds: ReadonlySet<string>, fuzzCase: FuzzCase, formats?: readonly string[]): Promise<void>
export const allFormats: string[]
export function toRegression(fuzzCase: FuzzCase, error: unknown, seed: number): {seed: number; error: string; options: Record<string, unknown>; bytes: string}
export function fromRegression(record: {options: Record<string, unknown>; bytes: string}): FuzzCase
