import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { param, recordParam, toInt } from '../core/params'
import { RestError } from '../http/rest-error'
import { filterRows, orderRows } from '../query/list'
import type { CurrencyRow, StatusRow } from '../store/store'

const EXTRA_SEMANTICS = { S: 'success', F: 'failure' } as const

function statusRow(s: StatusRow): Record<string, unknown> {
  return {
    ID: String(s.id),
    ENTITY_ID: s.entityId,
    STATUS_ID: s.statusId,
    NAME: s.name,
    NAME_INIT: s.system ? s.name : '',
    SORT: String(s.sort),
    SYSTEM: s.system ? 'Y' : 'N',
    CATEGORY_ID: s.categoryId === null ? null : String(s.categoryId),
    COLOR: s.color,
    SEMANTICS: s.semantics,
    EXTRA: { SEMANTICS: s.semantics ? EXTRA_SEMANTICS[s.semantics] : 'process', COLOR: s.color },
  }
}

/** The user's language for names that exist in two languages (the portal default is ru). */
const langOf = (ctx: CallContext): 'ru' | 'en' => (String(param(ctx.params, 'lang') ?? 'ru') === 'en' ? 'en' : 'ru')

function currencyRow(c: CurrencyRow, lang: 'ru' | 'en'): Record<string, unknown> {
  return {
    CURRENCY: c.currency,
    AMOUNT_CNT: c.amountCnt,
    AMOUNT: c.amount,
    SORT: String(c.sort),
    BASE: c.base ? 'Y' : 'N',
    FULL_NAME: c.fullName[lang],
    LID: lang,
    FORMAT_STRING: c.formatString[lang],
    DEC_POINT: lang === 'ru' ? ',' : '.',
    THOUSANDS_SEP: lang === 'ru' ? '&nbsp;' : ',',
    DECIMALS: String(c.decimals),
    DATE_UPDATE: '2026-01-12T12:00:00+03:00',
  }
}

/** The columns crm.status.list filters on; the core compares them exactly. */
const STATUS_FILTER_KEYS = new Set(['ID', 'ENTITY_ID', 'STATUS_ID', 'NAME', 'NAME_INIT', 'SORT', 'SYSTEM'])

/**
 * crm.status.list reads its filter as exact equality on its own columns (b24-platform.md 4.4 promises no prefixes):
 * `%ENTITY_ID` or any other key is ignored, as the core ignores it. A value that is not a string or number (a batch
 * `$result[...]` to a missing key substitutes a whole answer) is refused rather than matching nothing quietly.
 */
function statusFilter(filter: Record<string, unknown>): Record<string, unknown> {
  const exact: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(filter)) {
    if (!STATUS_FILTER_KEYS.has(key)) continue
    if (typeof value !== 'string' && typeof value !== 'number') throw new RestError(400, '', 'Invalid parameters.')
    exact[`=${key}`] = String(value)
  }
  return exact
}

