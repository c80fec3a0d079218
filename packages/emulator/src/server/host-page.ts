import type { Portal } from '../types'
import type { CrmItem, OwnerType } from '../store/store'
import { stageEntityId, stageSemantic } from '../crm/fields'
import { displayValue, userFieldsOf } from '../crm/user-field-table'
import { basketLine } from '../crm/portal-math'
import { esc, scriptJson } from './html'
import type { WidgetPage } from './widgets'

export type EntityKind = 'deal' | 'invoice' | 'lead'
type Lang = 'ru' | 'en'

const TEXTS: Record<Lang, Record<string, string>> = {
  ru: {
    portal: 'Техностром · Битрикс24 (локальный эмулятор)',
    deals: 'Сделки',
    invoices: 'Счета',
    leads: 'Лиды',
    user: 'Пользователь',
    language: 'Язык',
    main: 'Общие',
    products: 'Товары',
    probe: 'Проба SDK',
    noWidgets: 'Виджеты не собраны: запустите npm run build (ожидаются dist/widgets/*/index.html).',
    noWidgetsHere: 'Для этой карточки нет виджетов',
    amount: 'Сумма',
    tax: 'НДС',
    stage: 'Стадия',
    funnel: 'Воронка',
    assigned: 'Ответственный',
    created: 'Создано',
    product: 'Товар',
    quantity: 'Кол-во',
    price: 'Цена',
    discount: 'Скидка',
    sum: 'Сумма',
    noRows: 'Товаров нет',
    payments: 'Оплаты',
    paid: 'оплачена',
    unpaid: 'не оплачена',
    deal: 'Сделка',
    invoice: 'Счёт',
    lead: 'Лид',
    notFound: 'Карточка не найдена',
    frameLog: 'Протокол фрейма',
    webhook: 'Вебхук для скриптов',
    application: 'Приложение',
    wouldOpen: 'Портал открыл бы',
    selectUser: 'Выбор сотрудника',
    due: 'Срок оплаты',
    number: 'Номер',
    contact: 'Контакт',
    phone: 'Телефон',
    source: 'Источник',
    company: 'Компания',
    timeline: 'Лента',
    app: 'salesflow',
    notInstalled: 'Приложение установлено не полностью. Обратитесь к администратору Битрикс24.',
    bankStatement: 'Выписка банка (1С)',
  },
  en: {
    portal: 'Technostrom · Bitrix24 (local emulator)',
    deals: 'Deals',
    invoices: 'Invoices',
    leads: 'Leads',
    user: 'User',
    language: 'Language',
    main: 'General',
    products: 'Products',
    probe: 'SDK probe',
    noWidgets: 'No widgets built: run npm run build (dist/widgets/*/index.html expected).',
    noWidgetsHere: 'No widgets for this card',
    amount: 'Amount',
    tax: 'VAT',
    stage: 'Stage',
    funnel: 'Pipeline',
    assigned: 'Responsible',
    created: 'Created',
    product: 'Product',
    quantity: 'Qty',
    price: 'Price',
    discount: 'Discount',
    sum: 'Sum',
    noRows: 'No products',
    payments: 'Payments',
    paid: 'paid',
    unpaid: 'not paid',
    deal: 'Deal',
    invoice: 'Invoice',
    lead: 'Lead',
    notFound: 'Card not found',
    frameLog: 'Frame protocol',
    webhook: 'Webhook for scripts',
    application: 'Application',
    wouldOpen: 'The portal would open',
    selectUser: 'Select an employee',
    due: 'Due date',
    number: 'Number',
    contact: 'Contact',
    phone: 'Phone',
    source: 'Source',
    company: 'Company',
    timeline: 'Timeline',
    app: 'salesflow',
    notInstalled: 'The application is not fully installed yet. Please contact your Bitrix24 administrator.',
    bankStatement: 'Bank statement (1C)',
  },
}

const PLACEMENT: Record<EntityKind, string> = {
  deal: 'CRM_DEAL_DETAIL_TAB',
  invoice: 'CRM_SMART_INVOICE_DETAIL_TAB',
  lead: 'CRM_LEAD_DETAIL_TAB',
}
const OWNER: Record<EntityKind, OwnerType> = { deal: 'D', invoice: 'SI', lead: 'L' }

