import { RefreshTokenError } from '@bitrix24/b24jssdk'

/**
 * The one error shape of @salesflow/portal. Whatever went wrong (a thrown AjaxError, a soft `isSuccess: false`,
 * a batch sub-command error, an empty-string or numeric code whose text the SDK drops, a network failure,
 * a timeout, a body that is not JSON, a field of the wrong type) reaches the caller as a `PortalError`
 * with a `code` a widget can switch on and a message in ru and en.
 */
export type PortalErrorCode =
  /** No connection (DNS, refused, reset). Reads are retried before this is returned. */
  | 'NETWORK'
  /** The portal did not answer within the client timeout. */
  | 'TIMEOUT'
  /** 503 QUERY_LIMIT_EXCEEDED after the SDK's back-off retries; retry later. */
  | 'QUERY_LIMIT_EXCEEDED'
  /** 429 OPERATION_TIME_LIMIT: the per-method operating budget (480 s / 10 min) is used up. */
  | 'OPERATION_TIME_LIMIT'
  /** OVERLOAD_LIMIT / PORTAL_DELETED: the portal refuses REST as a whole. */
  | 'PORTAL_UNAVAILABLE'
  /** expired_token / invalid_token even after the one refresh the SDK makes. */
  | 'EXPIRED_TOKEN'
  /** Wrong credentials or auth type (NO_AUTH_FOUND, INVALID_CREDENTIALS, WRONG_AUTH_TYPE, …). */
  | 'UNAUTHORIZED'
  /** ACCESS_DENIED, insufficient_scope, catalog's numeric access codes, "Access denied" behind an empty code. */
  | 'ACCESS_DENIED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_FOUND'
  /** The portal refused our request (ERROR_ARGUMENT, ERROR_CORE, INVALID_ARG_VALUE, 100, …): a bug or bad input. */
  | 'BAD_REQUEST'
  /** The portal answered, but a field is not what its contract says: `field` names it. */
  | 'VALIDATION'
  /** The body is not a REST envelope at all (not JSON, HTML error page, no `result`). */
  | 'MALFORMED_RESPONSE'
  /** Optimistic concurrency: the data changed since it was read; nothing was written. */
  | 'CONFLICT'
  /** A write that must not be repeated failed in transit: it may or may not have happened. Re-read, then decide. */
  | 'UNKNOWN_OUTCOME'
  /** A batch sub-command that did not run because an earlier one failed (halt) or a reference was missing. */
  | 'NOT_EXECUTED'
  /** 500 INTERNAL_SERVER_ERROR and friends. */
  | 'INTERNAL'
  | 'UNKNOWN'

export interface LocalizedText {
  readonly ru: string
  readonly en: string
}

export interface PortalError {
  readonly code: PortalErrorCode
  readonly message: LocalizedText
  /** The REST method (or `batch`) that failed. */
  readonly method?: string
  /** HTTP status when there was a response. */
  readonly status?: number
  /** Whether the same call may succeed later without any change on our side. */
  readonly retriable: boolean
  /** The portal's own error code as sent ('' for crm.deal.*, '200040300010' for catalog.*). */
  readonly restCode?: string
  /** The portal's own description (its language, not ours). */
  readonly description?: string
  /** VALIDATION: the path of the offending field, e.g. `deal.OPPORTUNITY`. */
  readonly field?: string
  /** CONFLICT: what the caller expected and what is there now. */
  readonly expected?: unknown
  readonly actual?: unknown
  /** The underlying error (SDK error, issue list), for logs only. */
  readonly cause?: unknown
}

