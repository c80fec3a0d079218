import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, Download, FrameLocator, Locator, Page } from 'playwright-core'
import { launchBrowser, screenshot } from './browser'
import { listItemOf, openTab, webhookRest } from './open-tab'
import { normaliseSpaces, readPdf } from '../../packages/documents/test/support/pdf-text'
import { docxText, unzip } from '../../packages/documents/test/support/unzip'

// The deal tab (widgets/deal) inside the emulator's deal card, driven like a manager and like a viewer.
const baseUrl = inject('baseUrl')
const MANAGER = 2
const VIEWER = 5

let browser: Browser
let context: BrowserContext
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})
afterEach(async (ctx) => {
  if (page) await screenshot(page, `deal-tab ${ctx.task.name}`)
  await context?.close()
})

const rest = <T = unknown>(method: string, params: Record<string, unknown>): Promise<T> =>
  webhookRest<T>(baseUrl, method, params)

interface WireDeal {
  ID: string
  TITLE: string
  OPPORTUNITY: string
  TAX_VALUE: string
  STAGE_ID: string
  COMPANY_ID: string
  CURRENCY_ID: 'RUB' | 'USD' | 'EUR' | 'CNY'
}

async function openDealTab(dealId: number, userId: number): Promise<FrameLocator> {
  const tab = await openTab(browser, { entity: 'deal', id: dealId, user: userId, lang: 'ru', tab: 'w:deal' }, baseUrl)
  context = tab.context
  page = tab.page
  const frame = tab.frame
  await expect
    .poll(() => frame.getByTestId('deal-widget').getAttribute('data-status'), { timeout: 20_000 })
    .toBe('ready')
  return frame
}

/** The <input> of a b24ui input, whichever element carries the test id. */
function inputOf(frame: FrameLocator, testId: string): Locator {
  return frame.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first()
}

const amount = (s: string | null) =>
  normaliseSpaces(s ?? '')
    .replace(/[^\d,-]/g, '')
    .replace(',', '.')

/** The amount an element shows once it stopped changing (Vue re-renders after each keystroke). */
async function settled(el: Locator): Promise<string> {
  let last = ''
  await expect
    .poll(
      async () => {
        const now = amount(await el.textContent())
        const same = now === last
        last = now
        return same
      },
      { interval: 300 },
    )
    .toBe(true)
  return last
}

async function download(action: () => Promise<void>): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), action()])
  return file
}

describe('deal tab as a manager', () => {
  it('edits a row, saves, and the portal stores exactly the total the tab showed', async () => {
    const frame = await openDealTab(13, MANAGER)
    const before = amount(await frame.getByTestId('order-total').textContent())
    await inputOf(frame, 'row-0-discount').fill('7.5')
    await inputOf(frame, 'row-0-quantity').fill('2')
    const shown = await settled(frame.getByTestId('order-total'))
    expect(shown).not.toBe(before)
    await frame.getByTestId('order-save').click()
    await expect.poll(() => frame.getByTestId('order-saved').count(), { timeout: 15_000 }).toBe(1)

    const stored = await rest<WireDeal>('crm.deal.get', { id: 13 })
    expect(Number(stored.OPPORTUNITY).toFixed(2)).toBe(shown)
    expect(amount(await frame.getByTestId('order-total').textContent())).toBe(shown)
    // The host card re-read the deal after our reloadData.
    await expect.poll(async () => amount(await page.locator('body').textContent())).toContain(shown.replace('.', ''))
  })

  it('asks for the missing field before moving the stage, then moves', async () => {
    await rest('crm.deal.update', { id: 14, fields: { UF_CRM_SF_PAY_TERMS: '' } })
    const frame = await openDealTab(14, MANAGER)
    await frame.getByTestId('move-C1:FINAL_INVOICE').click()
    await expect.poll(() => frame.getByTestId('missing-list').textContent()).toContain('Условия оплаты')
    // A list field is picked from the portal's items by their labels; the portal stores the item's ID.
    const terms = await listItemOf(baseUrl, 'deal', 'UF_CRM_SF_PAY_TERMS', { code: 'prepay50' })
    const select = frame.getByTestId('missing-UF_CRM_SF_PAY_TERMS').locator('select')
    expect(await select.locator('option').allTextContents()).toContain(terms?.VALUE)
    await select.selectOption({ label: terms!.VALUE })
    await frame.getByTestId('missing-submit').click()
    await expect
      .poll(async () => (await rest<WireDeal>('crm.deal.get', { id: 14 })).STAGE_ID, { timeout: 15_000 })
      .toBe('C1:FINAL_INVOICE')
    expect((await rest<Record<string, unknown>>('crm.deal.get', { id: 14 }))['UF_CRM_SF_PAY_TERMS']).toBe(terms?.ID)
    await expect.poll(() => frame.getByTestId('deal-stage').textContent()).toBe('Согласование и счёт')
  })

  it('exports the offer as PDF and DOCX with the client, the rows and the total in the deal currency', async () => {
    const dealId = 15
    const deal = await rest<WireDeal>('crm.deal.get', { id: dealId })
    const company = await rest<{ TITLE: string }>('crm.company.get', { id: deal.COMPANY_ID })
    const rows = await rest<{ PRODUCT_NAME: string }[]>('crm.deal.productrows.get', { id: dealId })
    const frame = await openDealTab(dealId, MANAGER)

    const pdf = await download(() => frame.getByTestId('offer-pdf').click())
    const { text } = readPdf(readFileSync((await pdf.path())!))
    const flat = normaliseSpaces(text)
    expect(flat).toContain(company.TITLE)
    const total = Number(deal.OPPORTUNITY)
      .toFixed(2)
      .replace('.', ',')
      .replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
    const symbol = { RUB: '₽', USD: '$', EUR: '€', CNY: '¥' }[deal.CURRENCY_ID]
    expect(flat).toContain(`Итого с НДС: ${total} ${symbol}`)
    for (const r of rows) expect(flat).toContain(normaliseSpaces(r.PRODUCT_NAME).slice(0, 20))
    await expect.poll(() => frame.getByTestId('offer-attached').count(), { timeout: 15_000 }).toBe(1)

    const docx = await download(() => frame.getByTestId('offer-docx').click())
    const xml = unzip(readFileSync((await docx.path())!)).get('word/document.xml')
    expect(xml).toBeDefined()
    const words = normaliseSpaces(docxText(xml!.toString('utf8')))
    expect(words).toContain(company.TITLE)
    for (const r of rows) expect(words).toContain(normaliseSpaces(r.PRODUCT_NAME))
  })

  it('shows a deal title with markup as text', async () => {
    const title = '<img src=x onerror="window.__xss=1">Сделка'
    await rest('crm.deal.update', { id: 16, fields: { TITLE: title } })
    const frame = await openDealTab(16, MANAGER)
    expect(await frame.getByTestId('deal-title').textContent()).toBe(title)
    expect(await frame.locator('img[src="x"]').count()).toBe(0)
  })
})

describe('deal tab as a viewer', () => {
  it('shows the calculation read-only and offers no stage moves', async () => {
    const frame = await openDealTab(13, VIEWER)
    expect(await frame.getByTestId('deal-role').textContent()).toContain('наблюдатель')
    expect(await inputOf(frame, 'row-0-discount').isDisabled()).toBe(true)
    expect(await frame.getByTestId('order-save').count()).toBe(0)
    const moves = frame.locator('[data-testid^="move-"]')
    for (let i = 0; i < (await moves.count()); i++) expect(await moves.nth(i).isDisabled()).toBe(true)
  })
})