export interface HostQuery {
  entity: EntityKind
  id: number
  userId: number
  lang: Lang
  tab: string
  /** Probe tab only: wait for a click before calling REST (lets e2e change faults after init). */
  probeWait: boolean
  /** Open the frame as on the user's first run (FIRST_RUN) / before installFinish (INSTALL). */
  firstRun: boolean
  install: boolean
}

export function readHostQuery(url: URL, portal: Portal): HostQuery {
  const q = url.searchParams
  const entity = (['deal', 'invoice', 'lead'] as const).find((e) => e === q.get('entity')) ?? 'deal'
  const items =
    entity === 'deal' ? portal.store.deals : entity === 'invoice' ? portal.store.invoices : portal.store.leads
  const firstId =
    [...items.keys()]
      .sort((a, b) => a - b)
      .find((id) => entity !== 'deal' || (portal.store.deals.get(id)?.categoryId ?? 0) === 1) ??
    [...items.keys()][0] ??
    0
  const id = Number(q.get('id') ?? firstId) || firstId
  const userId = Number(q.get('user') ?? 1)
  return {
    entity,
    id,
    userId: portal.store.users.has(userId) ? userId : 1,
    lang: q.get('lang') === 'en' ? 'en' : 'ru',
    tab: q.get('tab') ?? '',
    probeWait: q.get('probeWait') === '1',
    firstRun: q.get('firstRun') === '1',
    install: q.get('install') === '1',
  }
}

/** Thousands grouping of a decimal string: formatting only, no arithmetic. */
function amount(value: string | null | undefined, currency: string): string {
  const [int = '0', frac = '00'] = String(value ?? '0').split('.')
  const sign = int.startsWith('-') ? '-' : ''
  const digits = sign ? int.slice(1) : int
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')}.${frac.padEnd(2, '0')} ${currency}`
}

function itemOf(portal: Portal, q: HostQuery): CrmItem | undefined {
  const map =
    q.entity === 'deal' ? portal.store.deals : q.entity === 'invoice' ? portal.store.invoices : portal.store.leads
  return map.get(q.id)
}

function userName(portal: Portal, id: number): string {
  const u = portal.store.users.get(id)
  return u ? `${u.name} ${u.lastName}` : `#${id}`
}

function link(q: HostQuery, patch: Partial<HostQuery>): string {
  const n = { ...q, ...patch }
  const p = new URLSearchParams({ entity: n.entity, id: String(n.id), user: String(n.userId), lang: n.lang })
  if (n.tab) p.set('tab', n.tab)
  return `/?${p.toString()}`
}

function stageBar(portal: Portal, item: CrmItem): string {
  const entityId = stageEntityId(item.entityTypeId, item.categoryId)
  const stages = portal.store.statuses.filter((s) => s.entityId === entityId).sort((a, b) => a.sort - b.sort)
  const current = stages.findIndex((s) => s.statusId === item.stageId)
  return `<div class="sf-stages">${stages
    .map((s, i) => {
      const cls = s.statusId === item.stageId ? 'current' : i < current && s.semantics === null ? 'passed' : ''
      return `<span class="sf-stage ${cls}" style="--c:${esc(s.color || '#39a8ef')}" data-stage="${esc(s.statusId)}">${esc(s.name)}</span>`
    })
    .join('')}</div>`
}

