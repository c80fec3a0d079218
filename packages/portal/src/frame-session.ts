import { err, ok, type Result } from '@salesflow/rules'
import { clientFor, connectFrame, type ConnectOptions } from './connect'
import type { PortalClient } from './client'
import { portalError, type PortalError } from './errors'
import { createRepositories, type Repositories } from './repositories'

/**
 * What a widget gets from its Bitrix24 frame: where it is placed, in which language, the repositories to read
 * and write with, and the parent-window commands it needs. Widgets never touch the SDK object itself.
 */
export interface FrameSession {
  /** `CRM_DEAL_DETAIL_TAB`, `CRM_SMART_INVOICE_DETAIL_TAB`, … or `DEFAULT` from the app menu. */
  readonly placement: string
  /** PLACEMENT_OPTIONS as the portal sent them (`{ ID: '42' }`: ids are strings). */
  readonly options: Readonly<Record<string, unknown>>
  /** The portal user's language code (`ru`, `en`, `de`, …). */
  readonly lang: string
  readonly client: PortalClient
  readonly repositories: Repositories
  /** Fits the iframe to the page's height (the card tab grows with its content). */
  fitWindow(): Promise<void>
  /** Refreshes the host card's own form (totals, stage) after we wrote to it. */
  reloadCard(): Promise<void>
  /** Opens a portal page (`/crm/deal/details/42/`) in the portal's slider. */
  openPath(path: string): Promise<void>
  destroy(): void
}

/**
 * Connects to the parent frame. `ok(null)` means the page is not inside a portal (opened directly);
 * a parent that never answers or a broken handshake is an error, never a hang.
 */
export async function openFrameSession(
  options: ConnectOptions & { readonly timeoutMs?: number } = {},
): Promise<Result<FrameSession | null, PortalError>> {
  let frame: Awaited<ReturnType<typeof connectFrame>>
  try {
    frame = await connectFrame(options.timeoutMs ?? 8_000, options)
  } catch (e) {
    return err(
      portalError('TIMEOUT', { method: 'getInitData', description: e instanceof Error ? e.message : String(e) }),
    )
  }
  if (!frame) return ok(null)
  const b24 = frame
  const client = await clientFor(b24, options)
  return ok({
    placement: b24.placement.placement,
    options: (b24.placement.options ?? {}) as Record<string, unknown>,
    lang: b24.getLang(),
    client,
    repositories: createRepositories(client),
    fitWindow: async () => {
      await b24.parent.fitWindow()
    },
    reloadCard: async () => {
      await b24.placement.call('reloadData')
    },
    openPath: async (path: string) => {
      await b24.slider.openPath(b24.slider.getUrl(path))
    },
    destroy: () => b24.destroy(),
  })
}
