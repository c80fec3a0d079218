import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core'

export interface TabAddress {
  readonly entity: 'deal' | 'lead' | 'invoice'
  readonly id: number
  /** The emulator's user (1 admin, 2 manager, 3 accountant, 4 technician, 5 viewer). */
  readonly user: number
  readonly lang?: 'ru' | 'en'
  /** The host page's tab: `w:<widget>` for a widget, `main` or `probe` for the host's own. */
  readonly tab: string
}

export interface OpenedTab {
  readonly context: BrowserContext
  readonly page: Page
  /** The widget's frame inside the emulated card. */
  readonly frame: FrameLocator
}

/**
 * A CRM card of the emulator's host page in a fresh browser context, with one tab open: each widget's e2e starts
 * here and waits for its own ready state.
 */
export async function openTab(browser: Browser, at: TabAddress, baseUrl: string): Promise<OpenedTab> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 1000 }, acceptDownloads: true })
  const page = await context.newPage()
  const query = new URLSearchParams({
    entity: at.entity,
    id: String(at.id),
    user: String(at.user),
    lang: at.lang ?? 'ru',
    tab: at.tab,
  })
  await page.goto(`${baseUrl}/?${query}`)
  return { context, page, frame: page.frameLocator('iframe[data-testid="widget-frame"]') }
}

/** The portal's REST as an admin script calls it (the demo webhook), to prepare and to check data in e2e. */
export async function webhookRest<T = unknown>(
  baseUrl: string,
  method: string,
  params: Record<string, unknown>,
): Promise<T> {
  const res = await fetch(`${baseUrl}/rest/1/demo-webhook-secret/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(params),
  })
  const body = (await res.json()) as { result: T; error?: string; error_description?: string }
  if (body.error !== undefined) throw new Error(`${method}: ${body.error} ${body.error_description ?? ''}`)
  return body.result
}

/**
 * A list field's item as the portal describes it (crm.<entity>.userfield.list): a list value is the item's ID, its
 * XML_ID our code, its VALUE the label. Found by ID or by code.
 */
export async function listItemOf(
  baseUrl: string,
  entity: 'deal' | 'lead' | 'company',
  fieldName: string,
  by: { readonly id: string } | { readonly code: string },
): Promise<{ ID: string; XML_ID: string; VALUE: string } | undefined> {
  const [field] = await webhookRest<{ LIST?: { ID: string; XML_ID: string; VALUE: string }[] }[]>(
    baseUrl,
    `crm.${entity}.userfield.list`,
    { filter: { FIELD_NAME: fieldName } },
  )
  return field?.LIST?.find((i) => ('id' in by ? i.ID === by.id : i.XML_ID === by.code))
}
