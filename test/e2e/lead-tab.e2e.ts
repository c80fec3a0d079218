import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core'
import { launchBrowser, screenshot } from './browser'
import { listItemOf, openTab, webhookRest } from './open-tab'

// The lead tab (issue 15, section 1) as users meet it: a manager reads why the rules decided what they did and
// qualifies a lead, which becomes a deal in the Activity funnel; another lead is closed with a reason; a new lead
// is taken into work once its phone is given; a viewer sees the verdict but cannot move the lead.
const baseUrl = inject('baseUrl')
const MANAGER = 2
const VIEWER = 5

let browser: Browser
let context: BrowserContext | undefined
let page: Page | undefined

beforeAll(async () => {
  browser = await launchBrowser()
  await fetch(`${baseUrl}/emulator/reset`, { method: 'POST' })
})
afterAll(async () => {
  await browser?.close()
})
afterEach(async (ctx) => {
  if (page) await screenshot(page, `lead-tab ${ctx.task.name}`)
  await context?.close()
  context = undefined
  page = undefined
})

const rest = <T = unknown>(method: string, params: Record<string, unknown>): Promise<T> =>
  webhookRest<T>(baseUrl, method, params)

type Lead = Record<string, string | null>
const leadOf = (id: number) => rest<Lead>('crm.lead.get', { id })
const dealsOf = (leadId: number) =>
  rest<Record<string, string>[]>('crm.deal.list', { filter: { LEAD_ID: leadId }, select: ['*', 'UF_*'] })
/** A demo lead in work (the seed has ten). */
const leadInWork = async (skip = 0): Promise<number> => {
  const leads = await rest<Lead[]>('crm.lead.list', { filter: { STATUS_ID: 'IN_PROCESS' }, order: { ID: 'ASC' } })
  return Number(leads[skip]!['ID'])
}

async function openLeadTab(leadId: number, user: number): Promise<FrameLocator> {
  const opened = await openTab(browser, { entity: 'lead', id: leadId, user, lang: 'ru', tab: 'w:lead' }, baseUrl)
  context = opened.context
  page = opened.page
  await expect
    .poll(() => opened.frame.getByTestId('lead-widget').getAttribute('data-status'), { timeout: 20_000 })
    .toBe('ready')
  return opened.frame
}

const inputOf = (frame: FrameLocator, testId: string): Locator =>
  frame.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first()

