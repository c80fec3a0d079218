import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { dealMessageProblems, type DealMessage } from './message'

/** What the stand-in holds and counts; tests read it, `GET /_state` shows it. */
export interface StandInState {
  /** Deal messages applied, by event key, in arrival order. */
  readonly applied: Map<string, DealMessage>
  /** POSTs whose event key was already applied (answered 200 `duplicate`, nothing changed). */
  duplicates: number
  /** POSTs refused while `down` (503). */
  refused: number
  /** While true every request gets 503 (the master-data system is away). */
  down: boolean
  /** Added before answering each POST (a slow system). */
  delayMs: number
  /** What `GET /rates` answers (a test changes it to play a new day's rates). */
  rates: unknown
  /** What `GET /stock` answers. */
  stock: unknown
  /** What `GET /directories` answers. */
  directories: unknown
}

export interface StandIn {
  readonly url: string
  readonly state: StandInState
  close(): Promise<void>
}

/**
 * Demo answers of the three read endpoints (the contract's examples). The directories: the company's delivery
 * zones and rates (the settings section `salesflow.delivery`); Moscow's first tier costs 3200, not the default 3000.
 */
const DIRECTORIES = {
  delivery: {
    currency: 'RUB',
    vatRate: 22,
    volumetricKgPerM3: 250,
    tiers: [
      { zone: 'moscow', upToKg: 100, base: '3200', perKg: '0' },
      { zone: 'moscow', upToKg: 1000, base: '4500', perKg: '6' },
      { zone: 'moscow', upToKg: null, base: '9000', perKg: '5' },
      { zone: 'central', upToKg: 100, base: '6000', perKg: '0' },
      { zone: 'central', upToKg: 1000, base: '8000', perKg: '12' },
      { zone: 'central', upToKg: null, base: '15000', perKg: '10' },
      { zone: 'remote', upToKg: 100, base: '12000', perKg: '0' },
      { zone: 'remote', upToKg: 1000, base: '15000', perKg: '25' },
      { zone: 'remote', upToKg: null, base: '30000', perKg: '22' },
    ],
    urgency: { standard: { factor: 1 }, express: { factor: '1.5', surcharge: '2000' } },
  },
}
/** Stock of the demo catalog's first platforms in its two stores (Москва 1, Подольск 2). */
const STOCK = {
  items: [
    { productId: 101, storeId: 1, quantity: '12' },
    { productId: 101, storeId: 2, quantity: '3' },
    { productId: 102, storeId: 1, quantity: '0' },
    { productId: 102, storeId: 2, quantity: '7' },
    { productId: 103, storeId: 1, quantity: '5' },
  ],
}
const RATES = { base: 'RUB', date: '2026-11-25', rates: [{ currency: 'USD', rate: '92.5000', nominal: 1 }] }

/**
 * A stand-in for the company's master-data system implementing masterdata.openapi.json: `POST /deals` applies a
 * message once per event key (a repeat is acknowledged and ignored), `GET /directories|/stock|/rates` answer demo data.
 */
export async function startMasterDataStandIn(port = 0, host = '127.0.0.1'): Promise<StandIn> {
  const state: StandInState = {
    applied: new Map(),
    duplicates: 0,
    refused: 0,
    down: false,
    delayMs: 0,
    rates: RATES,
    stock: STOCK,
    directories: DIRECTORIES,
  }
  const server = createServer((req, res) => void route(state, req, res))
  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  const { port: bound } = server.address() as { port: number }
  return {
    url: `http://${host}:${bound}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

async function route(state: StandInState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://x').pathname
  const body = req.method === 'POST' ? await readBody(req) : ''
  if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs))
  if (path === '/_state')
    return send(res, 200, { applied: [...state.applied.keys()], duplicates: state.duplicates, refused: state.refused })
  if (state.down) {
    state.refused++
    return send(res, 503, { code: 'UNAVAILABLE', message: 'master data is down' })
  }
  if (req.method === 'GET' && path === '/directories') return send(res, 200, state.directories)
  if (req.method === 'GET' && path === '/stock') return send(res, 200, state.stock)
  if (req.method === 'GET' && path === '/rates') return send(res, 200, state.rates)
  if (req.method !== 'POST' || path !== '/deals') return send(res, 404, { code: 'NOT_FOUND', message: path })
  let message: unknown
  try {
    message = JSON.parse(body)
  } catch {
    return send(res, 400, { code: 'INVALID_JSON', message: 'body is not JSON' })
  }
  const problems = dealMessageProblems(message)
  if (problems.length > 0)
    return send(res, 400, { code: 'VALIDATION', message: 'invalid deal message', fields: problems })
  const m = message as DealMessage
  if (state.applied.has(m.eventKey)) {
    state.duplicates++
    return send(res, 200, { status: 'duplicate', eventKey: m.eventKey })
  }
  state.applied.set(m.eventKey, m)
  return send(res, 201, { status: 'applied', eventKey: m.eventKey })
}
