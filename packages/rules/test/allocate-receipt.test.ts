import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { D, allocateReceipt, applyAllocations, exchangeDifference, validateAllocationPlan } from '../src'
import type { AllocationResult, OpenInvoice, PortalCurrency, Receipt } from '../src'

const CURRENCIES: PortalCurrency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
  { CURRENCY: 'USD', AMOUNT: '92.5000', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'EUR', AMOUNT: '100.2500', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'CNY', AMOUNT: '12.7500', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
]
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`unexpected error ${JSON.stringify(r.error)}`)
  return r.value
}
const rub = (amount: string, date = '2026-03-10'): Receipt => ({ amount, currency: 'RUB', date })
const inv = (
  invoiceId: string,
  dueDate: string | null,
  positions: [string, string, string, string?][],
  currency = 'RUB',
) =>
  ({
    invoiceId,
    dueDate,
    currency,
    positions: positions.map(([positionId, amount, paid, kind]) => ({ positionId, amount, paid, kind })),
  }) satisfies OpenInvoice
const lines = (r: AllocationResult) => r.allocations.map((a) => `${a.invoiceId}/${a.positionId}:${a.amount}`)

describe('allocateReceipt', () => {
  it.each([
    {
      name: 'pays the oldest due invoice first',
      receipt: rub('1500.00'),
      invoices: [inv('2', '2026-02-20', [['a', '1000', '0']]), inv('1', '2026-01-15', [['b', '1000', '0']])],
      expected: ['1/b:1000.00', '2/a:500.00'],
      unallocated: '0.00',
    },
    {
      name: 'keeps the rest unallocated when every position is paid',
      receipt: rub('3000'),
      invoices: [inv('1', '2026-01-15', [['a', '1000', '400']])],
      expected: ['1/a:600.00'],
      unallocated: '2400.00',
    },
    {
      name: 'skips positions already paid',
      receipt: rub('100'),
      invoices: [
        inv('1', '2026-01-15', [
          ['a', '1000', '1000'],
          ['b', '50', '0'],
        ]),
      ],
      expected: ['1/b:50.00'],
      unallocated: '50.00',
    },
    {
      name: 'orders ties on due date by invoice id, numerically',
      receipt: rub('150'),
      invoices: [inv('10', '2026-01-15', [['a', '100', '0']]), inv('9', '2026-01-15', [['b', '100', '0']])],
      expected: ['9/b:100.00', '10/a:50.00'],
      unallocated: '0.00',
    },
    {
      name: 'treats a missing due date as the receipt date',
      receipt: rub('150', '2026-03-10'),
      invoices: [inv('1', '2026-03-11', [['a', '100', '0']]), inv('2', null, [['b', '100', '0']])],
      expected: ['2/b:100.00', '1/a:50.00'],
      unallocated: '0.00',
    },
    {
      name: 'allocates nothing from a zero receipt',
      receipt: rub('0'),
      invoices: [inv('1', '2026-01-15', [['a', '100', '0']])],
      expected: [],
      unallocated: '0.00',
    },
  ])('$name', ({ receipt, invoices, expected, unallocated }) => {
    const r = unwrap(allocateReceipt(receipt, invoices))
    expect(lines(r)).toEqual(expected)
    expect(r.unallocated).toBe(unallocated)
  })

  it('pays positions in the configured priority of kinds, then in their order', () => {
    const invoices = [
      inv('1', '2026-01-15', [
        ['svc', '100', '0', 'service'],
        ['dlv', '100', '0', 'delivery'],
        ['g', '100', '0', 'goods'],
      ]),
    ]
    const r = unwrap(allocateReceipt(rub('150'), invoices, { positionPriority: ['goods', 'delivery'] }))
    expect(lines(r)).toEqual(['1/g:100.00', '1/dlv:50.00'])
    const plain = unwrap(allocateReceipt(rub('150'), invoices))
    expect(lines(plain)).toEqual(['1/svc:100.00', '1/dlv:50.00'])
  })

  it('converts a USD invoice at the receipt-date table and credits it in USD', () => {
    const invoices = [inv('1', '2026-01-15', [['a', '10.00', '0']], 'USD'), inv('2', '2026-02-15', [['b', '100', '0']])]
    const r = unwrap(allocateReceipt(rub('1000'), invoices, { currencies: CURRENCIES }))
    expect(r.allocations).toEqual([
      { invoiceId: '1', positionId: 'a', amount: '925.00', invoiceAmount: '10.00', invoiceCurrency: 'USD' },
      { invoiceId: '2', positionId: 'b', amount: '75.00', invoiceAmount: '75.00', invoiceCurrency: 'RUB' },
    ])
    const partial = unwrap(allocateReceipt(rub('500'), invoices, { currencies: CURRENCIES }))
    // 500 / 92.5 = 5.4054… → 5.41 USD credited, never more than the 10.00 owed
    expect(partial.allocations).toEqual([
      { invoiceId: '1', positionId: 'a', amount: '500.00', invoiceAmount: '5.41', invoiceCurrency: 'USD' },
    ])
  })

  it.each([
    [{ ...rub('10'), amount: 'abc' }, [], 'INVALID_NUMBER'],
    [rub('10.001'), [], 'INVALID_NUMBER'],
    [rub('-1'), [], 'NEGATIVE_AMOUNT'],
    [rub('10', '2026-02-30'), [], 'INVALID_DATE'],
    [rub('10'), [inv('1', null, [['a', '10', '0']]), inv('1', null, [['b', '10', '0']])], 'DUPLICATE_ID'],
    [
      rub('10'),
      [
        inv('1', null, [
          ['a', '10', '0'],
          ['a', '5', '0'],
        ]),
      ],
      'DUPLICATE_ID',
    ],
    [rub('10'), [inv('1', null, [['a', '10', '11']])], 'PAID_EXCEEDS_AMOUNT'],
    [rub('10'), [inv('1', '15.01.2026', [['a', '10', '0']])], 'INVALID_DATE'],
    [rub('10'), [inv('1', null, [['a', '10', '0']], 'USD')], 'UNKNOWN_CURRENCY'],
  ] as [Receipt, OpenInvoice[], string][])('rejects bad input with %#: %s', (receipt, invoices, code) => {
    const r = allocateReceipt(receipt, invoices)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe(code)
  })
})

