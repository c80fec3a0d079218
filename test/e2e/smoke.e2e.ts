import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { join } from 'node:path'
import { readPlacementsTable } from '../../packages/emulator/src/server/widgets'
import { frameLog, launchBrowser, screenshot } from './browser'

const baseUrl = inject('baseUrl')

interface LogEntry {
  method: string
  status: number
  transport: string
  error?: string
  userId: number | null
}

interface ProbeState {
  state: string
  placement?: string
  options?: { ID?: string }
  method?: string
  title?: string
  user?: string
  lang?: string
  isAdmin?: boolean
  installFinished?: boolean
  message?: string
}

let browser: Browser
let context: BrowserContext
let page: Page

beforeAll(async () => {
  // The server is shared by every spec file: start from the seed.
  await fetch(`${baseUrl}/emulator/reset`, { method: 'POST' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function open(path: string): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  page = await context.newPage()
  await page.goto(`${baseUrl}${path}`)
  return page
}

afterEach(async (ctx) => {
  if (page) await screenshot(page, ctx.task.name)
  await context?.close()
})

/** Waits for the probe widget inside the card's iframe to reach a final state and returns it. */
async function probeResult(p: Page, state = 'ready|error'): Promise<ProbeState> {
  const frame = p.frameLocator('iframe[data-testid="widget-frame"]')
  await frame.locator(`body[data-state]`).first().waitFor()
  await expect
    .poll(async () => frame.locator('body').getAttribute('data-state'), { timeout: 20_000 })
    .toMatch(new RegExp(`^(${state})$`))
  return JSON.parse((await frame.getByTestId('probe-status').textContent()) ?? '{}') as ProbeState
}

async function restLog(): Promise<LogEntry[]> {
  return (await (await fetch(`${baseUrl}/emulator/log`)).json()) as LogEntry[]
}

async function setFaults(faults: Record<string, unknown>): Promise<void> {
  await fetch(`${baseUrl}/emulator/faults`, {
    method: 'POST',
    body: JSON.stringify(faults),
    headers: { 'Content-Type': 'application/json' },
  })
}

describe('host page', () => {
  it('shows a deal card with its stages, tabs and the seed picker', async () => {
    const p = await open('/?entity=deal&id=12&tab=main')
    await expect.poll(() => p.getByTestId('card-title').textContent()).toContain('Платформа')
    expect(await p.locator('.sf-stage.current').textContent()).toBe('Расчёт стоимости')
    expect(await p.getByTestId('pick-invoice-1').count()).toBe(1)
    expect(await p.getByTestId('tab-probe').count()).toBe(1)
  })
})

describe('an unmodified initializeB24Frame() inside the host', () => {
  it('reads PLACEMENT_OPTIONS of a deal tab and calls REST with the frame token', async () => {
    const before = (await restLog()).length
    const p = await open('/?entity=deal&id=12&tab=probe')
    const probe = await probeResult(p)
    expect(probe).toMatchObject({
      state: 'ready',
      placement: 'CRM_DEAL_DETAIL_TAB',
      options: { ID: '12' },
      method: 'crm.deal.get',
      user: 'Анна Смирнова',
      lang: 'ru',
      isAdmin: true,
    })
    expect(probe.title).toMatch(/^Платформа ПТ-1000 тяжёлая/)
    const calls = (await restLog()).slice(before)
    expect(calls.filter((c) => c.transport === 'http').map((c) => [c.method, c.status, c.userId])).toEqual([
      ['crm.deal.get', 200, 1],
      ['user.current', 200, 1],
    ])
    const commands = (await frameLog(p)).map((l) => l.command)
    expect(commands[0]).toBe('getInitData')
    expect(commands).toContain('resizeWindow')
  })

  it.each([
    ['lead', 'CRM_LEAD_DETAIL_TAB', 'crm.lead.get'],
    ['invoice', 'CRM_SMART_INVOICE_DETAIL_TAB', 'crm.item.get'],
  ])('works in a %s card (%s)', async (entity, placement, method) => {
    const p = await open(`/?entity=${entity}&id=3&tab=probe`)
    expect(await probeResult(p)).toMatchObject({ state: 'ready', placement, method, options: { ID: '3' } })
  })

  it('follows the user and language switchers (new AUTH and LANG)', async () => {
    const p = await open('/?entity=deal&id=12&tab=probe')
    await probeResult(p)
    await p.getByTestId('user-switch').selectOption('5')
    await p.waitForURL(/user=5/)
    await p.getByTestId('lang-switch').selectOption('en')
    await p.waitForURL(/lang=en/)
    expect(await probeResult(p)).toMatchObject({ state: 'ready', user: 'Сергей Новиков', lang: 'en', isAdmin: false })
  })

  it('survives an expired token: 401 expired_token, refreshAuth through the host, the call repeated', async () => {
    const p = await open('/?entity=deal&id=7&tab=probe&probeWait=1')
    await probeResult(p, 'waiting')
    const before = (await restLog()).length
    await setFaults({ forceExpiredToken: true })
    try {
      await p.frameLocator('iframe[data-testid="widget-frame"]').getByTestId('probe-run').click()
      expect(await probeResult(p)).toMatchObject({ state: 'ready', options: { ID: '7' } })
    } finally {
      await setFaults({ forceExpiredToken: false })
    }
    const calls = (await restLog()).slice(before).filter((c) => c.transport === 'http')
    expect(calls[0]).toMatchObject({ method: 'crm.deal.get', status: 401, error: 'expired_token' })
    expect(calls[1]).toMatchObject({ method: 'crm.deal.get', status: 200 })
    expect((await frameLog(p)).map((l) => l.command)).toContain('refreshAuth')
  })
  it('answers setInstall on FIRST_RUN, or init would hang', async () => {
    const p = await open('/?entity=deal&id=12&tab=probe&firstRun=1')
    expect(await probeResult(p)).toMatchObject({ state: 'ready', options: { ID: '12' } })
    const log = await frameLog(p)
    expect(log.slice(0, 2).map((l) => [l.command, l.params])).toEqual([
      ['getInitData', []],
      ['setInstall', { install: true }],
    ])
  })

  it('drops commands denied in a placement (setTitle) without an answer', async () => {
    const p = await open('/?entity=deal&id=12&tab=probe')
    await probeResult(p)
    const frame = p.frames().find((f) => f.url().includes('/emulator/probe.html'))
    const started = await frame?.evaluate(async () => {
      const t0 = performance.now()
      const b24 = await (
        window as unknown as {
          B24Js: { initializeB24Frame(): Promise<{ parent: { setTitle(t: string): Promise<unknown> } }> }
        }
      ).B24Js.initializeB24Frame()
      await b24.parent.setTitle('changed')
      return performance.now() - t0
    })
    expect(started).toBeGreaterThanOrEqual(850) // resolved only by the SDK's 900 ms "safely" timeout
    expect(await p.title()).not.toBe('changed')
    expect((await frameLog(p)).find((l) => l.command === 'setTitle')?.answered).toBe(false)
  })
})

describe('frame commands the host answers', () => {
  type Sdk = {
    placement: {
      call(c: string, p?: object): Promise<unknown>
      bindEvent(e: string, cb: (v: unknown) => void): Promise<unknown>
    }
    options: { appSet(k: string, v: unknown): Promise<void>; appGet(k: string): unknown }
    slider: { openPath(u: URL): Promise<unknown>; getUrl(p: string): URL }
    dialog: { selectUser(): Promise<unknown> }
  }
  type ProbeWindow = { B24Js: { initializeB24Frame(): Promise<Sdk> }; __seen?: unknown[] }

  async function probeFrame(p: Page): Promise<import('playwright-core').Frame> {
    await probeResult(p)
    const frame = p.frames().find((f) => f.url().includes('/emulator/probe.html'))
    if (!frame) throw new Error('probe frame not found')
    return frame
  }

  it('reloadData re-renders the card from the portal', async () => {
    const p = await open('/?entity=deal&id=9&tab=probe')
    const frame = await probeFrame(p)
    await fetch(`${baseUrl}/rest/2/demo-webhook-secret/crm.deal.update`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 9, fields: { TITLE: 'Переименованная сделка' } }),
    })
    await frame.evaluate(async () =>
      (await (window as unknown as ProbeWindow).B24Js.initializeB24Frame()).placement.call('reloadData'),
    )
    await expect.poll(() => p.getByTestId('card-title').textContent()).toBe('Переименованная сделка')
  })

  it('setAppOption (admin) lands in the same storage as app.option.get', async () => {
    const p = await open('/?entity=deal&id=9&tab=probe')
    const frame = await probeFrame(p)
    await frame.evaluate(async () =>
      (await (window as unknown as ProbeWindow).B24Js.initializeB24Frame()).options.appSet('theme', 'dark'),
    )
    const auth = await p.evaluate(
      () => (window as unknown as { __host: { config: { auth: { AUTH_ID: string } } } }).__host.config.auth.AUTH_ID,
    )
    const res = await fetch(`${baseUrl}/rest/app.option.get`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ option: 'theme', auth }),
    })
    expect(((await res.json()) as { result: unknown }).result).toBe('dark')
  })

  it('openPath opens a slider for allowed paths and resolves when it closes; selectUser returns the pick', async () => {
    const p = await open('/?entity=deal&id=9&tab=probe')
    const frame = await probeFrame(p)
    const opened = frame.evaluate(async () => {
      const b24 = await (window as unknown as ProbeWindow).B24Js.initializeB24Frame()
      return b24.slider.openPath(b24.slider.getUrl('/crm/deal/details/3/'))
    })
    await p.getByTestId('slider-close').click()
    expect(await opened).toMatchObject({ isClose: true })
    const picked = frame.evaluate(async () =>
      (await (window as unknown as ProbeWindow).B24Js.initializeB24Frame()).dialog.selectUser(),
    )
    await p.locator('.sf-user-option', { hasText: 'Ольга Кузнецова' }).click()
    expect(await picked).toMatchObject({ id: '3', name: 'Ольга Кузнецова' })
  })

  it('placementBindEvent callbacks fire every time the host fires the event', async () => {
    const p = await open('/?entity=deal&id=9&tab=probe')
    const frame = await probeFrame(p)
    await frame.evaluate(async () => {
      const w = window as unknown as ProbeWindow
      w.__seen = []
      await (await w.B24Js.initializeB24Frame()).placement.bindEvent('onCrmEntityUpdate', (v) => void w.__seen?.push(v))
    })
    await p.evaluate(() => {
      const host = (window as unknown as { __host: { fireEvent(n: string, v: unknown): void } }).__host
      host.fireEvent('onCrmEntityUpdate', { ID: '9' })
      host.fireEvent('onCrmEntityUpdate', { ID: '9', n: 2 })
    })
    await expect
      .poll(() => frame.evaluate(() => (window as unknown as ProbeWindow).__seen))
      .toEqual([{ ID: '9' }, { ID: '9', n: 2 }])
  })
})

