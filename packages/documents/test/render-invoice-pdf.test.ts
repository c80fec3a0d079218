import { describe, expect, it } from 'vitest'
import decodeQR from '@paulmillr/qr/decode.js'
import { formatMoney, invoiceQrPayload, renderInvoicePdf, spellAmount } from '../src'
import { createNodeFontSource } from '../src/fonts/node-font-source'
import { CATALOG, CLIENT_NAME, makeInvoice, manyLines, unwrap } from './support/fixtures'
import { normaliseSpaces, readPdf } from './support/pdf-text'
import { pdfRegion } from './support/pdf-image'

const fonts = createNodeFontSource()
const flat = (s: string) => normaliseSpaces(s).replace(/ /g, '')
/** Where the renderer puts the QR code: the top right corner, 34 mm, inside 15 mm margins; a little around it. */
const QR_REGION = { x: 158, y: 12, w: 40, h: 40 }

describe('renderInvoicePdf', () => {
  it('prints our requisites and bank account, the buyer, every row, VAT per rate, the total and the words', async () => {
    const invoice = makeInvoice()
    const bytes = unwrap(await renderInvoicePdf(invoice, { lang: 'ru', fonts }))
    // Raw order keeps a wrapped name together; layout order keeps a total's label beside its amount.
    const { text, pages } = readPdf(bytes)
    const plain = normaliseSpaces(readPdf(bytes, true).text)
    const money = (v: string) => normaliseSpaces(formatMoney(v, invoice.currency, 'ru'))
    expect(pages).toBe(1)
    expect(plain).toContain('Счёт на оплату № 17 от 25.11.2026')
    expect(plain).toContain('Оплатить до 02.12.2026')
    expect(plain).toContain('Банк получателя: ПАО «Банк»')
    expect(plain).toContain('БИК 044525000, К/с 30101810400000000225')
    expect(plain).toContain('Получатель: ООО «Техностром», ИНН 7701234567, КПП 770101001')
    expect(plain).toContain('Р/с 40702810900000000001')
    expect(plain).toContain(`Покупатель: ${CLIENT_NAME}`)
    expect(plain).toContain('ИНН 5190123456, КПП 519001001')
    for (const row of invoice.rows) expect(flat(text)).toContain(flat(row.name))
    const vat = invoice.totals.vat
    expect(vat.map((v) => v.rate)).toEqual(['22.00', '10.00', null])
    expect(plain).toContain(`НДС 22 %: ${money(vat[0]!.amount)}`)
    expect(plain).toContain(`НДС 10 %: ${money(vat[1]!.amount)}`)
    expect(plain).toContain(`Итого без НДС: ${money(invoice.totals.withoutVat)}`)
    expect(plain).toContain(`Всего к оплате: ${money(invoice.totals.total)}`)
    expect(plain).toContain(`Всего наименований 5, на сумму ${money(invoice.totals.total)}`)
    expect(plain).toContain(unwrap(spellAmount(invoice.totals.total, 'RUB', { lang: 'ru' })))
    expect(plain).toContain(`Оплата по счёту № 17 от 25.11.2026, в т.ч. НДС ${money(invoice.totals.vatTotal)}`)
    expect(plain).toContain('Генеральный директор')
    expect(plain).toContain('Главный бухгалтер Орлова Е. Н.')
    // A rouble invoice of roubles: no conversion line.
    expect(plain).not.toContain('курсу')
  })

  it('draws the payment QR code, which a reader decodes to the GOST payload', async () => {
    const invoice = makeInvoice()
    const { file } = readPdf(unwrap(await renderInvoicePdf(invoice, { lang: 'ru', fonts })))
    const expected = unwrap(invoiceQrPayload(invoice))
    expect(expected).toBe(
      'ST00012|Name=ООО «Техностром»|PersonalAcc=40702810900000000001|BankName=ПАО «Банк»|BIC=044525000' +
        '|CorrespAcc=30101810400000000225|PayeeINN=7701234567|KPP=770101001|Sum=134250803' +
        '|Purpose=Оплата по счёту № 17 от 25.11.2026, в т.ч. НДС 232 594,10 ₽',
    )
    expect(decodeQR(pdfRegion(file, QR_REGION))).toBe(expected)
  })

  it('prints the rate snapshot of a converted invoice, and no QR code for a foreign currency', async () => {
    const invoice = makeInvoice(CATALOG, {
      currency: { code: 'EUR', symbol: '€', decimals: 2 },
      rate: { currency: 'EUR', base: 'RUB', nominal: '1', rate: '101.2500', date: '2026-11-24' },
    })
    const { text, file } = readPdf(unwrap(await renderInvoicePdf(invoice, { lang: 'ru', fonts })))
    const plain = normaliseSpaces(text)
    expect(plain).toContain('Сумма пересчитана по курсу 1 EUR = 101,2500 RUB на 24.11.2026')
    expect(plain).toContain(unwrap(spellAmount(invoice.totals.total, 'EUR', { lang: 'ru' })))
    expect(plain).not.toContain('QR')
    expect(() => decodeQR(pdfRegion(file, QR_REGION))).toThrow()
  })

  it('prints the nominal of a rate quoted per 10 units', async () => {
    const invoice = makeInvoice(CATALOG, {
      currency: { code: 'CNY', symbol: '¥', decimals: 2 },
      rate: { currency: 'CNY', base: 'RUB', nominal: '10', rate: '123.4500', date: '2026-11-24' },
    })
    const { text } = readPdf(unwrap(await renderInvoicePdf(invoice, { lang: 'en', fonts })))
    expect(normaliseSpaces(text)).toContain('Converted at 10 CNY = 123.4500 RUB as of 24 Nov 2026')
  })

  it('words an English invoice in English, with the signer title from the settings', async () => {
    const invoice = makeInvoice()
    const { text } = readPdf(unwrap(await renderInvoicePdf(invoice, { lang: 'en', fonts })))
    const plain = normaliseSpaces(text)
    expect(plain).toContain('Invoice No. 17 of 25 Nov 2026')
    expect(plain).toContain("Payee's bank")
    expect(plain).toContain('General Director')
    expect(plain).toContain('Chief accountant')
    expect(plain).toContain(unwrap(spellAmount(invoice.totals.total, 'RUB', { lang: 'en' })))
    for (const label of ['Счёт', 'Поставщик', 'Покупатель', 'Генеральный директор', 'прописью', 'Всего']) {
      expect(plain).not.toContain(label)
    }
  })

  it('paginates 200 rows and keeps every row and the total', async () => {
    const invoice = makeInvoice(manyLines(200))
    const { text, pages } = readPdf(unwrap(await renderInvoicePdf(invoice, { lang: 'ru', fonts })))
    expect(pages).toBeGreaterThan(3)
    const squashed = flat(text)
    for (const row of invoice.rows) expect(squashed).toContain(flat(row.name))
    expect(normaliseSpaces(text)).toContain(normaliseSpaces(formatMoney(invoice.totals.total, invoice.currency, 'ru')))
  })

  it('refuses bank requisites the payment order cannot carry, naming the field', async () => {
    const invoice = makeInvoice()
    const bad = { ...invoice, seller: { ...invoice.seller, bank: { ...invoice.seller.bank, bik: '04452' } } }
    expect(await renderInvoicePdf(bad, { lang: 'ru', fonts })).toEqual({
      ok: false,
      error: { code: 'QR_INVALID_FIELD', field: 'BIC', value: '04452' },
    })
  })

  it('refuses an invoice without rows', async () => {
    expect(await renderInvoicePdf({ ...makeInvoice(), rows: [] }, { lang: 'ru', fonts })).toEqual({
      ok: false,
      error: { code: 'NO_ROWS' },
    })
  })
})