const MESSAGES: Record<PortalErrorCode, LocalizedText> = {
  NETWORK: { ru: 'Нет связи с порталом.', en: 'No connection to the portal.' },
  TIMEOUT: { ru: 'Портал не ответил вовремя.', en: 'The portal did not answer in time.' },
  QUERY_LIMIT_EXCEEDED: {
    ru: 'Портал ограничил частоту запросов, повторите через несколько секунд.',
    en: 'The portal throttled our requests; retry in a few seconds.',
  },
  OPERATION_TIME_LIMIT: {
    ru: 'Исчерпан лимит времени выполнения метода, повторите позже.',
    en: 'The method’s operating-time limit is used up; retry later.',
  },
  PORTAL_UNAVAILABLE: { ru: 'REST API портала недоступен.', en: 'The portal’s REST API is unavailable.' },
  EXPIRED_TOKEN: {
    ru: 'Сессия истекла, обновите страницу портала.',
    en: 'The session expired; reload the portal page.',
  },
  UNAUTHORIZED: { ru: 'Неверная авторизация приложения.', en: 'The application is not authorised.' },
  ACCESS_DENIED: { ru: 'Недостаточно прав в Битрикс24.', en: 'You lack the Bitrix24 permission for this.' },
  NOT_FOUND: { ru: 'Запись не найдена.', en: 'Record not found.' },
  METHOD_NOT_FOUND: { ru: 'Метод REST не найден на портале.', en: 'The REST method does not exist on the portal.' },
  BAD_REQUEST: { ru: 'Портал отклонил запрос.', en: 'The portal rejected the request.' },
  VALIDATION: { ru: 'Портал вернул неожиданные данные.', en: 'The portal returned unexpected data.' },
  MALFORMED_RESPONSE: { ru: 'Портал вернул повреждённый ответ.', en: 'The portal returned a malformed response.' },
  CONFLICT: {
    ru: 'Данные изменились с момента загрузки, ничего не сохранено.',
    en: 'The data changed since it was loaded; nothing was saved.',
  },
  UNKNOWN_OUTCOME: {
    ru: 'Неизвестно, выполнилась ли операция: обновите данные перед повтором.',
    en: 'It is unknown whether the operation happened: reload before retrying.',
  },
  NOT_EXECUTED: { ru: 'Команда не выполнялась.', en: 'The command was not executed.' },
  INTERNAL: { ru: 'Внутренняя ошибка портала.', en: 'Internal portal error.' },
  UNKNOWN: { ru: 'Неизвестная ошибка портала.', en: 'Unknown portal error.' },
}

/** Every PortalErrorCode (each has its sentence above), for the check that every code has words. */
export const PORTAL_ERROR_CODES = Object.keys(MESSAGES) as PortalErrorCode[]

const RETRIABLE: ReadonlySet<PortalErrorCode> = new Set([
  'NETWORK',
  'TIMEOUT',
  'QUERY_LIMIT_EXCEEDED',
  'OPERATION_TIME_LIMIT',
  'MALFORMED_RESPONSE',
  'INTERNAL',
])

type Details = Omit<PortalError, 'code' | 'message' | 'retriable'> & { readonly retriable?: boolean }

/** Builds a PortalError with the code's standard ru/en message; the details fill in the rest. */
export function portalError(code: PortalErrorCode, details: Details = {}): PortalError {
  const base = MESSAGES[code]
  const where = details.field ? `: ${details.field}` : ''
  return {
    ...details,
    code,
    retriable: details.retriable ?? RETRIABLE.has(code),
    message: where
      ? { ru: `${base.ru.replace(/\.$/, '')}${where}`, en: `${base.en.replace(/\.$/, '')}${where}` }
      : base,
  }
}

