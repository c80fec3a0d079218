import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  DEFAULT_PRODUCT_MODEL,
  canonicalConfiguration,
  configurationChange,
  diffConfigurations,
  findExistingItem,
  generateItem,
  validateConfiguration,
} from '../src'
import type { Configuration, ProductModel } from '../src'

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`unexpected error ${JSON.stringify(r.error)}`)
  return r.value
}
const M = DEFAULT_PRODUCT_MODEL
const cfg = (platformId: string, parts: Record<string, number | string>): Configuration => ({
  platformId,
  components: Object.entries(parts).map(([componentId, quantity]) => ({ componentId, quantity })),
})
const BASE = { 'frame-light': 1, 'sensor-c3': 4, 'ctrl-basic': 1, 'cable-5': 1 }

describe('validateConfiguration', () => {
  it('accepts the demo configurations', () => {
    expect(validateConfiguration(M, cfg('pt-200', BASE))).toEqual({ valid: true, violations: [] })
    expect(
      validateConfiguration(M, cfg('pt-500', { ...BASE, 'frame-light': 0, 'frame-heavy': 1, 'sensor-c3': 8 })).valid,
    ).toBe(true)
    expect(
      validateConfiguration(M, cfg('pt-200', { ...BASE, 'ctrl-basic': 0, 'ctrl-pro': 1, 'drive-fc': 1 })).valid,
    ).toBe(true)
  })

  // every rule of the demo model, with both sides of each bound
  it.each([
    [
      'no controller',
      'pt-200',
      { ...BASE, 'ctrl-basic': 0 },
      { code: 'QUANTITY_BELOW', ruleId: 'one-controller', limit: 1, actual: 0 },
    ],
    [
      'two controllers',
      'pt-200',
      { ...BASE, 'ctrl-pro': 1 },
      { code: 'QUANTITY_ABOVE', ruleId: 'one-controller', limit: 1, actual: 2 },
    ],
    [
      '3 sensors on PT-200',
      'pt-200',
      { ...BASE, 'sensor-c3': 3 },
      { code: 'QUANTITY_BELOW', ruleId: 'sensors-200', actual: 3 },
    ],
    [
      '5 sensors on PT-200',
      'pt-200',
      { ...BASE, 'sensor-c3': 5 },
      { code: 'QUANTITY_ABOVE', ruleId: 'sensors-200', actual: 5 },
    ],
    [
      '3 sensors on PT-500',
      'pt-500',
      { ...BASE, 'frame-light': 0, 'frame-heavy': 1, 'sensor-c3': 3 },
      { code: 'QUANTITY_BELOW', ruleId: 'sensors-500' },
    ],
    [
      '9 sensors on PT-500',
      'pt-500',
      { ...BASE, 'frame-light': 0, 'frame-heavy': 1, 'sensor-c3': 9 },
      { code: 'QUANTITY_ABOVE', ruleId: 'sensors-500', limit: 8, actual: 9 },
    ],
    ['no frame', 'pt-200', { ...BASE, 'frame-light': 0 }, { code: 'QUANTITY_BELOW', ruleId: 'one-frame' }],
    ['no cable', 'pt-200', { ...BASE, 'cable-5': 0 }, { code: 'QUANTITY_BELOW', ruleId: 'cables' }],
    ['5 cables', 'pt-200', { ...BASE, 'cable-5': 5 }, { code: 'QUANTITY_ABOVE', ruleId: 'cables', limit: 4 }],
    [
      'drive without KS-2',
      'pt-200',
      { ...BASE, 'drive-fc': 1 },
      {
        code: 'REQUIRES',
        ruleId: 'drive-needs-pro',
        item: 'drive-fc',
        anyOf: ['ctrl-pro'],
        explain: 'Привод ПЧ-7 работает только с КС-2',
      },
    ],
    [
      'PT-500 on a light frame',
      'pt-500',
      BASE,
      { code: 'EXCLUDES', ruleId: 'heavy-no-light-frame', a: 'pt-500', b: 'frame-light' },
    ],
    [
      'mixed sensor classes',
      'pt-200',
      { ...BASE, 'sensor-c3': 2, 'sensor-c4': 2 },
      { code: 'EXCLUDES', ruleId: 'c3-c4-mix' },
    ],
    ['an unknown platform', 'pt-900', BASE, { code: 'UNKNOWN_PLATFORM', id: 'pt-900' }],
    ['an unknown component', 'pt-200', { ...BASE, laser: 1 }, { code: 'UNKNOWN_COMPONENT', id: 'laser' }],
    [
      'a fractional quantity',
      'pt-200',
      { ...BASE, 'cable-5': 1.5 },
      { code: 'INVALID_QUANTITY', componentId: 'cable-5' },
    ],
    ['a negative quantity', 'pt-200', { ...BASE, 'cable-5': -1 }, { code: 'INVALID_QUANTITY' }],
    ['a non-numeric quantity', 'pt-200', { ...BASE, 'cable-5': 'two' }, { code: 'INVALID_QUANTITY' }],
  ] as [string, string, Record<string, number | string>, object][])('flags %s', (_, platform, parts, violation) => {
    const check = validateConfiguration(M, cfg(platform, parts))
    expect(check.valid).toBe(false)
    expect(check.violations).toContainEqual(expect.objectContaining(violation))
  })

  it('counts duplicate lines together', () => {
    const split = {
      platformId: 'pt-200',
      components: [...cfg('pt-200', BASE).components, { componentId: 'sensor-c3', quantity: '1' }],
    }
    expect(validateConfiguration(M, split).violations).toEqual([
      expect.objectContaining({ code: 'QUANTITY_ABOVE', ruleId: 'sensors-200', actual: 5 }),
    ])
  })
})