/** The card head (title, stages, key fields): also what the host re-renders on `reloadData`. */
export function renderCardFields(portal: Portal, q: HostQuery): string {
  const t = TEXTS[q.lang]
  const item = itemOf(portal, q)
  if (!item) return `<p class="sf-empty">${esc(t['notFound'])}</p>`
  const category = portal.store.categories.find((c) => c.entityTypeId === item.entityTypeId && c.id === item.categoryId)
  const fields: [string, string][] = [
    [t['amount'] ?? '', amount(item.opportunity, item.currencyId)],
    [t['tax'] ?? '', amount(item.taxValue, item.currencyId)],
    [t['assigned'] ?? '', userName(portal, item.assignedById)],
    [t['created'] ?? '', item.createdTime.slice(0, 10)],
  ]
  if (item.entityTypeId === 2 && category) fields.unshift([t['funnel'] ?? '', category.name])
  const company = portal.store.companies.get(item.companyId)
  if (company) fields.push([t['company'] ?? '', company.title])
  if (item.entityTypeId === 31) {
    fields.push([t['number'] ?? '', item.accountNumber ?? ''], [t['due'] ?? '', item.closedate])
    const deal = item.parentId2 ? portal.store.deals.get(item.parentId2) : undefined
    if (deal)
      fields.push([
        t['deal'] ?? '',
        `<a href="${esc(link(q, { entity: 'deal', id: deal.id, tab: '' }))}">${esc(deal.title)}</a>`,
      ])
  }
  if (item.entityTypeId === 1)
    fields.push(
      [t['contact'] ?? '', `${item.name ?? ''} ${item.lastName ?? ''}`],
      [t['phone'] ?? '', item.phone ?? ''],
      [t['source'] ?? '', item.sourceId],
    )
  const ufs = userFieldsOf(portal.store, item.entityTypeId)
    .filter((u) => item.uf[u.fieldName] !== undefined && item.uf[u.fieldName] !== '' && item.uf[u.fieldName] !== null)
    .map((u) => [u.label[q.lang] ?? u.fieldName, displayValue(u, item.uf[u.fieldName])] as [string, string])
  const rows = [
    ...fields.map(([k, v]) => [k, k === (t['deal'] ?? '') ? v : esc(v)]),
    ...ufs.map(([k, v]) => [k, esc(v)]),
  ]
  return `
    <h1 data-testid="card-title">${esc(item.title)}</h1>
    <div class="sf-semantic sf-semantic-${esc(stageSemantic(portal.store, item))}">${esc(t[q.entity] ?? '')} #${item.id}</div>
    ${stageBar(portal, item)}
    <dl class="sf-fields">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`
}

function renderProducts(portal: Portal, q: HostQuery, item: CrmItem): string {
  const t = TEXTS[q.lang]
  const rows = [...portal.store.productRows.values()]
    .filter((r) => r.ownerType === OWNER[q.entity] && r.ownerId === item.id)
    .sort((a, b) => a.sort - b.sort)
  if (rows.length === 0) return `<p class="sf-empty">${esc(t['noRows'])}</p>`
  const body = rows
    .map((r) => {
      const sum = basketLine(r).sum
      return `<tr><td>${esc(r.productName)}</td><td>${esc(r.quantity.replace(/\.?0+$/, ''))} ${esc(r.measureName)}</td><td>${esc(amount(r.price, item.currencyId))}</td><td>${esc(r.discountRate)}%</td><td>${esc(amount(sum, item.currencyId))}</td></tr>`
    })
    .join('')
  let payments = ''
  if (item.entityTypeId === 31) {
    const list = [...portal.store.payments.values()].filter((p) => p.entityTypeId === 31 && p.entityId === item.id)
    payments = `<h3>${esc(t['payments'])}</h3><ul>${list
      .map(
        (p) =>
          `<li>${esc(p.accountNumber)}: ${esc(amount(p.sum, p.currency))} — ${esc(p.paid === 'Y' ? t['paid'] : t['unpaid'])}</li>`,
      )
      .join('')}</ul>`
  }
  return `<table class="sf-rows"><thead><tr><th>${esc(t['product'])}</th><th>${esc(t['quantity'])}</th><th>${esc(t['price'])}</th><th>${esc(t['discount'])}</th><th>${esc(t['sum'])}</th></tr></thead><tbody>${body}</tbody>
    <tfoot><tr><td colspan="4">${esc(t['amount'])}</td><td>${esc(amount(item.opportunity, item.currencyId))}</td></tr></tfoot></table>${payments}`
}

