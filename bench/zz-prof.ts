import { parseClientBankExchange, writeClientBankExchange, withInnCheckDigits, type Party, type WritableDocument } from '@salesflow/exchange'
const OURS = '40702810400000012345'
const pad = (n: number, w: number) => String(n).padStart(w, '0')
const isoDay = (i: number) => `2026-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`
const company = (c: number): Party => ({ name: `ООО "Клиент ${c}"`, inn: withInnCheckDigits(`77${pad(c, 7)}`), kpp: '770101001', account: `407028100${pad(c, 11)}`, bik: '044525999', bank: 'АО "Банк Речной"' })
const us = { ...company(0), account: OURS }
const docs: WritableDocument[] = Array.from({ length: 10000 }, (_, i) => ({ type: 'Платежное поручение', number: String(i), date: isoDay(i), amount: '100.00', payer: company(i % 2000 + 1), receiver: us, debited: isoDay(i), credited: isoDay(i), purpose: `Оплата по счёту № ${i} от 01.02.2026 за оборудование, НДС 20% - 16.67` }))
const w = writeClientBankExchange({ header: { sender: null, receiver: null, created: null, period: { start: null, end: null }, accounts: [OURS] }, documents: docs }, { encoding: 'windows-1251' })
if (!w.ok) throw new Error()
console.log((w.value.length / 1e6).toFixed(2), 'MB')
for (let r = 0; r < 6; r++) { const t = performance.now(); const c = process.cpuUsage(); parseClientBankExchange(w.value); const u = process.cpuUsage(c); console.log("parse", (performance.now() - t).toFixed(0), "cpu", ((u.user + u.system) / 1000).toFixed(0)) }
