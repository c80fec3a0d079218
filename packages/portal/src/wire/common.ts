import * as v from 'valibot'
import { D } from '@salesflow/rules'

/**
 * Valibot building blocks for Bitrix24's wire formats. Legacy methods send numbers as strings
 * ("1000000.00", "37"), newer ones as JSON numbers; both are accepted and turned into decimal strings
 * (money) or integers (ids) here, so nothing downstream sees a float or NaN.
 */
const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/
const INTEGER = /^\s*[+-]?\d+\s*$/

const toDecimalString = (x: string | number): string => (typeof x === 'number' ? new D(x).toFixed() : x.trim())

/** A money or quantity field: numeric string or finite number, out as a decimal string. */
export const decimal = v.pipe(
  v.union([v.string(), v.number()], 'expected numeric string'),
  v.check((x) => (typeof x === 'number' ? Number.isFinite(x) : NUMERIC.test(x)), 'expected numeric string'),
  v.transform(toDecimalString),
)

/** Like `decimal`, but null, undefined and '' mean "not set". */
export const optionalDecimal = v.pipe(
  v.nullish(v.union([v.string(), v.number()], 'expected numeric string or null')),
  v.check(
    (x) => x === null || x === undefined || x === '' || (typeof x === 'number' ? Number.isFinite(x) : NUMERIC.test(x)),
    'expected numeric string or null',
  ),
  v.transform((x) => (x === null || x === undefined || x === '' ? null : toDecimalString(x))),
)

/** An integer id: "37" or 37. */
export const id = v.pipe(
  v.union([v.string(), v.number()], 'expected integer id'),
  v.check((x) => (typeof x === 'number' ? Number.isSafeInteger(x) : INTEGER.test(x)), 'expected integer id'),
  v.transform((x) => Number(x)),
)

/** An optional reference: null, '', '0', 0 and absent mean "none". */
export const optionalId = v.pipe(
  v.nullish(v.union([v.string(), v.number()], 'expected integer id or null')),
  v.check(
    (x) =>
      x === null || x === undefined || x === '' || (typeof x === 'number' ? Number.isSafeInteger(x) : INTEGER.test(x)),
    'expected integer id or null',
  ),
  v.transform((x) => (x === null || x === undefined || x === '' || Number(x) === 0 ? null : Number(x))),
)

/** An integer sort or count: "500" or 500. */
export const int = id

export const yesNo = v.picklist(['Y', 'N'], 'expected "Y" or "N"')

/** 'Y'/'N', true/false or 1/0 as a boolean. */
export const flag = v.pipe(
  v.union([v.picklist(['Y', 'N', '1', '0']), v.boolean(), v.picklist([0, 1])], 'expected Y/N or boolean'),
  v.transform((x) => x === 'Y' || x === '1' || x === true || x === 1),
)

export const text = v.string('expected string')

/** A text field that may be null or absent; out as '' so the UI never prints "null". */
export const optionalText = v.pipe(
  v.nullish(v.union([v.string(), v.number()]), null),
  v.transform((x) => (x === null || x === undefined ? '' : String(x))),
)

/** A date or datetime (ISO 8601 with offset) that may be empty; out as string or null. */
export const optionalDate = v.pipe(
  v.nullish(v.string('expected ISO date or null')),
  v.check((x) => x === null || x === undefined || x === '' || !Number.isNaN(Date.parse(x)), 'expected ISO date'),
  v.transform((x) => (x === null || x === undefined || x === '' ? null : x)),
)

/**
 * A date-only field (BEGINDATE, CLOSEDATE, crm.item begindate/closedate): the portal prints it as midnight in its
 * own time zone (`2026-11-01T00:00:00+03:00`) or as `2026-11-01`. Out as the calendar date `YYYY-MM-DD` as the
 * portal wrote it, never through a Date (which would move it to the previous day west of the portal), or null.
 */
export const calendarDate = v.pipe(
  v.nullish(v.string('expected ISO date or null')),
  v.check((x) => x === null || x === undefined || x === '' || /^\d{4}-\d{2}-\d{2}(?:$|T)/.test(x), 'expected ISO date'),
  v.transform((x) => (x === null || x === undefined || x === '' ? null : x.slice(0, 10))),
)

/** A user-field value as the portal sends it: scalar, null, or an array of scalars. */
export const userFieldValue = v.union([
  v.string(),
  v.number(),
  v.boolean(),
  v.null(),
  v.array(v.union([v.string(), v.number(), v.boolean(), v.null()])),
])
