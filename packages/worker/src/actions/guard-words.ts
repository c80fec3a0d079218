import type { FunnelConfig, Missing, SalesError } from '@salesflow/rules'

/** Text in the two languages of the portal's users (the worker does not know which one the mover reads). */
export interface Words {
  readonly ru: string
  readonly en: string
}

const ROLE: Record<string, Words> = {
  admin: { ru: 'администратор', en: 'administrator' },
  manager: { ru: 'менеджер', en: 'manager' },
  accountant: { ru: 'бухгалтер', en: 'accountant' },
  technician: { ru: 'технический специалист', en: 'technician' },
  viewer: { ru: 'наблюдатель', en: 'viewer' },
}
const role = (r: string, lang: keyof Words) => ROLE[r]?.[lang] ?? r

/** A stage by the name the funnel settings give it (the id when the settings do not know it). */
export function stageName(funnels: FunnelConfig, stageId: string): string {
  for (const f of funnels.funnels) for (const s of f.stages) if (s.id === stageId) return s.name
  return stageId
}

/** One missing thing, by the label the portal shows for the field (fieldLabels), else the rule's label. */
function missingText(m: Missing, labels: Readonly<Record<string, string>>, lang: keyof Words): string {
  const label = (field: string, own?: string) => labels[field] ?? own ?? field
  switch (m.kind) {
    case 'field':
    case 'positive':
      return `«${label(m.field, m.label)}»`
    case 'fieldEquals':
      return `«${label(m.field, m.label)}» = ${m.expected.join(' / ')}`
    case 'payment':
      return lang === 'ru'
        ? `оплата ${m.requiredPercent} % (оплачено ${m.paidPercent} %, не хватает ${m.missingAmount})`
        : `payment of ${m.requiredPercent} % (paid ${m.paidPercent} %, ${m.missingAmount} missing)`
    case 'credit':
      return lang === 'ru' ? 'кредитный лимит клиента не позволяет' : "the client's credit limit does not allow it"
    case 'anyOf':
      return m.options
        .map((o) => o.map((x) => missingText(x, labels, lang)).join(lang === 'ru' ? ' и ' : ' and '))
        .join(lang === 'ru' ? ' или ' : ' or ')
  }
}

/** Why the guard refused a move, in words a manager understands. */
export function refusalWords(e: SalesError, funnels: FunnelConfig, labels: Readonly<Record<string, string>>): Words {
  const stage = (id: string) => `«${stageName(funnels, id)}»`
  switch (e.code) {
    case 'REQUIREMENTS_MISSING':
      return {
        ru: `не заполнено: ${e.missing.map((m) => missingText(m, labels, 'ru')).join('; ')}`,
        en: `missing: ${e.missing.map((m) => missingText(m, labels, 'en')).join('; ')}`,
      }
    case 'ROLE_NOT_ALLOWED':
      return {
        ru: `роль «${role(e.actor, 'ru')}» не может делать этот переход (могут: ${e.allowed.map((r) => role(r, 'ru')).join(', ')})`,
        en: `the role «${role(e.actor, 'en')}» may not make this move (allowed: ${e.allowed.map((r) => role(r, 'en')).join(', ')})`,
      }
    case 'STAGE_SKIP_NOT_ALLOWED':
      return {
        ru: `этапы нельзя пропускать: следующий этап — ${stage(e.next)}`,
        en: `stages cannot be skipped: the next one is ${stage(e.next)}`,
      }
    case 'TRANSITION_NOT_ALLOWED':
      return { ru: 'такой переход воронкой не предусмотрен', en: 'the funnel has no such move' }
    default:
      return { ru: `переход запрещён (${e.code})`, en: `the move is not allowed (${e.code})` }
  }
}

/** The timeline comment and the mover's notification for a move the guard undid. */
export function revertWords(
  deal: { readonly id: number; readonly title: string },
  funnels: FunnelConfig,
  movedTo: string,
  restoreTo: string,
  why: Words,
): { comment: string; notice: string } {
  const from = stageName(funnels, restoreTo)
  const to = stageName(funnels, movedTo)
  const ru = `Сделка возвращена на этап «${from}»: переход на «${to}» не разрешён — ${why.ru}.`
  const en = `The deal was moved back to «${from}»: the move to «${to}» is not allowed — ${why.en}.`
  return {
    comment: `${ru}\n${en}`,
    notice: `Сделка «${deal.title}» (№ ${deal.id}). ${ru}\nDeal «${deal.title}» (#${deal.id}). ${en}`,
  }
}
