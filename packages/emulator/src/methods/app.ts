import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isRecord, param } from '../core/params'
import { argumentError, RestError, wrongAuthType } from '../http/rest-error'

function requireApp(ctx: CallContext): void {
  if (!ctx.isApp) throw new RestError(400, 'AccessException', 'Application context required')
}

function setOptions(target: Record<string, unknown>, ctx: CallContext): void {
  const options = param(ctx.params, 'options')
  if (!isRecord(options) || Object.keys(options).length === 0)
    throw new RestError(400, 'ArgumentNullException', 'options is empty')
  Object.assign(target, options)
}

function getOption(source: Record<string, unknown>, ctx: CallContext): unknown {
  const name = param(ctx.params, 'option')
  if (name === undefined) return Object.keys(source).length === 0 ? [] : source
  return source[String(name)] ?? null
}

/** Bitrix24 checks a placement handler URL: http(s) and a host with a dot (`localhost` fails). */
function checkHandler(url: string): void {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new RestError(400, 'ERROR_WRONG_HANDLER_URL', 'Wrong handler URL')
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new RestError(400, 'ERROR_UNSUPPORTED_PROTOCOL', 'Unsupported protocol')
  if (!u.hostname.includes('.')) throw new RestError(400, 'ERROR_WRONG_HANDLER_URL', 'Wrong handler URL')
}

function placementGuard(ctx: CallContext): void {
  if (!ctx.isApp) throw wrongAuthType()
  if (!ctx.user.isAdmin) throw new RestError(403, 'ACCESS_DENIED', 'Access denied! Admin permissions required')
}

/** The app itself: info, options and placements. */
export const appMethods: MethodTable = {
  'app.info': (ctx) =>
    out({
      ID: '7',
      CODE: 'local.salesflow',
      VERSION: 1,
      STATUS: 'L',
      INSTALLED: ctx.store.installed,
      PAYMENT_EXPIRED: 'N',
      DAYS: null,
      LANGUAGE_ID: 'ru',
      LICENSE: 'ru_project',
      LICENSE_TYPE: 'project',
      LICENSE_FAMILY: 'project',
      ...(ctx.isApp ? {} : { SCOPE: ['crm', 'catalog', 'task', 'user', 'department', 'placement'] }),
    }),
  'app.option.get': (ctx) => {
    requireApp(ctx)
    return out(getOption(ctx.store.appOptions, ctx))
  },
  'app.option.set': (ctx) => {
    requireApp(ctx)
    if (!ctx.user.isAdmin) throw new RestError(403, 'ACCESS_DENIED', 'Administrator authorization required')
    setOptions(ctx.store.appOptions, ctx)
    return out(true)
  },
  'user.option.get': (ctx) => {
    requireApp(ctx)
    return out(getOption(ctx.store.userOptions.get(ctx.user.id) ?? {}, ctx))
  },
  'user.option.set': (ctx) => {
    requireApp(ctx)
    const mine = ctx.store.userOptions.get(ctx.user.id) ?? {}
    setOptions(mine, ctx)
    ctx.store.userOptions.set(ctx.user.id, mine)
    return out(true)
  },
  'placement.bind': (ctx) => {
    placementGuard(ctx)
    const p = Object.fromEntries(Object.entries(ctx.params).map(([k, v]) => [k.toUpperCase(), v]))
    const placement = String(p['PLACEMENT'] ?? '')
    if (!placement) throw argumentError('PLACEMENT')
    if (placement === 'DEFAULT') throw new RestError(400, 'ERROR_ARGUMENT', 'Wrong value', { argument: 'PLACEMENT' })
    const handler = String(p['HANDLER'] ?? '')
    if (!handler) throw argumentError('HANDLER')
    checkHandler(handler)
    if (p['USER_ID'] !== undefined && placement !== 'PAGE_BACKGROUND_WORKER')
      throw new RestError(400, 'ERROR_PLACEMENT_USER_MODE', 'User mode is not available for this placement')
    const langAll = isRecord(p['LANG_ALL']) ? (p['LANG_ALL'] as Record<string, Record<string, string>>) : {}
    ctx.store.placements.push({
      placement,
      handler,
      title: String(p['TITLE'] ?? ''),
      description: String(p['DESCRIPTION'] ?? ''),
      groupName: String(p['GROUP_NAME'] ?? ''),
      langAll:
        Object.keys(langAll).length > 0
          ? langAll
          : {
              ru: {
                TITLE: String(p['TITLE'] ?? ''),
                DESCRIPTION: String(p['DESCRIPTION'] ?? ''),
                GROUP_NAME: String(p['GROUP_NAME'] ?? ''),
              },
            },
      userId: 0,
    })
    return out(true)
  },
  'placement.unbind': (ctx) => {
    placementGuard(ctx)
    const p = Object.fromEntries(Object.entries(ctx.params).map(([k, v]) => [k.toUpperCase(), v]))
    const placement = String(p['PLACEMENT'] ?? '')
    if (!placement) throw argumentError('PLACEMENT')
    const handler = p['HANDLER'] === undefined ? undefined : String(p['HANDLER'])
    const found = ctx.store.placements.filter(
      (b) => b.placement === placement && (handler === undefined || b.handler === handler),
    )
    ctx.store.placements = ctx.store.placements.filter((b) => !found.includes(b))
    // placement.php counts a found handler and its deletion: one removal reports 2.
    return out({ count: found.length * 2 })
  },
  'placement.get': (ctx) => {
    placementGuard(ctx)
    return out(
      ctx.store.placements.map((b) => ({
        placement: b.placement,
        userId: b.userId,
        handler: b.handler,
        options: [],
        title: b.title,
        description: b.description,
        langAll: b.langAll,
      })),
    )
  },
  'placement.list': (ctx) => {
    if (!ctx.isApp) throw wrongAuthType()
    return out([
      'CRM_DEAL_DETAIL_TAB',
      'CRM_LEAD_DETAIL_TAB',
      'CRM_SMART_INVOICE_DETAIL_TAB',
      'CRM_DEAL_DETAIL_TOOLBAR',
      'CRM_DEAL_LIST_MENU',
      'CRM_SMART_INVOICE_DETAIL_TOOLBAR',
      'REST_APP_URI',
    ])
  },
}
