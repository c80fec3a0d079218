// `npm run worker`: configuration from the environment (README, "Worker"), then runs until SIGINT/SIGTERM.
import { describeConfig, loadConfig } from './config'
import { startWorker } from './worker'

const config = loadConfig(process.env)
if (!config.ok) {
  console.error(`salesflow worker: ${config.error.message.en}`)
  process.exit(2)
}
console.log('salesflow worker')
for (const line of describeConfig(config.value)) console.log(`  ${line}`)
const worker = await startWorker(config.value)
const stop = () => void worker.stop().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