describe('generateItem', () => {
  it('builds a deterministic article and name in group order', () => {
    const item = unwrap(generateItem(M, cfg('pt-200', BASE)))
    expect(item.article).toMatch(/^PT200-RL-LC3x4-KS1-CB5-[0-9A-F]{6}$/)
    expect(item.article.endsWith(item.fingerprint.slice(0, 6).toUpperCase())).toBe(true)
    expect(item.name).toBe(
      'Платформа ПТ-200 стальная + Рама облегчённая, Датчик веса тензометрический C3 ×4, Контроллер КС-1, Кабель сигнальный 5 м',
    )
  })

  it('refuses an invalid configuration with its violations', () => {
    const r = generateItem(M, cfg('pt-200', { ...BASE, 'ctrl-basic': 0 }))
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'CONFIGURATION_INVALID', violations: [{ ruleId: 'one-controller' }] },
    })
  })

  it('gives the same item whatever the order, the splitting and the zero lines of the configuration', () => {
    const lines = Object.entries(BASE)
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: lines.length }), fc.boolean(), (shuffled, split) => {
        const components = shuffled.flatMap(([componentId, q]) =>
          split && q > 1
            ? [
                { componentId, quantity: 1 },
                { componentId, quantity: String(q - 1) },
                { componentId: 'drive-fc', quantity: 0 },
              ]
            : [{ componentId, quantity: q }],
        )
        expect(unwrap(generateItem(M, { platformId: 'pt-200', components }))).toEqual(
          unwrap(generateItem(M, cfg('pt-200', BASE))),
        )
      }),
    )
  })

  it('gives different fingerprints to different configurations', () => {
    const a = unwrap(generateItem(M, cfg('pt-500', { ...BASE, 'frame-light': 0, 'frame-heavy': 1, 'sensor-c3': 6 })))
    const b = unwrap(generateItem(M, cfg('pt-500', { ...BASE, 'frame-light': 0, 'frame-heavy': 1, 'sensor-c3': 7 })))
    expect(a.fingerprint).not.toBe(b.fingerprint)
    expect(a.article).not.toBe(b.article)
    expect(canonicalConfiguration(cfg('pt-200', { b: 1, a: 2, c: 0 }))).toEqual({
      platformId: 'pt-200',
      components: [
        ['a', 2],
        ['b', 1],
      ],
    })
  })

  it('keeps long articles within 64 characters and unique by the fingerprint suffix', () => {
    const big: ProductModel = {
      platforms: [{ id: 'p', code: 'PLATFORM-XL', name: 'P' }],
      components: Array.from({ length: 30 }, (_, i) => ({
        id: `c${i}`,
        code: `COMP${i}`,
        name: 'К'.repeat(20),
        group: 'g',
      })),
      rules: [],
    }
    const all = cfg('p', Object.fromEntries(big.components.map((c) => [c.id, 3])))
    const item = unwrap(generateItem(big, all))
    expect(item.article.length).toBeLessThanOrEqual(64)
    expect(item.article).toMatch(/^PLATFORM-XL-COMP0x3-.*~-[0-9A-F]{6}$/)
    expect(item.name.length).toBeLessThanOrEqual(255)
    expect(item.name.endsWith(`[${item.fingerprint.slice(0, 6).toUpperCase()}]`)).toBe(true)
  })
})

