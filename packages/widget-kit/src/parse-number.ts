import type { Lang } from './format'

/** A number a person typed that is not one: the rules' INVALID_NUMBER, so the kit's words for it apply. */
export interface NumberInputError {
  readonly code: 'INVALID_NUMBER'
  readonly field: string
  readonly value: string
}

export type ParsedNumber =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: NumberInputError }

// Spaces people (and copy-paste from Excel or a portal) put between groups of three digits.
const GROUP_SPACE = /[ \u00a0\u202f\u2009]/g
// ru: "1 500 000,50" or "1500000.50"; a comma or a dot is the decimal mark, groups are spaces only.
const RU = /^(\d+|\d{1,3}(?: \d{3})+)(?:[.,](\d+))?$/
// en: "1,500,000.50" or "1 500 000.50"; the dot is the decimal mark, groups are commas or spaces.
const EN = /^(\d+|\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+)(?:\.(\d+))?$/

/**
 * The one parser of numbers typed in the widgets: «1,5», «1 500 000» (space, NBSP or narrow NBSP between groups)
 * and «1 500 000,50» in Russian, «1,500,000.50» in English; a leading minus (also «−»). Returns a plain decimal
 * string ('1500000.50') the rules library reads, or INVALID_NUMBER for anything else ('1,2,3', '1.5.6', '--1', '').
 */
export function parseLocaleNumber(text: string, lang: Lang, field = ''): ParsedNumber {
  const refused: ParsedNumber = { ok: false, error: { code: 'INVALID_NUMBER', field, value: text } }
  const trimmed = text.trim().replace(GROUP_SPACE, ' ')
  const negative = /^[-\u2212]/.test(trimmed)
  const body = negative ? trimmed.slice(1) : trimmed
  const match = (lang === 'ru' ? RU : EN).exec(body)
  if (!match) return refused
  const whole = match[1]!.replace(/[ ,]/g, '')
  const value = `${negative ? '-' : ''}${whole}${match[2] === undefined ? '' : `.${match[2]}`}`
  return { ok: true, value }
}
