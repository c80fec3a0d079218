import Database from 'better-sqlite3'
import { chmodSync, closeSync, openSync } from 'node:fs'

/** The app's OAuth grant for one portal (from the install call or a refresh). Never logged. */
export interface StoredTokens {
  readonly memberId: string
  readonly domain: string
  readonly clientEndpoint: string
  readonly accessToken: string
  readonly refreshToken: string
  /** Unix ms. */
  readonly expiresAt: number
  readonly applicationToken: string
}

export interface OutboxRow {
  readonly seq: number
  readonly messageId: string
  readonly routingKey: string
  readonly body: unknown
}

/**
 * The worker's durable state in one SQLite file (mode 0600: it holds tokens): OAuth tokens, the keys of events a
 * consumer has finished (duplicates are dropped), the outbox of messages the broker has not confirmed yet, and the
 * offline-event batches reserved on the portal but not cleared (write-ahead, so a restart reclaims them).
 * Several worker processes may share the file (WAL, busy timeout).
 */
export class StateStore {
  private readonly db: Database.Database
  private readonly statements = new Map<string, Database.Statement>()

  /** Prepared once per SQL text (preparing costs more than running these small statements). */
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql)
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)))
    return st
  }

  constructor(path: string) {
    if (path !== ':memory:') {
      // Create the file 0600 before SQLite opens it; its journal and WAL files inherit the mode.
      closeSync(openSync(path, 'a', 0o600))
      chmodSync(path, 0o600)
    }
    this.db = new Database(path)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('busy_timeout = 5000')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS tokens (
        member_id TEXT PRIMARY KEY, domain TEXT NOT NULL, client_endpoint TEXT NOT NULL,
        access_token TEXT NOT NULL, refresh_token TEXT NOT NULL, expires_at INTEGER NOT NULL,
        application_token TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS processed (
        consumer TEXT NOT NULL, key TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (consumer, key));
      CREATE TABLE IF NOT EXISTS outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, routing_key TEXT NOT NULL,
        body TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS offline_batches (
        process_id TEXT PRIMARY KEY, error_queue INTEGER NOT NULL, reserved_at INTEGER NOT NULL);
    `)
  }

  // --- tokens

  saveTokens(t: StoredTokens): void {
    this.stmt(
      `INSERT INTO tokens VALUES (@memberId, @domain, @clientEndpoint, @accessToken, @refreshToken, @expiresAt, @applicationToken)
         ON CONFLICT(member_id) DO UPDATE SET domain=excluded.domain, client_endpoint=excluded.client_endpoint,
           access_token=excluded.access_token, refresh_token=excluded.refresh_token, expires_at=excluded.expires_at,
           application_token=excluded.application_token`,
    ).run(t)
  }

  tokens(memberId: string): StoredTokens | undefined {
    const r = this.stmt('SELECT * FROM tokens WHERE member_id = ?').get(memberId) as TokenRow | undefined
    return r && fromTokenRow(r)
  }

  allTokens(): StoredTokens[] {
    return (this.stmt('SELECT * FROM tokens ORDER BY member_id').all() as TokenRow[]).map(fromTokenRow)
  }

  // --- processed event keys

  isProcessed(consumer: string, key: string): boolean {
    return this.stmt('SELECT 1 FROM processed WHERE consumer = ? AND key = ?').get(consumer, key) !== undefined
  }

  /** Records a finished key; false when it was already there (another delivery finished first). */
  markProcessed(consumer: string, key: string, at = Date.now()): boolean {
    return this.stmt('INSERT OR IGNORE INTO processed VALUES (?, ?, ?)').run(consumer, key, at).changes === 1
  }

  /** Forgets keys older than `before` (ms); a duplicate can only arrive within the broker's retry horizon. */
  pruneProcessed(before: number): number {
    return this.stmt('DELETE FROM processed WHERE at < ?').run(before).changes
  }

  // --- outbox

  /** Adds a message unless one with the same id is still waiting; true when it was added. */
  enqueue(messageId: string, routingKey: string, body: unknown, at = Date.now()): boolean {
    return (
      this.stmt('INSERT OR IGNORE INTO outbox (message_id, routing_key, body, created_at) VALUES (?, ?, ?, ?)').run(
        messageId,
        routingKey,
        JSON.stringify(body),
        at,
      ).changes === 1
    )
  }

  confirmed(messageId: string): void {
    this.stmt('DELETE FROM outbox WHERE message_id = ?').run(messageId)
  }

  pending(limit = 1000): OutboxRow[] {
    return (this.stmt('SELECT * FROM outbox ORDER BY seq LIMIT ?').all(limit) as OutboxDbRow[]).map(fromOutboxRow)
  }

  pendingCount(): number {
    return (this.stmt('SELECT count(*) AS n FROM outbox').get() as { n: number }).n
  }

  // --- reserved offline batches

  batchReserved(processId: string, errorQueue: boolean, at = Date.now()): void {
    this.stmt('INSERT OR IGNORE INTO offline_batches VALUES (?, ?, ?)').run(processId, errorQueue ? 1 : 0, at)
  }

  batchCleared(processId: string): void {
    this.stmt('DELETE FROM offline_batches WHERE process_id = ?').run(processId)
  }

  reservedBatches(): { processId: string; errorQueue: boolean }[] {
    return (
      this.stmt('SELECT process_id, error_queue FROM offline_batches ORDER BY reserved_at').all() as {
        process_id: string
        error_queue: number
      }[]
    ).map((r) => ({ processId: r.process_id, errorQueue: r.error_queue === 1 }))
  }

  close(): void {
    this.db.close()
  }
}

interface TokenRow {
  member_id: string
  domain: string
  client_endpoint: string
  access_token: string
  refresh_token: string
  expires_at: number
  application_token: string
}

const fromTokenRow = (r: TokenRow): StoredTokens => ({
  memberId: r.member_id,
  domain: r.domain,
  clientEndpoint: r.client_endpoint,
  accessToken: r.access_token,
  refreshToken: r.refresh_token,
  expiresAt: r.expires_at,
  applicationToken: r.application_token,
})

interface OutboxDbRow {
  seq: number
  message_id: string
  routing_key: string
  body: string
}

const fromOutboxRow = (r: OutboxDbRow): OutboxRow => ({
  seq: r.seq,
  messageId: r.message_id,
  routingKey: r.routing_key,
  body: JSON.parse(r.body) as unknown,
})
