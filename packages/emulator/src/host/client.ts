/**
 * The fake parent window (browser side): hosts widget iframes and answers the b24jssdk frame protocol the way
 * applayout.js does (b24-platform.md section 2). Served transpiled by the emulator; self-contained, no imports.
 */

interface HostConfig {
  lang: 'ru' | 'en'
  userId: number
  isAdmin: boolean
  memberId: string
  auth: { AUTH_ID: string; REFRESH_ID: string; AUTH_EXPIRES: string }
  appOptions: Record<string, unknown>
  userOptions: Record<string, unknown>
  users: { id: number; name: string; position: string }[]
  frame: { url: string; placement: string; options: Record<string, unknown> } | null
  /** FIRST_RUN for the first getInitData (the SDK then sends setInstall and waits for it). */
  firstRun: boolean
  /** INSTALL: the app is not installed yet (until setInstallFinish). */
  install: boolean
  texts: Record<string, string>
}

interface FrameEntry {
  sid: string
  iframe: HTMLIFrameElement
  origin: string
  placement: string
  options: Record<string, unknown>
  firstRun: boolean
  denied: Set<string>
  /** placementBindEvent callbacks: event name → callback ids. */
  events: Map<string, string[]>
}

interface FrameLogEntry {
  sid: string
  command: string
  params: unknown
  answered: boolean
}

declare global {
  interface Window {
    __frameLog: FrameLogEntry[]
    __frames: Map<string, FrameEntry>
    __host: { fireEvent(name: string, payload: unknown): void; config: HostConfig }
  }
}

const configEl = document.getElementById('sf-host-config')
const config = JSON.parse(configEl?.textContent ?? '{}') as HostConfig
const frames = new Map<string, FrameEntry>()
window.__frameLog = []
window.__frames = frames

const hex = (n: number): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b.toString(16).padStart(2, '0')).join('')

const t = (key: string): string => config.texts[key] ?? key

function reply(frame: FrameEntry, callback: string, result: unknown): void {
  const body = result === undefined ? '' : JSON.stringify(result)
  frame.iframe.contentWindow?.postMessage(`${callback}:${body}`, frame.origin)
}

/** Loads a widget the way the portal does: iframe named DOMAIN|PROTOCOL|APP_SID, then a form POST into it. */
function mountFrame(
  container: HTMLElement,
  url: string,
  placement: string,
  options: Record<string, unknown>,
  extraQuery = '',
): FrameEntry {
  const sid = hex(16)
  const domain = location.host
  const protocol = location.protocol === 'https:' ? '1' : '0'
  const iframe = document.createElement('iframe')
  iframe.name = `${domain}|${protocol}|${sid}`
  iframe.className = 'sf-frame'
  iframe.dataset['placement'] = placement
  iframe.setAttribute('data-testid', 'widget-frame')
  iframe.setAttribute('data-url', url)
  container.appendChild(iframe)
  const target = new URL(url, location.href)
  const entry: FrameEntry = {
    sid,
    iframe,
    origin: target.origin,
    placement,
    options,
    firstRun: config.firstRun,
    // Host template: non-DEFAULT placements may not retitle, scroll or reload; a slider may not resize either.
    denied: new Set([
      ...(placement === 'DEFAULT' ? [] : ['setTitle', 'setScroll', 'reloadWindow']),
      ...(container.closest('.sf-slider') ? ['resizeWindow'] : []),
    ]),
    events: new Map(),
  }
  frames.set(sid, entry)
  const query = new URLSearchParams(target.search)
  for (const [k, v] of Object.entries({ DOMAIN: domain, PROTOCOL: protocol, LANG: config.lang, APP_SID: sid }))
    query.set(k, v)
  const form = document.createElement('form')
  form.method = 'POST'
  form.target = iframe.name
  form.action = `${target.pathname}?${query.toString()}${extraQuery}`
  form.style.display = 'none'
  const fields: Record<string, string> = {
    AUTH_ID: config.auth.AUTH_ID,
    AUTH_EXPIRES: config.auth.AUTH_EXPIRES,
    REFRESH_ID: config.auth.REFRESH_ID,
    member_id: config.memberId,
    status: 'L',
    PLACEMENT: placement,
  }
  if (Object.keys(options).length > 0) fields['PLACEMENT_OPTIONS'] = JSON.stringify(options)
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement('input')
    input.type = 'hidden'
    input.name = name
    input.value = value
    form.appendChild(input)
  }
  document.body.appendChild(form)
  form.submit()
  form.remove()
  return entry
}

