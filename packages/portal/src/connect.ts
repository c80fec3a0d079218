import { B24Hook, LoggerFactory, SdkError, initializeB24Frame } from '@bitrix24/b24jssdk'
import type { B24Frame, RestrictionParams, TypeB24 } from '@bitrix24/b24jssdk'
import { createPortalClient, type PortalClient, type PortalClientOptions } from './client'
import { restrictionParamsFor, type PortalPlan } from './limits'

export interface ConnectOptions extends PortalClientOptions {
  readonly plan?: PortalPlan
  /** Overrides of the plan's restriction parameters (tests lower maxRetries and delays). */
  readonly restrictions?: RestrictionParams
}

/**
 * Connects a widget to its Bitrix24 parent frame. `initializeB24Frame` has no timeout of its own (it waits for
 * the parent's getInitData forever), so it is raced against `timeoutMs`. Resolves to null when the page is not
 * inside a portal (standalone/demo mode); rejects only on a timeout or a broken handshake.
 */
export async function connectFrame(
  timeoutMs = 5_000,
  options: Pick<ConnectOptions, 'plan' | 'restrictions'> = {},
): Promise<B24Frame | null> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      initializeB24Frame({ restrictionParams: restrictionParamsFor(options.plan, options.restrictions) }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Bitrix24 frame did not answer within ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
  } catch (e) {
    if (e instanceof SdkError && e.code === 'JSSDK_CLIENT_SIDE_WARNING') return null
    throw e
  } finally {
    clearTimeout(timer)
  }
}

/** A PortalClient over an existing SDK instance (a frame from connectFrame, a B24OAuth, a B24Hook). */
export async function clientFor(b24: TypeB24, options: ConnectOptions = {}): Promise<PortalClient> {
  await b24.setRestrictionManagerParams(restrictionParamsFor(options.plan, options.restrictions))
  return createPortalClient(b24, options)
}

/**
 * A PortalClient over an inbound webhook (`https://portal/rest/1/secret/`), for Node tests and scripts only:
 * the URL carries a secret and must never reach a widget bundle.
 */
export function connectWebhook(url: string, options: ConnectOptions = {}): PortalClient {
  const hook = B24Hook.fromWebhookUrl(url, {
    restrictionParams: restrictionParamsFor(options.plan, options.restrictions),
  })
  hook.offClientSideWarning()
  hook.setLogger(LoggerFactory.createNullLogger())
  return createPortalClient(hook, options)
}
