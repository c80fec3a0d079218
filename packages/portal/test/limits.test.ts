import { describe, expect, it } from 'vitest'
import { ApiVersion } from '@bitrix24/b24jssdk'
import { connectWebhook, restrictionParamsFor } from '../src'

describe('restriction parameters', () => {
  it.each([
    ['standard', 50, 2],
    ['enterprise', 250, 5],
  ] as const)('%s plan: leaky bucket burst %i, %i/s', (plan, burstLimit, drainRate) => {
    const p = restrictionParamsFor(plan)
    expect(p.rateLimit).toMatchObject({ burstLimit, drainRate })
    expect(p.operatingLimit).toMatchObject({ windowMs: 600_000, limitMs: 480_000 })
    expect(p.adaptiveConfig?.enabled).toBe(true) // a complete set: the SDK replaces, not merges
  })

  it('keeps transport retries out of the SDK so a create is never repeated behind our back', () => {
    const p = restrictionParamsFor()
    expect(p.retryOnNetworkError).toBe(false)
    expect(p.hardErrorCodes).toEqual(expect.arrayContaining(['ERR_BAD_RESPONSE', 'ECONNRESET', 'JSSDK_AXIOS_ERROR']))
  })

  it('is what the SDK runs with', () => {
    const client = connectWebhook('https://limits.bitrix24.test/rest/1/secret/', {
      plan: 'enterprise',
      timeoutMs: 12_000,
    })
    const http = client.b24.getHttpClient(ApiVersion.v2)
    expect(http.getRestrictionManagerParams().rateLimit).toMatchObject({ burstLimit: 250, drainRate: 5 })
    expect(http.ajaxClient.defaults.timeout).toBe(12_000)
  })
})