// ---- properties -------------------------------------------------------------------------------------------
const kopecks = (max: number) => fc.integer({ min: 0, max }).map((k) => new D(k).div(100).toFixed(2))
const positionArb = fc
  .tuple(
    fc.integer({ min: 0, max: 5_000_000 }),
    fc.integer({ min: 0, max: 100 }),
    fc.constantFrom('goods', 'delivery', undefined),
  )
  .map(([total, paidPct, kind]) => ({ total, paid: Math.floor((total * paidPct) / 100), kind }))
const invoicesArb = (currencies: string[]) =>
  fc
    .array(
      fc.record({
        due: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
        currency: fc.constantFrom(...currencies),
        positions: fc.array(positionArb, { minLength: 1, maxLength: 4 }),
      }),
      { maxLength: 8 },
    )
    .map((list) =>
      list.map((x, i): OpenInvoice => ({
        invoiceId: String(i + 1),
        dueDate: x.due === null ? null : `2026-01-${String(1 + (x.due % 28)).padStart(2, '0')}`,
        currency: x.currency,
        positions: x.positions.map((p, j) => ({
          positionId: `p${j}`,
          amount: new D(p.total).div(100).toFixed(2),
          paid: new D(p.paid).div(100).toFixed(2),
          kind: p.kind,
        })),
      })),
    )
const receiptArb = kopecks(20_000_000).map((amount): Receipt => ({ amount, currency: 'RUB', date: '2026-01-20' }))
const outstanding = (invoices: OpenInvoice[]) =>
  new Map(
    invoices.flatMap((i) =>
      i.positions.map((p) => [`${i.invoiceId}/${p.positionId}`, new D(p.amount as string).minus(p.paid as string)]),
    ),
  )

