import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { commandLine, encodeQuery, ref } from '../src'

/** A reader of PHP-style query strings, flat: bracket path → value. */
const pairs = (q: string) => [...new URLSearchParams(q)].map(([k, v]) => [k, v])

describe('PHP-style batch command encoding', () => {
  it('encodes nested filters, lists and references the way parse_str reads them', () => {
    const line = commandLine('crm.deal.list', {
      filter: { '>ID': ref('p0', 49, 'ID'), '@ASSIGNED_BY_ID': [1, 6] },
      select: ['ID', 'UF_*'],
      order: { ID: 'ASC' },
      start: -1,
      skipped: undefined,
      empty: null,
    })
    expect(line.startsWith('crm.deal.list?')).toBe(true)
    expect(pairs(line.slice(line.indexOf('?') + 1))).toEqual([
      ['filter[>ID]', '$result[p0][49][ID]'],
      ['filter[@ASSIGNED_BY_ID][0]', '1'],
      ['filter[@ASSIGNED_BY_ID][1]', '6'],
      ['select[0]', 'ID'],
      ['select[1]', 'UF_*'],
      ['order[ID]', 'ASC'],
      ['start', '-1'],
      ['empty', ''],
    ])
  })

  it('builds $result references', () => {
    expect(ref('deal', 'CATEGORY_ID')).toBe('$result[deal][CATEGORY_ID]')
    expect(ref('p3', 'items', 49, 'id')).toBe('$result[p3][items][49][id]')
  })

  it('round-trips any scalar value and key through decoding (property)', () => {
    const key = fc.string({ minLength: 1 }).filter((s) => !/[[\]]/.test(s))
    fc.assert(
      fc.property(key, key, fc.oneof(fc.string(), fc.integer(), fc.boolean()), (a, b, value) => {
        const decoded = pairs(encodeQuery({ [a]: { [b]: value } }))
        expect(decoded).toEqual([[`${a}[${b}]`, String(value)]])
      }),
    )
  })
})
