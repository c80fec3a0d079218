// Builds the widget pages and prints, per page, what the browser loads to open it (entry chunk, its static
// imports and CSS) and what loads later on demand (dynamic imports: jspdf, docx, fonts, forms), gzip sizes.
// Target: initial JavaScript of every page ≤ 200 kB gzip (the export code excluded). Under each page: its
// initial chunks, then the packages that fill them (≈: a chunk's gzip size shared out by each module's
// rendered length), so the next thing to trim is in plain sight.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Rollup } from 'vite'

const TARGET = 200_000
const root = join(import.meta.dirname, '..')
const built = await build({ root, logLevel: 'error' })
const chunks = new Map<string, Rollup.OutputChunk>()
const assets = new Map<string, Rollup.OutputAsset>()
for (const out of (Array.isArray(built) ? built : [built]) as Rollup.RollupOutput[])
  for (const o of out.output) (o.type === 'chunk' ? chunks : assets).set(o.fileName, o as never)

const gzipped = new Map<string, number>()
/** A built file's gzip size, computed once per file (byPackage asks for it once per module). */
function gz(file: string): number {
  let size = gzipped.get(file)
  if (size === undefined) gzipped.set(file, (size = gzipSync(readFileSync(join(root, 'dist', file))).length))
  return size
}
const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`.padStart(9) // kB = 1,000 bytes, as Vite reports

/** The chunks reachable from `files` through `edge`, skipping those in `seen`. */
function closure(files: readonly string[], edge: (c: Rollup.OutputChunk) => string[], seen = new Set<string>()) {
  for (const f of files) {
    const c = chunks.get(f)
    if (seen.has(f) || !c) continue
    seen.add(f)
    closure(edge(c), edge, seen)
  }
  return seen
}

/** node_modules package, workspace package or widget a module belongs to. */
function owner(id: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)
  if (pkg) return pkg[1]!
  const own = /\/((?:packages|widgets)\/[^/]+)\//.exec(id)
  return own ? own[1]! : id.replace(/\?.*$/, '').replace(/^\0/, '')
}

/** Each chunk's gzip size shared out over the packages of its modules, by rendered length. */
function byPackage(files: Iterable<string>): [string, number][] {
  const share = new Map<string, number>()
  for (const f of files) {
    const c = chunks.get(f)!
    const modules = Object.entries(c.modules)
    const total = modules.reduce((s, [, m]) => s + m.renderedLength, 0)
    for (const [id, m] of modules)
      if (total) share.set(owner(id), (share.get(owner(id)) ?? 0) + (gz(f) * m.renderedLength) / total)
  }
  return [...share].sort((a, b) => b[1] - a[1])
}

console.log('page            initial JS   initial CSS   lazy JS (on demand)   target')
let over = 0
for (const entry of [...chunks.values()].filter((c) => c.isEntry)) {
  const initial = closure([entry.fileName], (c) => c.imports)
  const lazy = closure(
    [...initial].flatMap((f) => chunks.get(f)!.dynamicImports),
    (c) => [...c.imports, ...c.dynamicImports],
    new Set(initial),
  )
  for (const f of initial) lazy.delete(f)
  const css = new Set([...initial].flatMap((f) => [...(chunks.get(f)!.viteMetadata?.importedCss ?? [])]))
  const js = [...initial].reduce((s, f) => s + gz(f), 0)
  const cssSize = [...css].filter((f) => assets.has(f)).reduce((s, f) => s + gz(f), 0)
  const lazyJs = [...lazy].reduce((s, f) => s + gz(f), 0)
  const ok = js <= TARGET
  if (!ok) over++
  console.log(
    `${entry.name.padEnd(14)} ${kb(js)}    ${kb(cssSize)}    ${kb(lazyJs)}            ${ok ? '✓ ≤ 200 kB' : '✗ > 200 kB'}`,
  )
  for (const f of initial) console.log(`  chunk ${kb(gz(f))}  ${f}`)
  for (const [name, size] of byPackage(initial).slice(0, 12)) console.log(`  ≈ ${kb(size)}  ${name}`)
}
if (over) console.log(`${over} page(s) over the initial-JS target`)
