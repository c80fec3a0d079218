// Builds the widget pages and prints, per page, what the browser loads to open it (entry chunk, its static
// imports and CSS) and what loads later on demand (dynamic imports: jspdf, docx, fonts, forms), gzip sizes.
// Target: initial JavaScript of every page under 250 kB gzip (the export code excluded).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

interface Chunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
  assets?: string[]
}

const root = join(import.meta.dirname, '..')
execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' })
const manifest = JSON.parse(readFileSync(join(root, 'dist/.vite/manifest.json'), 'utf8')) as Record<string, Chunk>

const gz = (file: string) => gzipSync(readFileSync(join(root, 'dist', file))).length
const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`.padStart(9) // kB = 1,000 bytes, as Vite reports

/** The chunks reachable from `keys` through `edge`, skipping those in `seen`. */
function closure(keys: readonly string[], edge: (c: Chunk) => string[], seen = new Set<string>()): Set<string> {
  for (const k of keys) {
    if (seen.has(k) || !manifest[k]) continue
    seen.add(k)
    closure(edge(manifest[k]), edge, seen)
  }
  return seen
}

console.log('page            initial JS   initial CSS   lazy JS (on demand)   target')
let over = 0
for (const key of Object.keys(manifest).filter((k) => manifest[k]!.isEntry)) {
  const page = key.replace(/^widgets\/|\/index\.html$/g, '')
  const initial = closure([key], (c) => c.imports ?? [])
  const lazy = closure(
    [...initial].flatMap((k) => manifest[k]?.dynamicImports ?? []),
    (c) => [...(c.imports ?? []), ...(c.dynamicImports ?? [])],
    new Set(initial),
  )
  for (const k of initial) lazy.delete(k)
  const js = [...initial].reduce((s, k) => s + gz(manifest[k]!.file), 0)
  const css = [...new Set([...initial].flatMap((k) => manifest[k]?.css ?? []))].reduce((s, f) => s + gz(f), 0)
  const lazyJs = [...lazy].reduce((s, k) => s + gz(manifest[k]!.file), 0)
  const ok = js < 250_000
  if (!ok) over++
  console.log(
    `${page.padEnd(14)} ${kb(js)}    ${kb(css)}    ${kb(lazyJs)}            ${ok ? '✓ < 250 kB' : '✗ ≥ 250 kB'}`,
  )
}
if (over) console.log(`${over} page(s) over the initial-JS target`)
