import { webhookRest } from './open-tab'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core'
import { launchBrowser, screenshot } from './browser'

// Issue 14, invoice generation from the deal tab: a manager bills a 50 % prepayment of a RUB deal in EUR, sees
// it listed with the rate snapshot; asking again (and a double click) gives the same invoice; a viewer has no
// Issue button.
const baseUrl = inject('baseUrl')
const MANAGER = 2
const VIEWER = 5
/** The demo deal 6: RUB, payment terms prepay50, with rows, a company and a contact. */
const DEAL = 6

let browser: Browser
let context: BrowserContext | undefined
let page: Page

const rest = <T = unknown>(method: string, params: Record<string, unknown>): Promise<T> =>
  webhookRest<T>(baseUrl, method, params)

const invoicesOfDeal = async () =>
  (
    await rest<{ items: Record<string, unknown>[] }>('crm.item.list', {
      entityTypeId: 31,
      filter: { '=parentId2': DEAL },
      select: ['*', 'UF_*'],
      useOriginalUfNames: 'Y',
    })
  ).items

beforeAll(async () => {
  browser = await launchBrowser()
  // The demo portal has salesflow installed: its install created the invoice fields (rate snapshot, issue key).
  await fetch(`${baseUrl}/emulator/reset`, { method: 'POST' })
})
afterAll(async () => {
  await browser?.close()
})
afterEach(async (ctx) => {
  if (page) await screenshot(page, `invoice-issue ${ctx.task.name}`)
  await context?.close()
  context = undefined
})

async function openDealTab(userId: number): Promise<FrameLocator> {
  context = await browser.newContext({ viewport: { width: 1300, height: 1400 } })
  page = await context.newPage()
  await page.goto(`${baseUrl}/?entity=deal&id=${DEAL}&user=${userId}&lang=ru&tab=w:deal`)
  const frame = page.frameLocator('iframe[data-testid="widget-frame"]')
  await expect
    .poll(() => frame.getByTestId('deal-widget').getAttribute('data-status'), { timeout: 20_000 })
    .toBe('ready')
  return frame
}

async function choosePrepaymentInEur(frame: FrameLocator): Promise<void> {
  await frame.locator('[data-testid="invoice-issue-kind"] select').selectOption('share')
  await frame
    .locator('input[data-testid="invoice-issue-percent"], [data-testid="invoice-issue-percent"] input')
    .first()
    .fill('50')
  await frame.locator('[data-testid="invoice-issue-currency"] select').selectOption('EUR')
  await expect
    .poll(() => frame.getByTestId('invoice-issue-preview-rate').textContent(), { timeout: 10_000 })
    .toContain('100.25 RUB за 1 EUR')
}

describe('issuing an invoice from the deal tab', () => {
  it('the manager issues a 50 % prepayment in EUR (double click: one invoice), listed with the rate', async () => {
    const frame = await openDealTab(MANAGER)
    await choosePrepaymentInEur(frame)
    const preview = await frame.getByTestId('invoice-issue-preview').textContent()
    expect(preview).toMatch(/Сумма счёта .+€/)
    await frame.getByTestId('invoice-issue-button').dblclick()
    const issued = frame.getByTestId('invoice-issued')
    await expect.poll(() => issued.count(), { timeout: 20_000 }).toBe(1)
    expect(await issued.textContent()).toMatch(/Выставлен счёт СЧ-\d+ на .+€/)
    expect(await frame.getByTestId('invoice-issued-rate').textContent()).toContain('100.25 RUB за 1 EUR')

    const invoices = await invoicesOfDeal()
    expect(invoices).toHaveLength(1)
    const [invoice] = invoices
    expect(invoice).toMatchObject({
      currencyId: 'EUR',
      UF_CRM_SMART_INVOICE_SF_RATE: '100.25',
      UF_CRM_SMART_INVOICE_SF_RATE_NOMINAL: '1',
      UF_CRM_SMART_INVOICE_SF_RATE_SOURCE: 'portal',
    })
    // The finance block's invoice list was read again and has it.
    await expect
      .poll(() => frame.getByTestId('finance-invoices').textContent(), { timeout: 10_000 })
      .toContain(String(invoice!['title']))
    // Its rate snapshot is in the list: EUR differs from the deal's RUB.
    expect(await frame.getByTestId('finance-invoice-rate').textContent()).toMatch(
      /^курс 100\.25 RUB за 1 EUR на \d\d\.\d\d\.\d{4} \(portal\)$/,
    )

    // The invoice's own panel shows the same snapshot (it reads the fields the install manifest names).
    await context?.close()
    context = await browser.newContext({ viewport: { width: 1300, height: 1400 } })
    page = await context.newPage()
    await page.goto(`${baseUrl}/?entity=invoice&id=${String(invoice!['id'])}&user=${MANAGER}&lang=ru&tab=w:invoice`)
    const panel = page.frameLocator('iframe[data-testid="widget-frame"]')
    await expect
      .poll(() => panel.getByTestId('invoice-widget').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('ready')
    expect(await panel.getByTestId('invoice-rate').textContent()).toMatch(
      /^Курс: 1 EUR = 100\.25 RUB, на \d\d\.\d\d\.\d{4}, источник: portal$/,
    )
  })

  it('asking again returns the same invoice', async () => {
    const [before] = await invoicesOfDeal()
    const frame = await openDealTab(MANAGER)
    await choosePrepaymentInEur(frame)
    await frame.getByTestId('invoice-issue-button').click()
    const issued = frame.getByTestId('invoice-issued')
    await expect.poll(() => issued.count(), { timeout: 20_000 }).toBe(1)
    expect(await issued.textContent()).toContain(`Этот счёт уже выставлен: ${String(before!['accountNumber'])}`)
    expect(await invoicesOfDeal()).toHaveLength(1)
  })

  it('the viewer sees no Issue button', async () => {
    const frame = await openDealTab(VIEWER)
    expect(await frame.getByTestId('deal-finance').count()).toBe(1)
    expect(await frame.getByTestId('invoice-issue').count()).toBe(0)
    expect(await frame.getByTestId('invoice-issue-button').count()).toBe(0)
  })
})
