import { isRecord } from '../core/params'

type Row = Record<string, unknown>
type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | '!in' | 'like' | '!like' | 'likeRaw' | '!likeRaw'

interface Condition {
  field: string
  op: Op
  value: unknown
}
interface Group {
  logic: 'AND' | 'OR'
  parts: (Condition | Group)[]
}

// Longest prefix first, so that `!=%` is not read as `!` + `=%TITLE`.
const PREFIXES: readonly (readonly [string, Op])[] = [
  ['!=%', '!likeRaw'],
  ['!%=', '!likeRaw'],
  ['=%', 'likeRaw'],
  ['%=', 'likeRaw'],
  ['!%', '!like'],
  ['>=', '>='],
  ['<=', '<='],
  ['!=', '!='],
  ['!@', '!in'],
  ['@', 'in'],
  ['=', '='],
  ['!', '!='],
  ['>', '>'],
  ['<', '<'],
  ['%', 'like'],
]

/** Splits `>=OPPORTUNITY` into the operation and the field name (b24-platform.md section 6.1). */
export function splitFilterKey(key: string): { op: Op; field: string } {
  for (const [prefix, op] of PREFIXES) if (key.startsWith(prefix)) return { op, field: key.slice(prefix.length) }
  return { op: '=', field: key }
}

/** Parses a filter object, including crm.item's nested `{logic:'OR', 0:{…}, 1:{…}}` groups. */
export function parseFilter(filter: Record<string, unknown>, logic: 'AND' | 'OR' = 'AND'): Group {
  const parts: (Condition | Group)[] = []
  for (const [key, value] of Object.entries(filter)) {
    if (key.toLowerCase() === 'logic') continue
    if (isRecord(value) && (/^\d+$/.test(key) || 'logic' in value || 'LOGIC' in value)) {
      const l = String(value['logic'] ?? value['LOGIC'] ?? 'AND').toUpperCase() === 'OR' ? 'OR' : 'AND'
      parts.push(parseFilter(value, l))
      continue
    }
    const { op, field } = splitFilterKey(key)
    // An array with a plain or `!` prefix is IN / NOT IN (crm.item, catalog, productrow).
    const listOp: Op = op === '=' && Array.isArray(value) ? 'in' : op === '!=' && Array.isArray(value) ? '!in' : op
    parts.push({ field, op: listOp, value })
  }
  return { logic, parts }
}

const NUMERIC = /^-?\d+(\.\d+)?$/

function asComparable(v: unknown): string | number | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v === 'number') return v
  const s = String(v)
  return NUMERIC.test(s.trim()) ? Number(s) : s
}

/** Numeric when both sides are numbers, else a string comparison (ISO dates compare as strings). */
export function compareValues(a: unknown, b: unknown): number {
  const x = asComparable(a)
  const y = asComparable(b)
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1
  if (typeof x === 'number' && typeof y === 'number') return x === y ? 0 : x < y ? -1 : 1
  const xs = String(x)
  const ys = String(y)
  return xs === ys ? 0 : xs < ys ? -1 : 1
}

function equals(a: unknown, b: unknown): boolean {
  const emptyA = a === null || a === undefined || a === ''
  const emptyB = b === null || b === undefined || b === '' || b === false
  if (emptyA || emptyB) return emptyA && emptyB
  if (typeof a === 'string' && (a === 'Y' || a === 'N') && (b === 1 || b === 0 || b === true || b === '1' || b === '0'))
    return (a === 'Y') === (b === 1 || b === true || b === '1')
  return compareValues(a, b) === 0
}

function like(value: unknown, pattern: string, raw: boolean): boolean {
  if (value === null || value === undefined) return false
  const hay = String(value).toLowerCase()
  const p = pattern.toLowerCase()
  if (!raw) return hay.includes(p)
  const re = new RegExp(
    `^${p
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/%/g, '.*')
      .replace(/_/g, '.')}$`,
    's',
  )
  return re.test(hay)
}

/** Field names are case-sensitive on the portal: `=PARENTID2` is not `parentId2`, `stage_id` is not `STAGE_ID`. */
function fieldValue(row: Row, field: string): unknown {
  return Object.hasOwn(row, field) ? row[field] : undefined
}

function matchCondition(row: Row, c: Condition): boolean {
  const actual = fieldValue(row, c.field)
  const values = Array.isArray(actual) ? actual : [actual]
  const list = Array.isArray(c.value) ? c.value : isRecord(c.value) ? Object.values(c.value) : [c.value]
  const any = (pred: (v: unknown) => boolean): boolean => values.some(pred)
  switch (c.op) {
    case '=':
      return any((v) => equals(v, c.value))
    case '!=':
      return !any((v) => equals(v, c.value))
    case '>':
      return any((v) => v !== null && v !== undefined && compareValues(v, c.value) > 0)
    case '>=':
      return any((v) => v !== null && v !== undefined && compareValues(v, c.value) >= 0)
    case '<':
      return any((v) => v !== null && v !== undefined && compareValues(v, c.value) < 0)
    case '<=':
      return any((v) => v !== null && v !== undefined && compareValues(v, c.value) <= 0)
    case 'in':
      return any((v) => list.some((x) => equals(v, x)))
    case '!in':
      return !any((v) => list.some((x) => equals(v, x)))
    case 'like':
      return any((v) => like(v, String(c.value), false))
    case '!like':
      return !any((v) => like(v, String(c.value), false))
    case 'likeRaw':
      return any((v) => like(v, String(c.value), true))
    case '!likeRaw':
      return !any((v) => like(v, String(c.value), true))
  }
}

export function matchFilter(row: Row, group: Group): boolean {
  const test = (p: Condition | Group): boolean => ('logic' in p ? matchFilter(row, p) : matchCondition(row, p))
  return group.logic === 'OR' ? group.parts.length === 0 || group.parts.some(test) : group.parts.every(test)
}

/** The field names a filter mentions (to reject unknown ones where the portal does). */
export function filterFields(group: Group): string[] {
  return group.parts.flatMap((p) => ('logic' in p ? filterFields(p) : [p.field]))
}
