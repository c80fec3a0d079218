import { describe, expect, it } from 'vitest'
import decodeQR from '@paulmillr/qr/decode.js'
import { kopecks, paymentQrPayload, qrText, type PaymentQrFields } from '../src/qr/payment-qr'
import { qrMatrix } from '../src/qr/qr-matrix'
import { unwrap } from './support/fixtures'

const FIELDS: PaymentQrFields = {
  name: 'ООО «Техностром»',
  personalAcc: '40702810938000123456',
  bankName: 'ПАО «Сбербанк», г. Москва',
  bic: '044525225',
  correspAcc: '30101810400000000225',
  payeeInn: '7701234567',
  kpp: '770101001',
  sum: '1342508.03',
  purpose: 'Оплата по счёту № 17 от 25.11.2026, в т.ч. НДС 231 188,29 ₽',
}

/** The matrix drawn as a grey-scale image, 4 px a module, with a quiet zone, for the decoder. */
function toImage(matrix: boolean[][], scale = 4, quiet = 4) {
  const n = matrix.length
  const size = (n + 2 * quiet) * scale
  const data = new Uint8Array(size * size * 4).fill(255)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const my = Math.floor(y / scale) - quiet
      const mx = Math.floor(x / scale) - quiet
      if (matrix[my]?.[mx]) data.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3)
    }
  }
  return { width: size, height: size, data }
}

describe('paymentQrPayload (GOST R 56042-2014)', () => {
  it('writes the header, the required fields in order, the sum in kopecks and the purpose', () => {
    expect(unwrap(paymentQrPayload(FIELDS))).toBe(
      'ST00012|Name=ООО «Техностром»|PersonalAcc=40702810938000123456|BankName=ПАО «Сбербанк», г. Москва' +
        '|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7701234567|KPP=770101001|Sum=134250803' +
        '|Purpose=Оплата по счёту № 17 от 25.11.2026, в т.ч. НДС 231 188,29 ₽',
    )
  })

  it.each([
    ['1342508.03', '134250803'],
    ['0.01', '1'],
    ['10', '1000'],
    ['10.5', '1050'],
    ['000123.40', '12340'],
    ['9999999999999999.99', '999999999999999999'],
  ])('%s roubles are %s kopecks, by the digits', (sum, expected) => {
    expect(unwrap(kopecks(sum))).toBe(expected)
  })

  it.each(['0', '0.00', '-5.00', '1.005', '1,50', 'abc', '99999999999999999.99'])('refuses the sum %s', (sum) => {
    expect(paymentQrPayload({ ...FIELDS, sum })).toEqual({
      ok: false,
      error: { code: 'QR_INVALID_FIELD', field: 'Sum', value: sum },
    })
  })

  it("never lets '|' or a line break into a value: they would start a new field", () => {
    const payload = unwrap(
      paymentQrPayload({ ...FIELDS, name: 'ООО "А|Б"', purpose: 'Оплата\nпо счёту | 17\t  срочно' }),
    )
    const fields = payload.split('|')
    expect(fields).toHaveLength(10)
    expect(fields[1]).toBe('Name=ООО "А/Б"')
    expect(fields[9]).toBe('Purpose=Оплата по счёту / 17 срочно')
    expect(qrText('  a\r\nb  ', 10)).toBe('a b')
  })

  it('cuts free texts to the lengths the standard allows', () => {
    const payload = unwrap(paymentQrPayload({ ...FIELDS, bankName: 'Б'.repeat(60), purpose: 'П'.repeat(300) }))
    const get = (key: string) =>
      payload
        .split('|')
        .find((f) => f.startsWith(`${key}=`))
        ?.slice(key.length + 1)
    expect(get('BankName')).toHaveLength(45)
    expect(get('Purpose')).toHaveLength(210)
  })

  it.each([
    ['personalAcc', '4070281093800012345', 'PersonalAcc'],
    ['bic', '04452522', 'BIC'],
    ['correspAcc', '3010181040000000022X', 'CorrespAcc'],
    ['payeeInn', '77012345', 'PayeeINN'],
    ['kpp', '7701010', 'KPP'],
    ['name', ' \n\t ', 'Name'],
  ] as const)('refuses %s = %s, naming the field', (key, value, field) => {
    const r = paymentQrPayload({ ...FIELDS, [key]: value })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ code: 'QR_INVALID_FIELD', field })
  })

  it('omits KPP for a payee without one (an individual entrepreneur)', () => {
    const { kpp: _kpp, ...noKpp } = FIELDS
    expect(unwrap(paymentQrPayload({ ...noKpp, payeeInn: '770123456789' }))).toContain(
      '|PayeeINN=770123456789|Sum=134250803|',
    )
  })

  it('encodes into a QR code that decodes back to the same UTF-8 payload', async () => {
    const payload = unwrap(paymentQrPayload(FIELDS))
    const matrix = await qrMatrix(payload)
    expect(matrix.length).toBeGreaterThan(21)
    expect(matrix.every((row) => row.length === matrix.length)).toBe(true)
    expect(decodeQR(toImage(matrix))).toBe(payload)
  })
})