async function postJson(path: string, body: unknown): Promise<unknown> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${path}: ${res.status}`)
  return res.json()
}

function initData(frame: FrameEntry): Record<string, unknown> {
  return {
    LANG: config.lang,
    DOMAIN: location.host,
    PROTOCOL: location.protocol === 'https:' ? 1 : 0,
    PATH: '/rest',
    AUTH_ID: config.auth.AUTH_ID,
    AUTH_EXPIRES: config.auth.AUTH_EXPIRES,
    REFRESH_ID: config.auth.REFRESH_ID,
    MEMBER_ID: config.memberId,
    FIRST_RUN: frame.firstRun,
    IS_ADMIN: config.isAdmin,
    INSTALL: config.install,
    USER_OPTIONS: config.userOptions,
    APP_OPTIONS: config.appOptions,
    PLACEMENT: frame.placement,
    PLACEMENT_OPTIONS: frame.options,
  }
}

/** A modal "slider" the way the portal opens one over the card. */
function openSlider(title: string, build: (body: HTMLElement, close: () => void) => void, onClose: () => void): void {
  const overlay = document.createElement('div')
  overlay.className = 'sf-slider-overlay'
  const panel = document.createElement('div')
  panel.className = 'sf-slider'
  const head = document.createElement('div')
  head.className = 'sf-slider-head'
  const h = document.createElement('strong')
  h.textContent = title
  const closeBtn = document.createElement('button')
  closeBtn.textContent = '×'
  closeBtn.setAttribute('data-testid', 'slider-close')
  head.append(h, closeBtn)
  const body = document.createElement('div')
  body.className = 'sf-slider-body'
  panel.append(head, body)
  overlay.appendChild(panel)
  document.body.appendChild(overlay)
  let closed = false
  const close = (): void => {
    if (closed) return
    closed = true
    overlay.remove()
    onClose()
  }
  closeBtn.addEventListener('click', close)
  build(body, close)
}

// applayout.js's list, plus the universal card URLs (`/crm/type/31/details/7/`, smart invoices and processes) that
// a current portal opens in a slider too.
const PATH_ALLOWED =
  /^\/(crm\/(deal|lead|contact|company|type\/[0-9]+)|marketplace|company\/personal\/user\/[0-9]+|workgroups\/group\/[0-9]+)\//

/** The emulator's card page for a CRM card URL (the slider shows it as the portal shows the card), or null. */
function cardPageOf(path: string): string | null {
  const m = /^\/crm\/(deal|lead|type\/31)\/details\/([0-9]+)\//.exec(path)
  if (!m) return null
  const entity = m[1] === 'type/31' ? 'invoice' : m[1]
  return `/?entity=${entity}&id=${m[2]}&user=${config.userId}&lang=${config.lang}&tab=main`
}

async function reloadCard(): Promise<void> {
  const card = document.getElementById('sf-card-fields')
  if (!card) return
  const res = await fetch(`/emulator/card${location.search}`)
  if (res.ok) card.innerHTML = await res.text()
}

type Handler = (frame: FrameEntry, params: Record<string, unknown>, callback: string) => void | Promise<void>

const handlers: Record<string, Handler> = {
  getInitData: (frame, _p, cb) => {
    reply(frame, cb, initData(frame))
    frame.firstRun = false
    config.firstRun = false
  },
  setInstall: (frame, p, cb) => reply(frame, cb, p),
  setInstallFinish: async (frame, p) => {
    // The portal marks the app installed (`set_installed`) and reloads the frame with install_finished=Y; no
    // callback. `value: false` means "not installed": the frame reloads with install_finished=N.
    const container = frame.iframe.parentElement
    const url = frame.iframe.getAttribute('data-url') ?? ''
    if (!container || !url || !config.install) return
    const finished = p['value'] !== false
    if (finished) await postJson('/emulator/app/installed', { auth: config.auth.AUTH_ID })
    frame.iframe.remove()
    frames.delete(frame.sid)
    config.install = !finished
    config.firstRun = false
    mountFrame(container, url, frame.placement, frame.options, `&install_finished=${finished ? 'Y' : 'N'}`)
  },
  refreshAuth: async (frame, _p, cb) => {
    const auth = (await postJson('/emulator/auth/refresh', {
      refreshToken: config.auth.REFRESH_ID,
    })) as HostConfig['auth']
    config.auth = auth
    reply(frame, cb, auth)
  },
  resizeWindow: (frame, p, cb) => {
    const height = Math.max(50, Number(p['height']) || 0)
    frame.iframe.style.height = `${height}px`
    const width = p['width'] === '100%' ? '100%' : `${parseInt(String(p['width']), 10) || 100}px`
    frame.iframe.style.width = width
    reply(frame, cb, { width: frame.iframe.offsetWidth, height: frame.iframe.offsetHeight })
  },
  setTitle: (frame, p, cb) => {
    document.title = String(p['title'] ?? document.title)
    reply(frame, cb, p)
  },
  setScroll: (frame, p, cb) => {
    window.scrollTo(0, Number(p['scroll']) || 0)
    reply(frame, cb, p)
  },
  reloadWindow: () => location.reload(),
  setAppOption: async (frame, p, cb) => {
    if (!config.isAdmin) return // a non-admin gets no answer: the SDK's 900 ms timeout fires
    const options = (await postJson('/emulator/options/app', {
      auth: config.auth.AUTH_ID,
      name: p['name'],
      value: p['value'],
    })) as Record<string, unknown>
    config.appOptions = options
    reply(frame, cb, options)
  },
  setUserOption: async (frame, p, cb) => {
    config.userOptions = (await postJson('/emulator/options/user', {
      auth: config.auth.AUTH_ID,
      name: p['name'],
      value: p['value'],
    })) as Record<string, unknown>
    reply(frame, cb, p)
  },
  getInterface: (frame, _p, cb) =>
    reply(frame, cb, {
      command: ['reloadData'],
      event: frame.placement.endsWith('_DETAIL_TAB') ? ['onCrmEntityUpdate'] : [],
    }),
  placementBindEvent: (frame, p, cb) => {
    const name = String(p['event'] ?? '')
    frame.events.set(name, [...(frame.events.get(name) ?? []), cb])
  },
  reloadData: async (frame, _p, cb) => {
    await reloadCard()
    reply(frame, cb, undefined)
  },
  openApplication: (frame, p, cb) => {
    const title = String(p['bx24_title'] ?? t('application'))
    const options = Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith('bx24_')))
    openSlider(
      title,
      (body) => {
        mountFrame(body, frame.iframe.getAttribute('data-url') ?? '', 'DEFAULT', options)
      },
      () => reply(frame, cb, undefined),
    )
  },
  closeApplication: (frame, _p, cb) => {
    const overlay = frame.iframe.closest('.sf-slider-overlay')
    const btn = overlay?.querySelector<HTMLButtonElement>('[data-testid="slider-close"]')
    reply(frame, cb, undefined)
    btn?.click()
  },
  openPath: (frame, p, cb) => {
    // The SDK prefixes width hacks (`/crm/type/0/details/0/../../../../..`); the slider resolves them.
    const raw = String(p['path'] ?? '')
    const path = new URL(raw, location.origin).pathname + new URL(raw, location.origin).search
    // Only the resolved path counts: the width-hack prefix itself looks like an allowed card URL.
    if (!PATH_ALLOWED.test(path)) {
      reply(frame, cb, { result: 'error', errorCode: 'PATH_NOT_AVAILABLE' })
      return
    }
    openSlider(
      path,
      (body) => {
        const page = cardPageOf(path)
        if (!page) {
          body.textContent = `${t('wouldOpen')} ${path}`
          return
        }
        const card = document.createElement('iframe')
        card.src = page
        card.className = 'sf-frame'
        card.setAttribute('data-testid', 'slider-card')
        card.setAttribute('data-path', path)
        body.appendChild(card)
      },
      () => reply(frame, cb, { result: 'close' }),
    )
  },
  selectUser: (frame, p, cb) => {
    const multiple = p['mult'] === true
    openSlider(
      t('selectUser'),
      (body, close) => {
        const chosen: unknown[] = []
        for (const u of config.users) {
          const b = document.createElement('button')
          b.className = 'sf-user-option'
          b.textContent = `${u.name} — ${u.position}`
          b.addEventListener('click', () => {
            const value = {
              id: String(u.id),
              name: u.name,
              photo: '',
              position: u.position,
              url: `/company/personal/user/${u.id}/`,
              sub: false,
              sup: false,
            }
            if (!multiple) {
              reply(frame, cb, value)
              close()
            } else chosen.push(value)
          })
          body.appendChild(b)
        }
        if (multiple) {
          const done = document.createElement('button')
          done.textContent = 'OK'
          done.addEventListener('click', () => {
            reply(frame, cb, chosen)
            close()
          })
          body.appendChild(done)
        }
      },
      () => undefined,
    )
  },
  selectAccess: (frame, _p, cb) => reply(frame, cb, []),
  selectCRM: (frame, _p, cb) => reply(frame, cb, {}),
}

/** applayout.js parsing: `cmd:params:callback:sid` (params may contain colons) or the object form. */
function parseMessage(data: unknown): { command: string; params: unknown; callback: string; sid: string } | null {
  if (typeof data === 'string') {
    const parts = data.split(':')
    if (parts.length < 3) return null
    const command = parts[0] ?? ''
    const callback = parts[parts.length - 2] ?? ''
    const sid = parts[parts.length - 1] ?? ''
    const raw = parts.slice(1, parts.length - 2).join(':')
    return { command, params: raw ? JSON.parse(raw) : [], callback, sid }
  }
  if (typeof data === 'object' && data !== null && 'method' in data) {
    const o = data as Record<string, unknown>
    return {
      command: String(o['method']),
      params: o['params'] ?? [],
      callback: String(o['callback'] ?? ''),
      sid: String(o['appSid'] ?? ''),
    }
  }
  return null
}

window.addEventListener('message', (e: MessageEvent) => {
  let msg: ReturnType<typeof parseMessage>
  try {
    msg = parseMessage(e.data)
  } catch {
    return
  }
  if (!msg) return
  const frame = frames.get(msg.sid)
  if (!frame || e.origin !== frame.origin) return
  const handler = handlers[msg.command]
  const params =
    typeof msg.params === 'object' && msg.params !== null && !Array.isArray(msg.params)
      ? (msg.params as Record<string, unknown>)
      : {}
  const allowed = handler !== undefined && !frame.denied.has(msg.command)
  window.__frameLog.push({ sid: msg.sid, command: msg.command, params: msg.params, answered: allowed })
  renderLog()
  if (!allowed || !handler) return
  void Promise.resolve(handler(frame, params, msg.callback)).catch((err: unknown) =>
    console.error('frame command failed', msg?.command, err),
  )
})

function renderLog(): void {
  const el = document.getElementById('sf-frame-log')
  if (!el) return
  el.textContent = window.__frameLog
    .slice(-30)
    .map((l) => `${l.answered ? '→' : '×'} ${l.command} ${l.params === undefined ? '' : JSON.stringify(l.params)}`)
    .join('\n')
}

window.__host = {
  config,
  /** Fires a placement event (placementBindEvent) in every frame that bound it. */
  fireEvent(name: string, payload: unknown): void {
    for (const frame of frames.values()) for (const cb of frame.events.get(name) ?? []) reply(frame, cb, payload)
  },
}

for (const select of document.querySelectorAll<HTMLSelectElement>('select[data-query]')) {
  select.addEventListener('change', () => {
    const url = new URL(location.href)
    url.searchParams.set(select.dataset['query'] ?? '', select.value)
    location.href = url.toString()
  })
}

const slot = document.getElementById('sf-frame-slot')
if (slot && config.frame) {
  mountFrame(slot, config.frame.url, config.frame.placement, config.frame.options)
}

export {}
