import type { DealMessage } from '../../src/masterdata/message'

/** A valid deal message (as dealMessage() builds them) for queue and stand-in tests. */
export function sampleDealMessage(eventKey: string, dealId = 12): DealMessage {
  return {
    eventKey,
    occurredAt: '2026-11-25T12:00:00+03:00',
    deal: {
      id: dealId,
      title: `Сделка ${dealId}`,
      funnel: { id: 1, name: 'Продажа' },
      stage: { id: 'C1:PREPARATION', name: 'Подготовка КП', semantics: 'process' },
      currency: 'RUB',
      amounts: { opportunity: '1860700.00', tax: '310116.67' },
      company: { id: 3, inn: '7707083893', kpp: '773601001' },
      rows: [
        {
          productId: 5,
          name: 'Шкаф управления',
          price: '930350.00',
          quantity: '2',
          discountSum: '0.00',
          taxRate: '20',
          taxIncluded: true,
        },
      ],
    },
  }
}