describe('approval memory', () => {
  it('diffs configurations on their canonical forms', () => {
    const before = cfg('pt-200', BASE)
    expect(
      diffConfigurations(before, cfg('pt-200', { 'cable-5': 1, 'ctrl-basic': 1, 'sensor-c3': 4, 'frame-light': 1 })),
    ).toEqual({
      identical: true,
      platform: null,
      added: [],
      removed: [],
      changed: [],
    })
    expect(
      diffConfigurations(before, cfg('pt-500', { ...BASE, 'frame-light': 0, 'frame-heavy': 1, 'sensor-c3': 6 })),
    ).toEqual({
      identical: false,
      platform: { from: 'pt-200', to: 'pt-500' },
      added: [{ componentId: 'frame-heavy', quantity: 1 }],
      removed: [{ componentId: 'frame-light', quantity: 1 }],
      changed: [{ componentId: 'sensor-c3', from: 4, to: 6 }],
    })
  })

  it('an edit shows its exact price delta and needs approval unless the new item is already approved', () => {
    const before = cfg('pt-200', BASE)
    const diff = diffConfigurations(before, cfg('pt-200', { ...BASE, 'sensor-c3': 6 }))
    const rub = (listPrice: string) => ({ listPrice, currency: 'RUB' })
    expect(configurationChange(diff, rub('100000.10'), rub('99999.30'), null)).toEqual({
      priceDelta: '-0.8',
      reapproval: true,
    })
    expect(configurationChange(diff, rub('0.1'), rub('0.3'), 'approved')).toEqual({
      priceDelta: '0.2',
      reapproval: false,
    })
    expect(configurationChange(diff, rub('1'), { listPrice: '1', currency: 'EUR' }, 'rejected')).toEqual({
      priceDelta: null,
      reapproval: true,
    })
    const same = diffConfigurations(before, before)
    expect(configurationChange(same, rub('5'), rub('5'), 'draft')).toEqual({ priceDelta: '0', reapproval: false })
  })

  it('the price delta is exact: before + delta is after, for any two prices', () => {
    const cents = fc.bigInt({ min: 0n, max: 10n ** 14n })
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        const money = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`
        const d = configurationChange(
          diffConfigurations(cfg('pt-200', BASE), cfg('pt-500', BASE)),
          { listPrice: money(a), currency: 'RUB' },
          { listPrice: money(b), currency: 'RUB' },
          null,
        ).priceDelta!
        const [whole, frac = ''] = d.replace('-', '').split('.')
        const abs = BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'))
        return (d.startsWith('-') ? -abs : abs) === b - a
      }),
    )
  })

  it('finds the existing item of the same configuration, so its approval carries over', () => {
    const item = unwrap(generateItem(M, cfg('pt-200', BASE)))
    const known = [
      { fingerprint: 'f'.repeat(64), productId: 7, approval: 'rejected' as const },
      { fingerprint: item.fingerprint, productId: 501, approval: 'approved' as const },
    ]
    expect(findExistingItem(known, item.fingerprint)).toEqual(known[1])
    const changed = unwrap(generateItem(M, cfg('pt-200', { ...BASE, 'cable-5': 2 })))
    expect(findExistingItem(known, changed.fingerprint)).toBeUndefined()
  })
})
