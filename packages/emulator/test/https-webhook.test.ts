import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/index'

// `npm start` prints https webhooks because the SDK's B24Hook.fromWebhookUrl refuses http ones
// (JSSDK_HOOK_URL_NOT_HTTPS). This drives the unmodified SDK in a fresh Node process that trusts the emulator's
// self-signed certificate through NODE_EXTRA_CA_CERTS, exactly as the README tells a scripting user to.
const run = promisify(execFile)
const REPO = resolve(import.meta.dirname, '../../..')
const SCRIPT = `
import { B24Hook, LoggerFactory } from '@bitrix24/b24jssdk'
const hook = B24Hook.fromWebhookUrl(process.argv[1], { restrictionParams: { maxRetries: 1 } })
hook.offClientSideWarning()
hook.setLogger(LoggerFactory.createNullLogger())
const res = await hook.actions.v2.call.make({ method: 'crm.deal.get', params: { id: 12 } })
console.log(JSON.stringify({ ok: res.isSuccess, id: res.getData()?.result?.ID }))
`

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, httpsPort: 0, site: false, deliverEvents: false })
})
afterAll(() => server.close())

describe('the https webhook of npm start works with the SDK', () => {
  it('serves REST over https with a certificate file a client can trust', () => {
    expect(server.https?.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(server.https?.certFile).toMatch(/cert\.pem$/)
  })

  it('B24Hook.fromWebhookUrl on the https webhook reads a deal (NODE_EXTRA_CA_CERTS = the printed file)', async () => {
    const url = server.portal.webhookUrl(server.https!.url, 1)
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', SCRIPT, url], {
      cwd: REPO,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: server.https!.certFile },
      timeout: 20_000,
    })
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ ok: true, id: '12' })
  }, 30_000)

  it('the same SDK refuses the http webhook, which is why the https one is printed', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--input-type=module', '-e', SCRIPT.replace('console.log', 'void'), server.webhookUrl],
      { cwd: REPO, timeout: 20_000 },
    ).catch((e: { stdout: string; stderr: string }) => e)
    expect(`${stdout}${stderr}`).toContain('JSSDK_HOOK_URL_NOT_HTTPS')
  }, 30_000)
})
