import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import pkg from '../package.json'
import { viteFontSource, viteFontUrls } from '../src/fonts/vite-font-source'

const root = resolve(import.meta.dirname, '..')

/** Every module a source file reaches through static imports (type-only imports excluded). */
function staticGraph(entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>()
  const bare = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const source = readFileSync(file, 'utf8')
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)) {
      const spec = m[1] ?? m[2] ?? ''
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.endsWith('.ts') ? spec : `${spec}.ts`))
      else bare.add(spec)
    }
  }
  visit(resolve(root, entry))
  return { files, bare }
}

describe('entry points', () => {
  it('exports the model, the renderers and the font loaders as separate entries', () => {
    expect(Object.keys(pkg.exports)).toEqual(['.', './model', './node-fonts', './vite-fonts'])
    expect(pkg.sideEffects).toBe(false)
  })

  it('the model entry reaches neither jsPDF nor docx, so the widget can build offers without them', () => {
    const { bare } = staticGraph(pkg.exports['./model'])
    expect([...bare].sort()).toEqual(['@salesflow/rules'])
  })

  it('the main entry loads jsPDF and docx only inside the renderers (dynamic import)', () => {
    const { bare, files } = staticGraph(pkg.exports['.'])
    expect([...bare].sort()).toEqual(['@salesflow/rules'])
    const sources = [...files].map((f) => readFileSync(f, 'utf8')).join('\n')
    expect(sources).toContain("await import('jspdf')")
    expect(sources).toContain("await import('docx')")
  })

  it('has no top-level statements beyond declarations in the main entry graph', async () => {
    const before = Object.keys(globalThis).length
    const mod = await import('../src/index')
    expect(typeof mod.renderOfferPdf).toBe('function')
    expect(Object.keys(globalThis).length).toBe(before)
  })

  it('gives the browser font loader the URLs Vite emits for the DejaVu files', () => {
    expect(viteFontUrls.regular).toMatch(/DejaVuSans-subset\.ttf/)
    expect(viteFontUrls.bold).toMatch(/DejaVuSans-Bold-subset\.ttf/)
    expect(typeof viteFontSource.load).toBe('function')
  })
})
