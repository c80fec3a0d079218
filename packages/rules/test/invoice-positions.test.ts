import { describe, expect, it } from 'vitest'
import { computeProductRows, invoicePositions, paymentLines, type InvoiceRowFacts } from '../src'

const rows: InvoiceRowFacts[] = [
  { id: 1, price: '1220.00', quantity: '3', taxRate: '22', taxIncluded: 'Y' },
  { id: 2, price: '3000000.00', quantity: '1', taxRate: '22', taxIncluded: 'Y' },
  { id: 3, price: '333.33', quantity: '7', taxRate: null, taxIncluded: 'N' },
]
const sumAt = (row: InvoiceRowFacts, quantity: string) => {
  const c = computeProductRows([{ ...row, quantity }]).rows[0]!
  if (!c.ok) throw new Error(c.error.code)
  return c.value.sum
}

describe('invoicePositions', () => {
  it('paid per row is the portal’s row sum at each paid quantity, capped at the row', () => {
    const p = invoicePositions(rows, [
      { rowId: 1, quantity: '1' },
      { rowId: 1, quantity: '1' },
      { rowId: 3, quantity: '0.5' },
    ])
    if (!p.ok) throw new Error(p.error.code)
    expect(p.value[0]).toMatchObject({ amount: '3660.00', paid: '2440.00', outstanding: '1220.00', paidQuantity: '2' })
    expect(p.value[1]).toMatchObject({ paid: '0.00', outstanding: '3000000.00' })
    expect(p.value[2]!.paid).toBe(sumAt(rows[2]!, '0.5'))
  })

  it('refuses rows without ids and units that are not numbers', () => {
    expect(invoicePositions([{ price: '1', quantity: '1' } as never], []).ok).toBe(false)
    expect(invoicePositions(rows, [{ rowId: 1, quantity: 'abc' }])).toMatchObject({ ok: false })
  })
})

describe('paymentLines', () => {
  const positions = invoicePositions(rows, [])
  if (!positions.ok) throw new Error('positions')
  const alloc = (positionId: number, invoiceAmount: string) => ({
    invoiceId: '9',
    positionId: String(positionId),
    invoiceAmount,
  })

  it('a position paid in full gets exactly its remaining units and its exact sum', () => {
    const r = paymentLines(rows, positions.value, [alloc(1, '3660.00')])
    expect(r).toMatchObject({
      ok: true,
      value: { lines: [{ rowId: 1, quantity: '3', amount: '3660.00' }], residue: '0.00' },
    })
  })

  it('a partial payment never records more than the money; what 0.0001 units cannot hold is the residue', () => {
    const r = paymentLines(rows, positions.value, [alloc(2, '1000.01')])
    if (!r.ok) throw new Error(r.error.code)
    const line = r.value.lines[0]!
    expect(Number(line.amount)).toBeLessThanOrEqual(1000.01)
    expect(line.amount).toBe(sumAt(rows[1]!, line.quantity))
    expect((Number(r.value.recorded) + Number(r.value.residue)).toFixed(2)).toBe('1000.01')
    expect(line.quantity).toMatch(/^0\.\d{1,4}$/)
  })

  it('Σ recorded + residue is the money allocated, over several positions', () => {
    const r = paymentLines(rows, positions.value, [alloc(1, '3660.00'), alloc(3, '1000.00')])
    if (!r.ok) throw new Error(r.error.code)
    expect((Number(r.value.recorded) + Number(r.value.residue)).toFixed(2)).toBe('4660.00')
    expect(r.value.lines.map((l) => l.rowId)).toEqual([1, 3])
  })

  it('an allocation to a position the invoice has not is UNKNOWN_ALLOCATION', () => {
    expect(paymentLines(rows, positions.value, [alloc(99, '1')])).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ALLOCATION', positionId: '99' },
    })
  })
})
