import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import type { Plugin } from 'vite'

/** The static local-app archive a portal administrator uploads (b24-platform.md §7): index.html and install.html at its root. */
export const LOCAL_APP_ZIP = 'salesflow.zip'

/** Build bookkeeping that is no part of the app: the chunk manifest, source maps, the archive itself. */
const LEFT_OUT = (path: string): boolean => path.startsWith('.vite/') || path.endsWith('.map') || path === LOCAL_APP_ZIP

function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path).split(sep).join('/')]
  })
}

/**
 * After `vite build`, packs dist/ into dist/salesflow.zip (fflate, no system `zip`): every page with its assets under
 * the same relative paths, so the relative asset URLs (`base: './'`) resolve on the portal's CDN as they do here.
 */
export function localAppZip(outDir: string): Plugin {
  return {
    name: 'salesflow-local-app-zip',
    apply: 'build',
    closeBundle() {
      const files = filesUnder(outDir)
        .filter((path) => !LEFT_OUT(path))
        .sort()
      for (const page of ['index.html', 'install.html'])
        if (!files.includes(page)) throw new Error(`${LOCAL_APP_ZIP}: dist/${page} is missing`)
      // A fixed date keeps the archive byte-identical for identical builds.
      const entries: Zippable = Object.fromEntries(
        files.map((path) => [path, [readFileSync(join(outDir, path)), { mtime: new Date('2026-01-01T00:00:00Z') }]]),
      )
      writeFileSync(join(outDir, LOCAL_APP_ZIP), zipSync(entries, { level: 9 }))
    },
  }
}
