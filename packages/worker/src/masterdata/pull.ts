import type { PortalGateway } from '@salesflow/usecases'
import { fetchDirectories, writeDirectories } from './directories'
import { fetchRates, writeRates } from './rates'
import { describeLines, fetchStock, writeStock } from './stock'

/**
 * One scheduled pull: the master-data system's rates (`GET /rates`) into the portal's currency table, only what
 * differs. Returns false when nothing could be written (the system or the portal refused; the next pull retries).
 */
export async function pullRatesOnce(
  gateway: PortalGateway,
  masterDataUrl: string,
  log: (line: string) => void,
): Promise<boolean> {
  const pulled = await fetchRates(masterDataUrl)
  if (!pulled.ok) {
    log(`master-data rates: ${pulled.error.code} ${JSON.stringify(pulled.error)}; next pull retries`)
    return false
  }
  const written = await writeRates(gateway, pulled.value)
  if (!written.ok) {
    log(`master-data rates of ${pulled.value.date}: not written (${written.error.code}); next pull retries`)
    return false
  }
  const { updated, unknown } = written.value
  log(
    `master-data rates of ${pulled.value.date}: ${updated.length ? `updated ${updated.join(', ')}` : 'nothing changed'}` +
      (unknown.length ? `; not on the portal: ${unknown.join(', ')}` : ''),
  )
  return true
}

/**
 * One scheduled pull of the master-data stock (`GET /stock`) into the portal through inventory documents, only
 * the pairs that differ; one log line says what changed. False when nothing was written (the next pull retries).
 */
export async function pullStockOnce(
  gateway: PortalGateway,
  masterDataUrl: string,
  log: (line: string) => void,
  now: () => Date = () => new Date(),
): Promise<boolean> {
  const pulled = await fetchStock(masterDataUrl)
  if (!pulled.ok) {
    log(`master-data stock: ${pulled.error.code} ${JSON.stringify(pulled.error)}; next pull retries`)
    return false
  }
  const title = `salesflow: master-data stock ${now().toISOString().slice(0, 16)}Z`
  const written = await writeStock(gateway, pulled.value, title)
  if (!written.ok) {
    const e = written.error
    const detail = 'error' in e ? ` (${e.error.code}: ${e.error.description ?? e.error.message.en})` : ''
    log(`master-data stock: not written, ${e.code} ${JSON.stringify({ ...e, error: undefined })}${detail}; next pull retries`) // prettier-ignore
    return false
  }
  const { documents, unknownProducts, unknownStores } = written.value
  const changed = documents.map((d) => `${d.type === 'S' ? 'arrival' : 'deduct'} #${d.id}: ${describeLines(d)}`)
  const unknown = [
    unknownProducts.length ? `products ${unknownProducts.join(', ')}` : '',
    unknownStores.length ? `stores ${unknownStores.join(', ')}` : '',
  ].filter(Boolean)
  log(
    `master-data stock: ${changed.length ? changed.join('; ') : 'nothing changed'}` +
      (unknown.length ? `; not on the portal: ${unknown.join(', ')}` : ''),
  )
  return true
}

/** One scheduled pull of the master-data directories (`GET /directories`) into the app's settings. */
export async function pullDirectoriesOnce(
  gateway: PortalGateway,
  masterDataUrl: string,
  log: (line: string) => void,
  now: () => Date = () => new Date(),
): Promise<boolean> {
  const pulled = await fetchDirectories(masterDataUrl)
  if (!pulled.ok) {
    log(`master-data directories: ${pulled.error.code} ${JSON.stringify(pulled.error)}; next pull retries`)
    return false
  }
  const written = await writeDirectories(gateway, pulled.value, now().toISOString())
  if (!written.ok) {
    log(`master-data directories: not written, ${JSON.stringify(written.error)}; next pull retries`)
    return false
  }
  const { saved } = written.value
  log(
    `master-data directories: ${saved.length ? saved.map((s) => `saved ${s.section} (version ${s.version})`).join(', ') : 'nothing changed'}`,
  )
  return true
}

/**
 * The scheduled pull: rates, directories and stock, each on its own (one failing does not stop the others), each
 * logging one line. True when all three were written or had nothing to change.
 */
export async function pullMasterDataOnce(
  gateway: PortalGateway,
  masterDataUrl: string,
  log: (line: string) => void,
): Promise<boolean> {
  const pulls = { rates: pullRatesOnce, directories: pullDirectoriesOnce, stock: pullStockOnce }
  const results: boolean[] = []
  for (const [what, pull] of Object.entries(pulls))
    results.push(
      await pull(gateway, masterDataUrl, log).catch((e: unknown) => {
        log(`master-data ${what}: ${e instanceof Error ? e.message : String(e)}; next pull retries`)
        return false
      }),
    )
  return results.every(Boolean)
}
