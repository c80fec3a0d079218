/**
 * `npm start` (host page + REST + built widgets) and `npm run emulator -- --port N [--seed demo|empty] [--fresh]
 * [--webhook-secret S]` (REST only). Keeps state in memory for the session; Ctrl+C stops it.
 */
import { startServer } from './server/start-server'

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name)
  if (i >= 0) return args[i + 1]
  const eq = args.find((a) => a.startsWith(`${name}=`))
  return eq?.slice(name.length + 1)
}

const args = process.argv.slice(2)
const site = args.includes('--site')
const portArg = flag(args, '--port') ?? process.env['PORT'] ?? (site ? '5173' : '5180')
const seed = flag(args, '--seed') === 'empty' ? 'empty' : 'demo'
// The demo data on a portal where salesflow is not installed yet (the 'empty' seed never has it installed).
const fresh = args.includes('--fresh')
const secret = flag(args, '--webhook-secret')
const host = flag(args, '--host') ?? '127.0.0.1'

const httpsArg = flag(args, '--https-port') ?? process.env['HTTPS_PORT']
const server = await startServer({
  port: Number(portArg),
  host,
  seed,
  site,
  ...(fresh ? { installed: false } : {}),
  ...(secret ? { webhookSecret: secret } : {}),
  // The SDK accepts only https webhooks: serve https beside http (port + 1 unless given; 0 = any free port).
  httpsPort: httpsArg !== undefined ? Number(httpsArg) : Number(portArg) === 0 ? 0 : Number(portArg) + 1,
})
console.log(site ? `salesflow demo portal: ${server.url}/` : `salesflow emulator (REST only): ${server.url}/rest/`)
const hookBase = server.https?.url ?? server.url
console.log(`webhook (admin): ${server.portal.webhookUrl(hookBase, 1)}`)
console.log(`webhook (manager): ${server.portal.webhookUrl(hookBase, 2)}`)
if (server.https)
  console.log(
    `the webhooks use a self-signed certificate made for this run: start scripts with ` +
      `NODE_EXTRA_CA_CERTS=${server.https.certFile} (B24Hook.fromWebhookUrl refuses http)`,
  )
const stop = (): void => void server.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
