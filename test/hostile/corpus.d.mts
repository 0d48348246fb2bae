/** Types of `corpus.mjs` (plain JavaScript, shared with the benchmark script). */
export interface HostileRow {
  name: string
  description: string
  files(): Record<string, string | Uint8Array>
  args?: string[]
  expected: {path: string; ruleId: string | null; line?: number; count?: number}
  exitCode: number
  built: boolean
  ceiling: {seconds: number; rssMb: number}
}
export const goodFile: {path: string; text: string}
export const hostileRows: HostileRow[]
export const hostileFormats: string
