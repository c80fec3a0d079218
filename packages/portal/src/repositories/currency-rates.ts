import type { PortalClient } from '../client'
import { write } from './fetch'

/** The portal's currency rates (crm.currency.update: the CRM settings' right, an administrator's). */
export function createCurrencyRateRepository(client: PortalClient) {
  return {
    /**
     * Sets `amount` base-currency units for `nominal` units of `currency` (AMOUNT, AMOUNT_CNT). Idempotent: the
     * same rate written twice leaves the same table.
     */
    setRate: (currency: string, amount: string, nominal: number) =>
      write(client, 'crm.currency.update', { id: currency, fields: { AMOUNT: amount, AMOUNT_CNT: nominal } }),
  }
}
