import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import { tmpdir } from 'node:os'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { dirname, extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer } from '@mswjs/http-middleware'
import { http, type RequestHandler } from 'msw'
import ts from 'typescript'
import { createPortal } from '../portal'
import { demoBankStatement } from '../seed/bank-statement'
import type { Faults, Portal, SeedName } from '../types'
import { HOST_CSS, readHostQuery, renderCardFields, renderHostPage } from './host-page'
import { PROBE_PAGE } from './probe-page'
import { boundWidgets, installedPlacements } from './widgets'
import { startEventDelivery } from './deliver-events'

const REPO_ROOT = resolve(fileURLToPath(new URL('../../../../', import.meta.url)))

export interface ServerOptions {
  /** 0 picks a free port (default 5173). */
  port?: number
  host?: string
  seed?: SeedName
  webhookSecret?: string
  /** The built widgets (default `<repo>/dist`); absent or empty is fine. */
  staticDir?: string
  /** The app's placements table (default `<repo>/widgets/placements.json`): the demo seed binds every row. */
  placementsFile?: string
  /** false: a portal where the app is not installed yet (the admin gets install.html); default: the seed's state. */
  installed?: boolean
  /** Serve an existing portal instead of a new one. */
  portal?: Portal
  faults?: Partial<Faults>
  /** false: REST only (no host page, no static files), for tools and tests. Default true. */
  site?: boolean
  /** POST recorded online events to their handlers (default true). */
  deliverEvents?: boolean
  /**
   * Also serve the same app over https on this port (0 = a free one) with a self-signed certificate made at start
   * (needs `openssl`): the SDK's `B24Hook.fromWebhookUrl` refuses http webhooks. Off by default.
   */
  httpsPort?: number
}

export interface RunningServer {
  url: string
  port: number
  portal: Portal
  /** The admin's inbound webhook on this origin. */
  webhookUrl: string
  /** With `httpsPort`: the https origin, and the certificate file a client must trust (NODE_EXTRA_CA_CERTS). */
  https?: { url: string; port: number; certFile: string }
  close(): Promise<void>
}

/** A throw-away self-signed certificate for 127.0.0.1 and localhost, valid 30 days. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer; certFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'salesflow-emulator-tls-'))
  const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')]
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-keyout', keyFile, '-out', certFile].concat([
      '-subj',
      '/CN=salesflow-emulator',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]),
    { stdio: 'ignore' },
  )
  return { key: readFileSync(keyFile), cert: readFileSync(certFile), certFile }
}

/** The certificate, or undefined with the reason printed (no openssl): the server then speaks http only. */
function tryCertificate(): ReturnType<typeof selfSignedCertificate> | undefined {
  try {
    return selfSignedCertificate()
  } catch (e) {
    console.warn(`no https listener: could not make a self-signed certificate with openssl (${String(e)})`)
    return undefined
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
}

let hostScript: string | undefined
/** The host page's browser script, transpiled from host/client.ts once. */
function hostJs(): string {
  if (hostScript === undefined) {
    const source = readFileSync(fileURLToPath(new URL('../host/client.ts', import.meta.url)), 'utf8')
    hostScript = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext },
    }).outputText
  }
  return hostScript
}

function sdkUmdPath(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('@bitrix24/b24jssdk/package.json')), 'dist', 'umd', 'index.min.js')
}

const html = (body: string, status = 200): Response =>
  new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } })
const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } })

/** A file under root (no path traversal), or undefined. */
function staticFile(root: string, pathname: string): string | undefined {
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
  const file = resolve(root, rel)
  if (file !== root && !file.startsWith(root + sep)) return undefined
  if (!existsSync(file)) return undefined
  const st = statSync(file)
  if (st.isDirectory()) return existsSync(join(file, 'index.html')) ? join(file, 'index.html') : undefined
  return file
}