describe('application pages', () => {
  type Slider = { slider: { openSliderAppPage(p: object): Promise<unknown>; closeSliderAppPage(): Promise<void> } }
  type ProbeWindow = { B24Js: { initializeB24Frame(): Promise<Slider> } }

  it('openApplication opens the app in a slider (DEFAULT placement, params as options); the callback fires on close', async () => {
    const p = await open('/?entity=deal&id=9&tab=probe')
    await probeResult(p)
    const outer = p.frames().find((f) => f.url().includes('/emulator/probe.html'))
    const closed = outer?.evaluate(async () =>
      (await (window as unknown as ProbeWindow).B24Js.initializeB24Frame()).slider.openSliderAppPage({
        bx24_title: 'Калькулятор',
        dealId: '9',
      }),
    )
    const inner = p.frameLocator('.sf-slider iframe')
    await expect.poll(() => inner.locator('body').getAttribute('data-state'), { timeout: 20_000 }).toBe('ready')
    const state = JSON.parse((await inner.getByTestId('probe-status').textContent()) ?? '{}') as ProbeState
    expect(state).toMatchObject({ placement: 'DEFAULT', options: { dealId: '9' }, method: 'profile' })
    expect(await p.locator('.sf-slider-head strong').textContent()).toBe('Калькулятор')
    const innerFrame = p.frames().find((f) => f !== outer && f.url().includes('/emulator/probe.html'))
    // The slider (and the frame asking to close it) goes away: that evaluate never returns.
    void innerFrame
      ?.evaluate(async () =>
        (await (window as unknown as ProbeWindow).B24Js.initializeB24Frame()).slider.closeSliderAppPage(),
      )
      .catch(() => undefined)
    await closed
    expect(await p.locator('.sf-slider').count()).toBe(0)
  })

  it('an install page calls installFinish; the host reloads the frame with install_finished=Y', async () => {
    const p = await open('/?entity=deal&id=9&tab=probe&install=1')
    expect(await probeResult(p)).toMatchObject({ state: 'ready', installFinished: true })
    expect((await frameLog(p)).map((l) => l.command)).toContain('setInstallFinish')
  })
})

