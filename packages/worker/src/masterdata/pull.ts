import type { PortalGateway } from '@salesflow/usecases'
import { fetchRates, writeRates } from './rates'

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
