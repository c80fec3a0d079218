import { isRecord } from '@salesflow/rules'
import type { Command } from './client'
import type { UserFields } from './domain'

/**
 * List (enumeration) user fields. On a portal a list value is the ID of one of the field's items (`"137"`); the
 * item's XML_ID is the stable code our settings and rules speak (`net30`), its VALUE the label a person reads.
 * The portal package alone turns one into the other, with the field descriptions of crm.<entity>.userfield.list.
 */

export interface ListItem {
  /** What the portal stores. */
  readonly id: string
  /** The stable code (XML_ID; the id itself when the portal's item has none). */
  readonly code: string
  /** The item's VALUE: what the portal shows in the card. */
  readonly label: string
}

export interface UserFieldDescription {
  readonly fieldName: string
  readonly userTypeId: string
  /** EDIT_FORM_LABEL in the language asked for ('' when the portal has none). */
  readonly label: string
  /** Items of a list field, in the portal's order; empty for other types. */
  readonly items: readonly ListItem[]
}

/** An entity's user fields by FIELD_NAME. */
export type UserFieldDescriptions = Readonly<Record<string, UserFieldDescription>>

/** crm.<entity>.userfield.list with the labels in `lang` (the portal gives labels only with a LANG filter). */
export const userFieldList = (entity: 'deal' | 'lead' | 'company' | 'contact', lang: string): Command => ({
  method: `crm.${entity}.userfield.list`,
  params: { filter: { LANG: lang } },
})

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')

/** The rows of crm.<entity>.userfield.list as descriptions (rows without a FIELD_NAME are skipped). */
export function describeUserFields(raw: unknown): UserFieldDescriptions {
  const out: Record<string, UserFieldDescription> = {}
  for (const row of Array.isArray(raw) ? raw : []) {
    if (!isRecord(row) || !text(row['FIELD_NAME'])) continue
    const items = (Array.isArray(row['LIST']) ? row['LIST'] : []).filter(isRecord).map((i) => ({
      id: text(i['ID']),
      code: text(i['XML_ID']) || text(i['ID']),
      label: text(i['VALUE']),
    }))
    out[text(row['FIELD_NAME'])] = {
      fieldName: text(row['FIELD_NAME']),
      userTypeId: text(row['USER_TYPE_ID']),
      label: text(row['EDIT_FORM_LABEL']),
      items: items.filter((i) => i.id !== ''),
    }
  }
  return out
}

const isList = (d: UserFieldDescription | undefined): d is UserFieldDescription =>
  d !== undefined && d.userTypeId === 'enumeration'

/**
 * Stored values → our codes: a list value (an item ID) becomes the item's code. An ID the field does not list is
 * kept as it is, so a rule that needs the value sees something is there but matches no code.
 */
export function decodeListValues(values: UserFields, fields: UserFieldDescriptions): UserFields {
  const out: Record<string, UserFields[string]> = {}
  for (const [name, value] of Object.entries(values)) {
    const d = fields[name]
    const code = (v: string | boolean | null) =>
      isList(d) && typeof v === 'string' ? (d.items.find((i) => i.id === v)?.code ?? v) : v
    out[name] = Array.isArray(value) ? value.map(code) : code(value as string | boolean | null)
  }
  return out
}

/**
 * Our codes → what the portal stores: a list field's code becomes its item ID; other fields pass through. A code
 * the field does not have is an error (the portal would refuse it anyway), never sent.
 */
export function encodeListValues<T extends Readonly<Record<string, unknown>>>(
  patch: T,
  fields: UserFieldDescriptions,
): { ok: true; value: T } | { ok: false; field: string; value: string } {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(patch)) {
    const d = fields[name]
    if (!isList(d) || value === null || value === '' || value === undefined) {
      out[name] = value
      continue
    }
    const item = d.items.find((i) => i.code === String(value)) ?? d.items.find((i) => i.id === String(value))
    if (!item) return { ok: false, field: name, value: String(value) }
    out[name] = item.id
  }
  return { ok: true, value: out as T }
}

/** A list value's label for a person: the item's VALUE for our code; null when the field or the code is unknown. */
export function listLabel(fields: UserFieldDescriptions, fieldName: string, code: string): string | null {
  const d = fields[fieldName]
  return isList(d) ? (d.items.find((i) => i.code === code)?.label ?? null) : null
}