function picker(portal: Portal, q: HostQuery): string {
  const t = TEXTS[q.lang]
  const stageName = (item: CrmItem): string =>
    portal.store.statuses.find(
      (s) => s.entityId === stageEntityId(item.entityTypeId, item.categoryId) && s.statusId === item.stageId,
    )?.name ?? item.stageId
  const entry = (kind: EntityKind, item: CrmItem): string => {
    const active = kind === q.entity && item.id === q.id ? ' class="active"' : ''
    return `<li${active}><a href="${esc(link(q, { entity: kind, id: item.id, tab: '' }))}" data-testid="pick-${kind}-${item.id}">#${item.id} ${esc(item.title)}<small>${esc(stageName(item))}</small></a></li>`
  }
  const deals = [...portal.store.deals.values()].slice(0, 200)
  const groups = portal.store.categories
    .filter((c) => c.entityTypeId === 2)
    .map(
      (c) =>
        `<h4>${esc(c.name)}</h4><ul>${deals
          .filter((d) => d.categoryId === c.id)
          .map((d) => entry('deal', d))
          .join('')}</ul>`,
    )
    .join('')
  const invoices = [...portal.store.invoices.values()]
    .slice(0, 100)
    .map((i) => entry('invoice', i))
    .join('')
  const leads = [...portal.store.leads.values()]
    .slice(0, 100)
    .map((l) => entry('lead', l))
    .join('')
  return `<details open><summary>${esc(t['deals'])}</summary>${groups}</details>
    <details><summary>${esc(t['invoices'])}</summary><ul>${invoices}</ul></details>
    <details><summary>${esc(t['leads'])}</summary><ul>${leads}</ul></details>`
}

const COMMENT_TYPE: Record<EntityKind, string> = { deal: 'deal', lead: 'lead', invoice: 'dynamic_31' }
const TASK_PREFIX: Record<EntityKind, string> = { deal: 'D', lead: 'L', invoice: 'SI' }

/** What widgets leave on the card: timeline comments (with files) and tasks bound through UF_CRM_TASK. */
function renderTimeline(portal: Portal, q: HostQuery, item: CrmItem): string {
  const t = TEXTS[q.lang]
  const comments = [...portal.store.comments.values()]
    .filter((c) => c.entityType === COMMENT_TYPE[q.entity] && c.entityId === item.id)
    .reverse()
    .map(
      (c) =>
        `<li data-testid="timeline-comment"><small>${esc(c.created.slice(0, 16).replace('T', ' '))} · ${esc(userName(portal, c.authorId))}</small><div>${esc(c.comment)}</div>${c.files.map((f) => `<span class="sf-file">📎 ${esc(f.name)} (${f.size} B)</span>`).join(' ')}</li>`,
    )
  const binding = `${TASK_PREFIX[q.entity]}_${item.id}`
  const tasks = [...portal.store.tasks.values()]
    .filter((task) => task.ufCrmTask.includes(binding))
    .map(
      (task) =>
        `<li data-testid="timeline-task">✔ ${esc(task.title)} <small>→ ${esc(userName(portal, task.responsibleId))}</small></li>`,
    )
  if (comments.length === 0 && tasks.length === 0) return ''
  return `<h3>${esc(t['timeline'])}</h3><ul class="sf-timeline">${[...tasks, ...comments].join('')}</ul>`
}

/** The app's own pages on the portal's origin: its index (placement DEFAULT) and its install page. */
export interface AppPages {
  index: string
  install: string
}

export interface HostPageInput {
  portal: Portal
  /** The bound widget tabs (none until the app is installed). */
  widgets: readonly WidgetPage[]
  app?: AppPages
  query: HostQuery
  origin: string
}