describe('the lead tab', () => {
  it('a manager reads the explanation and qualifies a lead: the deal appears in Activity and opens', async () => {
    const id = await leadInWork()
    const lead = await leadOf(id)
    const frame = await openLeadTab(id, MANAGER)
    // The verdict with its explanation: the rule that fired, on which fact and value, and the rules one short.
    await expect.poll(() => frame.getByTestId('verdict-direction').textContent()).toMatch(/Направление: /)
    const fired = frame.getByTestId('verdict-fired').locator(':scope > li')
    expect(await fired.count()).toBeGreaterThan(0)
    expect(await frame.getByTestId('verdict-fired').textContent()).toMatch(/\(у лида: /)
    expect(await frame.getByTestId('verdict-almost').textContent()).toMatch(/сработало бы, если /)

    await frame.getByTestId('lead-move-QUALIFY').click()
    await expect.poll(async () => (await dealsOf(id)).length, { timeout: 15_000 }).toBe(1)
    const [deal] = await dealsOf(id)
    expect(deal).toMatchObject({
      CATEGORY_ID: '0',
      STAGE_ID: 'NEW',
      LEAD_ID: String(id),
      SOURCE_ID: lead['SOURCE_ID'],
      ASSIGNED_BY_ID: lead['ASSIGNED_BY_ID'],
    })
    // The same direction: each field stores its own item's ID, the code (XML_ID) is what they share.
    const leadItem = await listItemOf(baseUrl, 'lead', 'UF_CRM_SF_DIRECTION', {
      id: String(lead['UF_CRM_SF_DIRECTION']),
    })
    const dealItem = await listItemOf(baseUrl, 'deal', 'UF_CRM_SF_DIRECTION', {
      id: String(deal!['UF_CRM_SF_DIRECTION']),
    })
    expect(leadItem?.XML_ID).toBeTruthy()
    expect(dealItem?.XML_ID).toBe(leadItem?.XML_ID)
    await expect.poll(async () => (await leadOf(id))['STATUS_ID'], { timeout: 15_000 }).toBe('CONVERTED')
    // The deal opens in the portal's slider; the tab now shows the lead converted, with the deal to open again.
    await expect.poll(() => page!.locator('.sf-slider').count(), { timeout: 15_000 }).toBe(1)
    await page!.getByTestId('slider-close').click()
    await expect.poll(() => frame.getByTestId('lead-stage-current').textContent()).toBe('Квалифицирован')
    await frame.getByTestId('open-deal').click()
    await expect.poll(() => page!.locator('.sf-slider').count(), { timeout: 15_000 }).toBe(1)
    expect(await dealsOf(id)).toHaveLength(1)
  })

  it('a manager closes another lead as junk with a reason from the list, written to the timeline', async () => {
    const id = await leadInWork(1)
    const frame = await openLeadTab(id, MANAGER)
    await frame.getByTestId('lead-move-DISQUALIFY').click()
    await frame.getByTestId('form-reason').locator('select').selectOption('not-our-profile')
    await frame.getByTestId('form-submit').click()
    await expect.poll(async () => (await leadOf(id))['STATUS_ID'], { timeout: 15_000 }).toBe('JUNK')
    expect((await leadOf(id))['UF_CRM_SF_JUNK']).toBe('not-our-profile')
    const comments = await rest<{ COMMENT: string }[]>('crm.timeline.comment.list', {
      filter: { ENTITY_ID: id, ENTITY_TYPE: 'lead' },
    })
    expect(comments.map((c) => c.COMMENT).join('\n')).toMatch(/Не наш профиль/)
    await expect.poll(() => frame.getByTestId('lead-stage-current').textContent()).toBe('Некачественный')
    expect(await dealsOf(id)).toHaveLength(0)
  })

  it('a new lead without contacts is taken into work once the manager types a phone', async () => {
    const id = await rest<number>('crm.lead.add', {
      fields: { TITLE: 'Запрос с выставки', STATUS_ID: 'NEW', ASSIGNED_BY_ID: MANAGER, NAME: 'Пётр' },
    })
    const frame = await openLeadTab(id, MANAGER)
    await frame.getByTestId('lead-move-TAKE').click()
    await inputOf(frame, 'form-phone').fill('не знаю')
    await frame.getByTestId('form-submit').click()
    await expect.poll(() => frame.getByTestId('lead-move-error').textContent()).toContain('не номер телефона')
    await inputOf(frame, 'form-phone').fill('+7 905 111-22-33')
    await frame.getByTestId('form-submit').click()
    await expect.poll(async () => (await leadOf(id))['STATUS_ID'], { timeout: 15_000 }).toBe('IN_PROCESS')
    expect((await rest<{ PHONE?: { VALUE: string }[] }>('crm.lead.get', { id })).PHONE?.[0]?.VALUE).toBe(
      '+7 905 111-22-33',
    )
  })

  it('a viewer sees the verdict but cannot qualify', async () => {
    const id = await leadInWork(2)
    const frame = await openLeadTab(id, VIEWER)
    expect(await frame.getByTestId('lead-role').textContent()).toContain('наблюдатель')
    expect(await frame.getByTestId('verdict-fired').count()).toBe(1)
    expect(await frame.getByTestId('lead-move-QUALIFY').isDisabled()).toBe(true)
    expect(await frame.getByTestId('lead-move-DISQUALIFY').isDisabled()).toBe(true)
    expect(await dealsOf(id)).toHaveLength(0)
    expect((await leadOf(id))['STATUS_ID']).toBe('IN_PROCESS')
  })
})
