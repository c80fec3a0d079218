import type { Portal } from '../types'
import { bumpSequence, nextId } from '../store/store'
import { writeRows } from '../methods/product-rows'
import { recomputePaymentSum } from '../methods/payments'
import { isoDate, isoDateTime } from '../core/dates'
import { demoRows, SEED_NOW } from './demo'
import { createRandom } from './random'
import { listItemId } from '../crm/user-field-table'

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
      // A list field stores its item's ID (none on a portal without the field).
      uf: {
        UF_CRM_SF_DIRECTION:
          listItemId(store, 'CRM_DEAL', 'UF_CRM_SF_DIRECTION', rand.pick(['sales', 'project'])) ?? '',
      },
    }
    store.deals.set(id, deal)
    writeRows(store, deal, demoRows(store, rand, 'RUB'), 'factory', 'item', true)
    ids.push(id)
  }
  bumpSequence(store, 'deal', start + count - 1)
  return ids
}

const INVOICE_STAGES = ['DT31_2:N', 'DT31_2:S', 'DT31_2:UC_PARTIAL', 'DT31_2:P', 'DT31_2:D']

/**
 * Adds `count` smart invoices (3–6 rows each) bound to existing deals round-robin, in every stage, with payments
 * that match the stage (paid in full for :P, first row paid for :UC_PARTIAL, unpaid for :S). Deterministic.
 */
export function seedInvoices(portal: Portal, count: number, seed = 43): number[] {
  const { store } = portal
  const rand = createRandom(seed)
  const deals = [...store.deals.keys()]
  const start = Math.max(0, ...store.invoices.keys()) + 1
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    const id = start + i
    const created = SEED_NOW - rand.int(1, 365) * 86400_000
    const stamp = isoDateTime(created)
    const stageId = INVOICE_STAGES[i % INVOICE_STAGES.length] ?? 'DT31_2:N'
    const invoice = {
      id,
      entityTypeId: 31,
      title: `Счёт №${id}`,
      categoryId: 2,
      stageId,
      currencyId: 'RUB',
      opportunity: '0.00',
      taxValue: '0.00',
      isManualOpportunity: 'N' as const,
      assignedById: 3,
      createdBy: 3,
      updatedBy: 3,
      createdTime: stamp,
      updatedTime: stamp,
      movedTime: stamp,
      opened: 'Y' as const,
      companyId: rand.int(1, 12),
      contactId: 0,
      comments: '',
      sourceId: '',
      begindate: isoDate(created),
      closedate: isoDate(created + 10 * 86400_000),
      parentId2: deals.length > 0 ? (deals[i % deals.length] ?? null) : null,
      accountNumber: `СФ-B/${id}`,
      mycompanyId: 1,
      uf: {},
    }
    store.invoices.set(id, invoice)
    const rows = writeRows(store, invoice, demoRows(store, rand, 'RUB'), 'factory', 'item', true)
    const pay = (covered: typeof rows, paid: boolean): void => {
      const pid = nextId(store, 'payment')
      const payment = {
        id: pid,
        entityTypeId: 31,
        entityId: id,
        accountNumber: `${id}/${pid}`,
        paid: paid ? ('Y' as const) : ('N' as const),
        datePaid: paid ? isoDateTime(created + 3 * 86400_000) : null,
        empPaidId: paid ? 3 : null,
        paySystemId: 1,
        paySystemName: 'Безналичный расчёт',
        sum: '0.00',
        currency: 'RUB',
      }
      store.payments.set(pid, payment)
      for (const r of covered) {
        const ppid = nextId(store, 'paymentProduct')
        store.paymentProducts.set(ppid, { id: ppid, paymentId: pid, rowId: r.id, quantity: r.quantity })
      }
      recomputePaymentSum(store, payment)
    }
    if (stageId === 'DT31_2:S') pay(rows, false)
    if (stageId === 'DT31_2:P') pay(rows, true)
    if (stageId === 'DT31_2:UC_PARTIAL') {
      pay(rows.slice(0, 1), true)
      pay(rows.slice(1), false)
    }
    ids.push(id)
  }
  bumpSequence(store, 'invoice', start + count - 1)
  return ids
}
