import { describe, expect, it } from 'vitest'
import { formatMoney, invoiceFileName, invoiceQrPayload, renderInvoiceDocx, spellAmount } from '../src'
import { qrGif } from '../src/qr/qr-matrix'
import { CATALOG, CLIENT_NAME, makeInvoice, unwrap } from './support/fixtures'
import { docxText, unzip } from './support/unzip'
import { normaliseSpaces } from './support/pdf-text'

async function read(invoice = makeInvoice(), lang: 'ru' | 'en' = 'ru') {
  const files = unzip(unwrap(await renderInvoiceDocx(invoice, { lang })))
  const xml = files.get('word/document.xml')?.toString('utf8') ?? ''
  return { files, xml, text: docxText(xml) }
}

describe('renderInvoiceDocx', () => {
  it('holds the requisites, every row, VAT per rate, the total, the words and the purpose', async () => {
    const invoice = makeInvoice()
    const { xml, text } = await read(invoice)
    const money = (v: string) => normaliseSpaces(formatMoney(v, invoice.currency, 'ru'))
    const lines = text.split('\n').map(normaliseSpaces)
    expect(lines).toContain('Счёт на оплату № 17 от 25.11.2026')
    expect(lines).toContain('Получатель: ООО «Техностром», ИНН 7701234567, КПП 770101001')
    expect(lines).toContain('Р/с 40702810900000000001')
    expect(lines).toContain(`Покупатель: ${CLIENT_NAME}`)
    for (const row of invoice.rows) expect(lines).toContain(row.name)
    expect(lines).toContain(`НДС 22 %: ${money(invoice.totals.vat[0]!.amount)}`)
    expect(lines).toContain(`НДС 10 %: ${money(invoice.totals.vat[1]!.amount)}`)
    expect(lines).toContain(`Всего к оплате: ${money(invoice.totals.total)}`)
    expect(text).toContain(unwrap(spellAmount(invoice.totals.total, 'RUB', { lang: 'ru' })))
    expect(text).toContain('Назначение платежа: Оплата по счёту № 17 от 25.11.2026, в т.ч. НДС')
    // Rows table: header plus one row per position (the bank block is a table of its own).
    expect((xml.match(/<w:tblHeader/g) ?? []).length).toBe(1)
  })

  it('embeds the payment QR code of the invoice as an image', async () => {
    const invoice = makeInvoice()
    const { files } = await read(invoice)
    const images = [...files.keys()].filter((name) => name.startsWith('word/media/'))
    expect(images).toHaveLength(1)
    const expected = await qrGif(unwrap(invoiceQrPayload(invoice)))
    expect(new Uint8Array(files.get(images[0]!)!)).toEqual(expected)
  })

  it('prints the conversion rate and no QR code for a converted foreign-currency invoice', async () => {
    const invoice = makeInvoice(CATALOG, {
      currency: { code: 'USD', symbol: '$', decimals: 2 },
      rate: { currency: 'USD', base: 'RUB', nominal: '1', rate: '92.5', date: '2026-11-24' },
    })
    const { files, text } = await read(invoice, 'en')
    expect(text).toContain('Converted at 1 USD = 92.50 RUB as of 24 Nov 2026')
    expect(text).toContain('Invoice No. 17 of 25 Nov 2026')
    expect([...files.keys()].some((name) => name.startsWith('word/media/'))).toBe(false)
  })

  it('names the files for download and the timeline', () => {
    expect(invoiceFileName({ number: '17/2', date: '2026-11-25' }, 'pdf', 'ru')).toBe('Счёт 17_2 от 2026-11-25.pdf')
    expect(invoiceFileName({ number: '17', date: '2026-11-25' }, 'docx', 'en')).toBe('Invoice 17 of 2026-11-25.docx')
  })
})