/** Codes by the portal's own error string (case-sensitive, as the portal sends them). */
/** A Map, not an object literal: a portal code such as `toString` must not hit Object.prototype. */
const BY_REST_CODE_ENTRIES: Record<string, PortalErrorCode> = {
  QUERY_LIMIT_EXCEEDED: 'QUERY_LIMIT_EXCEEDED',
  OPERATION_TIME_LIMIT: 'OPERATION_TIME_LIMIT',
  OVERLOAD_LIMIT: 'PORTAL_UNAVAILABLE',
  PORTAL_DELETED: 'PORTAL_UNAVAILABLE',
  expired_token: 'EXPIRED_TOKEN',
  invalid_token: 'EXPIRED_TOKEN',
  NO_AUTH_FOUND: 'UNAUTHORIZED',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  WRONG_AUTH_TYPE: 'UNAUTHORIZED',
  user_access_error: 'ACCESS_DENIED',
  insufficient_scope: 'ACCESS_DENIED',
  ACCESS_DENIED: 'ACCESS_DENIED',
  AccessException: 'ACCESS_DENIED',
  allowed_only_intranet_user: 'ACCESS_DENIED',
  NOT_FOUND: 'NOT_FOUND',
  ERROR_NOT_FOUND: 'NOT_FOUND',
  ERROR_ENTITY_NOT_FOUND: 'NOT_FOUND',
  OWNER_NOT_FOUND: 'NOT_FOUND',
  ERROR_METHOD_NOT_FOUND: 'METHOD_NOT_FOUND',
  ERROR_ARGUMENT: 'BAD_REQUEST',
  ArgumentNullException: 'BAD_REQUEST',
  INVALID_ARG_VALUE: 'BAD_REQUEST',
  INVALID_REQUEST: 'BAD_REQUEST',
  ERROR_CORE: 'BAD_REQUEST',
  CRM_FIELD_ERROR_VALUE_NOT_VALID: 'BAD_REQUEST',
  ENTITY_TYPE_NOT_SUPPORTED: 'BAD_REQUEST',
  ERROR_BATCH_LENGTH_EXCEEDED: 'BAD_REQUEST',
  ERROR_BATCH_METHOD_NOT_ALLOWED: 'BAD_REQUEST',
  UPDATE_DYNAMIC_ITEM_RESTRICTED: 'ACCESS_DENIED',
  '100': 'BAD_REQUEST',
  INTERNAL_SERVER_ERROR: 'INTERNAL',
  ERROR_UNEXPECTED_ANSWER: 'INTERNAL',
}
const BY_REST_CODE = new Map(Object.entries(BY_REST_CODE_ENTRIES))

const NOT_FOUND_TEXT = /not found|не найден/i
const ACCESS_TEXT = /access denied|permission|доступ запрещ|недостаточно прав|нет прав/i

/**
 * Classifies one REST error as the portal sent it: `{error, error_description}` with the HTTP status.
 * crm.deal.* / crm.lead.* / crm.currency.* send an empty code and put the meaning in the text;
 * catalog.* sends a number (`200040300010` = access denied); both are classified by the text.
 */
export function classifyRestError(raw: {
  readonly error: unknown
  readonly description?: unknown
  readonly status?: number
  readonly method?: string
}): PortalError {
  const restCode = raw.error === undefined || raw.error === null ? '' : String(raw.error)
  const description = typeof raw.description === 'string' ? raw.description : undefined
  const details = {
    restCode,
    ...(description !== undefined ? { description } : {}),
    ...(raw.status !== undefined ? { status: raw.status } : {}),
    ...(raw.method !== undefined ? { method: raw.method } : {}),
  }
  const known = BY_REST_CODE.get(restCode)
  if (known) return portalError(known, details)
  const text = description ?? ''
  if (restCode === '' || restCode === '0' || /^\d+$/.test(restCode)) {
    if (NOT_FOUND_TEXT.test(text)) return portalError('NOT_FOUND', details)
    if (ACCESS_TEXT.test(text) || /^\d{4}403\d+$/.test(restCode)) return portalError('ACCESS_DENIED', details)
  }
  return portalError(statusCode(raw.status), details)
}

/** The code a bare HTTP status implies when the body says nothing useful. */
function statusCode(status: number | undefined): PortalErrorCode {
  if (status === undefined) return 'UNKNOWN'
  if (status === 503) return 'QUERY_LIMIT_EXCEEDED'
  if (status === 429) return 'OPERATION_TIME_LIMIT'
  if (status === 401) return 'UNAUTHORIZED'
  if (status === 403) return 'ACCESS_DENIED'
  if (status === 404) return 'METHOD_NOT_FOUND'
  if (status >= 500) return 'INTERNAL'
  if (status >= 400) return 'BAD_REQUEST'
  return 'UNKNOWN'
}

