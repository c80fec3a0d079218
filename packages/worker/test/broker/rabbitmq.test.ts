import { afterAll, beforeAll } from 'vitest'
import { RabbitQueue } from '../../src/queue/rabbitmq'
import { startBroker, type Broker } from '../support/rabbitmq'
import { queueContract } from '../support/queue-contract'

let broker: Broker
beforeAll(async () => {
  broker = await startBroker()
})
afterAll(async () => {
  await broker?.dispose()
})

queueContract(
  'RabbitMQ',
  async (keys, topology, hooks) => {
    const q = new RabbitQueue(keys, { url: broker.url, topology, hooks })
    await q.start()
    return q
  },
  20_000,
)