/** The fake Bitrix24 card page: picker, card head, tabs with widget iframes, user and language switchers. */
export function renderHostPage({ portal, widgets, app, query: q, origin }: HostPageInput): string {
  const t = TEXTS[q.lang]
  const item = itemOf(portal, q)
  const installed = portal.store.installed
  const placement = PLACEMENT[q.entity]
  const tabs = widgets.filter((w) => w.placement === placement)
  const tab = q.tab || (tabs[0] ? `w:${tabs[0].name}` : installed ? 'main' : 'app')
  const widget = tab.startsWith('w:') ? tabs.find((w) => `w:${w.name}` === tab) : undefined
  const user = portal.store.users.get(q.userId)
  const isAdmin = user?.isAdmin ?? false
  const auth = portal.issueAuth(q.userId)
  // The app's menu item: its index once installed; before that the install page for an administrator (INSTALL,
  // FIRST_RUN) and the portal's "not fully installed" notice for everyone else.
  const appUrl = !app ? null : installed ? app.index : isAdmin ? app.install : null
  const frameUrl =
    tab === 'app'
      ? appUrl
      : widget
        ? widget.url
        : tab === 'probe'
          ? `/emulator/probe.html${q.probeWait ? '?wait=1' : ''}`
          : null
  const appFrame = tab === 'app' && appUrl ? { url: appUrl, placement: 'DEFAULT', options: {} } : null
  const config = {
    lang: q.lang,
    userId: q.userId,
    isAdmin: user?.isAdmin ?? false,
    memberId: portal.memberId,
    auth: { AUTH_ID: auth.accessToken, REFRESH_ID: auth.refreshToken, AUTH_EXPIRES: String(auth.expiresIn) },
    appOptions: portal.store.appOptions,
    userOptions: portal.store.userOptions.get(q.userId) ?? {},
    users: [...portal.store.users.values()].map((u) => ({
      id: u.id,
      name: `${u.name} ${u.lastName}`,
      position: u.workPosition,
    })),
    frame: appFrame ?? (frameUrl && item ? { url: frameUrl, placement, options: { ID: String(item.id) } } : null),
    texts: t,
    firstRun: q.firstRun || (tab === 'app' && !installed && isAdmin),
    install: (q.install || (tab === 'app' && !installed)) && isAdmin,
  }
  const tabLink = (id: string, label: string): string =>
    `<a class="sf-tab${tab === id ? ' active' : ''}" href="${esc(link(q, { tab: id }))}" data-testid="tab-${esc(id)}">${esc(label)}</a>`
  let content = ''
  if (tab === 'app')
    content = appUrl
      ? `<div id="sf-frame-slot" class="sf-frame-slot"></div>`
      : `<p class="sf-empty" data-testid="app-not-installed">${esc(app && !installed ? t['notInstalled'] : t['noWidgets'])}</p>`
  else if (!item) content = `<p class="sf-empty">${esc(t['notFound'])}</p>`
  else if (tab === 'products') content = renderProducts(portal, q, item)
  else if (tab === 'main')
    content = `<p class="sf-hint"${installed ? '' : ' data-testid="app-not-installed"'}>${esc(!installed ? t['notInstalled'] : tabs.length === 0 ? t['noWidgetsHere'] : '')}</p>${renderTimeline(portal, q, item)}`
  else content = `<div id="sf-frame-slot" class="sf-frame-slot"></div>`
  const users = [...portal.store.users.values()]
    .map(
      (u) =>
        `<option value="${u.id}"${u.id === q.userId ? ' selected' : ''}>${esc(`${u.name} ${u.lastName} (${u.role})`)}</option>`,
    )
    .join('')
  return `<!doctype html>
<html lang="${q.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(item?.title ?? t['portal'])}</title>
<link rel="stylesheet" href="/emulator/host.css">
</head>
<body>
<header class="sf-top">
  <strong>${esc(t['portal'])}</strong>
  <label>${esc(t['user'])} <select data-query="user" data-testid="user-switch">${users}</select></label>
  <label>${esc(t['language'])} <select data-query="lang" data-testid="lang-switch"><option value="ru"${q.lang === 'ru' ? ' selected' : ''}>ru</option><option value="en"${q.lang === 'en' ? ' selected' : ''}>en</option></select></label>
  <a class="sf-download" href="/emulator/bank-statement.txt" download="kl_to_1c.txt" data-testid="bank-statement-download">${esc(t['bankStatement'] ?? '')}</a>
  <span class="sf-webhook" title="${esc(t['webhook'])}">${esc(portal.webhookUrl(origin, q.userId))}</span>
</header>
<div class="sf-layout">
  <nav class="sf-picker">${picker(portal, q)}</nav>
  <main class="sf-card">
    <section id="sf-card-fields">${renderCardFields(portal, q)}</section>
    <nav class="sf-tabs">${tabLink('main', t['main'] ?? '')}${tabLink('products', t['products'] ?? '')}${tabs.map((w) => tabLink(`w:${w.name}`, w.title[q.lang])).join('')}${tabLink('probe', t['probe'] ?? '')}${app ? tabLink('app', t['app'] ?? '') : ''}</nav>
    <section class="sf-content">${content}</section>
    <details class="sf-log"><summary>${esc(t['frameLog'])}</summary><pre id="sf-frame-log"></pre></details>
  </main>
</div>
<script type="application/json" id="sf-host-config">${scriptJson(config)}</script>
<script type="module" src="/emulator/host.js"></script>
</body>
</html>`
}

