import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { readHostQuery, renderHostPage } from '../src/server/host-page'
import { boundWidgets, installedPlacements, readPlacementsTable } from '../src/server/widgets'

/** A placements table of two rows, as the app ships it. */
function table(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sf-host-')), 'placements.json')
  writeFileSync(
    file,
    JSON.stringify([
      { widget: 'deal', placement: 'CRM_DEAL_DETAIL_TAB', title: { ru: 'Заказ', en: 'Order' } },
      { widget: 'invoice', placement: 'CRM_SMART_INVOICE_DETAIL_TAB', title: { ru: 'Оплата', en: 'Payment' } },
    ]),
  )
  return file
}

describe('widget tabs', () => {
  it('an installed portal shows a tab per bound row of the placements table, in table order', () => {
    const portal = createPortal({ seed: 'demo', appPlacements: installedPlacements(table()) })
    expect(boundWidgets(portal.store)).toEqual([
      {
        name: 'deal',
        url: '/widgets/deal/index.html',
        placement: 'CRM_DEAL_DETAIL_TAB',
        title: { ru: 'Заказ', en: 'Order' },
      },
      {
        name: 'invoice',
        url: '/widgets/invoice/index.html',
        placement: 'CRM_SMART_INVOICE_DETAIL_TAB',
        title: { ru: 'Оплата', en: 'Payment' },
      },
    ])
    const fresh = createPortal({ seed: 'demo', appPlacements: installedPlacements(table()), installed: false })
    expect(boundWidgets(fresh.store)).toEqual([])
  })

  it('refuses a malformed table row instead of hiding the tab', () => {
    const src = table()
    writeFileSync(src, JSON.stringify([{ widget: 'deal', placement: 'CRM_DEAL_DETAIL_TAB', title: { ru: 'Заказ' } }]))
    expect(() => readPlacementsTable(src)).toThrow(/row 0 needs/)
  })
})

describe('host page', () => {
  const portal = createPortal({ seed: 'demo' })
  const render = (
    query: string,
    widgets = boundWidgets(createPortal({ seed: 'demo', appPlacements: installedPlacements(table()) }).store),
  ): string =>
    renderHostPage({
      portal,
      widgets,
      query: readHostQuery(new URL(`http://127.0.0.1:5173/?${query}`), portal),
      origin: 'http://127.0.0.1:5173',
    })
  const config = (html: string): Record<string, unknown> =>
    JSON.parse(
      /<script type="application\/json" id="sf-host-config">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}',
    ) as Record<string, unknown>

  it('escapes data it prints, in the markup and in the embedded config', () => {
    const deal = portal.store.deals.get(3)
    if (!deal) throw new Error('seed deal 3')
    deal.title = '<script>alert(1)</script> & «ООО»'
    const html = render('entity=deal&id=3&tab=main')
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; «ООО»')
    expect(html.match(/<\/script>/g)).toHaveLength(2) // the config block and the module script only
  })

  it('shows the tabs of the card placement, and frames the chosen widget with fresh auth for the chosen user', () => {
    const html = render('entity=invoice&id=2&user=3&lang=en')
    expect(html).toContain('data-testid="tab-w:invoice"')
    expect(html).not.toContain('data-testid="tab-w:deal"')
    const c = config(html)
    expect(c).toMatchObject({
      lang: 'en',
      userId: 3,
      isAdmin: false,
      frame: { url: '/widgets/invoice/index.html', placement: 'CRM_SMART_INVOICE_DETAIL_TAB', options: { ID: '2' } },
    })
    expect(portal.tokenUser((c['auth'] as { AUTH_ID: string }).AUTH_ID)).toBe(3)
  })

  it('shows timeline comments and bound tasks on the main tab, escaped', async () => {
    portal.store.comments.set(900, {
      id: 900,
      entityType: 'deal',
      entityId: 4,
      comment: 'КП <b>v2</b>',
      authorId: 2,
      created: '2026-11-20T10:00:00+03:00',
      files: [{ name: 'kp.pdf', size: 1024 }],
    })
    portal.store.tasks.set(900, {
      id: 900,
      title: 'Проверить раму',
      description: '',
      responsibleId: 4,
      createdBy: 2,
      status: 2,
      deadline: null,
      createdDate: '',
      changedDate: '',
      ufCrmTask: ['D_4'],
      auditors: [],
      accomplices: [],
      taskControl: 'N',
    })
    const html = render('entity=deal&id=4&tab=main')
    expect(html).toContain('КП &lt;b&gt;v2&lt;/b&gt;')
    expect(html).toContain('kp.pdf (1024 B)')
    expect(html).toContain('Проверить раму')
    expect(render('entity=deal&id=5&tab=main')).not.toContain('timeline-comment')
  })

  it('says so when no widget is built', () => {
    expect(render('entity=deal&id=1&tab=main', [])).toContain('Виджеты не собраны')
  })
})
