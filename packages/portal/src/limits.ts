import { ParamsFactory } from '@bitrix24/b24jssdk'
import type { RestrictionParams } from '@bitrix24/b24jssdk'
import { NETWORK_CODES } from './errors'

/** Bitrix24 plans as far as REST limits go: the leaky bucket is 2/s burst 50, or 5/s burst 250 on Enterprise. */
export type PortalPlan = 'standard' | 'enterprise'

const BUCKETS: Record<PortalPlan, { burstLimit: number; drainRate: number }> = {
  standard: { burstLimit: 50, drainRate: 2 },
  enterprise: { burstLimit: 250, drainRate: 5 },
}

/**
 * The SDK restriction parameters salesflow runs with.
 * - The client-side leaky bucket matches the plan, so we throttle ourselves before the portal answers 503.
 * - The SDK backs off on 503 QUERY_LIMIT_EXCEEDED and 429 OPERATION_TIME_LIMIT (`maxRetries` attempts).
 * - `retryOnNetworkError: false` and `ERR_BAD_RESPONSE` (a 5xx without a REST code) as a hard code: the SDK
 *   cannot tell a read from an `*.add`, so transport failures come straight to PortalClient, which retries
 *   reads and idempotent writes itself and reports UNKNOWN_OUTCOME for creates.
 */
export function restrictionParamsFor(
  plan: PortalPlan = 'standard',
  overrides: RestrictionParams = {},
): RestrictionParams {
  // A complete set: setRestrictionManagerParams replaces the SDK's config instead of merging it.
  return {
    ...ParamsFactory.getDefault(),
    rateLimit: { ...BUCKETS[plan], adaptiveEnabled: true },
    operatingLimit: { windowMs: 600_000, limitMs: 480_000, heavyPercent: 80 },
    maxRetries: 3,
    retryDelay: 1_000,
    retryOnNetworkError: false,
    // Transport failures (no answer, or a timeout) as axios reports them outside a browser.
    hardErrorCodes: [...NETWORK_CODES, 'ETIMEDOUT', 'ERR_BAD_RESPONSE'],
    ...overrides,
  }
}
