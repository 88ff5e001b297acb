import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { debtorKey } from '../src/ledger/debtor-key.js';
import { purgeLedger } from '../src/server/server.js';
import { call, pgSchemaUrl, probePostgres, spawnServe, startTestServer, tempDir, type Child, type TestServer } from './server-helpers.js';

// us: at most 7 calls in 7 days. A clean call script at 10:00 on a Tuesday in New York.
const CALL = {
  text: 'This is Robin Smith with Acme Recovery, a debt collector, calling about your balance of $412.30.',
  channel: 'phone',
  ruleset: 'us',
  context: { sendAt: '2026-03-10T10:00:00-04:00' },
  record: true,
};
const ZH_SMS = '【招商银行】王先生，您尾号1234的信用卡已逾期5天，应还2,356.40元，请于12月8日前还款。';
const ZH_CALL = 'XX银行您好，关于您逾期的1,280.00元借款，请于今天内还款。';

const postgres = await probePostgres();
if (!postgres.url) console.warn(`[dunlint] PostgreSQL ledger tests skipped: ${postgres.reason}`);

/** 50 concurrent check-and-records for one debtor, spread over the given servers. */
async function fifty(bases: string[], debtorId: string) {
  const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => call(bases[i % bases.length]!, 'POST', '/v1/check', { ...CALL, debtorId })));
  expect(replies.every((r) => r.status === 200)).toBe(true);
  const recorded = replies.filter((r) => r.body.recorded === true);
  const blocked = replies.filter((r) => r.body.verdict === 'block');
  return { recorded, blocked };
}

function ledgerSuite(kind: 'sqlite' | 'postgres', setup: () => Promise<{ ledger: string; drop: () => Promise<void>; query: (sql: string) => Promise<Record<string, unknown>[]> }>) {
  let server: TestServer;
  let ledger: string;
  let drop: () => Promise<void>;
  let query: (sql: string) => Promise<Record<string, unknown>[]>;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    tmp = tempDir(`dunlint-ledger-${kind}-`); // here, not at collection: a skipped suite leaves nothing behind
    ({ ledger, drop, query } = await setup());
    server = await startTestServer({ cwd: tmp.dir, ledger });
  });

  afterAll(async () => {
    await server?.shutdown();
    await drop?.();
    tmp?.cleanup();
  });

  const count = (debtorId: string) => server.state.ledger!.count(debtorKey(server.state.pepper!, debtorId));

  it('50 concurrent checks for one debtor under a 7-in-7 cap record exactly 7', async () => {
    const { recorded, blocked } = await fifty([server.url], 'debtor-a');
    expect(recorded).toHaveLength(7);
    expect(blocked).toHaveLength(43);
    expect(new Set(recorded.map((r) => r.body.contactId)).size).toBe(7);
    expect(blocked.every((r) => r.body.recorded === false && r.body.findings.some((f: { ruleId: string }) => f.ruleId === 'contact-timing/call-frequency'))).toBe(true);
    expect(blocked[0]!.body.nextAllowedAt).toBe('2026-03-17T10:00:00-04:00');
    expect(await count('debtor-a')).toBe(7);
  });

  it('… and exactly 7 across two server processes sharing the database', async () => {
    let child: Child | undefined;
    try {
      child = await spawnServe(['--no-auth', '--workers', '1', '--ledger', ledger], { cwd: tmp.dir });
      const { recorded } = await fifty([server.url, `http://127.0.0.1:${child.port}`], 'debtor-b');
      expect(recorded).toHaveLength(7);
      expect(await count('debtor-b')).toBe(7);
    } finally {
      child?.proc.kill('SIGTERM');
      expect(await child?.exited).toBe(0);
    }
  }, 30_000);

  it('caps count the ledger together with context.history, a contact sent by both only once', async () => {
    const base = server.url;
    const debtorId = 'debtor-c';
    // cn: at most 3 connected calls a day. Two reported to the ledger ...
    for (const at of ['2026-03-10T09:00:00+08:00', '2026-03-10T11:00:00+08:00']) {
      const r = await call(base, 'POST', '/v1/contacts', { debtorId, channel: 'phone', at, conversation: true });
      expect(r.status).toBe(201);
    }
    const ask = (history: object[]) => call(base, 'POST', '/v1/check', { text: ZH_CALL, channel: 'phone', debtorId, context: { sendAt: '2026-03-10T18:00:00+08:00', history } });
    // ... one more is fine; the caller repeating a ledger contact does not make it count twice ...
    expect((await ask([{ channel: 'phone', at: '2026-03-10T01:00:00Z', conversation: true }])).body.verdict).toBe('allow');
    // ... but a third from the caller's own history reaches the cap.
    const r = await ask([{ channel: 'phone', at: '2026-03-10T15:00:00+08:00', conversation: true }]);
    expect(r.body.verdict).toBe('block');
    expect(r.body.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('contact-timing/connected-calls');
    expect(r.body.nextAllowedAt).toBe('2026-03-11T08:00:00+08:00');
    expect(await count(debtorId)).toBe(2); // checking without record: true writes nothing
  });

  it('a recorded call reported as a conversation starts the 7-day quiet period', async () => {
    const debtorId = 'debtor-d';
    const first = await call(server.url, 'POST', '/v1/check', { ...CALL, debtorId });
    expect(first.body).toMatchObject({ verdict: 'allow', recorded: true });
    const outcome = await call(server.url, 'POST', '/v1/contacts', { debtorId, channel: 'phone', contactId: first.body.contactId, conversation: true });
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ contactId: first.body.contactId, conversation: true, at: '2026-03-10T14:00:00.000Z' });
    const again = await call(server.url, 'POST', '/v1/check', { ...CALL, debtorId, context: { sendAt: '2026-03-12T10:00:00-04:00' } });
    expect(again.body.verdict).toBe('block');
    expect(again.body.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('contact-timing/call-after-conversation');
    expect(again.body.recorded).toBe(false);
    // Another debtor's contact id is not this debtor's.
    const wrong = await call(server.url, 'POST', '/v1/contacts', { debtorId: 'debtor-x', channel: 'phone', contactId: first.body.contactId, conversation: false });
    expect(wrong.status).toBe(404);
    const noOutcome = await call(server.url, 'POST', '/v1/contacts', { debtorId, channel: 'phone', contactId: first.body.contactId });
    expect(noOutcome.body.error.details).toEqual([{ pointer: '/conversation', message: 'is required with contactId' }]);
  });

  it('stores debtor ids only as keyed hashes, and no message text', async () => {
    const r = await call(server.url, 'POST', '/v1/check', { text: ZH_SMS, channel: 'sms', debtorId: '13912345678', record: true, context: { sendAt: '2026-03-10T10:00:00+08:00' } });
    expect(r.body.recorded).toBe(true);
    const rows = await query('SELECT * FROM dunlint_contacts');
    const dump = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(7);
    expect(dump).not.toContain('13912345678');
    expect(dump).not.toContain('debtor-a');
    expect(dump).not.toContain('招商银行');
    expect(rows.every((r) => r.text === null)).toBe(true);
    const versions = await query('SELECT version FROM dunlint_schema_version');
    expect(versions.map((v) => Number(v.version))).toEqual([1]);
  });

  it('with server.storeText, keeps the text exactly (quotes, backslashes, emoji)', async () => {
    const text = `【招商银行】O'Brien \\ "quoted" $$ 😀 ${"'; DROP TABLE dunlint_contacts; --"}`;
    const dir = tempDir(`dunlint-ledger-text-${kind}-`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir.dir, 'dunlint.config.json'), JSON.stringify({ server: { storeText: true } }));
    const texting = await startTestServer({ cwd: dir.dir, ledger });
    try {
      const r = await call(texting.url, 'POST', '/v1/check', { text, channel: 'push', ruleset: 'cn', debtorId: 'debtor-text', record: true, context: { sendAt: '2026-03-10T10:00:00+08:00' } });
      expect(r.body.recorded).toBe(true);
      const rows = await query(`SELECT text FROM dunlint_contacts WHERE id = ${Number(r.body.contactId)}`);
      expect(rows).toEqual([{ text }]);
    } finally {
      await texting.shutdown();
      dir.cleanup();
    }
  });

  it('purges contacts older than the retention period', async () => {
    const old = await call(server.url, 'POST', '/v1/contacts', { debtorId: 'debtor-old', channel: 'letter', at: '2020-01-02T00:00:00Z' });
    expect(old.status).toBe(201);
    expect(await count('debtor-old')).toBe(1);
    expect(await purgeLedger(server.state.ledger!, 1096)).toBe(1);
    expect(await count('debtor-old')).toBe(0);
    expect(await count('debtor-a')).toBe(7);
  });
}

