import { err, ok, type Result } from '@salesflow/rules'
import type { BatchAnswers, Command, RestAnswer } from './client'
import type { Currency, Options, Stage, User } from './domain'
import { portalError, type PortalError } from './errors'
import { mapCurrency, mapStage } from './mappers/crm'
import { mapUser } from './mappers/org'
import { mapAnswerList, unwrap, type Mapper } from './repositories/fetch'
import { optionsOf } from './repositories/options'

/** What every card loads besides its own entity: the currency table, who is looking, the app's settings. */
export interface CardContext {
  readonly currencies: readonly Currency[]
  readonly currentUser: User
  readonly appOptions: Options
}

/** crm.status.list of one ENTITY_ID in SORT order: exact, the only filter the method promises (b24-platform.md 4.4). */
export function statusList(entityId: string): Command {
  return { method: 'crm.status.list', params: { filter: { ENTITY_ID: entityId }, order: { SORT: 'ASC' } } }
}

/** The batch commands of CardContext (app.option.get needs an application context: webhooks turn it off). */
export function planContext(appOptions: boolean): Record<string, Command> {
  return {
    currencies: { method: 'crm.currency.list', params: { order: { SORT: 'ASC' } } },
    user: { method: 'user.current', params: {} },
    // user.current carries no admin flag on a portal; user.admin is the portal's way to ask.
    userAdmin: { method: 'user.admin', params: {} },
    ...(appOptions ? { appOptions: { method: 'app.option.get', params: {} } } : {}),
  }
}

/** One batch answer by command name. */
export type Answers = (name: string) => Result<RestAnswer, PortalError>

/** A getter over batch answers; a missing answer is NOT_EXECUTED. */
export function answersOf(answers: BatchAnswers): Answers {
  return (name) => answers[name] ?? err(portalError('NOT_EXECUTED', { description: name }))
}

/** The answer `name` mapped as one value (`key` digs it out of a wrapper such as `{item}`). */
export function readOne<T>(
  get: Answers,
  name: string,
  method: string,
  map: (raw: unknown, method: string) => Result<T, PortalError>,
  key?: string,
): Result<T, PortalError> {
  const a = get(name)
  if (!a.ok) return a
  const payload = unwrap(a.value.result, key, method)
  return payload.ok ? map(payload.value, method) : payload
}

/** The list answer `name` mapped row by row. */
export function readList<T>(
  get: Answers,
  name: string,
  method: string,
  map: Mapper<T>,
  key?: string,
  entity?: string,
): Result<T[], PortalError> {
  const a = get(name)
  return a.ok ? mapAnswerList(a.value, method, map, key, entity) : a
}

export function readContext(get: Answers, appOptions: boolean): Result<CardContext, PortalError> {
  const currencies = readList(get, 'currencies', 'crm.currency.list', mapCurrency, undefined, 'currency')
  if (!currencies.ok) return currencies
  const user = readOne(get, 'user', 'user.current', mapUser)
  if (!user.ok) return user
  // An answer other than true/false (or none) leaves what user.current said, null when it said nothing.
  const admin = get('userAdmin')
  const isAdmin = admin.ok && typeof admin.value.result === 'boolean' ? admin.value.result : user.value.isAdmin
  let options: Options = {}
  if (appOptions) {
    const o = readOne(get, 'appOptions', 'app.option.get', optionsOf)
    if (!o.ok) return o
    options = o.value
  }
  return ok({ currencies: currencies.value, currentUser: { ...user.value, isAdmin }, appOptions: options })
}

/**
 * The stages of one crm.status entity out of a list answer holding several (all deal funnels, all invoice
 * categories), in SORT order.
 */
export function stagesOf(answer: RestAnswer, entityId: string): Result<Stage[], PortalError> {
  const all = mapAnswerList(answer, 'crm.status.list', mapStage, undefined, 'stage')
  return all.ok ? ok(all.value.filter((s) => s.entityId === entityId).sort((a, b) => a.sort - b.sort)) : all
}
