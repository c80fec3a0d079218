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
      CREATE TABLE IF NOT EXISTS deal_stages (
        deal_id INTEGER PRIMARY KEY, stage_id TEXT NOT NULL, pending_key TEXT, seen_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS guard_actions (
        event_key TEXT PRIMARY KEY, deal_id INTEGER NOT NULL, moved_to TEXT NOT NULL, restore_to TEXT NOT NULL,
        restore_category_id INTEGER, user_id INTEGER NOT NULL, comment TEXT NOT NULL, notice TEXT NOT NULL,
        step TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS guard_actions_deal ON guard_actions (deal_id);
      CREATE TABLE IF NOT EXISTS deal_sequence (
        event_key TEXT PRIMARY KEY, deal_id INTEGER NOT NULL, seq INTEGER NOT NULL, UNIQUE (deal_id, seq));
      CREATE TABLE IF NOT EXISTS deal_delivered (deal_id INTEGER PRIMARY KEY, seq INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS lead_verdicts (
        lead_id INTEGER PRIMARY KEY, event_key TEXT NOT NULL, step TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS refresh_lease (member_id TEXT PRIMARY KEY, holder TEXT NOT NULL, until INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS bank_files (
        sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, step TEXT NOT NULL, plan TEXT NOT NULL, report TEXT, at INTEGER NOT NULL);
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

  /**
   * Takes the right to refresh the member's tokens until `until` (ms), unless another holder's lease still runs:
   * refresh tokens are single-use, so only one process may spend one.
   */
  takeRefreshLease(memberId: string, holder: string, until: number, now = Date.now()): boolean {
    return (
      this.stmt(
        `INSERT INTO refresh_lease VALUES (?, ?, ?)
           ON CONFLICT(member_id) DO UPDATE SET holder = excluded.holder, until = excluded.until
           WHERE refresh_lease.until < ? OR refresh_lease.holder = excluded.holder`,
      ).run(memberId, holder, until, now).changes === 1
    )
  }

  releaseRefreshLease(memberId: string, holder: string): void {
    this.stmt('DELETE FROM refresh_lease WHERE member_id = ? AND holder = ?').run(memberId, holder)
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

  // --- the stage guard: the last stage seen per deal, and the reverts under way

  /** The stage the guard last accepted for the deal, and the event key of a revert under way. */
  dealStage(dealId: number): { stageId: string; pendingKey: string | null } | undefined {
    const r = this.stmt('SELECT stage_id, pending_key FROM deal_stages WHERE deal_id = ?').get(dealId) as
      { stage_id: string; pending_key: string | null } | undefined
    return r && { stageId: r.stage_id, pendingKey: r.pending_key }
  }

  /** Records the stage of a deal seen for the first time; false when another worker recorded one first. */
  firstDealStage(dealId: number, stageId: string, at = Date.now()): boolean {
    return this.stmt('INSERT OR IGNORE INTO deal_stages VALUES (?, ?, NULL, ?)').run(dealId, stageId, at).changes === 1
  }

  /** Accepts a move (compare-and-set on the stage last seen, no revert under way); false when it lost a race. */
  acceptDealStage(dealId: number, from: string, to: string, at = Date.now()): boolean {
    return (
      this.stmt(
        'UPDATE deal_stages SET stage_id = ?, seen_at = ? WHERE deal_id = ? AND stage_id = ? AND pending_key IS NULL',
      ).run(to, at, dealId, from).changes === 1
    )
  }

  /**
   * Claims the revert of a forbidden move for one event key: the deal's row gets the key as pending (only if it
   * still stands at `restoreTo` with nothing pending) and the action is written, in one transaction. False when
   * another worker claimed the deal first.
   */
  claimRevert(a: GuardAction, at = Date.now()): boolean {
    return this.db.transaction(() => {
      const claimed = this.stmt(
        'UPDATE deal_stages SET pending_key = ? WHERE deal_id = ? AND stage_id = ? AND pending_key IS NULL',
      ).run(a.eventKey, a.dealId, a.restoreTo).changes
      if (claimed !== 1) return false
      this.stmt('INSERT INTO guard_actions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        a.eventKey,
        a.dealId,
        a.movedTo,
        a.restoreTo,
        a.restoreCategoryId,
        a.userId,
        a.comment,
        a.notice,
        a.step,
        at,
      )
      return true
    })()
  }

  /**
   * How many reverts the guard has claimed for the deal, or null while one is under way: a card read that began at
   * another count (or at null) may show the deal where a revert took it from.
   */
  dealReverts(dealId: number): number | null {
    const r = this.stmt(
      'SELECT (SELECT COUNT(*) FROM guard_actions WHERE deal_id = ?) AS n, ' +
        '(SELECT pending_key FROM deal_stages WHERE deal_id = ?) AS pending',
    ).get(dealId, dealId) as { n: number; pending: string | null }
    return r.pending === null ? r.n : null
  }

  guardAction(eventKey: string): GuardAction | undefined {
    const r = this.stmt('SELECT * FROM guard_actions WHERE event_key = ?').get(eventKey) as GuardRow | undefined
    return r && fromGuardRow(r)
  }

  /** Moves a revert to its next step; `done`, `superseded` and `parked` also release the deal (stage `restoreTo`). */
  guardStep(eventKey: string, step: GuardStep): void {
    this.db.transaction(() => {
      this.stmt('UPDATE guard_actions SET step = ? WHERE event_key = ?').run(step, eventKey)
      if (step === 'done' || step === 'superseded' || step === 'parked')
        this.stmt('UPDATE deal_stages SET pending_key = NULL WHERE pending_key = ?').run(eventKey)
    })()
  }

  // --- per-deal order of the master-data messages

  /** The message's place among the deal's messages: the next one for a new key, the same one for a key seen. */
  dealSequence(dealId: number, eventKey: string): number {
    return this.db.transaction(() => {
      const had = this.stmt('SELECT seq FROM deal_sequence WHERE event_key = ?').get(eventKey) as
        { seq: number } | undefined
      if (had) return had.seq
      const last = this.stmt('SELECT max(seq) AS seq FROM deal_sequence WHERE deal_id = ?').get(dealId) as {
        seq: number | null
      }
      const seq = (last.seq ?? 0) + 1
      this.stmt('INSERT INTO deal_sequence VALUES (?, ?, ?)').run(eventKey, dealId, seq)
      return seq
    })()
  }

  /** The last message of the deal the master-data system has (0: none yet). */
  deliveredSequence(dealId: number): number {
    const r = this.stmt('SELECT seq FROM deal_delivered WHERE deal_id = ?').get(dealId) as { seq: number } | undefined
    return r?.seq ?? 0
  }

  /** Records `seq` as delivered (or given up: parked), never moving backwards. */
  markDelivered(dealId: number, seq: number): void {
    this.stmt(
      'INSERT INTO deal_delivered VALUES (?, ?) ON CONFLICT(deal_id) DO UPDATE SET seq = max(seq, excluded.seq)',
    ).run(dealId, seq)
  }

  // --- lead classification: one verdict written per lead

  /** Where writing the lead's verdict stands: `claimed` (a write under way or cut off), `done`, or undefined. */
  leadVerdict(leadId: number): 'claimed' | 'done' | undefined {
    const r = this.stmt('SELECT step FROM lead_verdicts WHERE lead_id = ?').get(leadId) as { step: string } | undefined
    return r?.step === 'claimed' || r?.step === 'done' ? r.step : undefined
  }

  /** Claims the lead's verdict write for an event; false when another event or worker claimed it first. */
  claimLeadVerdict(leadId: number, eventKey: string, at = Date.now()): boolean {
    return (
      this.stmt("INSERT OR IGNORE INTO lead_verdicts VALUES (?, ?, 'claimed', ?)").run(leadId, eventKey, at).changes ===
      1
    )
  }

  leadVerdictDone(leadId: number): void {
    this.stmt("UPDATE lead_verdicts SET step = 'done' WHERE lead_id = ?").run(leadId)
  }

  /** Gives the claim up after a write the portal refused (nothing written): a retry may claim it again. */
  dropLeadVerdict(leadId: number): void {
    this.stmt("DELETE FROM lead_verdicts WHERE lead_id = ? AND step = 'claimed'").run(leadId)
  }

  // --- 1C statements from the bank folder: one plan per file's bytes (sha-256), written before anything is applied

  /** What the worker decided for these bytes (`claimed`: being applied or cut off; `done`: applied and reported). */
  bankFile(sha256: string): BankFileRecord | undefined {
    const r = this.stmt('SELECT * FROM bank_files WHERE sha256 = ?').get(sha256) as BankFileRow | undefined
    return (
      r && {
        sha256: r.sha256,
        name: r.name,
        step: r.step,
        plan: JSON.parse(r.plan) as unknown,
        report: r.report === null ? null : (JSON.parse(r.report) as unknown),
        at: r.at,
      }
    )
  }

  /** Writes the plan for a file's bytes before it is applied; false when a plan for them is already there. */
  claimBankFile(sha256: string, name: string, plan: unknown, at = Date.now()): boolean {
    return (
      this.stmt("INSERT OR IGNORE INTO bank_files VALUES (?, ?, 'claimed', ?, NULL, ?)").run(
        sha256,
        name,
        JSON.stringify(plan),
        at,
      ).changes === 1
    )
  }

  /** The file's plan was carried out; its report is kept for a later copy of the same bytes. */
  bankFileDone(sha256: string, report: unknown, at = Date.now()): void {
    this.stmt("UPDATE bank_files SET step = 'done', report = ?, at = ? WHERE sha256 = ?").run(
      JSON.stringify(report),
      at,
      sha256,
    )
  }

  close(): void {
    this.db.close()
  }
}

/**
 * Where a revert of a forbidden move stands: each step is done once, a restart resumes at the next. `parked`: its
 * message failed every attempt; the deal is released so its later events are judged again.
 */
export type GuardStep = 'claimed' | 'reverted' | 'commented' | 'done' | 'superseded' | 'parked'

/** A forbidden move the stage guard is undoing, with the words it will write (decided once, then replayed). */
export interface GuardAction {
  readonly eventKey: string
  readonly dealId: number
  /** The stage the user moved the deal to (forbidden). */
  readonly movedTo: string
  /** The stage it is moved back to (the one the guard last accepted). */
  readonly restoreTo: string
  /** Set when the forbidden move changed the funnel: the way back changes it again. */
  readonly restoreCategoryId: number | null
  /** Who moved it: the notification goes to them. */
  readonly userId: number
  readonly comment: string
  readonly notice: string
  readonly step: GuardStep
}

interface GuardRow {
  event_key: string
  deal_id: number
  moved_to: string
  restore_to: string
  restore_category_id: number | null
  user_id: number
  comment: string
  notice: string
  step: GuardStep
}

const fromGuardRow = (r: GuardRow): GuardAction => ({
  eventKey: r.event_key,
  dealId: r.deal_id,
  movedTo: r.moved_to,
  restoreTo: r.restore_to,
  restoreCategoryId: r.restore_category_id,
  userId: r.user_id,
  comment: r.comment,
  notice: r.notice,
  step: r.step,
})

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

export interface BankFileRecord {
  readonly sha256: string
  /** The name the bytes first came under. */
  readonly name: string
  readonly step: 'claimed' | 'done'
  readonly plan: unknown
  readonly report: unknown
  readonly at: number
}

interface BankFileRow {
  sha256: string
  name: string
  step: 'claimed' | 'done'
  plan: string
  report: string | null
  at: number
}
