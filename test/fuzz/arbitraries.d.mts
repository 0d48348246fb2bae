/** Types of `arbitraries.mjs` (plain JavaScript, shared with `npm run fuzz`). */
import type fc from 'fast-check'
export interface FuzzCase {
  bytes: Uint8Array
  options: Record<string, unknown>
}
export function fixtureInputs(): Uint8Array[]
export function markdownText(fcModule: typeof fc): fc.Arbitrary<string>
export function encodedBytes(fcModule: typeof fc, text: fc.Arbitrary<string>): fc.Arbitrary<Uint8Array>
export function mutatedFixture(fcModule: typeof fc, fixtures: Uint8Array[]): fc.Arbitrary<Uint8Array>
export function buildOptions(fcModule: typeof fc): fc.Arbitrary<Record<string, unknown>>
export function fuzzCase(fcModule: typeof fc, fixtures?: Uint8Array[]): fc.Arbitrary<FuzzCase>
