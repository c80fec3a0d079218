// A worker process for the SIGKILL test: consumes the masterdata queue into the stand-in until it is killed.
import { RabbitQueue } from '../../src/queue/rabbitmq'
import { postDealsHandler } from '../../src/masterdata/client'
import { StateStore } from '../../src/state'

const env = (k: string): string => {
  const v = process.env[k]
  if (!v) throw new Error(`${k} missing`)
  return v
}
const state = new StateStore(env('STATE_PATH'))
const queue = new RabbitQueue(state, {
  url: env('AMQP_URL'),
  topology: { exchange: env('EXCHANGE'), retryDelaysMs: [100], maxAttempts: 5 },
})
await queue.start()
await queue.consume({ name: 'masterdata', pattern: 'masterdata.deal', concurrency: 5 }, postDealsHandler(env('MD_URL')))
console.log('ready')
