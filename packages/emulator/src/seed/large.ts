import type { Portal } from '../types'
import { bumpSequence } from '../store/store'
import { writeRows } from '../methods/product-rows'
import { isoDate, isoDateTime } from '../core/dates'
import { demoRows, SEED_NOW } from './demo'
import { createRandom } from './random'

const SALE_STAGES = [
  'C1:NEW',
  'C1:PREPARATION',
  'C1:PREPAYMENT_INVOICE',
  'C1:EXECUTING',
  'C1:FINAL_INVOICE',
  'C1:WON',
  'C1:LOSE',
]

/**
 * Adds `count` deals (Sale funnel, 3–6 product rows each, computed as the portal would) for benchmarks.
 * Deterministic for a given `seed`; ids continue after the existing deals. Returns the new ids.
 */
export function seedDeals(portal: Portal, count: number, seed = 42): number[] {
  const { store } = portal
  const rand = createRandom(seed)
  const start = Math.max(0, ...store.deals.keys()) + 1
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    const id = start + i
    const created = SEED_NOW - rand.int(1, 365) * 86400_000
    const stamp = isoDateTime(created)
    const deal = {
      id,
      entityTypeId: 2,
      title: `Сделка №${id}`,
      categoryId: 1,
      stageId: rand.pick(SALE_STAGES),
      currencyId: 'RUB',
      opportunity: '0.00',
      taxValue: '0.00',
      isManualOpportunity: 'N' as const,
      assignedById: rand.pick([1, 2]),
      createdBy: 2,
      updatedBy: 2,
      createdTime: stamp,
      updatedTime: stamp,
      movedTime: stamp,
      opened: 'Y' as const,
      companyId: rand.int(1, 500),
      contactId: 0,
      comments: '',
      sourceId: 'WEB',
      begindate: isoDate(created),
      closedate: isoDate(created + 30 * 86400_000),
      typeId: 'SALE',
      leadId: null,
      probability: null,
      uf: { UF_CRM_SF_DIRECTION: rand.pick(['sales', 'project']) },
    }
    store.deals.set(id, deal)
    writeRows(store, deal, demoRows(store, rand, 'RUB'), 'factory', 'item', true)
    ids.push(id)
  }
  bumpSequence(store, 'deal', start + count - 1)
  return ids
}
