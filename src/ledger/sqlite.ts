import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Channel, ContactAttempt } from '../types.js';
import { toAttempt, type Decision, type Ledger, type NewContact, type StoredContact } from './ledger.js';

interface Row {
  id: number | bigint;
  channel: Channel;
  at: number;
  conversation: number;
}

const MIGRATIONS = [
  `CREATE TABLE dunlint_contacts (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     debtor_key TEXT NOT NULL,
     channel TEXT NOT NULL,
     at INTEGER NOT NULL,
     conversation INTEGER NOT NULL DEFAULT 0,
     recorded_at INTEGER NOT NULL,
     source TEXT NOT NULL,
     verdict TEXT,
     ruleset TEXT,
     ruleset_hash TEXT,
     text TEXT
   );
   CREATE INDEX dunlint_contacts_debtor_at ON dunlint_contacts (debtor_key, at);
   CREATE INDEX dunlint_contacts_at ON dunlint_contacts (at);
   CREATE TABLE dunlint_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

/**
 * The embedded ledger. better-sqlite3 is synchronous, so within one process a
 * checkAndRecord runs start to finish without yielding; across processes,
 * BEGIN IMMEDIATE takes the database's write lock before the history is read.
 * A process that finds the lock taken retries after a short async pause
 * rather than letting SQLite's busy handler sleep, which would stall every
 * other request of that process (a cluster worker) for milliseconds at a time.
 */
export class SqliteLedger implements Ledger {
  readonly kind = 'sqlite' as const;
  readonly description: string;
  private readonly db: Database.Database;
  private readonly stmt;

  private readonly busyTimeoutMs: number;
  // Built once: better-sqlite3 wraps a function per transaction kind.
  private readonly checkTx: Database.Transaction<(debtorKey: string, since: number, decide: (h: ContactAttempt[]) => Decision<unknown>) => { value: unknown; id: string | null }>;
  private readonly recordTx: Database.Transaction<(debtorKey: string, contact: NewContact) => string>;

  constructor(path: string, options: { busyTimeoutMs?: number; synchronous?: 'full' | 'normal' } = {}) {
    const file = path === ':memory:' ? path : resolve(path);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.description = `sqlite:${file}`;
    this.busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
    // Opening and migrating may wait for another process (blocking is fine before serving).
    this.db = new Database(file, { timeout: this.busyTimeoutMs });
    this.db.pragma('journal_mode = WAL');
    // FULL (default): a recorded send survives a power cut, at one fsync per record. NORMAL
    // survives a crash of the process but not of the machine, for far more records a second.
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.migrate();
    this.db.pragma('busy_timeout = 0'); // from here on, retry() waits without blocking
    const T = 'dunlint_contacts';
    this.stmt = {
      history: this.db.prepare<[string, number], Row>(`SELECT id, channel, at, conversation FROM ${T} WHERE debtor_key = ? AND at >= ? ORDER BY at`),
      insert: this.db.prepare(
        `INSERT INTO ${T} (debtor_key, channel, at, conversation, recorded_at, source, verdict, ruleset, ruleset_hash, text)
         VALUES (@debtorKey, @channel, @at, @conversation, @recordedAt, @source, @verdict, @ruleset, @rulesetHash, @text)`,
      ),
      setConversation: this.db.prepare<[number, string, string], Row>(
        `UPDATE ${T} SET conversation = ? WHERE id = ? AND debtor_key = ? RETURNING id, channel, at, conversation`,
      ),
      purge: this.db.prepare(`DELETE FROM ${T} WHERE at < ?`),
      count: this.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${T}`),
      countFor: this.db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM ${T} WHERE debtor_key = ?`),
      metaInsert: this.db.prepare('INSERT OR IGNORE INTO dunlint_meta (key, value) VALUES (?, ?)'),
      metaGet: this.db.prepare<[string], { value: string }>('SELECT value FROM dunlint_meta WHERE key = ?'),
    };
    this.checkTx = this.db.transaction((debtorKey: string, since: number, decide: (h: ContactAttempt[]) => Decision<unknown>) => {
      const d = decide(this.stmt.history.all(debtorKey, since).map(fromRow).map(toAttempt));
      return { value: d.value, id: d.record ? this.insertRow(debtorKey, d.record) : null };
    });
    this.recordTx = this.db.transaction((debtorKey: string, contact: NewContact) => this.insertRow(debtorKey, contact));
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS dunlint_schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const run = this.db.transaction(() => {
      const { v } = this.db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM dunlint_schema_version').get()!;
      for (let i = v ?? 0; i < MIGRATIONS.length; i++) {
        this.db.exec(MIGRATIONS[i]!);
        this.db.prepare('INSERT INTO dunlint_schema_version (version, applied_at) VALUES (?, ?)').run(i + 1, new Date().toISOString());
      }
    });
    run.immediate(); // two processes starting together migrate one after the other
  }

  private insertRow(debtorKey: string, c: NewContact): string {
    const info = this.stmt.insert.run({
      debtorKey,
      channel: c.channel,
      at: c.at,
      conversation: c.conversation ? 1 : 0,
      recordedAt: Date.now(),
      source: c.source,
      verdict: c.verdict ?? null,
      ruleset: c.ruleset ?? null,
      rulesetHash: c.rulesetHash ?? null,
      text: c.text ?? null,
    });
    return String(info.lastInsertRowid);
  }

  /** Writes of this process, one after another: while another process holds the lock, one of ours polls for it, not all. */
  private tail: Promise<unknown> = Promise.resolve();
  private exclusive<T>(fn: () => T): Promise<T> {
    const run = this.tail.then(() => this.retry(fn));
    this.tail = run.catch(() => {});
    return run;
  }

  /** Run `fn` (synchronous, so nothing else of this process interleaves), retrying while another process holds the lock. */
  private async retry<T>(fn: () => T): Promise<T> {
    const deadline = Date.now() + this.busyTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return fn();
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw e;
        // Jittered, growing pauses (up to ~8 ms): processes that collide do not collide again in step.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(8, 1 + attempt)));
      }
    }
  }

  history(debtorKey: string, since: number): Promise<ContactAttempt[]> {
    return this.retry(() => this.stmt.history.all(debtorKey, since).map(fromRow).map(toAttempt));
  }

  checkAndRecord<T>(debtorKey: string, since: number, decide: (history: ContactAttempt[]) => Decision<T>): Promise<{ value: T; id: string | null }> {
    // BEGIN IMMEDIATE fails before anything is read when the lock is taken, so a retry starts clean.
    return this.exclusive(() => this.checkTx.immediate(debtorKey, since, decide) as { value: T; id: string | null });
  }

  async record(debtorKey: string, contact: NewContact): Promise<StoredContact> {
    const id = await this.exclusive(() => this.recordTx.immediate(debtorKey, contact));
    return { id, channel: contact.channel, at: contact.at, conversation: contact.conversation };
  }

  async setConversation(debtorKey: string, id: string, conversation: boolean): Promise<StoredContact | null> {
    const row = await this.exclusive(() => this.stmt.setConversation.get(conversation ? 1 : 0, id, debtorKey));
    return row ? fromRow(row) : null;
  }

  purge(before: number): Promise<number> {
    return this.exclusive(() => this.stmt.purge.run(before).changes);
  }

  sharedSecret(name: string, create: () => string): Promise<string> {
    return this.exclusive(() => {
      this.stmt.metaInsert.run(name, create());
      return this.stmt.metaGet.get(name)!.value;
    });
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async count(debtorKey?: string): Promise<number> {
    return (debtorKey === undefined ? this.stmt.count.get()! : this.stmt.countFor.get(debtorKey)!).n;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function fromRow(r: Row): StoredContact {
  return { id: String(r.id), channel: r.channel, at: r.at, conversation: r.conversation === 1 };
}
