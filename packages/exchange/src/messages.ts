import type { IssueCode } from './types'

export type Lang = 'ru' | 'en'

/** What each issue code means, for the accountant's page (the issue's own message adds the specifics in English). */
export const ISSUE_TEXT: Record<IssueCode, Record<Lang, string>> = {
  not_client_bank: {
    ru: 'Файл не является выпиской 1С «Клиент-банк» (нет строки 1CClientBankExchange)',
    en: 'The file is not a 1C client-bank statement (no 1CClientBankExchange line)',
  },
  truncated: {
    ru: 'Файл оборван: документ или файл не закончен, незаконченный документ не загружен',
    en: 'The file is cut off: a document or the file is unfinished; the unfinished document was not imported',
  },
  invalid_amount: {
    ru: 'Сумма записана неверно (нужна точка и не более двух знаков после неё)',
    en: 'The amount is malformed (a decimal point and at most two decimals are expected)',
  },
  invalid_date: {
    ru: 'Дата неверна (нужна существующая дата дд.мм.гггг)',
    en: 'Invalid date (a real dd.mm.yyyy date is expected)',
  },
  invalid_inn: { ru: 'ИНН не проходит проверку контрольных цифр', en: 'The ИНН (tax number) fails its check digits' },
  missing_field: { ru: 'Нет обязательного реквизита', en: 'A required field is missing' },
  encoding_mismatch: {
    ru: 'Кодировка файла не совпадает с указанной в заголовке',
    en: 'The file is not in the encoding its header declares',
  },
  totals_mismatch: {
    ru: 'Остатки и обороты по счёту не сходятся',
    en: 'The account balances and totals do not add up',
  },
  unknown_line: { ru: 'Непонятная строка пропущена', en: 'An unreadable line was skipped' },
  unexpected_section: { ru: 'Секция в неожиданном месте', en: 'A section in an unexpected place' },
}

export function issueText(code: IssueCode, lang: Lang): string {
  return ISSUE_TEXT[code][lang]
}