/** Host page, emulator endpoints and static widget files on the portal's origin. */
function siteHandlers(portal: Portal, staticDir: string): RequestHandler[] {
  const root = resolve(staticDir)
  return [
    http.all('*', async ({ request }) => {
      const url = new URL(request.url)
      const path = url.pathname
      if (path === '/' && (request.method === 'GET' || request.method === 'POST')) {
        const widgets = boundWidgets(portal.store)
        const app = {
          index: '/index.html',
          install: existsSync(join(root, 'install.html')) ? '/install.html' : '/index.html',
        }
        return html(renderHostPage({ portal, widgets, app, query: readHostQuery(url, portal), origin: url.origin }))
      }
      if (path === '/emulator/card') return html(renderCardFields(portal, readHostQuery(url, portal)))
      if (path === '/emulator/host.js')
        return new Response(hostJs(), { headers: { 'Content-Type': TYPES['.js'] ?? '' } })
      if (path === '/emulator/host.css')
        return new Response(HOST_CSS, { headers: { 'Content-Type': TYPES['.css'] ?? '' } })
      if (path === '/emulator/probe.html') return html(PROBE_PAGE)
      if (path === '/emulator/vendor/b24jssdk.js')
        return new Response(readFileSync(sdkUmdPath()), { headers: { 'Content-Type': TYPES['.js'] ?? '' } })
      if (path === '/emulator/log') return json(portal.log)
      // The demo's bank statement for the accountant's Bank page (what the bank would send: see seed/bank-statement.ts).
      if (path === '/emulator/bank-statement.txt')
        return new Response(demoBankStatement() as BodyInit, {
          headers: {
            'Content-Type': 'text/plain; charset=windows-1251',
            'Content-Disposition': 'attachment; filename="kl_to_1c.txt"',
          },
        })
      // Test hook: back to the seed data, default faults and an empty log (e2e spec files call it first).
      // `{"installed": false}`: the same seed on a portal where the app was never installed (a fresh portal).
      if (path === '/emulator/reset' && request.method === 'POST') {
        const body = (await request.text()) || '{}'
        const installed = (JSON.parse(body) as { installed?: unknown }).installed
        portal.reset(typeof installed === 'boolean' ? { installed } : {})
        return json({ ok: true, installed: portal.store.installed })
      }
      // The portal's own `set_installed` ajax after the install page's installFinish (administrators only).
      if (path === '/emulator/app/installed' && request.method === 'POST') {
        const body = (await request.json()) as { auth?: string }
        const userId = portal.tokenUser(String(body.auth ?? ''))
        if (userId === null || !portal.store.users.get(userId)?.isAdmin) return json({ error: 'ACCESS_DENIED' }, 403)
        portal.store.installed = true
        return json({ installed: true })
      }
      // Test hook: e2e switches faults of the running portal (e.g. forceExpiredToken).
      if (path === '/emulator/faults' && request.method === 'POST') {
        portal.setFaults((await request.json()) as Partial<Faults>)
        return json(portal.faults)
      }
      if (path === '/emulator/auth/refresh' && request.method === 'POST') {
        const body = (await request.json()) as { refreshToken?: string }
        const grant = portal.refreshAuth(String(body.refreshToken ?? ''))
        if (!grant) return json({ error: 'invalid_grant', error_description: 'Invalid refresh token' }, 400)
        return json({
          AUTH_ID: grant.accessToken,
          REFRESH_ID: grant.refreshToken,
          AUTH_EXPIRES: String(grant.expiresIn),
        })
      }
      if ((path === '/emulator/options/app' || path === '/emulator/options/user') && request.method === 'POST') {
        const body = (await request.json()) as { auth?: string; name?: string; value?: unknown }
        const userId = portal.tokenUser(String(body.auth ?? ''))
        if (userId === null)
          return json({ error: 'expired_token', error_description: 'The access token provided has expired.' }, 401)
        if (path.endsWith('/app') && !portal.store.users.get(userId)?.isAdmin)
          return json({ error: 'ACCESS_DENIED' }, 403)
        if (path.endsWith('/app')) {
          portal.store.appOptions[String(body.name)] = body.value
          return json(portal.store.appOptions)
        }
        const mine = portal.store.userOptions.get(userId) ?? {}
        mine[String(body.name)] = body.value
        portal.store.userOptions.set(userId, mine)
        return json(mine)
      }
      // Static widget builds; Bitrix24 opens handlers with a POST, so POST is served like GET.
      if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'POST') {
        const file = staticFile(root, path)
        if (file)
          return new Response(readFileSync(file), {
            headers: { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' },
          })
      }
      return undefined
    }),
  ]
}

/** Serves REST, the host page and the built widgets on one origin. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const placementsFile = options.placementsFile ?? join(REPO_ROOT, 'widgets', 'placements.json')
  const portal =
    options.portal ??
    createPortal({
      seed: options.seed ?? 'demo',
      appPlacements: installedPlacements(placementsFile),
      ...(options.installed === false ? { installed: false } : {}),
      ...(options.webhookSecret ? { webhookSecret: options.webhookSecret } : {}),
      ...(options.faults ? { faults: options.faults } : {}),
    })
  const host = options.host ?? '127.0.0.1'
  const staticDir = options.staticDir ?? join(REPO_ROOT, 'dist')
  const site = options.site === false ? [] : siteHandlers(portal, staticDir)
  const app = createServer(...portal.handlers, ...site)
  const server = await new Promise<import('node:http').Server>((ok, fail) => {
    const s = app.listen(options.port ?? 5173, host, () => ok(s))
    s.once('error', fail)
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${host}:${port}`
  let secure: { server: import('node:https').Server; info: NonNullable<RunningServer['https']> } | undefined
  const certificate = options.httpsPort === undefined ? undefined : tryCertificate()
  if (options.httpsPort !== undefined && certificate) {
    const { key, cert, certFile } = certificate
    const s = createHttpsServer({ key, cert }, app)
    await new Promise<void>((ok, fail) => {
      s.once('error', fail)
      s.listen(options.httpsPort, host, () => ok())
    })
    const httpsPort = (s.address() as AddressInfo).port
    secure = { server: s, info: { url: `https://${host}:${httpsPort}`, port: httpsPort, certFile } }
  }
  const stopDelivery = options.deliverEvents === false ? () => undefined : startEventDelivery(portal, url)
  const closeOne = (srv: import('node:http').Server | import('node:https').Server) =>
    new Promise<void>((ok, fail) => {
      srv.closeAllConnections?.()
      srv.close((e) => (e ? fail(e) : ok()))
    })
  return {
    url,
    port,
    portal,
    webhookUrl: portal.webhookUrl(url, 1),
    ...(secure ? { https: secure.info } : {}),
    close: async () => {
      stopDelivery()
      await Promise.all([closeOne(server), ...(secure ? [closeOne(secure.server)] : [])])
    },
  }
}
