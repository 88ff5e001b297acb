import pg from 'pg';
import type { Channel, ContactAttempt } from '../types.js';
import { toAttempt, type Decision, type Ledger, type NewContact, type StoredContact } from './ledger.js';

/** First key of every advisory lock dunlint takes ('dunl'), so its locks never meet another application's. */
const LOCK_SPACE = 0x64756e6c;
const MIGRATION_LOCK = 0;

const migrations = (s: string) => [
  `CREATE TABLE ${s}.dunlint_contacts (
     id BIGSERIAL PRIMARY KEY,
     debtor_key TEXT NOT NULL,
     channel TEXT NOT NULL,
     at TIMESTAMPTZ NOT NULL,
     conversation BOOLEAN NOT NULL DEFAULT false,
     recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     source TEXT NOT NULL,
     verdict TEXT,
     ruleset TEXT,
     ruleset_hash TEXT,
     text TEXT
   );
   CREATE INDEX dunlint_contacts_debtor_at ON ${s}.dunlint_contacts (debtor_key, at);
   CREATE INDEX dunlint_contacts_at ON ${s}.dunlint_contacts (at);
   CREATE TABLE ${s}.dunlint_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

interface Row {
  id: string;
  channel: Channel;
  at: Date;
  conversation: boolean;
}

/**
 * The shared ledger for several instances. checkAndRecord holds a transaction-
 * scoped advisory lock on the debtor key (pg_advisory_xact_lock) from before
 * the history is read until the record commits: checks for one debtor run one
 * at a time across every instance, checks for different debtors in parallel.
 *
 * The step takes two round trips, not five: "BEGIN; lock; read" and
 * "INSERT; COMMIT" each go as one simple-protocol query (which takes no bind
 * parameters, so values are escaped literals). In READ COMMITTED every
 * statement of such a string takes its own snapshot, so the read, issued after
 * the lock is granted, sees everything the previous holder committed.
 */
export class PostgresLedger implements Ledger {
  readonly kind = 'postgres' as const;
  readonly description: string;
  private readonly pool: pg.Pool;
  private readonly schema: string;
  private readonly t: string;

  private constructor(url: string, onError: (e: Error) => void) {
    const u = new URL(url);
    const schema = u.searchParams.get('schema') ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new Error(`ledger URL: schema "${schema}" must be a plain identifier`);
    u.searchParams.delete('schema');
    this.schema = `"${schema}"`;
    this.t = `${this.schema}.dunlint_contacts`;
    this.description = `postgres://${u.host}${u.pathname}${schema === 'public' ? '' : `?schema=${schema}`}`;
    this.pool = new pg.Pool({ connectionString: u.toString(), max: 10, connectionTimeoutMillis: 10_000 });
    // An idle client losing its connection must not crash the server; the next query reconnects.
    this.pool.on('error', onError);
  }

  static async open(url: string, onError: (e: Error) => void = () => {}): Promise<PostgresLedger> {
    const ledger = new PostgresLedger(url, onError);
    try {
      await ledger.migrate();
    } catch (e) {
      await ledger.pool.end().catch(() => {});
      throw e;
    }
    return ledger;
  }

  /** Several instances may start at once: a session advisory lock lets one migrate while the others wait. */
  private async migrate(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock($1, $2)', [LOCK_SPACE, MIGRATION_LOCK]);
      try {
        await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
        await c.query(`CREATE TABLE IF NOT EXISTS ${this.schema}.dunlint_schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
        const { rows } = await c.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${this.schema}.dunlint_schema_version`);
        const list = migrations(this.schema);
        for (let i = rows[0]?.v ?? 0; i < list.length; i++) {
          await c.query('BEGIN');
          await c.query(list[i]!);
          await c.query(`INSERT INTO ${this.schema}.dunlint_schema_version (version) VALUES ($1)`, [i + 1]);
          await c.query('COMMIT');
        }
      } finally {
        await c.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_SPACE, MIGRATION_LOCK]);
      }
      c.release();
    } catch (e) {
      c.release(e as Error);
      throw e;
    }
  }

  /** The debtor key is our own HMAC in hex; anything else is a bug, not data to escape. */
  private keyLiteral(debtorKey: string): string {
    if (!/^[0-9a-f]{64}$/.test(debtorKey)) throw new Error('ledger: debtor key must be 64 hex digits');
    return `'${debtorKey}'`;
  }

  private insertSql(debtorKey: string, x: NewContact): string {
    const v = (s: string | undefined) => (s === undefined ? 'NULL' : pg.escapeLiteral(s));
    return `INSERT INTO ${this.t} (debtor_key, channel, at, conversation, source, verdict, ruleset, ruleset_hash, text)
            VALUES (${this.keyLiteral(debtorKey)}, ${v(x.channel)}, ${v(new Date(x.at).toISOString())}::timestamptz, ${x.conversation}, ${v(x.source)},
                    ${v(x.verdict)}, ${v(x.ruleset)}, ${v(x.rulesetHash)}, ${v(x.text)}) RETURNING id`;
  }

  /** Run `fn` in a transaction holding the debtor's lock. */
  private async locked<T>(debtorKey: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      // hashtext collisions only make two debtors wait for each other; the rows are still filtered by the full key.
      await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, debtorKey]);
      const out = await fn(c);
      await c.query('COMMIT');
      c.release();
      return out;
    } catch (e) {
      try {
        await c.query('ROLLBACK');
        c.release();
      } catch {
        c.release(true); // the connection is broken: discard it
      }
      throw e;
    }
  }

  private async insertRow(c: pg.PoolClient | pg.Pool, debtorKey: string, x: NewContact): Promise<string> {
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO ${this.t} (debtor_key, channel, at, conversation, source, verdict, ruleset, ruleset_hash, text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [debtorKey, x.channel, new Date(x.at), x.conversation, x.source, x.verdict ?? null, x.ruleset ?? null, x.rulesetHash ?? null, x.text ?? null],
    );
    return String(rows[0]!.id);
  }

  private async select(c: pg.PoolClient | pg.Pool, debtorKey: string, since: number): Promise<ContactAttempt[]> {
    const { rows } = await c.query<Row>(`SELECT id, channel, at, conversation FROM ${this.t} WHERE debtor_key = $1 AND at >= $2 ORDER BY at`, [debtorKey, new Date(since)]);
    return rows.map(fromRow).map(toAttempt);
  }

  history(debtorKey: string, since: number): Promise<ContactAttempt[]> {
    return this.select(this.pool, debtorKey, since);
  }

  async checkAndRecord<T>(debtorKey: string, since: number, decide: (history: ContactAttempt[]) => Decision<T>): Promise<{ value: T; id: string | null }> {
    const key = this.keyLiteral(debtorKey);
    const c = await this.pool.connect();
    try {
      const read = (await c.query(
        `BEGIN;
         SELECT pg_advisory_xact_lock(${LOCK_SPACE}, hashtext(${key}));
         SELECT id, channel, at, conversation FROM ${this.t} WHERE debtor_key = ${key} AND at >= ${pg.escapeLiteral(new Date(since).toISOString())}::timestamptz ORDER BY at`,
      )) as unknown as pg.QueryResult<Row>[];
      const d = decide(read[2]!.rows.map(fromRow).map(toAttempt));
      let id: string | null = null;
      if (d.record) {
        const written = (await c.query(`${this.insertSql(debtorKey, d.record)}; COMMIT`)) as unknown as pg.QueryResult<{ id: string }>[];
        id = String(written[0]!.rows[0]!.id);
      } else await c.query('COMMIT');
      c.release();
      return { value: d.value, id };
    } catch (e) {
      try {
        await c.query('ROLLBACK'); // also after a refusal thrown by decide: nothing was written
        c.release();
      } catch {
        c.release(true); // the connection is broken: discard it
      }
      throw e;
    }
  }

  async record(debtorKey: string, contact: NewContact): Promise<StoredContact> {
    // Under the debtor's lock too, so a check in progress for this debtor finishes first.
    const id = await this.locked(debtorKey, (c) => this.insertRow(c, debtorKey, contact));
    return { id, channel: contact.channel, at: contact.at, conversation: contact.conversation };
  }

  async setConversation(debtorKey: string, id: string, conversation: boolean): Promise<StoredContact | null> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE ${this.t} SET conversation = $1 WHERE id = $2 AND debtor_key = $3 RETURNING id, channel, at, conversation`,
      [conversation, id, debtorKey],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async purge(before: number): Promise<number> {
    const r = await this.pool.query(`DELETE FROM ${this.t} WHERE at < $1`, [new Date(before)]);
    return r.rowCount ?? 0;
  }

  async sharedSecret(name: string, create: () => string): Promise<string> {
    await this.pool.query(`INSERT INTO ${this.schema}.dunlint_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [name, create()]);
    const { rows } = await this.pool.query<{ value: string }>(`SELECT value FROM ${this.schema}.dunlint_meta WHERE key = $1`, [name]);
    return rows[0]!.value;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async count(debtorKey?: string): Promise<number> {
    const { rows } =
      debtorKey === undefined
        ? await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.t}`)
        : await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.t} WHERE debtor_key = $1`, [debtorKey]);
    return Number(rows[0]!.n);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function fromRow(r: Row): StoredContact {
  return { id: String(r.id), channel: r.channel, at: r.at.getTime(), conversation: r.conversation };
}
