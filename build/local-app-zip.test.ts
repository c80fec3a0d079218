import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')
const zipFile = resolve(root, 'dist', 'salesflow.zip')
const table = JSON.parse(readFileSync(resolve(root, 'widgets', 'placements.json'), 'utf8')) as { widget: string }[]

/** The archive `npm run build` made (npm test builds first). */
function archive(): Record<string, Uint8Array> {
  if (!existsSync(zipFile)) throw new Error('dist/salesflow.zip is missing: run npm run build first')
  return unzipSync(readFileSync(zipFile))
}

describe('dist/salesflow.zip, the static local app', () => {
  it('has index.html and install.html at its root and every widget page of the placements table', () => {
    const names = Object.keys(archive())
    expect(names).toContain('index.html')
    expect(names).toContain('install.html')
    for (const row of table) expect(names).toContain(`widgets/${row.widget}/index.html`)
  })

  it('carries no source maps and no build bookkeeping', () => {
    const files = archive()
    expect(Object.keys(files).filter((n) => n.endsWith('.map') || n.startsWith('.vite/'))).toEqual([])
    for (const [name, bytes] of Object.entries(files))
      if (/\.(js|css|html)$/.test(name)) expect(strFromU8(bytes), name).not.toMatch(/sourceMappingURL=/)
  })

  it('refers to its assets by relative paths that exist inside the archive', () => {
    const files = archive()
    for (const [name, bytes] of Object.entries(files).filter(([n]) => n.endsWith('.html'))) {
      const refs = [...strFromU8(bytes).matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
      expect(refs.length, name).toBeGreaterThan(0)
      for (const ref of refs) {
        expect(ref, `${name}: ${ref}`).toMatch(/^\.\.?\//)
        const target = new URL(ref, `https://app.test/${name}`).pathname.slice(1)
        expect(files[target], `${name} → ${target}`).toBeDefined()
      }
    }
  })

  it('holds no webhook: neither an inbound webhook URL nor the emulator secret', () => {
    for (const [name, bytes] of Object.entries(archive())) {
      if (!/\.(js|css|html|json)$/.test(name)) continue
      const text = strFromU8(bytes)
      expect(text, name).not.toMatch(/\/rest\/\d+\/[A-Za-z0-9_-]{8,}\//)
      expect(text, name).not.toContain('demo-webhook-secret')
    }
  })
})
