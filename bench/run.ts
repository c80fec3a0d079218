// Runs every bench/*.bench.ts (or only those whose name contains the first argument) and prints its figures.
import { readdirSync } from 'node:fs'

const filter = process.argv[2] ?? ''
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort()
for (const f of files) {
  console.log(`\n== ${f} ==`)
  await import(`./${f}`)
}
