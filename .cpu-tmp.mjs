import {readFileSync, readdirSync} from 'node:fs'
import {runFileJob} from './.job-tmp.mjs'
const dir = process.argv[2]
const files = readdirSync(dir).filter(f => f.endsWith('.md')).sort().map(f => ({path: f, value: readFileSync(dir + '/' + f)}))
const t = performance.now()
for (const f of files) runFileJob({path: f.path, value: f.value, options: {}, prepareNotes: true, lean: true})
console.log(files.length, 'files', (performance.now() - t).toFixed(0), 'ms')
