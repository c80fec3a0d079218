// `npm run masterdata [-- --port N]`: the master-data stand-in for the demo; GET /_state lists what arrived.
import { startMasterDataStandIn } from './stand-in'

const i = process.argv.indexOf('--port')
const port = Number(i >= 0 ? process.argv[i + 1] : (process.env['PORT'] ?? 4190))
const standIn = await startMasterDataStandIn(port)
console.log(`master-data stand-in: ${standIn.url} (POST /deals, GET /directories /stock /rates, GET /_state)`)
const stop = () => void standIn.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