export const directoryMethods: MethodTable = {
  'crm.status.list': (ctx) => {
    const rows = ctx.store.statuses.map(statusRow)
    const filtered = orderRows(
      filterRows(rows, statusFilter(recordParam(ctx.params, 'filter'))),
      param(ctx.params, 'order') ?? { SORT: 'ASC' },
      'ID',
    )
    return out(filtered, filtered.length)
  },
  'crm.status.entity.items': (ctx) => {
    const entityId = String(param(ctx.params, 'entityId') ?? '')
    if (!entityId) throw new RestError(400, '', 'The parameter entityId is not defined or invalid.')
    return out(
      ctx.store.statuses
        .filter((s) => s.entityId === entityId)
        .sort((a, b) => a.sort - b.sort)
        .map((s) => ({ NAME: s.name, SORT: s.sort, STATUS_ID: s.statusId })),
    )
  },
  'crm.status.entity.types': (ctx) => {
    const ids = [...new Set(ctx.store.statuses.map((s) => s.entityId))]
    return out(
      ids.map((id) => {
        const rows = ctx.store.statuses.filter((s) => s.entityId === id).sort((a, b) => a.sort - b.sort)
        const cat = rows[0]?.categoryId ?? null
        return {
          ID: id,
          NAME: id,
          ...(rows.some((r) => r.semantics) || id.includes('STAGE') || id === 'STATUS'
            ? {
                SEMANTIC_INFO: {
                  START_FIELD: rows[0]?.statusId,
                  FINAL_SUCCESS_FIELD: rows.find((r) => r.semantics === 'S')?.statusId,
                  FINAL_UNSUCCESS_FIELD: rows.find((r) => r.semantics === 'F')?.statusId,
                },
              }
            : {}),
          ...(cat !== null ? { CATEGORY_ID: String(cat) } : {}),
        }
      }),
    )
  },
  'crm.category.list': (ctx) => {
    const e = toInt(param(ctx.params, 'entityTypeId'))
    if (e === undefined) throw new RestError(400, '100', 'Required parameter "entityTypeId" is missing')
    if (![2, 31].includes(e))
      throw new RestError(400, 'ENTITY_TYPE_NOT_SUPPORTED', `Entity type ${e} does not support categories`)
    const rows = ctx.store.categories
      .filter((c) => c.entityTypeId === e)
      .sort((a, b) => a.sort - b.sort)
      .map((c) => ({
        id: c.id,
        name: c.name,
        sort: c.sort,
        entityTypeId: c.entityTypeId,
        isDefault: c.isDefault ? 'Y' : 'N',
        originId: '',
        originatorId: '',
      }))
    return out({ categories: rows }, rows.length)
  },
  'crm.category.get': (ctx) => {
    const e = toInt(param(ctx.params, 'entityTypeId'))
    const id = toInt(param(ctx.params, 'id'))
    const c = ctx.store.categories.find((x) => x.entityTypeId === e && x.id === id)
    if (!c) throw new RestError(400, 'NOT_FOUND', 'Category not found')
    return out({
      category: {
        id: c.id,
        name: c.name,
        sort: c.sort,
        entityTypeId: c.entityTypeId,
        isDefault: c.isDefault ? 'Y' : 'N',
      },
    })
  },
  'crm.currency.list': (ctx) => {
    const lang = langOf(ctx)
    const rows = [...ctx.store.currencies.values()].map((c) => currencyRow(c, lang))
    return out(orderRows(rows, recordParam(ctx.params, 'order'), 'SORT'), 0)
  },
  'crm.currency.get': (ctx) => {
    const id = String(param(ctx.params, 'id') ?? '').toUpperCase()
    const c = ctx.store.currencies.get(id)
    if (!c) throw new RestError(400, '', 'Not found')
    const lang = (l: 'ru' | 'en'): Record<string, unknown> => ({
      FORMAT_STRING: c.formatString[l],
      FULL_NAME: c.fullName[l],
      DEC_POINT: l === 'ru' ? ',' : '.',
      THOUSANDS_SEP: l === 'ru' ? null : ',',
      DECIMALS: String(c.decimals),
      THOUSANDS_VARIANT: l === 'ru' ? 'B' : 'C',
      HIDE_ZERO: 'Y',
    })
    return out({ ...currencyRow(c, 'ru'), LANG: { ru: lang('ru'), en: lang('en') } })
  },
  /** AMOUNT (rate against the base) and AMOUNT_CNT (nominal), SORT; stored as the portal's decimal(18,4). */
  'crm.currency.update': (ctx) => {
    if (!ctx.user.isAdmin) throw new RestError(400, '', 'Access denied.')
    const id = String(param(ctx.params, 'id') ?? '').toUpperCase()
    const c = ctx.store.currencies.get(id)
    if (!c) throw new RestError(400, '', 'Not found')
    const fields = recordParam(ctx.params, 'fields')
    const amount = fields['AMOUNT'] === undefined ? undefined : Number(fields['AMOUNT'])
    const nominal = toInt(fields['AMOUNT_CNT'])
    if (amount !== undefined && !(Number.isFinite(amount) && amount > 0))
      throw new RestError(400, '', 'Invalid exchange rate')
    const nominalRaw = fields['AMOUNT_CNT']
    if (nominalRaw !== undefined && !(nominal !== undefined && nominal > 0))
      throw new RestError(400, '', 'Invalid nominal')
    if (amount !== undefined) c.amount = amount.toFixed(4)
    if (nominal !== undefined) c.amountCnt = String(nominal)
    if (fields['SORT'] !== undefined) c.sort = toInt(fields['SORT']) ?? c.sort
    return out(true)
  },
  'crm.currency.base.get': (ctx) => out([...ctx.store.currencies.values()].find((c) => c.base)?.currency ?? 'RUB'),
}
