import { isRecord } from '@salesflow/rules'

/** The app option the administrator sets the worker's own behaviour in (JSON, like the other `salesflow.*`). */
export const WORKER_OPTION = 'salesflow.worker'

export interface WorkerSettings {
  /** The deal stage whose entry issues the deal's invoice (whole amount); null: no invoices from the worker. */
  readonly invoiceStage: string | null
}

/** The default funnel's «Согласование и счёт» stage (rules' DEFAULT_FUNNEL_CONFIG). */
export const DEFAULT_WORKER_SETTINGS: WorkerSettings = { invoiceStage: 'C1:FINAL_INVOICE' }

/**
 * The worker's settings from the app options a card batch carries; an unusable option is reported (`problem`)
 * and the default applies meanwhile, as the widgets' readSettings does.
 */
export function readWorkerSettings(options: Readonly<Record<string, unknown>>): {
  settings: WorkerSettings
  problem: string | null
} {
  let raw = options[WORKER_OPTION]
  if (raw === undefined) return { settings: DEFAULT_WORKER_SETTINGS, problem: null }
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw) as unknown
    } catch {
      return { settings: DEFAULT_WORKER_SETTINGS, problem: `${WORKER_OPTION}: not JSON` }
    }
  }
  if (!isRecord(raw)) return { settings: DEFAULT_WORKER_SETTINGS, problem: `${WORKER_OPTION}: needs invoiceStage` }
  const stage = raw['invoiceStage']
  if (stage === undefined) return { settings: DEFAULT_WORKER_SETTINGS, problem: null }
  if (stage === null || (typeof stage === 'string' && stage !== ''))
    return { settings: { invoiceStage: stage }, problem: null }
  return {
    settings: DEFAULT_WORKER_SETTINGS,
    problem: `${WORKER_OPTION}.invoiceStage: a deal stage id, or null to turn invoices off`,
  }
}