describe('SQLite ledger', () => {
  ledgerSuite('sqlite', async () => {
    const tmp = tempDir('dunlint-sqlite-');
    const file = join(tmp.dir, 'ledger.db');
    return {
      ledger: `sqlite:${file}`,
      drop: async () => tmp.cleanup(),
      query: async (sql) => {
        const db = new Database(file, { readonly: true });
        try {
          return db.prepare(sql).all() as Record<string, unknown>[];
        } finally {
          db.close();
        }
      },
    };
  });

  it('keeps message text only with server.storeText, and the README command needs no setup', async () => {
    const tmp = tempDir('dunlint-sqlite-text-');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(tmp.dir, 'dunlint.config.json'), JSON.stringify({ server: { storeText: true } }));
    const server = await startTestServer({ cwd: tmp.dir, ledger: undefined }); // the default: sqlite:./dunlint-ledger.db
    try {
      const r = await call(server.url, 'POST', '/v1/check', { text: ZH_SMS, channel: 'sms', debtorId: 'd1', record: true, context: { sendAt: '2026-03-10T10:00:00+08:00' } });
      expect(r.body.recorded).toBe(true);
      expect(server.state.ledger!.description).toBe(`sqlite:${join(tmp.dir, 'dunlint-ledger.db')}`);
      const db = new Database(join(tmp.dir, 'dunlint-ledger.db'), { readonly: true });
      expect(db.prepare('SELECT text FROM dunlint_contacts').all()).toEqual([{ text: ZH_SMS }]);
      db.close();
    } finally {
      await server.shutdown();
      tmp.cleanup();
    }
  });
});

describe.skipIf(!postgres.url)(`PostgreSQL ledger${postgres.url ? '' : ` — skipped: ${postgres.reason}`}`, () => {
  ledgerSuite('postgres', async () => {
    const { url, drop } = pgSchemaUrl(postgres.url!, 'ledger');
    const schema = new URL(url).searchParams.get('schema')!;
    return {
      ledger: url,
      drop,
      query: async (sql) => {
        const c = new pg.Client({ connectionString: postgres.url! });
        await c.connect();
        try {
          return (await c.query(sql.replace(/\b(dunlint_\w+)/g, `"${schema}".$1`))).rows as Record<string, unknown>[];
        } finally {
          await c.end();
        }
      },
    };
  });
});