/**
 * axios codes of a request that got no response (Node reports the socket error, browsers ERR_NETWORK). The SDK
 * only recognises ERR_NETWORK, so limits.ts lists these as hard codes to keep it from retrying a `*.add` itself.
 */
export const NETWORK_CODES: readonly string[] = [
  'JSSDK_AXIOS_ERROR',
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ERR_NETWORK',
]

interface SdkLikeError {
  readonly code?: unknown
  readonly status?: unknown
  readonly message?: unknown
  readonly originalError?: unknown
}

interface AxiosLike {
  readonly response?: { readonly status?: number; readonly data?: unknown }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/**
 * Converts anything the SDK throws (AjaxError, SdkError, RefreshTokenError, a TypeError from a broken body)
 * into a PortalError. The SDK turns empty-string and numeric REST codes into axios's `ERR_BAD_REQUEST`,
 * so the portal's real body is read back from `originalError.response.data` first.
 */
export function fromThrown(e: unknown, method?: string): PortalError {
  const m = method !== undefined ? { method } : {}
  if (!isObject(e)) return portalError('UNKNOWN', { ...m, cause: e, description: String(e) })
  const sdk = e as SdkLikeError
  const code = typeof sdk.code === 'string' ? sdk.code : ''
  const status = typeof sdk.status === 'number' ? sdk.status : undefined
  const message = typeof sdk.message === 'string' ? sdk.message : undefined
  const axios = isObject(sdk.originalError) ? (sdk.originalError as AxiosLike) : undefined
  const body = axios?.response?.data
  const httpStatus = axios?.response?.status ?? status
  const st = httpStatus !== undefined && httpStatus > 0 ? { status: httpStatus } : {}

  if (code === 'NETWORK_ERROR' || ((httpStatus === undefined || httpStatus === 0) && NETWORK_CODES.includes(code))) {
    return portalError('NETWORK', { ...m, restCode: code, cause: e })
  }
  if (code === 'REQUEST_TIMEOUT' || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return portalError('TIMEOUT', { ...m, cause: e })
  }
  if (code === 'JSSDK_FRAME_REFRESH_AUTH_TIMEOUT' || e instanceof RefreshTokenError) {
    return portalError('EXPIRED_TOKEN', { ...m, ...st, restCode: code, cause: e })
  }
  if (isObject(body) && 'error' in body) {
    const restErr = body.error
    // REST v3 style {error: {code, message}} is folded the same way.
    if (isObject(restErr)) {
      return { ...classifyRestError({ error: restErr.code, description: restErr.message, ...st, ...m }), cause: e }
    }
    return { ...classifyRestError({ error: restErr, description: body.error_description, ...st, ...m }), cause: e }
  }
  if (
    typeof body === 'string' &&
    body.length > 0 &&
    httpStatus !== undefined &&
    httpStatus >= 500 &&
    httpStatus !== 503
  ) {
    return portalError('INTERNAL', { ...m, ...st, cause: e, description: body.slice(0, 200) })
  }
  if (code && BY_REST_CODE.has(code)) {
    return { ...classifyRestError({ error: code, description: message, ...st, ...m }), cause: e }
  }
  // A body that is not a REST envelope makes the SDK trip over its own parsing (JSSDK_UNKNOWN_ERROR wrapping a TypeError).
  const inner = sdk.originalError
  if (
    e instanceof TypeError ||
    e instanceof SyntaxError ||
    inner instanceof TypeError ||
    inner instanceof SyntaxError
  ) {
    return portalError('MALFORMED_RESPONSE', { ...m, ...st, cause: e, description: message })
  }
  if (httpStatus !== undefined && httpStatus > 0) {
    return { ...portalError(statusCode(httpStatus), { ...m, ...st, restCode: code, cause: e }), description: message }
  }
  return portalError('UNKNOWN', { ...m, restCode: code, cause: e, ...(message ? { description: message } : {}) })
}
