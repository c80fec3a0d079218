import { err, ok, type Result } from '@salesflow/rules'
import type { BatchAnswers, Command, RestAnswer } from './client'
import type { Currency, Options, Stage, User } from './domain'
import { portalError, type PortalError } from './errors'
import { mapCurrency, mapStage } from './mappers/crm'
import { mapUser } from './mappers/org'
import { mapAnswerList } from './repositories/fetch'
import { optionsOf } from './repositories/options'

/** What every card loads besides its own entity: the currency table, who is looking, the app's settings. */
export interface CardContext {
  readonly currencies: readonly Currency[]
  readonly currentUser: User
  readonly appOptions: Options
}

/** The batch commands of CardContext (app.option.get needs an application context: webhooks turn it off). */
export function planContext(appOptions: boolean): Record<string, Command> {
  return {
    currencies: { method: 'crm.currency.list', params: { order: { SORT: 'ASC' } } },
    user: { method: 'user.current', params: {} },
    ...(appOptions ? { appOptions: { method: 'app.option.get', params: {} } } : {}),
  }
}

/** A getter over batch answers; a missing answer is NOT_EXECUTED. */
export function answersOf(answers: BatchAnswers): (name: string) => Result<RestAnswer, PortalError> {
  return (name) => answers[name] ?? err(portalError('NOT_EXECUTED', { description: name }))
}

export function readContext(
  get: (name: string) => Result<RestAnswer, PortalError>,
  appOptions: boolean,
): Result<CardContext, PortalError> {
  const curA = get('currencies')
  if (!curA.ok) return curA
  const currencies = mapAnswerList(curA.value, 'crm.currency.list', mapCurrency, undefined, 'currency')
  if (!currencies.ok) return currencies
  const userA = get('user')
  if (!userA.ok) return userA
  const user = mapUser(userA.value.result, 'user.current')
  if (!user.ok) return user
  let options: Options = {}
  if (appOptions) {
    const a = get('appOptions')
    if (!a.ok) return a
    const o = optionsOf(a.value.result, 'app.option.get')
    if (!o.ok) return o
    options = o.value
  }
  return ok({ currencies: currencies.value, currentUser: user.value, appOptions: options })
}

/**
 * The stages of one crm.status entity out of a list answer holding several (all deal funnels, all invoice
 * categories), in SORT order.
 */
export function stagesOf(answer: RestAnswer, entityId: string): Result<Stage[], PortalError> {
  const all = mapAnswerList(answer, 'crm.status.list', mapStage, undefined, 'stage')
  return all.ok ? ok(all.value.filter((s) => s.entityId === entityId).sort((a, b) => a.sort - b.sort)) : all
}
