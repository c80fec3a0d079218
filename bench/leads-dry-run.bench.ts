// A dry run of a changed lead rule set over 10,000 past leads (target: under 1 s), and json-rules-engine
// itself on the same leads for comparison. Prints time, leads/s and the report's first lines.
import { DEFAULT_LEAD_RULES, classifyLeadWithEngine, compileLeadRuleSet, dryRun } from '@salesflow/rules'
import type { LeadInput, LeadRuleSet } from '@salesflow/rules'

const TEXTS = [
  'Добрый день! Нужен ремонт платформенных весов, сломался датчик',
  'Пришлите, пожалуйста, цену на платформу ПТ-500 и сроки поставки',
  'Планируем автоматизацию цеха под ключ, нужен проект и монтаж линии',
  'Требуется поверка и калибровка весов, регламентное обслуживание',
  'Отправляю резюме на вакансию инженера',
  'Интересует стоимость комплекта: платформа, контроллер, кабели',
  'Предлагаем SEO продвижение вашего сайта',
  'Здравствуйте, хотим заказать две платформы и датчики, выставьте счёт',
]
const SOURCES = ['WEB', 'CALL', 'EMAIL', 'PARTNER', 'RECOMMENDATION', 'WEBFORM', 'OTHER']

function makeLeads(n: number): LeadInput[] {
  return Array.from({ length: n }, (_, i) => ({
    id: String(i + 1),
    sourceId: SOURCES[i % SOURCES.length],
    title: `Запрос #${i + 1}`,
    text: `${TEXTS[i % TEXTS.length]} ${TEXTS[(i * 7) % TEXTS.length]}`,
    amount: (i * 7919) % 5 === 0 ? null : String(((i * 104729) % 6_000_000) + 1000),
    productIds: Array.from({ length: i % 7 }, (_, k) => 100 + ((i + k) % 40)),
    hasPhone: i % 11 !== 0,
    hasEmail: i % 3 === 0,
    companyTitle: i % 4 === 0 ? `ООО «Клиент ${i}»` : null,
  }))
}

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}
const oldSet = unwrap(compileLeadRuleSet(DEFAULT_LEAD_RULES))
const changed = structuredClone(DEFAULT_LEAD_RULES) as LeadRuleSet
const newSet = unwrap(
  compileLeadRuleSet({
    ...changed,
    topics: { ...changed.topics, project: [...changed.topics.project!, 'комплект'] },
    rules: changed.rules.map((r) =>
      r.name === 'project-by-amount'
        ? { ...r, conditions: { all: [{ fact: 'amount', operator: 'greaterThanInclusive', value: 1500000 }] } }
        : r,
    ),
  }),
)

const leads = makeLeads(10_000)
const samples: number[] = []
// CPU time of this process beside the wall clock: on a shared, loaded machine the wall clock mostly measures
// the wait for a core.
const cpuSamples: number[] = []
let report = unwrap(dryRun(oldSet, newSet, leads))
for (let i = 0; i < 7; i++) {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  report = unwrap(dryRun(oldSet, newSet, leads))
  samples.push(performance.now() - t0)
  const c = process.cpuUsage(c0)
  cpuSamples.push((c.user + c.system) / 1000)
}
samples.sort((a, b) => a - b)
cpuSamples.sort((a, b) => a - b)
const median = samples[3]!
console.log(
  `dry run, 10,000 leads × 2 rule sets: median ${median.toFixed(1)} ms (min ${samples[0]!.toFixed(1)}; CPU median ${cpuSamples[3]!.toFixed(1)} ms), ${Math.round(10_000 / (median / 1000)).toLocaleString('en')} leads/s, target < 1000 ms: ${median < 1000 ? 'met' : 'MISSED'}`,
)
console.log(`changed ${report.changed} of ${report.total}; ${report.summary.slice(0, 4).join('; ')}`)

const sample = leads.slice(0, 1000)
const t0 = performance.now()
for (const l of sample) unwrap(await classifyLeadWithEngine(l, oldSet))
const engineMs = performance.now() - t0
console.log(
  `json-rules-engine for comparison: ${(engineMs / sample.length).toFixed(3)} ms/lead → ~${((engineMs / sample.length) * 20_000).toFixed(0)} ms for the same dry run (2 × 10,000)`,
)
