/**
 * `npm start` (host page + REST + built widgets) and `npm run emulator -- --port N [--seed demo|empty]
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
const secret = flag(args, '--webhook-secret')
const host = flag(args, '--host') ?? '127.0.0.1'

const server = await startServer({
  port: Number(portArg),
  host,
  seed,
  site,
  ...(secret ? { webhookSecret: secret } : {}),
})
console.log(site ? `salesflow demo portal: ${server.url}/` : `salesflow emulator (REST only): ${server.url}/rest/`)
console.log(`webhook (admin): ${server.webhookUrl}`)
console.log(`webhook (manager): ${server.portal.webhookUrl(server.url, 2)}`)
const stop = (): void => void server.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