describe('allocateReceipt properties', () => {
  for (const currencies of [['RUB'], ['RUB', 'USD', 'EUR', 'CNY']]) {
    const options = { currencies: CURRENCIES, positionPriority: ['goods'] }
    it(`allocations + unallocated = receipt (${currencies.join(', ')})`, () => {
      fc.assert(
        fc.property(receiptArb, invoicesArb(currencies), (receipt, invoices) => {
          const r = unwrap(allocateReceipt(receipt, invoices, options))
          const total = r.allocations.reduce((s, a) => s.plus(a.amount), new D(r.unallocated))
          expect(total.eq(receipt.amount as string)).toBe(true)
          expect(new D(r.unallocated).gte(0)).toBe(true)
          for (const a of r.allocations) expect(new D(a.amount).gt(0)).toBe(true)
        }),
      )
    })

    it(`never over-pays a position (${currencies.join(', ')})`, () => {
      fc.assert(
        fc.property(receiptArb, invoicesArb(currencies), (receipt, invoices) => {
          const r = unwrap(allocateReceipt(receipt, invoices, options))
          const owed = outstanding(invoices)
          for (const a of r.allocations) {
            const key = `${a.invoiceId}/${a.positionId}`
            expect(new D(a.invoiceAmount).lte(owed.get(key)!)).toBe(true)
            owed.delete(key) // one allocation per position
          }
        }),
      )
    })

    it(`does not depend on the order of invoices (${currencies.join(', ')})`, () => {
      fc.assert(
        fc.property(receiptArb, invoicesArb(currencies), fc.integer(), (receipt, invoices, seed) => {
          const shuffled = [...invoices].sort(
            (a, b) => ((Number(a.invoiceId) * 7919 + seed) % 13) - ((Number(b.invoiceId) * 7919 + seed) % 13),
          )
          expect(unwrap(allocateReceipt(receipt, shuffled, options))).toEqual(
            unwrap(allocateReceipt(receipt, invoices, options)),
          )
        }),
      )
    })
  }

  it('in one currency, pays a later invoice only when every earlier one is settled, and leaves money over only when all are', () => {
    fc.assert(
      fc.property(receiptArb, invoicesArb(['RUB']), (receipt, invoices) => {
        const r = unwrap(allocateReceipt(receipt, invoices))
        const owed = outstanding(invoices)
        for (const a of r.allocations)
          owed.set(`${a.invoiceId}/${a.positionId}`, owed.get(`${a.invoiceId}/${a.positionId}`)!.minus(a.amount))
        const dueOf = (id: string) => invoices.find((i) => i.invoiceId === id)!.dueDate ?? receipt.date
        const paidInvoices = new Set(r.allocations.map((a) => a.invoiceId))
        for (const id of paidInvoices) {
          for (const other of invoices) {
            if ((other.dueDate ?? receipt.date) < dueOf(id)) {
              for (const p of other.positions)
                expect(owed.get(`${other.invoiceId}/${p.positionId}`)!.isZero()).toBe(true)
            }
          }
        }
        if (new D(r.unallocated).gt(0)) for (const v of owed.values()) expect(v.isZero()).toBe(true)
      }),
    )
  })

  it('books allocations so that a second receipt never over-pays, and a reversal restores the invoices', () => {
    fc.assert(
      fc.property(receiptArb, receiptArb, invoicesArb(['RUB', 'USD', 'EUR']), (r1, r2, invoices) => {
        const options = { currencies: CURRENCIES }
        const first = unwrap(allocateReceipt(r1, invoices, options))
        const booked = unwrap(applyAllocations(invoices, first.allocations, 'apply', options))
        const second = unwrap(allocateReceipt(r2, booked, options))
        const after = unwrap(applyAllocations(booked, second.allocations, 'apply', options))
        for (const inv of after)
          for (const p of inv.positions) expect(new D(p.paid as string).lte(p.amount as string)).toBe(true)
        const undone = unwrap(
          applyAllocations(after, [...first.allocations, ...second.allocations], 'reverse', options),
        )
        const paidOf = (list: OpenInvoice[]) =>
          list.flatMap((i) => i.positions.map((p) => new D(p.paid as string).toFixed(2)))
        expect(paidOf(undone)).toEqual(paidOf(invoices))
      }),
    )
  })

  it('refuses to book an unknown position or beyond the amount', () => {
    const invoices = [inv('1', null, [['a', '100', '90']])]
    expect(applyAllocations(invoices, [{ invoiceId: '1', positionId: 'b', invoiceAmount: '1' }])).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_ALLOCATION', invoiceId: '1', positionId: 'b' },
    })
    expect(applyAllocations(invoices, [{ invoiceId: '1', positionId: 'a', invoiceAmount: '10.01' }])).toMatchObject({
      ok: false,
      error: { code: 'OVERPAYMENT' },
    })
    expect(
      applyAllocations(invoices, [{ invoiceId: '1', positionId: 'a', invoiceAmount: '90.01' }], 'reverse'),
    ).toMatchObject({
      ok: false,
      error: { code: 'OVERPAYMENT' },
    })
    expect(
      unwrap(applyAllocations(invoices, [{ invoiceId: '1', positionId: 'a', invoiceAmount: '10' }]))[0]!.positions[0]!
        .paid,
    ).toBe('100.00')
  })

  it('accepts its own allocation as a manual plan with the same result', () => {
    fc.assert(
      fc.property(receiptArb, invoicesArb(['RUB', 'USD']), (receipt, invoices) => {
        const options = { currencies: CURRENCIES }
        const auto = unwrap(allocateReceipt(receipt, invoices, options))
        const plan = auto.allocations.map(({ invoiceId, positionId, amount }) => ({ invoiceId, positionId, amount }))
        expect(unwrap(validateAllocationPlan(receipt, invoices, plan, options))).toEqual(auto)
      }),
    )
  })
})

