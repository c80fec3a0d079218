import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { AjaxError, RefreshTokenError } from '@bitrix24/b24jssdk'
import { classifyRestError, fromThrown, portalError, type PortalErrorCode } from '../src'

describe('classifyRestError: the portal’s error forms', () => {
  it.each([
    ['', 'Not found', 400, 'NOT_FOUND'],
    ['', 'Access denied', 400, 'ACCESS_DENIED'],
    ['', 'ID is not defined or invalid', 400, 'BAD_REQUEST'],
    [200040300010, 'Access denied', 400, 'ACCESS_DENIED'],
    [200040300010, 'something', 400, 'ACCESS_DENIED'],
    [0, 'Product is not found', 400, 'NOT_FOUND'],
    ['NOT_FOUND', 'Element not found', 400, 'NOT_FOUND'],
    ['ERROR_ENTITY_NOT_FOUND', 'Not found.', 400, 'NOT_FOUND'],
    ['OWNER_NOT_FOUND', 'Owner was not found', 400, 'NOT_FOUND'],
    ['QUERY_LIMIT_EXCEEDED', 'Too many requests', 503, 'QUERY_LIMIT_EXCEEDED'],
    ['OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.', 429, 'OPERATION_TIME_LIMIT'],
    ['expired_token', 'The access token provided has expired', 401, 'EXPIRED_TOKEN'],
    ['NO_AUTH_FOUND', 'Wrong authorization data', 401, 'UNAUTHORIZED'],
    ['WRONG_AUTH_TYPE', 'Application context required', 403, 'UNAUTHORIZED'],
    ['insufficient_scope', '', 403, 'ACCESS_DENIED'],
    ['ERROR_METHOD_NOT_FOUND', 'Method not found!', 404, 'METHOD_NOT_FOUND'],
    ['ERROR_CORE', 'Discount Rate (DISCOUNT_RATE) is required', 400, 'BAD_REQUEST'],
    ['100', 'Missing parameters', 400, 'BAD_REQUEST'],
    ['INTERNAL_SERVER_ERROR', '', 500, 'INTERNAL'],
    ['OVERLOAD_LIMIT', 'REST API is blocked due to overload', 503, 'PORTAL_UNAVAILABLE'],
    ['SOMETHING_NEW', 'x', 502, 'INTERNAL'],
    ['SOMETHING_NEW', 'x', 400, 'BAD_REQUEST'],
  ] as const)('%j “%s” (%i) → %s', (error, description, status, code) => {
    const e = classifyRestError({ error, description, status, method: 'crm.deal.get' })
    expect(e).toMatchObject({ code, status, method: 'crm.deal.get', restCode: String(error), description })
    expect(e.message.ru.length).toBeGreaterThan(0)
    expect(e.message.en.length).toBeGreaterThan(0)
  })

  it('marks limits and transient failures retriable, refusals not', () => {
    expect(classifyRestError({ error: 'QUERY_LIMIT_EXCEEDED', status: 503 }).retriable).toBe(true)
    expect(classifyRestError({ error: 'INTERNAL_SERVER_ERROR', status: 500 }).retriable).toBe(true)
    expect(classifyRestError({ error: '', description: 'Access denied', status: 400 }).retriable).toBe(false)
    expect(portalError('UNKNOWN_OUTCOME').retriable).toBe(false)
  })
})

describe('fromThrown: what the SDK throws', () => {
  it('reads the portal body behind axios’s ERR_BAD_REQUEST for an empty code', () => {
    const e = new AjaxError({
      code: 'ERR_BAD_REQUEST',
      description: 'Request failed with status code 400',
      status: 400,
      requestInfo: { method: 'crm.deal.get', params: {}, requestId: '1' },
      originalError: { response: { status: 400, data: { error: '', error_description: 'Not found' } } },
    })
    expect(fromThrown(e, 'crm.deal.get')).toMatchObject({
      code: 'NOT_FOUND',
      restCode: '',
      description: 'Not found',
      status: 400,
    })
  })

  it.each([
    ['NETWORK_ERROR', 0, 'NETWORK'],
    ['REQUEST_TIMEOUT', 408, 'TIMEOUT'],
    ['expired_token', 401, 'EXPIRED_TOKEN'],
    ['QUERY_LIMIT_EXCEEDED', 503, 'QUERY_LIMIT_EXCEEDED'],
  ] as const)('%s → %s', (code, status, expected) => {
    const e = new AjaxError({
      code,
      description: 'x',
      status,
      requestInfo: { method: 'm', params: {}, requestId: '1' },
      originalError: null,
    })
    expect(fromThrown(e, 'm').code).toBe(expected)
  })

  it('reads a failed token refresh as EXPIRED_TOKEN', () => {
    const e = new RefreshTokenError({ code: 'invalid_grant', description: 'refresh token expired', status: 400 })
    expect(fromThrown(e, 'crm.deal.get')).toMatchObject({ code: 'EXPIRED_TOKEN', restCode: 'invalid_grant' })
  })

  it('turns a TypeError from a broken body into MALFORMED_RESPONSE and anything else into UNKNOWN', () => {
    expect(fromThrown(new TypeError('Cannot read properties of undefined'), 'batch').code).toBe('MALFORMED_RESPONSE')
    expect(fromThrown('boom').code).toBe('UNKNOWN')
  })
})

const CODES: readonly PortalErrorCode[] = [
  'NETWORK',
  'TIMEOUT',
  'QUERY_LIMIT_EXCEEDED',
  'OPERATION_TIME_LIMIT',
  'PORTAL_UNAVAILABLE',
  'EXPIRED_TOKEN',
  'UNAUTHORIZED',
  'ACCESS_DENIED',
  'NOT_FOUND',
  'METHOD_NOT_FOUND',
  'BAD_REQUEST',
  'VALIDATION',
  'MALFORMED_RESPONSE',
  'CONFLICT',
  'UNKNOWN_OUTCOME',
  'NOT_EXECUTED',
  'INTERNAL',
  'UNKNOWN',
]

describe('properties', () => {
  it('any error body and status classify to a known code with ru and en text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined)),
        fc.option(fc.string(), { nil: undefined }),
        fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }),
        (error, description, status) => {
          const e = classifyRestError({ error, description, status })
          expect(CODES).toContain(e.code)
          expect(e.message.ru.length * e.message.en.length).toBeGreaterThan(0)
        },
      ),
    )
  })

  it('anything thrown becomes a PortalError, never a throw', () => {
    fc.assert(
      fc.property(fc.anything(), (thrown) => {
        expect(CODES).toContain(fromThrown(thrown, 'm').code)
      }),
    )
  })
})