describe('outside a portal', () => {
  it('initializeB24Frame() rejects at once with JSSDK_CLIENT_SIDE_WARNING (the standalone path)', async () => {
    const p = await open('/emulator/probe.html')
    await expect.poll(() => p.locator('body').getAttribute('data-state')).toBe('error')
    const state = JSON.parse((await p.getByTestId('probe-status').textContent()) ?? '{}') as ProbeState & {
      code?: string
    }
    expect(state.code).toBe('JSSDK_CLIENT_SIDE_WARNING')
  })
})

const REPO = join(import.meta.dirname, '..', '..')
const ENTITY: Record<string, string> = {
  CRM_DEAL_DETAIL_TAB: 'deal',
  CRM_SMART_INVOICE_DETAIL_TAB: 'invoice',
  CRM_LEAD_DETAIL_TAB: 'lead',
}

describe('built widgets', () => {
  // The build makes a page for every row of the table (it fails otherwise), and the demo portal binds every row.
  const widgets = readPlacementsTable(join(REPO, 'widgets', 'placements.json')).map((row) => ({
    name: row.widget,
    placement: row.placement,
  }))

  it('the host does not ask for a build when the widgets are built', async () => {
    const p = await open('/?entity=deal&id=12&tab=main')
    const hint = (await p.locator('.sf-hint').first().textContent()) ?? ''
    expect(hint).not.toContain('npm run build')
  })

  it.each(widgets.map((w) => [w.name, w.placement] as const))(
    'widget %s starts the frame handshake in its %s card',
    async (name, placement) => {
      const p = await open(`/?entity=${ENTITY[placement] ?? 'deal'}&id=3&tab=w:${name}`)
      await expect
        .poll(async () => (await frameLog(p)).map((l) => l.command), { timeout: 20_000 })
        .toContain('getInitData')
    },
  )
})
