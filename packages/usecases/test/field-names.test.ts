import { describe, expect, it } from 'vitest'
import { DEFAULT_FUNNEL_CONFIG, DEFAULT_LEAD_STATUS_CONFIG } from '@salesflow/rules'
import { DEFAULT_POLICY, FIELD_NAME_MAX, INVOICE_FIELDS, SF_FIELDS, USER_FIELDS } from '../src'

/** Every UF_* code a value of the config names (requirements, terms fields…), found by walking it. */
function ufCodesIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string' && /^UF_/.test(value)) out.add(value)
  else if (Array.isArray(value)) value.forEach((v) => ufCodesIn(v, out))
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => ufCodesIn(v, out))
  return out
}

describe('the user fields are named in one place (SF_FIELDS) and fit the portal', () => {
  const names = new Set<string>(Object.values(SF_FIELDS))

  it('every code is at most 20 characters with UF_CRM_ (the documented limit of crm.<entity>.userfield.add)', () => {
    for (const name of names) {
      expect(name, name).toMatch(/^UF_CRM_[0-9A-Z_]+$/)
      expect(name.length, name).toBeLessThanOrEqual(FIELD_NAME_MAX)
    }
    expect(FIELD_NAME_MAX).toBe(20)
  })

  it('the manifest creates only those fields (and the smart invoice’s, named beside them), and the default settings point at them', () => {
    const invoice = new Set<string>(Object.values(INVOICE_FIELDS))
    for (const f of USER_FIELDS)
      expect(f.entity === 'smartInvoice' ? invoice.has(f.fieldName) : names.has(f.fieldName), f.fieldName).toBe(true)
    for (const name of invoice) expect(name, name).toMatch(/^UF_CRM_SMART_INVOICE_[0-9A-Z_]+$/)
    for (const code of Object.values(DEFAULT_POLICY.fields)) expect(names.has(code), code).toBe(true)
  })

  it('the rules’ demo defaults (a package below this one) spell the same codes', () => {
    const used = [...ufCodesIn(DEFAULT_FUNNEL_CONFIG), ...ufCodesIn(DEFAULT_LEAD_STATUS_CONFIG)]
    expect(used.length).toBeGreaterThan(5)
    for (const code of used) expect(names.has(code), code).toBe(true)
    // …and every field they require is one the install creates.
    const created = new Set(USER_FIELDS.map((f) => f.fieldName))
    for (const code of used) expect(created.has(code), code).toBe(true)
  })
})
