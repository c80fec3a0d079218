import { describe, expect, it } from 'vitest'
import { MemoryQueue, topicMatches } from '../src/queue/memory'
import { queueContract } from './support/queue-contract'

queueContract('in-process', async (keys, topology, hooks) => {
  const q = new MemoryQueue(keys, topology, hooks)
  await q.start()
  return q
})

describe('topic patterns (AMQP semantics)', () => {
  it.each([
    ['deal.*', 'deal.updated', true],
    ['deal.*', 'deal.stage.moved', false],
    ['deal.#', 'deal', true],
    ['deal.#', 'deal.stage.moved', true],
    ['#', 'anything.at.all', true],
    ['*.updated', 'lead.updated', true],
    ['#.moved', 'deal.stage.moved', true],
    ['deal.*.moved', 'deal.moved', false],
  ])('%s vs %s → %s', (pattern, key, expected) => {
    expect(topicMatches(pattern, key)).toBe(expected)
  })
})
