import type { Translator } from './i18n'
import type { Lang } from './format'

/** Anything with a code: a RuleError from @salesflow/rules or a PortalError from @salesflow/portal. */
export interface CodedError {
  readonly code: string
}

/**
 * The user-facing sentence for an error, in the widget's language: the code's message with the error's
 * details filled in, or a generic sentence that still shows the code (never a blank or "undefined").
 */
export function errorText(t: Translator['t'], te: Translator['te'], error: CodedError, lang: Lang): string {
  // A PortalError already carries its sentence in both languages.
  const own = (error as { message?: unknown }).message
  if (typeof own === 'object' && own !== null && lang in own) return String((own as Record<string, unknown>)[lang])
  const params = Object.fromEntries(
    Object.entries(error).map(([k, v]) => [k, typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v)]),
  )
  const key = `error.${error.code}`
  return te(key) ? t(key, params) : t('error.unknown', { code: error.code })
}
