import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, sep } from 'node:path'
import type { AppGrant } from '@salesflow/portal'

/**
 * What is served, by extension; anything else under dist/ (source maps, the local-app zip, the build manifest) is
 * not part of the app the portal frames and answers 404.
 */
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
}

/** Vite names what it emits under assets/ `<name>-<8-char hash>.<ext>`: a new build gives a new name. */
const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/

/** Bitrix24's handler form is a dozen short fields (b24-platform.md §1.4); anything far bigger is not the portal. */
const FORM_LIMIT = 64 * 1024

export interface DistSiteOptions {
  /** The built app (`npm run build`'s dist/). */
  readonly dir: string
  readonly log: (line: string) => void
  /** The grants stored at install: their portals, and only they, may frame the pages once there is one. */
  readonly grants: () => readonly Pick<AppGrant, 'domain' | 'clientEndpoint'>[]
}

/** The portal's origin from a grant: the domain it installed from, on the scheme of its REST endpoint. */
export function portalOrigin(grant: Pick<AppGrant, 'domain' | 'clientEndpoint'>): string | null {
  try {
    const scheme = new URL(grant.clientEndpoint).protocol
    return new URL(`${scheme}//${grant.domain}`).origin
  } catch {
    return null
  }
}

/**
 * A request path as a path relative to dist/, or null when it could name something outside it or hidden in it:
 * every segment is decoded on its own, and one that decodes to a separator, a NUL, `.`/`..` or a dot-name is refused.
 * `/` and `…/` mean the folder's index.html.
 */
export function distPath(rawUrl: string): string | null {
  const path = rawUrl.split(/[?#]/, 1)[0] ?? ''
  if (!path.startsWith('/')) return null
  const segments: string[] = []
  for (const raw of path.slice(1).split('/')) {
    let s: string
    try {
      s = decodeURIComponent(raw)
    } catch {
      return null
    }
    if (/[/\\\0]/.test(s) || s.startsWith('.')) return null
    segments.push(s)
  }
  const last = segments.length - 1
  if (segments[last] === '') segments[last] = 'index.html'
  if (segments.some((s) => s === '')) return null
  return segments.join('/')
}

const sentence = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  res.end(`${text}\n`)
}

/** Reads the handler form to its end without keeping it: it carries AUTH_ID and REFRESH_ID. */
async function drained(req: IncomingMessage): Promise<boolean> {
  // An oversized form is still read to its end (up to a hard cap), so the client gets the 413 instead of a reset
  // connection; only a flood beyond the cap is cut off.
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > FORM_LIMIT * 16) return false
  }
  return size <= FORM_LIMIT
}

/**
 * The app's pages and assets from dist/ for a portal that installed salesflow as a server application: Bitrix24
 * opens a handler (a page of widgets/placements.json, index.html, install.html) with a form POST into the frame, and
 * the page then takes everything from the frame protocol, so the form is drained and dropped, never echoed or logged.
 * GET and HEAD serve any page or asset; POST only pages. Pages are `no-cache`, hashed assets immutable.
 */
export function distSite(options: DistSiteOptions) {
  const root = options.dir
  const built = () => existsSync(join(root, 'index.html'))
  if (built()) options.log(`pages: serving ${root}`)
  else options.log(`pages: ${root} has no built app (run npm run build); pages answer 503 until it does`)

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Read to its end and dropped before any answer, so an oversized form is refused whatever the path.
    if (!(await drained(req)))
      return sentence(res, 413, 'The form is too large for a Bitrix24 handler call.', { Connection: 'close' })
    const method = req.method ?? 'GET'
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST')
      return sentence(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD, POST' })
    if (!built()) return sentence(res, 503, 'The app is not built on this server yet: run npm run build, then reload.')

    const rel = distPath(req.url ?? '/')
    const type = rel === null ? undefined : TYPES[extname(rel).toLowerCase()]
    const file = rel === null || type === undefined ? null : inside(root, rel)
    if (rel === null || type === undefined || file === null) return sentence(res, 404, 'Not found.')
    const page = type.startsWith('text/html')
    if (method === 'POST' && !page) return sentence(res, 405, 'Only pages answer a POST.', { Allow: 'GET, HEAD' })

    const headers: Record<string, string> = {
      'Content-Type': type,
      'Content-Length': String(file.size),
      'Cache-Control': HASHED_ASSET.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    }
    // Framed by the portal: no X-Frame-Options. Once portals installed the app, only they may frame its pages; the
    // install page stays open to any portal (a new one may frame it before its install call arrives).
    const ancestors = options.grants().flatMap((g) => portalOrigin(g) ?? [])
    if (page && rel !== 'install.html' && ancestors.length > 0)
      headers['Content-Security-Policy'] = `frame-ancestors ${[...new Set(ancestors)].join(' ')}`
    res.writeHead(200, headers)
    if (method === 'HEAD') return void res.end()
    createReadStream(file.path)
      .on('error', (e) => {
        options.log(`pages: could not read ${rel} (${e.message})`)
        res.destroy()
      })
      .pipe(res)
  }
}

/** The regular file at rel under root, symlinks resolved and still inside root; null otherwise (no listings). */
function inside(root: string, rel: string): { path: string; size: number } | null {
  try {
    const top = realpathSync(root)
    const path = realpathSync(join(top, ...rel.split('/')))
    if (!path.startsWith(top + sep)) return null
    const st = statSync(path)
    return st.isFile() ? { path, size: st.size } : null
  } catch {
    return null
  }
}
