import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { launchBrowser } from './browser'
import { openTab, webhookRest } from './open-tab'

// The deal tab's layout (issue 10 item 11): a 5,000-character unbroken title and product name stay inside the frame
// at 800 and 1,400 px, and the VAT and discount-type selects show their whole choice.
const baseUrl = inject('baseUrl')
const MANAGER = 2
const DEAL = 13
const LONG = 'Ш'.repeat(5000)

let browser: Browser
let context: BrowserContext | undefined
let page: Page | undefined

beforeAll(async () => {
  browser = await launchBrowser()
  await fetch(`${baseUrl}/emulator/reset`, { method: 'POST' })
  const rows = await rest<Record<string, unknown>[]>('crm.deal.productrows.get', { id: DEAL })
  const keep = ['PRODUCT_ID', 'PRICE', 'QUANTITY', 'DISCOUNT_TYPE_ID', 'DISCOUNT_RATE', 'DISCOUNT_SUM', 'TAX_RATE']
  await rest('crm.deal.productrows.set', {
    id: DEAL,
    rows: rows.map((r, i) => ({
      ...Object.fromEntries(keep.map((k) => [k, r[k]])),
      TAX_INCLUDED: r['TAX_INCLUDED'],
      MEASURE_CODE: r['MEASURE_CODE'],
      MEASURE_NAME: r['MEASURE_NAME'],
      PRODUCT_NAME: i === 0 ? LONG : r['PRODUCT_NAME'],
    })),
  })
  await rest('crm.deal.update', { id: DEAL, fields: { TITLE: LONG } })
})
afterAll(async () => {
  await browser?.close()
  await fetch(`${baseUrl}/emulator/reset`, { method: 'POST' })
})
afterEach(async () => {
  await context?.close()
  context = undefined
  page = undefined
})

const rest = <T = unknown>(method: string, params: Record<string, unknown>): Promise<T> =>
  webhookRest<T>(baseUrl, method, params)

/** The deal tab with its frame `width` px wide (the host card's own columns take the rest of the viewport). */
async function openAtWidth(width: number): Promise<FrameLocator> {
  const tab = await openTab(browser, { entity: 'deal', id: DEAL, user: MANAGER, tab: 'w:deal' }, baseUrl)
  context = tab.context
  page = tab.page
  const frameBox = async () => (await page!.locator('iframe[data-testid="widget-frame"]').boundingBox())!.width
  const around = page.viewportSize()!.width - (await frameBox())
  await page.setViewportSize({ width: Math.round(width + around), height: 1000 })
  expect(Math.round(await frameBox())).toBe(width)
  await expect
    .poll(() => tab.frame.getByTestId('deal-widget').getAttribute('data-status'), { timeout: 20_000 })
    .toBe('ready')
  return tab.frame
}

interface Fit {
  frameWidth: number
  scrollWidth: number
  tableRight: number
  titleRight: number
  /** Each select of the rows: its width and the width it would take to show its choice whole. */
  selects: { width: number; natural: number }[]
  nameTitle: string | null
}

function measure(frame: FrameLocator): Promise<Fit> {
  return frame.locator('body').evaluate((body) => {
    const doc = body.ownerDocument
    const table = doc.querySelector('[data-testid="order-rows"]')!
    const title = doc.querySelector('[data-testid="deal-title"]')!
    const selects = [...table.querySelectorAll('select')].map((s) => {
      const probe = s.cloneNode(true) as HTMLSelectElement
      probe.style.cssText = 'position:absolute;visibility:hidden;width:auto'
      probe.value = s.value
      doc.body.append(probe)
      const natural = probe.getBoundingClientRect().width
      probe.remove()
      return { width: s.getBoundingClientRect().width, natural }
    })
    return {
      frameWidth: doc.documentElement.clientWidth,
      scrollWidth: doc.documentElement.scrollWidth,
      tableRight: table.getBoundingClientRect().right,
      titleRight: title.getBoundingClientRect().right,
      selects,
      nameTitle: doc.querySelector('[data-testid="order-row-0"] [title]')?.getAttribute('title') ?? null,
    }
  })
}

describe('the deal tab with a 5,000-character title and product name', () => {
  it.each([800, 1400])(
    'stays within a %i px frame, selects shown whole, the name in a tooltip',
    async (width) => {
      const frame = await openAtWidth(width)
      const fit = await measure(frame)
      // The frame alone: the host card's own 5,000-letter heading makes a full-page shot enormous.
      const shots = join(import.meta.dirname, 'screenshots')
      mkdirSync(shots, { recursive: true })
      await page!
        .locator('iframe[data-testid="widget-frame"]')
        .screenshot({ path: join(shots, `deal-layout-${width}px.png`), timeout: 30_000 })
      expect(fit.frameWidth).toBeLessThanOrEqual(width)
      expect(fit.scrollWidth).toBeLessThanOrEqual(fit.frameWidth)
      expect(fit.tableRight).toBeLessThanOrEqual(fit.frameWidth)
      expect(fit.titleRight).toBeLessThanOrEqual(fit.frameWidth)
      expect(fit.selects.length).toBeGreaterThan(0)
      for (const s of fit.selects) expect(s.width).toBeGreaterThanOrEqual(s.natural - 1)
      expect(fit.nameTitle).toBe(LONG)
      // The title is the deal's, whole, however it is drawn.
      expect(await frame.getByTestId('deal-title').textContent()).toBe(LONG)
    },
    90_000,
  )
})
