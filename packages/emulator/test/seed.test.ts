import { listItemId } from '../src/crm/user-field-table'
import { describe, expect, it } from 'vitest'
import { createPortal, seedDeals, seedInvoices, type PortalStore } from '../src/index'

const snapshot = (store: PortalStore): string =>
  JSON.stringify(store, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v))

describe('demo seed', () => {
  const { store } = createPortal()

  it('is deterministic (no real clock, no unseeded randomness)', () => {
    expect(snapshot(createPortal().store)).toBe(snapshot(store))
    const a = createPortal({ now: () => 0 })
    const b = createPortal({ now: () => 1e13 })
    seedDeals(a, 20)
    seedDeals(b, 20)
    expect(snapshot(a.store)).toBe(snapshot(b.store))
  })

  it('has deals in every stage of the three funnels, with product rows from the catalog', () => {
    const stages = store.statuses.filter((s) => s.entityId.startsWith('DEAL_STAGE'))
    for (const s of stages)
      expect(
        [...store.deals.values()].some((d) => d.stageId === s.statusId),
        s.statusId,
      ).toBe(true)
    const withRows = [...store.deals.values()].filter((d) =>
      [...store.productRows.values()].some((r) => r.ownerType === 'D' && r.ownerId === d.id),
    )
    expect(withRows.length).toBeGreaterThanOrEqual(25)
    expect(withRows.every((d) => Number(d.opportunity) > 0)).toBe(true)
  })

  it('has smart invoices in every stage, bound to deals, and payments that match the stage', () => {
    const invoices = [...store.invoices.values()]
    const stageIds = store.statuses.filter((s) => s.entityId === 'SMART_INVOICE_STAGE_2').map((s) => s.statusId)
    expect(new Set(invoices.map((i) => i.stageId))).toEqual(new Set(stageIds))
    expect(
      invoices.every((i) => i.parentId2 !== null && i.parentId2 !== undefined && store.deals.has(i.parentId2)),
    ).toBe(true)
    const payments = (id: number): string[] =>
      [...store.payments.values()].filter((p) => p.entityId === id).map((p) => p.paid)
    for (const inv of invoices) {
      if (inv.stageId === 'DT31_2:P') expect(payments(inv.id)).toEqual(['Y'])
      if (inv.stageId === 'DT31_2:UC_PARTIAL') expect(payments(inv.id).sort()).toEqual(['N', 'Y'])
      if (inv.stageId === 'DT31_2:N') expect(payments(inv.id)).toEqual([])
    }
    const paid = [...store.payments.values()].find(
      (p) => p.paid === 'Y' && store.invoices.get(p.entityId)?.stageId === 'DT31_2:P',
    )
    expect(paid?.sum).toBe(store.invoices.get(paid?.entityId ?? 0)?.opportunity)
  })

  it('has leads in every status and direction, users in departments and the four currencies', () => {
    const leads = [...store.leads.values()]
    for (const status of ['NEW', 'IN_PROCESS', 'CONVERTED', 'JUNK'])
      for (const direction of ['service', 'sales', 'project'])
        expect(
          leads.some(
            (l) =>
              l.stageId === status &&
              l.uf['UF_CRM_SF_DIRECTION'] === listItemId(store, 'CRM_LEAD', 'UF_CRM_SF_DIRECTION', direction),
          ),
          `${status}/${direction}`,
        ).toBe(true)
    expect(leads.filter((l) => l.stageId === 'JUNK').every((l) => l.uf['UF_CRM_SF_JUNK'] !== '')).toBe(true)
    expect([...store.users.values()].map((u) => [u.id, u.role, u.departments[0]])).toEqual([
      [1, 'admin', 1],
      [2, 'manager', 2],
      [3, 'accountant', 3],
      [4, 'technician', 4],
      [5, 'viewer', 2],
    ])
    expect([...store.currencies.values()].map((c) => [c.currency, c.amount])).toEqual([
      ['RUB', '1.0000'],
      ['USD', '92.5000'],
      ['EUR', '100.2500'],
      ['CNY', '12.7500'],
    ])
  })

  it('seedInvoices adds invoices in every stage whose paid payments add up to the stage', () => {
    const p = createPortal()
    const ids = seedInvoices(p, 50)
    expect(ids).toHaveLength(50)
    const created = ids.map((id) => p.store.invoices.get(id))
    expect(new Set(created.map((i) => i?.stageId)).size).toBe(5)
    for (const inv of created) {
      if (!inv) throw new Error('missing invoice')
      const paid = [...p.store.payments.values()].filter((x) => x.entityId === inv.id && x.paid === 'Y')
      if (inv.stageId === 'DT31_2:P') expect(paid.map((x) => x.sum)).toEqual([inv.opportunity])
      if (inv.stageId === 'DT31_2:N' || inv.stageId === 'DT31_2:D') expect(paid).toEqual([])
    }
    expect(created.every((i) => i?.parentId2 !== null && p.store.deals.has(i?.parentId2 ?? 0))).toBe(true)
  })

  it('an empty portal has users, currencies and stages but no CRM items or catalog', () => {
    const empty = createPortal({ seed: 'empty' }).store
    expect([empty.deals.size, empty.leads.size, empty.invoices.size, empty.products.size]).toEqual([0, 0, 0, 0])
    expect([empty.users.size, empty.currencies.size, empty.statuses.length]).toEqual([
      store.users.size,
      store.currencies.size,
      store.statuses.length,
    ])
  })
})
