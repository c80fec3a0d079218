import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, Download, FrameLocator, Locator, Page } from 'playwright-core'
import { launchBrowser, screenshot } from './browser'
import { openTab, webhookRest } from './open-tab'
import { normaliseSpaces, readPdf } from '../../packages/documents/test/support/pdf-text'

// The deal tab's order as a manager types it (issue 10 items 5, 7, 8, 10, 12 and the delivery weight): the shared
// rows editor, the catalog search, the offer's words, the client picker of a funnel hand-over.
const baseUrl = inject('baseUrl')
const MANAGER = 2

let browser: Browser
let context: BrowserContext | undefined
let page: Page | undefined

beforeAll(async () => {
  browser = await launchBrowser()
  await fetch(`${baseUrl}/emulator/reset`, { method: 'POST' })
})
afterAll(async () => {
  await browser?.close()
  await fetch(`${baseUrl}/emulator/reset`, { method: 'POST' })
})
afterEach(async (ctx) => {
  if (page) await screenshot(page, `deal-order ${ctx.task.name}`)
  await context?.close()
  context = undefined
  page = undefined
})

const rest = <T = unknown>(method: string, params: Record<string, unknown>): Promise<T> =>
  webhookRest<T>(baseUrl, method, params)

async function openDealTab(dealId: number, lang: 'ru' | 'en' = 'ru'): Promise<FrameLocator> {
  const tab = await openTab(browser, { entity: 'deal', id: dealId, user: MANAGER, lang, tab: 'w:deal' }, baseUrl)
  context = tab.context
  page = tab.page
  await expect
    .poll(() => tab.frame.getByTestId('deal-widget').getAttribute('data-status'), { timeout: 20_000 })
    .toBe('ready')
  return tab.frame
}

function inputOf(frame: FrameLocator, testId: string): Locator {
  return frame.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first()
}
const selectOf = (frame: FrameLocator, testId: string) => frame.locator(`[data-testid="${testId}"] select`)
const rowAlert = (frame: FrameLocator, i: number) => frame.locator(`[data-testid="row-${i}-sum"] [role="alert"]`)
const saveEnabled = (frame: FrameLocator) => frame.getByTestId('order-save').isEnabled()

async function download(action: () => Promise<void>): Promise<Download> {
  const [file] = await Promise.all([page!.waitForEvent('download', { timeout: 30_000 }), action()])
  return file
}

describe('the order’s number boxes (item 8)', () => {
  it('accepts «1,5» and «1 500 000,50»; refuses −2, 0 and 150 % naming the column; Save follows', async () => {
    const frame = await openDealTab(13)
    await selectOf(frame, 'row-0-discount-type').selectOption('percent')
    await inputOf(frame, 'row-0-quantity').fill('1,5')
    await inputOf(frame, 'row-0-price').fill('1 500 000,50')
    await expect.poll(() => rowAlert(frame, 0).count()).toBe(0)
    await expect.poll(() => saveEnabled(frame)).toBe(true)
    expect(await frame.getByTestId('order-total').count()).toBe(1)

    for (const [box, text, column] of [
      ['row-0-quantity', '-2', 'Кол-во'],
      ['row-0-quantity', '0', 'Кол-во'],
      ['row-0-discount', '150', 'Скидка'],
    ] as const) {
      await inputOf(frame, box).fill(text)
      await expect.poll(() => rowAlert(frame, 0).textContent()).toContain(`«${column}»`)
      expect(await rowAlert(frame, 0).textContent()).not.toMatch(/quantity|discountRate|listPrice/)
      expect(await saveEnabled(frame)).toBe(false)
      await inputOf(frame, box).fill(box === 'row-0-discount' ? '0' : '1,5')
      await expect.poll(() => rowAlert(frame, 0).count()).toBe(0)
    }
    await expect.poll(() => saveEnabled(frame)).toBe(true)
  })
})

describe('switching the currency there and back (item 7)', () => {
  it('RUB → USD → RUB gives back every price exactly and leaves nothing to save', async () => {
    const frame = await openDealTab(13)
    const boxes = frame.locator('[data-testid^="row-"][data-testid$="-price"] input, input[data-testid$="-price"]')
    const prices = async () => Promise.all((await boxes.all()).map((b) => b.inputValue()))
    const before = await prices()
    expect(before.length).toBeGreaterThan(0)
    await selectOf(frame, 'order-currency').selectOption('USD')
    await expect.poll(prices).not.toEqual(before)
    expect(await frame.getByTestId('order-rate').count()).toBe(1)
    await selectOf(frame, 'order-currency').selectOption('RUB')
    await expect.poll(prices).toEqual(before)
    expect(await saveEnabled(frame)).toBe(false)
    expect(await frame.getByTestId('order-rate').count()).toBe(0)
  })
})

