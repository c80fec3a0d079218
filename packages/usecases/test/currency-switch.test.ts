import { describe, expect, it } from 'vitest'
import { D } from '@salesflow/rules'
import type { Currency } from '@salesflow/portal'
import { enteredRowsOf, switchDraftCurrency, type DraftRow } from '../src'

const currencies: Currency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2, fullName: 'Рубль', sort: 100 },
  { CURRENCY: 'USD', AMOUNT: '92.5', AMOUNT_CNT: '1', isBase: false, decimals: 2, fullName: 'Доллар', sort: 200 },
]

const row = (over: Partial<DraftRow>): DraftRow => ({
  key: 'row-1',
  id: 1,
  productId: 101,
  productName: 'Платформа',
  measureCode: 796,
  measureName: 'шт',
  listPrice: '3000000.00',
  discountType: 'amount',
  discountValue: '1000.00',
  quantity: '1',
  taxRate: '22',
  taxIncluded: 'Y',
  ...over,
})

function switched(
  state: { draft: DraftRow[]; currency: string; entered: ReturnType<typeof enteredRowsOf> },
  to: string,
) {
  const next = switchDraftCurrency(state, to, currencies)
  if (!next.ok) throw new Error(next.error.code)
  return { draft: next.value.draft, currency: to, entered: next.value.entered }
}

describe('switching the order currency', () => {
  it('RUB → USD → RUB gives back the entered prices exactly', () => {
    const draft = [
      row({}),
      row({ key: 'row-2', id: 2, listPrice: '1234.56', discountType: 'percent', discountValue: '7.5' }),
    ]
    const start = { draft, currency: 'RUB', entered: enteredRowsOf(draft, 'RUB') }
    const usd = switched(start, 'USD')
    // The shown USD price is a rounded conversion: converting it back would not give 3 000 000,00.
    expect(usd.draft[0]!.listPrice).toBe('32432.43')
    expect(new D(usd.draft[0]!.listPrice).mul('92.5').eq('3000000')).toBe(false)
    const back = switched(usd, 'RUB')
    expect(back.draft).toEqual(draft)
    // And again, through another round.
    expect(switched(switched(back, 'USD'), 'RUB').draft).toEqual(draft)
  })

  it('a row edited in the other currency is entered anew in that currency; the others keep their entry', () => {
    const draft = [row({}), row({ key: 'row-2', id: 2, listPrice: '500.00' })]
    const usd = switched({ draft, currency: 'RUB', entered: enteredRowsOf(draft, 'RUB') }, 'USD')
    const edited = { ...usd, draft: [usd.draft[0]!, { ...usd.draft[1]!, listPrice: '10' }] }
    const back = switched(edited, 'RUB')
    expect(back.draft[0]).toEqual(draft[0])
    expect(back.draft[1]!.listPrice).toBe('925.00')
    expect(switched(back, 'USD').draft[1]!.listPrice).toBe('10')
  })
})
