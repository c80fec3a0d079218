import { err, ok, type Result } from '@salesflow/rules'
import type { DocumentError } from '../model/errors'
import type { Lang } from '../model/offer'
import { splitDecimal } from '../format/decimal-string'
import { CURRENCY_WORDS } from './currency-words'
import { MAX_DIGITS_RU, pickFormRu, spellIntegerRu } from './number-words-ru'
import { MAX_DIGITS_EN, spellIntegerEn } from './number-words-en'

export interface SpellAmountOptions {
  readonly lang: Lang
  /** Minor-unit digits of the currency (2 for all demo currencies); 0 drops the kopecks. */
  readonly decimals?: number
  /** Field name reported in errors. */
  readonly field?: string
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * The total in words as Russian documents print it: whole units in words, minor units in digits.
 * `spellAmount('123456.78', 'RUB', { lang: 'ru' })` →
 * 'Сто двадцать три тысячи четыреста пятьдесят шесть рублей 78 копеек';
 * in English '… roubles 78 kopecks'. The amount is a decimal string; nothing is rounded.
 */
export function spellAmount(
  amount: string,
  currencyCode: string,
  options: SpellAmountOptions,
): Result<string, DocumentError> {
  const { lang, decimals = 2, field = 'amount' } = options
  const words = CURRENCY_WORDS[currencyCode]
  if (!words) return err({ code: 'UNSUPPORTED_CURRENCY', currency: currencyCode })
  const parts = splitDecimal(amount, field, decimals)
  if (!parts.ok) return parts
  const { negative, integer, fraction } = parts.value
  if (integer.length > (lang === 'ru' ? MAX_DIGITS_RU : MAX_DIGITS_EN)) {
    return err({ code: 'AMOUNT_OUT_OF_RANGE', field, value: amount })
  }
  const out: string[] = []
  if (lang === 'ru') {
    if (negative) out.push('минус')
    out.push(spellIntegerRu(integer, words.gender), pickFormRu(integer, words.ru.major))
    if (decimals > 0) out.push(fraction, pickFormRu(fraction, words.ru.minor))
  } else {
    if (negative) out.push('minus')
    out.push(spellIntegerEn(integer), words.en.major[integer === '1' ? 0 : 1])
    if (decimals > 0) out.push(fraction, words.en.minor[Number(fraction) === 1 ? 0 : 1])
  }
  return ok(capitalise(out.join(' ')))
}
