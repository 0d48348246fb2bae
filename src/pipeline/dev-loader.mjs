// Loads the TypeScript sources in a worker thread when deckdown runs from
// `src/` (its tests): registers dev-hooks.mjs. Not shipped; `dist/` has
// compiled JavaScript.
import {register} from 'node:module'

register('./dev-hooks.mjs', import.meta.url)
