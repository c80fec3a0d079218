import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import b24ui from '@bitrix24/b24ui-nuxt/vite'

const root = import.meta.dirname

/**
 * One page per row of the placements table (widgets/placements.json, also read by the emulator's host page and the
 * install page). A widget folder missing from the table, or a row without its page, fails the build.
 */
function widgetPages(): Record<string, string> {
  const dir = resolve(root, 'widgets')
  const table = JSON.parse(readFileSync(resolve(dir, 'placements.json'), 'utf8')) as { widget: string }[]
  const listed = new Set(table.map((row) => row.widget))
  for (const d of readdirSync(dir, { withFileTypes: true }))
    if (d.isDirectory() && !listed.has(d.name))
      throw new Error(`widgets/${d.name} has no row in widgets/placements.json`)
  return Object.fromEntries(
    [...listed].map((name) => {
      const page = resolve(dir, name, 'index.html')
      if (!existsSync(page))
        throw new Error(`widgets/placements.json lists ${name}, but widgets/${name}/index.html is missing`)
      return [name, page]
    }),
  )
}

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

/** Bitrix24 opens placement handlers with a form POST; vite dev/preview would answer 404. */
export function acceptBitrixPost(): Plugin {
  const rewrite = (req: { method?: string; headers: Record<string, unknown> }, _res: unknown, next: () => void) => {
    if (req.method === 'POST' && /text\/html|\*\/\*/.test(String(req.headers['accept'] ?? '*/*'))) req.method = 'GET'
    next()
  }
  return {
    name: 'accept-bitrix24-post',
    configureServer: (server) => void server.middlewares.use(rewrite),
    configurePreviewServer: (server) => void server.middlewares.use(rewrite),
  }
}

/**
 * Widget bundles get the SDK's luxon cut to what the SDK uses in a page (packages/portal/src/sdk/luxon-lite.ts):
 * −22 kB gzip of initial JS on every widget page. Node (worker, scripts, unit tests) keeps the real luxon.
 */
function luxonLite(): Plugin {
  const lite = resolve(root, 'packages/portal/src/sdk/luxon-lite.ts')
  return {
    name: 'salesflow:luxon-lite',
    apply: 'build',
    enforce: 'pre',
    resolveId: (id) => (id === 'luxon' ? lite : null),
  }
}

/**
 * axios picks its XMLHttpRequest adapter in every browser; its fetch adapter (≈ 4 kB gzip) would serve only where
 * XMLHttpRequest is missing. Widget bundles leave it out the way axios's browser build leaves out its Node adapter:
 * `getFetch` answers null, "not available in the build".
 */
function axiosWithoutFetch(): Plugin {
  const stub = '\0salesflow:axios-fetch-adapter'
  return {
    name: 'salesflow:axios-without-fetch',
    apply: 'build',
    enforce: 'pre',
    resolveId: (id, importer) =>
      id === './fetch.js' && importer?.replaceAll('\\', '/').endsWith('/axios/lib/adapters/adapters.js') ? stub : null,
    load: (id) => (id === stub ? 'export const getFetch = () => null' : null),
  }
}

/**
 * b24ui's icon dictionary ends with icons for markdown authors, looked up by name only by its prose components,
 * which widget pages never render (b24uiOptions: prose and mdc off). Widget bundles cut them: −3.8 kB gzip.
 */
function b24uiIconsWithoutProse(): Plugin {
  const marker = '// Named icons exposed to markdown authors'
  return {
    name: 'salesflow:b24ui-icons-without-prose',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith('/b24ui-nuxt/dist/runtime/dictionary/icons.js')) return null
      const at = code.indexOf(marker)
      if (at < 0) this.error(`b24ui's icon dictionary changed: '${marker}' is gone; revisit b24uiIconsWithoutProse`)
      return `${code.slice(0, at)}\n}\n`
    },
  }
}

export const b24uiOptions = {
  router: false,
  colorMode: false,
  prose: false,
  mdc: false,
  experimental: { componentDetection: true },
} as const

/** Every page of the build: the widgets of the placements table, the settings page (index) and the installer. */
const pages = { ...widgetPages(), index: resolve(root, 'index.html'), install: resolve(root, 'install.html') }
const pageCount = Object.keys(pages).length

export default defineConfig({
  base: './',
  define: {
    // Every component here, in b24ui and in reka-ui is written with setup(): Vue's Options API code is dead weight
    // (−1.5 kB gzip on the deal page).
    __VUE_OPTIONS_API__: 'false',
  },
  plugins: [
    vue(),
    acceptBitrixPost(),
    luxonLite(),
    axiosWithoutFetch(),
    b24uiIconsWithoutProse(),
    b24ui(b24uiOptions),
    localAppZip(resolve(root, 'dist')),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bench/widget-sizes.bench.ts reads the chunk graph from here.
    manifest: true,
    // Only the on-demand export chunks (jspdf ≈ 400 kB raw) pass Vite's 500 kB warning; page budgets live in the bench.
    chunkSizeWarningLimit: 1000,
    // The app's own pages sit at the archive's root (sources in app/): index.html is the settings page (placement
    // DEFAULT), install.html the installer; the local-app plugin packs dist/ into dist/salesflow.zip.
    rolldownOptions: {
      input: pages,
      // Code every page loads at start (Vue, b24ui, the kit) in one chunk: rolldown would otherwise cut it into several
      // by which lazy chunks share which part, and each page would fetch them all, compressed apart (≈ −1.7 kB gzip
      // per page). Shared by as many entries as there are pages: code only some pages use stays out of the others.
      output: { codeSplitting: { groups: [{ name: 'common', tags: ['$initial'], minShareCount: pageCount }] } },
    },
  },
  test: {
    // One project per package and per widget; a package may add its own vitest.config.ts.
    projects: [
      'packages/*',
      'widgets/*',
      '!widgets/placements.json',
      // The app's own pages (settings, install).
      'app',
      // The local-app archive of the last `npm run build` (npm test builds first).
      { test: { name: 'build', root: './build', include: ['*.test.ts'] } },
      {
        // The worker against a real RabbitMQ (Debian's rabbitmq-server, started and stopped by the tests themselves):
        // one file at a time, each with its own broker; bounded so a stuck broker fails the run instead of hanging it.
        test: {
          name: 'worker-broker',
          root: './packages/worker',
          include: ['test/broker/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