export const HOST_CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.4 "Open Sans","Helvetica Neue",Arial,sans-serif;background:#eef2f4;color:#333}
.sf-top{display:flex;gap:16px;align-items:center;padding:8px 16px;background:#2fc6f6;color:#fff}.sf-top select{margin-left:4px}
.sf-download{color:#fff}.sf-webhook{margin-left:auto;font:12px monospace;opacity:.85}
.sf-layout{display:flex;min-height:calc(100vh - 44px)}
.sf-picker{width:300px;overflow:auto;background:#fff;border-right:1px solid #dfe3e6;padding:8px;font-size:12px;max-height:calc(100vh - 44px)}
.sf-picker ul{list-style:none;margin:0;padding:0}.sf-picker li a{display:block;padding:3px 6px;color:#2066b0;text-decoration:none;border-radius:4px}
.sf-picker li.active a{background:#e5f4fd}.sf-picker small{display:block;color:#828b95}.sf-picker h4{margin:8px 0 2px;color:#525c69}
.sf-card{flex:1;padding:16px 24px;min-width:0}.sf-card h1{margin:0 0 4px;font-size:22px;font-weight:400}
.sf-stages{display:flex;gap:2px;margin:10px 0}.sf-stage{flex:1;padding:6px 8px;background:#e1e6ea;font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sf-stage.passed{background:color-mix(in srgb,var(--c) 45%,white)}.sf-stage.current{background:var(--c);color:#fff;font-weight:600}
.sf-fields{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:#fff;padding:12px;border-radius:8px;margin:0 0 12px}
.sf-fields dt{color:#828b95}.sf-fields dd{margin:0}
.sf-tabs{display:flex;gap:4px;border-bottom:1px solid #dfe3e6}.sf-tab{padding:8px 14px;color:#525c69;text-decoration:none;border-radius:8px 8px 0 0}
.sf-tab.active{background:#fff;color:#333;font-weight:600}
.sf-content{background:#fff;padding:12px;min-height:200px}.sf-frame{width:100%;min-height:400px;border:0;display:block}
.sf-rows{width:100%;border-collapse:collapse}.sf-rows td,.sf-rows th{border-bottom:1px solid #eef2f4;padding:6px;text-align:left}
.sf-hint,.sf-empty{color:#828b95}.sf-log pre{font-size:11px;max-height:200px;overflow:auto;background:#fff;padding:8px}
.sf-slider-overlay{position:fixed;inset:0;background:rgba(0,0,0,.35);display:flex;justify-content:flex-end}
.sf-slider{width:min(900px,90vw);background:#eef2f4;display:flex;flex-direction:column}
.sf-slider-head{display:flex;justify-content:space-between;padding:12px 16px;background:#fff}.sf-slider-body{flex:1;padding:16px;overflow:auto}
.sf-user-option{display:block;margin:4px 0;padding:6px 10px}
.sf-semantic{font-size:12px;color:#828b95}
.sf-timeline{list-style:none;padding:0}.sf-timeline li{background:#f5f7f8;border-radius:8px;padding:8px 12px;margin:6px 0}
.sf-timeline small{color:#828b95}.sf-file{display:inline-block;margin-top:4px;font-size:12px}
`
