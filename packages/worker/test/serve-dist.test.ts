import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toPhpQuery } from '@salesflow/emulator'
import { loadConfig, REPO_DIST, type WorkerConfig } from '../src/config'
import { distPath } from '../src/serve-dist'
import { startWorker, type RunningWorker } from '../src/worker'

const GRANT = {
  memberId: 'member-1',
  domain: 'demo.bitrix24.test',
  clientEndpoint: 'https://demo.bitrix24.test/rest/',
  accessToken: 'stored-access-token',
  refreshToken: 'stored-refresh-token',
  expiresAt: Date.now() + 3_600_000,
  applicationToken: '0123456789abcdef0123456789abcdef',
}

/** What a portal POSTs into the frame of a deal tab (b24-platform.md §1.4), with tokens a log must never show. */
const HANDLER_FORM = {
  AUTH_ID: '9d4c7166007e9c94001e30ba00000001f0f107e28b5a4310c7f6d9b3025ea814',
  AUTH_EXPIRES: '3600',
  REFRESH_ID: '8c3b9966007e9c94001e30ba00000001f0f107f19c6b3e04d182ac5b73f9052d',
  SERVER_ENDPOINT: 'https://oauth.bitrix.info/rest/',
  APPLICATION_TOKEN: GRANT.applicationToken,
  member_id: GRANT.memberId,
  status: 'L',
  PLACEMENT: 'CRM_DEAL_DETAIL_TAB',
  PLACEMENT_OPTIONS: '{"ID":"8061","NOTE":"<script>alert(1)</script>"}',
}
const HANDLER_QUERY = '?DOMAIN=demo.bitrix24.test&PROTOCOL=1&LANG=ru&APP_SID=5552d735db7b7b4d5c16dd9c272bfe7d'

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** A request with the path sent byte for byte (fetch would normalise the `..` a traversal test needs). */
function send(port: number, method: string, path: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        // Content-Length by hand: Node's client sends a GET's body without one.
        headers:
          body === undefined
            ? {}
            : { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

let top: string
let dist: string
const PAGE =
  '<!doctype html><html><head><script type="module" src="../../assets/deal-AbCd12_-.js"></script></head></html>'
const ASSET = 'export const deal = 1\n'

function config(overrides: Partial<WorkerConfig>): WorkerConfig {
  return {
    statePath: ':memory:',
    queue: { kind: 'memory' },
    topology: { exchange: 'pages', retryDelaysMs: [20], maxAttempts: 3 },
    app: null,
    bootstrapGrant: null,
    masterDataUrl: null,
    http: { host: '127.0.0.1', port: 0 },
    pollMs: 100,
    offlineLimit: 50,
    ...overrides,
  }
}

let installed: RunningWorker
const lines: string[] = []
beforeAll(async () => {
  top = mkdtempSync(join(tmpdir(), 'salesflow-dist-'))
  dist = join(top, 'dist')
  mkdirSync(join(dist, 'widgets', 'deal'), { recursive: true })
  mkdirSync(join(dist, 'assets'))
  mkdirSync(join(dist, '.vite'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>settings</title>')
  writeFileSync(join(dist, 'install.html'), '<!doctype html><title>install</title>')
  writeFileSync(join(dist, 'widgets', 'deal', 'index.html'), PAGE)
  writeFileSync(join(dist, 'assets', 'deal-AbCd12_-.js'), ASSET)
  writeFileSync(join(dist, 'assets', 'deal-AbCd12_-.js.map'), '{}')
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  writeFileSync(join(dist, '.vite', 'manifest.json'), '{}')
  writeFileSync(join(dist, 'salesflow.zip'), 'PK')
  // Beside dist/, never to be served: what a traversal would reach.
  writeFileSync(join(top, 'secret.html'), 'SECRET')
  symlinkSync(join(top, 'secret.html'), join(dist, 'widgets', 'linked.html'))
  installed = await startWorker(config({ distDir: dist, bootstrapGrant: GRANT }), {
    log: (l) => void lines.push(l),
    pollLoop: false,
  })
})
afterAll(async () => {
  await installed.stop()
  rmSync(top, { recursive: true, force: true })
})

describe('the worker serves dist/ to the portal', () => {
  it("answers the portal's handler POST with the page itself: the form is neither reflected nor logged", async () => {
    const port = installed.httpPort
    const before = lines.length
    const posted = await send(port, 'POST', `/widgets/deal/index.html${HANDLER_QUERY}`, toPhpQuery(HANDLER_FORM))
    expect(posted.status).toBe(200)
    expect(posted.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(posted.body).toBe(PAGE)
    expect(posted.headers['cache-control']).toBe('no-cache')
    expect(posted.headers['x-frame-options']).toBeUndefined()
    expect(posted.headers['content-security-policy']).toBe('frame-ancestors https://demo.bitrix24.test')
    expect(posted.headers['x-content-type-options']).toBe('nosniff')
    const got = await send(port, 'GET', `/widgets/deal/index.html${HANDLER_QUERY}`)
    expect([got.status, got.body]).toEqual([200, PAGE])
    // The app's root (placement DEFAULT) and the install page, both opened with the same POST.
    const root = await send(port, 'POST', `/${HANDLER_QUERY}`, toPhpQuery({ ...HANDLER_FORM, PLACEMENT: 'DEFAULT' }))
    expect([root.status, root.body]).toEqual([200, '<!doctype html><title>settings</title>'])
    const install = await send(port, 'POST', '/install.html', toPhpQuery(HANDLER_FORM))
    expect(install.status).toBe(200)
    // A portal installing for the first time frames the install page before its install call arrives.
    expect(install.headers['content-security-policy']).toBeUndefined()

    const logged = lines.slice(before).join('\n')
    for (const secret of [HANDLER_FORM.AUTH_ID, HANDLER_FORM.REFRESH_ID, HANDLER_FORM.APPLICATION_TOKEN])
      expect(logged).not.toContain(secret)
    expect(lines.join('\n')).toContain(`pages: serving ${dist}`)
  })

  it('serves hashed assets as immutable with their type, anything else under no-cache', async () => {
    const asset = await send(installed.httpPort, 'GET', '/assets/deal-AbCd12_-.js')
    expect(asset.status).toBe(200)
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(asset.headers['content-length']).toBe(String(Buffer.byteLength(ASSET)))
    expect(asset.body).toBe(ASSET)
    const icon = await send(installed.httpPort, 'GET', '/favicon.svg')
    expect([icon.status, icon.headers['content-type'], icon.headers['cache-control']]).toEqual([
      200,
      'image/svg+xml',
      'no-cache',
    ])
    const head = await send(installed.httpPort, 'HEAD', '/assets/deal-AbCd12_-.js')
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', asset.headers['content-length']])
  })

  it.each([
    '/..%2fsecret.html',
    '/%2e%2e/secret.html',
    '/%2e%2e%2fsecret.html',
    '/widgets/..%2f..%2fsecret.html',
    '/widgets/deal/%2e%2e/%2e%2e/%2e%2e/secret.html',
    '/widgets/..%5c..%5csecret.html',
    '/../secret.html',
    '/widgets/linked.html',
    '/widgets/deal/index.html%00.js',
  ])('refuses the traversal %s with 404', async (path) => {
    const answer = await send(installed.httpPort, 'GET', path)
    expect(answer.status).toBe(404)
    expect(answer.body).not.toContain('SECRET')
  })

  it.each([
    '/nope.html',
    '/widgets',
    '/widgets/',
    '/assets/',
    '/.vite/manifest.json',
    '/salesflow.zip',
    '/assets/deal-AbCd12_-.js.map',
    '/widgets//deal/index.html',
  ])('answers the unknown %s with 404, never a listing', async (path) => {
    expect((await send(installed.httpPort, 'GET', path)).status).toBe(404)
  })

  it('answers a POST only on pages and refuses other methods', async () => {
    expect((await send(installed.httpPort, 'POST', '/assets/deal-AbCd12_-.js', 'a=1')).status).toBe(405)
    expect((await send(installed.httpPort, 'DELETE', '/index.html')).status).toBe(405)
  })

  it('refuses a form far bigger than a handler call with 413, without echoing it', async () => {
    const big = toPhpQuery({ ...HANDLER_FORM, PLACEMENT_OPTIONS: 'x'.repeat(200_000) })
    const answer = await send(installed.httpPort, 'POST', '/widgets/deal/index.html', big)
    expect(answer.status).toBe(413)
    expect(answer.body).not.toContain(HANDLER_FORM.AUTH_ID)
  })

  it('keeps the online event route ahead of the pages', async () => {
    const event = (token: string) =>
      send(
        installed.httpPort,
        'POST',
        '/events',
        toPhpQuery({
          event: 'ONCRMDEALUPDATE',
          data: { FIELDS: { ID: 759 } },
          ts: 1764000000,
          auth: { domain: GRANT.domain, member_id: GRANT.memberId, application_token: token },
        }),
      )
    const forged = await event('f'.repeat(32))
    expect(forged.status).toBe(401)
    expect(JSON.parse(forged.body)).toMatchObject({ error: 'UNAUTHORIZED' })
    const real = await event(GRANT.applicationToken)
    expect(real.status).toBe(200)
    expect(JSON.parse(real.body)).toMatchObject({ result: 'queued' })
    const health = await send(installed.httpPort, 'GET', '/health')
    expect(JSON.parse(health.body)).toMatchObject({ queue: 'memory' })
  })

  it('keeps the install route ahead of the pages; before any install, pages name no frame ancestor', async () => {
    const fresh = await startWorker(
      config({ distDir: dist, app: { clientId: 'local.salesflow', clientSecret: 'secret' } }),
      { log: () => undefined, pollLoop: false },
    )
    try {
      const install = await send(fresh.httpPort, 'POST', '/install', 'event=ONAPPINSTALL&auth[member_id]=m')
      expect(install.status).toBe(400)
      expect(JSON.parse(install.body)).toMatchObject({ error: 'INVALID_INSTALL' })
      const page = await send(fresh.httpPort, 'POST', '/widgets/deal/index.html', toPhpQuery(HANDLER_FORM))
      expect([page.status, page.body]).toEqual([200, PAGE])
      expect(page.headers['content-security-policy']).toBeUndefined()
    } finally {
      await fresh.stop()
    }
  })

  it('says at start that dist/ is missing and answers 503 with a sentence', async () => {
    const missing = join(top, 'not-built')
    const log: string[] = []
    const worker = await startWorker(config({ distDir: missing }), { log: (l) => void log.push(l), pollLoop: false })
    try {
      expect(log).toContain(`pages: ${missing} has no built app (run npm run build); pages answer 503 until it does`)
      for (const method of ['GET', 'POST']) {
        const form = method === 'POST' ? toPhpQuery(HANDLER_FORM) : undefined
        const answer = await send(worker.httpPort, method, '/widgets/deal/index.html', form)
        expect(answer.status).toBe(503)
        expect(answer.body).toMatch(/not built on this server yet: run npm run build/)
        expect(answer.body).not.toContain(HANDLER_FORM.AUTH_ID)
      }
      // An empty folder is no build either; built later, it is served without a restart.
      mkdirSync(missing)
      expect((await send(worker.httpPort, 'GET', '/')).status).toBe(503)
      writeFileSync(join(missing, 'index.html'), readFileSync(join(dist, 'index.html')))
      expect((await send(worker.httpPort, 'GET', '/')).status).toBe(200)
    } finally {
      await worker.stop()
    }
  })
})

describe('the pages configuration', () => {
  it("defaults to the repo's dist/ and takes SALESFLOW_DIST_DIR", () => {
    const byDefault = loadConfig({})
    expect(byDefault.ok && byDefault.value.distDir).toBe(REPO_DIST)
    expect(REPO_DIST).toMatch(/[/\\]dist$/)
    const given = loadConfig({ SALESFLOW_DIST_DIR: '/srv/salesflow/dist' })
    expect(given.ok && given.value.distDir).toBe('/srv/salesflow/dist')
  })

  it('maps request paths into dist/ and refuses anything that could leave it', () => {
    expect(distPath('/')).toBe('index.html')
    expect(distPath('/widgets/deal/?DOMAIN=x')).toBe('widgets/deal/index.html')
    expect(distPath('/assets/a%20b.js')).toBe('assets/a b.js')
    for (const bad of ['', 'x', '/..%2fx', '/a/%2E%2E/x', '/.env', '/a%5cb', '/%E0%A4%A', '/a%00'])
      expect(distPath(bad)).toBeNull()
  })
})
