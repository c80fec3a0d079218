import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  D,
  addDays,
  addMonths,
  canonicalJson,
  daysBetween,
  endOfMonth,
  fingerprint,
  parseIsoDate,
  sha256Hex,
} from '../src'

describe('sha256Hex', () => {
  // FIPS 180-4 / NIST example vectors
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('hashes %j', (text, hex) => {
    expect(sha256Hex(text)).toBe(hex)
  })

  it('hashes UTF-8 bytes and every padding boundary without collisions', () => {
    const seen = new Set<string>()
    for (let n = 50; n < 70; n++) seen.add(sha256Hex('я'.repeat(n)))
    expect(seen.size).toBe(20)
    for (const h of seen) expect(h).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('canonicalJson and fingerprint', () => {
  it('sorts keys at every depth, keeps array order, drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: new D('1.50') }], z: undefined })).toEqual({
      ok: true,
      value: '{"a":[{"c":"1.5","d":"x"}],"b":1}',
    })
  })

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [10n], [() => 1]])('rejects %s', (bad) => {
    expect(canonicalJson({ a: [bad] })).toMatchObject({ ok: false, error: { code: 'NOT_CANONICAL', path: '$.a[0]' } })
  })

  it('gives equal fingerprints to objects that differ only in key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse())
        expect(fingerprint(reversed)).toEqual(fingerprint(obj))
      }),
    )
  })
})

describe('ISO dates', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-31', 12, '2027-05-31'],
  ])('%s + %i months = %s', (d, m, expected) => expect(addMonths(d, m)).toBe(expected))

  it('adds days across years and counts days between', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
    expect(daysBetween('2026-02-01', '2026-03-01')).toBe(28)
    expect(endOfMonth('2028-02-10')).toBe('2028-02-29')
  })

  it.each(['2026-02-30', '2026-1-5', '05.01.2026', '', '2026-13-01'])('rejects %j', (bad) => {
    expect(parseIsoDate(bad, 'd')).toEqual({ ok: false, error: { code: 'INVALID_DATE', field: 'd', value: bad } })
  })
})