describe('the catalog search in the tab (item 12)', () => {
  it('finds a USD product by article, shows its stock per store and price in roubles, adds it, saves it', async () => {
    const dealId = 13
    const before = await rest<{ PRODUCT_ID: string }[]>('crm.deal.productrows.get', { id: dealId })
    const frame = await openDealTab(dealId)
    const rows = frame.locator('[data-testid^="order-row-"]')
    const count = await rows.count()
    await frame.getByTestId('catalog-open').click()
    await inputOf(frame, 'catalog-text').fill('SF-109')
    await expect.poll(() => frame.getByTestId('catalog-offer-0').textContent(), { timeout: 15_000 }).toContain('ТД-500')
    expect(await frame.locator('[data-testid^="catalog-offer-"][data-testid$="-add"]').count()).toBe(1)
    const stock = normaliseSpaces((await frame.getByTestId('catalog-offer-0-stock').textContent()) ?? '')
    expect(stock).toContain('Склад Москва — 22')
    expect(stock).toContain('Склад Подольск — 10')
    const offer = normaliseSpaces((await frame.getByTestId('catalog-offer-0').textContent()) ?? '')
    expect(offer).toContain('$') // its own price in dollars
    expect(offer).toContain('Компоненты / Датчики')
    expect(await frame.getByTestId('catalog-offer-0-price').textContent()).toContain('₽')

    await frame.getByTestId('catalog-offer-0-add').click()
    await expect.poll(() => rows.count()).toBe(count + 1)
    expect(await rows.nth(count).textContent()).toContain('Датчик нагрузки тензометрический ТД-500')
    await frame.getByTestId('order-save').click()
    await expect.poll(() => frame.getByTestId('order-saved').count(), { timeout: 15_000 }).toBe(1)
    const after = await rest<{ PRODUCT_ID: string; PRODUCT_NAME: string }[]>('crm.deal.productrows.get', {
      id: dealId,
    })
    expect(after).toHaveLength(before.length + 1)
    expect(String(after.at(-1)?.PRODUCT_ID)).toBe('109')
    expect(after.at(-1)?.PRODUCT_NAME).toBe('Датчик нагрузки тензометрический ТД-500')
  })
})

describe('the delivery weight box', () => {
  it('reads «1,5» as 1.5 kg and names the box when the text is not a number', async () => {
    const frame = await openDealTab(14)
    await selectOf(frame, 'delivery-zone').selectOption('moscow')
    await inputOf(frame, 'delivery-weight').fill('1,5')
    await expect.poll(() => frame.getByTestId('delivery-price').count()).toBe(1)
    await inputOf(frame, 'delivery-weight').fill('1,5,6')
    await expect.poll(() => frame.getByTestId('delivery-error').textContent()).toContain('Вес, кг')
    expect(await frame.getByTestId('delivery-price').count()).toBe(0)
  })
})

describe('the offer PDF’s words (item 10)', () => {
  it('a same-currency offer prints no rate line and no sources; the English one has English labels', async () => {
    const frame = await openDealTab(17, 'en')
    const pdf = await download(() => frame.getByTestId('offer-pdf').click())
    const text = normaliseSpaces(readPdf(readFileSync((await pdf.path())!)).text)
    expect(text).toContain('Total')
    expect(text).not.toMatch(/1 RUB = /)
    expect(text).not.toContain('(portal)')
    expect(text).not.toContain('crm.deal.productrows.get')
    for (const russian of ['Генеральный директор', 'Итого', 'Коммерческое предложение', 'НДС']) {
      expect(text).not.toContain(russian)
    }
  })
})

describe('a hand-over that needs a client (item 1)', () => {
  it('offers a picker searching companies by name, never an id box, and moves with the chosen one', async () => {
    const dealId = 5
    await rest('crm.deal.update', { id: dealId, fields: { COMPANY_ID: 0, CONTACT_ID: 0 } })
    const frame = await openDealTab(dealId)
    const move = frame.getByTestId('move-C1:NEW')
    await expect.poll(() => move.isEnabled(), { timeout: 15_000 }).toBe(true)
    await move.click()
    await expect.poll(() => frame.getByTestId('missing-list').textContent()).toContain('Компания')
    expect(await frame.locator('input[data-testid="missing-COMPANY_ID"]').count()).toBe(0)
    await inputOf(frame, 'missing-COMPANY_ID-search').fill('СтальМонт')
    const pick = frame.getByTestId('missing-COMPANY_ID-pick-0')
    await expect.poll(() => pick.textContent(), { timeout: 15_000 }).toContain('СтальМонтаж')
    await pick.click()
    expect(await frame.getByTestId('missing-COMPANY_ID-chosen').textContent()).toContain('СтальМонтаж')
    await frame.getByTestId('missing-submit').click()
    await expect
      .poll(async () => (await rest<{ STAGE_ID: string }>('crm.deal.get', { id: dealId })).STAGE_ID, {
        timeout: 15_000,
      })
      .toBe('C1:NEW')
    expect(String((await rest<{ COMPANY_ID: string }>('crm.deal.get', { id: dealId })).COMPANY_ID)).toBe('1')
  }, 90_000)
})