describe('validateAllocationPlan', () => {
  const invoices = [
    inv('1', '2026-01-15', [
      ['a', '1000', '200'],
      ['b', '300', '0'],
    ]),
    inv('2', '2026-02-15', [['c', '10', '0']], 'USD'),
  ]

  it('returns the plan in allocation shape with the rest unallocated', () => {
    const r = unwrap(
      validateAllocationPlan(
        rub('2000'),
        invoices,
        [
          { invoiceId: '2', positionId: 'c', amount: '462.50' },
          { invoiceId: '1', positionId: 'b', amount: '300' },
        ],
        { currencies: CURRENCIES },
      ),
    )
    expect(r.allocations).toEqual([
      { invoiceId: '2', positionId: 'c', amount: '462.50', invoiceAmount: '5.00', invoiceCurrency: 'USD' },
      { invoiceId: '1', positionId: 'b', amount: '300.00', invoiceAmount: '300.00', invoiceCurrency: 'RUB' },
    ])
    expect(r.unallocated).toBe('1237.50')
  })

  it('reports every problem of a bad plan at once', () => {
    const r = validateAllocationPlan(
      rub('1000'),
      invoices,
      [
        { invoiceId: '9', positionId: 'a', amount: '1' },
        { invoiceId: '1', positionId: 'z', amount: '1' },
        { invoiceId: '1', positionId: 'a', amount: '801' },
        { invoiceId: '1', positionId: 'b', amount: '0' },
        { invoiceId: '1', positionId: 'b', amount: '1.001' },
        { invoiceId: '2', positionId: 'c', amount: '925.00' },
        { invoiceId: '2', positionId: 'c', amount: '1' },
      ],
      { currencies: CURRENCIES },
    )
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'ALLOCATION_PLAN_INVALID',
        issues: [
          { code: 'UNKNOWN_INVOICE', line: 0, invoiceId: '9' },
          { code: 'UNKNOWN_POSITION', line: 1, invoiceId: '1', positionId: 'z' },
          {
            code: 'POSITION_OVERPAID',
            line: 2,
            invoiceId: '1',
            positionId: 'a',
            outstanding: '800.00',
            amount: '801.00',
          },
          { code: 'NON_POSITIVE_AMOUNT', line: 3, amount: '0' },
          { code: 'DUPLICATE_LINE', line: 4, invoiceId: '1', positionId: 'b' },
          { code: 'DUPLICATE_LINE', line: 6, invoiceId: '2', positionId: 'c' },
        ],
      },
    })
  })

  it('refuses a plan allocating more than the receipt', () => {
    const r = validateAllocationPlan(rub('500'), invoices, [
      { invoiceId: '1', positionId: 'a', amount: '400' },
      { invoiceId: '1', positionId: 'b', amount: '200' },
    ])
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'ALLOCATION_PLAN_INVALID',
        issues: [{ code: 'RECEIPT_EXCEEDED', allocated: '600.00', receipt: '500.00' }],
      },
    })
  })

  it('flags an amount with too many decimals', () => {
    const r = validateAllocationPlan(rub('500'), invoices, [{ invoiceId: '1', positionId: 'a', amount: '1.005' }])
    expect(!r.ok && r.error.code === 'ALLOCATION_PLAN_INVALID' && r.error.issues).toEqual([
      { code: 'INVALID_AMOUNT', line: 0, amount: '1.005' },
    ])
  })
})

describe('exchangeDifference', () => {
  it.each([
    ['925.00', '10.00', '90', { booked: '900.00', difference: '25.00' }],
    ['925.00', '10.00', '92.5', { booked: '925.00', difference: '0.00' }],
    ['500.00', '5.41', '95.1234', { booked: '514.62', difference: '-14.62' }],
  ])('received %s for %s USD booked at %s → %o', (amount, invoiceAmount, rate, expected) => {
    expect(exchangeDifference({ amount, invoiceAmount }, rate)).toEqual({ ok: true, value: expected })
  })

  it('booked + difference = received for any allocation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e7 }),
        fc.integer({ min: 1, max: 2e6 }),
        (r, c, k) => {
          const amount = new D(r).div(100).toFixed(2)
          const res = unwrap(
            exchangeDifference({ amount, invoiceAmount: new D(c).div(100).toFixed(2) }, new D(k).div(10000)),
          )
          expect(new D(res.booked).plus(res.difference).toFixed(2)).toBe(amount)
        },
      ),
    )
    expect(exchangeDifference({ amount: 'x', invoiceAmount: '1' }, 1)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_NUMBER' },
    })
  })
})
