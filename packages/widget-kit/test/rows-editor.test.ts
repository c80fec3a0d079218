import { describe, expect, it } from 'vitest'
import type { DraftRow } from '@salesflow/usecases'
import { useRowsEditor, type RowsEditorSource } from '../src'

function draft(key: string, patch: Partial<DraftRow> = {}): DraftRow {
  return {
    key,
    id: null,
    productId: 101,
    productName: 'Платформа ПТ-200 стальная',
    measureCode: 796,
    measureName: 'шт',
    listPrice: '100.00',
    discountType: 'percent',
    discountValue: '0',
    quantity: '1',
    taxRate: '22',
    taxIncluded: 'Y',
    ...patch,
  }
}

function editor(lang: 'ru' | 'en' = 'ru') {
  const source: RowsEditorSource = {
    lang: () => lang,
    storedRows: () => [],
    // Currency switches are the deal tab's store tests (real portal currencies).
    currencies: () => [],
    vatRates: () => [{ id: 3, name: 'НДС 22%', rate: '22', active: true }] as never,
  }
  const e = useRowsEditor(source)
  e.reset([draft('a'), draft('b', { listPrice: '3000000.00' })], 'RUB')
  return e
}

describe('useRowsEditor', () => {
  it('reads what Russians type («1,5», «1 500 000,50») and shows it as typed', () => {
    const e = editor()
    e.update('a', { quantity: '1,5', listPrice: '1\u00a0500\u00a0000,50' })
    expect(e.draft.value[0]).toMatchObject({ quantity: '1.5', listPrice: '1500000.50' })
    expect(e.typed.value['a']).toEqual({ quantity: '1,5', listPrice: '1\u00a0500\u00a0000,50' })
    expect(e.invalid.value).toBe(false)
    expect(e.views.value[0]?.sum).toBe('2250000.75')
  })

  it.each([
    [{ quantity: '-2' }, 'QUANTITY_NOT_POSITIVE', 'quantity'],
    [{ quantity: '0' }, 'QUANTITY_NOT_POSITIVE', 'quantity'],
    [{ discountValue: '150' }, 'DISCOUNT_OUT_OF_RANGE', 'discountRate'],
    [{ quantity: '1,2,3' }, 'INVALID_NUMBER', 'quantity'],
  ])('refuses %o with %s on %s, and no totals', (patch, code, field) => {
    const e = editor()
    e.update('a', patch)
    expect(e.views.value[0]?.error).toMatchObject({ code, field })
    expect(e.views.value[0]?.sum).toBeNull()
    expect([e.invalid.value, e.totals.value]).toEqual([true, null])
    e.update('a', { quantity: '2', discountValue: '10' })
    expect(e.invalid.value).toBe(false)
  })

  it('adds and removes rows; the VAT choices are the portal rates plus the rows’ own', () => {
    const e = editor()
    e.add([draft('c', { taxRate: '20' })])
    expect(e.views.value.map((v) => v.draft.key)).toEqual(['a', 'b', 'c'])
    expect(e.taxRates.value).toEqual(['22', '20'])
    e.remove('b')
    expect(e.draft.value.map((r) => r.key)).toEqual(['a', 'c'])
  })
})
