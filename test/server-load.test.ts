import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { call, pool, startTestServer, tempDir } from './server-helpers.js';

// A short load test on loopback, bounded in count (and by the test timeout in time):
// zero errors, and every send the server said it recorded is in the ledger, no more.

const ZH_SMS = '【招商银行】王先生，您尾号1234的信用卡已逾期5天，应还2,356.40元，请于12月8日前还款。';
const CALL = 'This is Robin Smith with Acme Recovery, a debt collector, calling about your balance of $412.30.';
const SMS_SENDS = 600; // to 100 debtors: no cap on SMS, all recorded
const CALL_DEBTORS = 20; // 10 calls each under the 7-in-7 cap: 7 recorded each
const CONCURRENCY = 32;

const tmp = tempDir('dunlint-load-');
afterAll(() => tmp.cleanup());

it('800 checks at concurrency 32: no errors, no lost or extra ledger records', async () => {
  const server = await startTestServer({ cwd: tmp.dir, ledger: `sqlite:${join(tmp.dir, 'ledger.db')}` });
  try {
    const jobs = [
      ...Array.from({ length: SMS_SENDS }, (_, i) => ({ text: ZH_SMS, channel: 'sms', debtorId: `sms-${i % 100}`, record: true, context: { sendAt: '2026-03-10T10:00:00+08:00' } })),
      ...Array.from({ length: CALL_DEBTORS * 10 }, (_, i) => ({ text: CALL, channel: 'phone', ruleset: 'us', debtorId: `call-${i % CALL_DEBTORS}`, record: true, context: { sendAt: '2026-03-10T10:00:00-04:00' } })),
    ];
    const started = performance.now();
    const replies = await pool(jobs.length, CONCURRENCY, (i) => call(server.url, 'POST', '/v1/check', jobs[i]));
    const seconds = (performance.now() - started) / 1000;
    console.log(`[load] ${jobs.length} checks with record in ${seconds.toFixed(2)} s (${Math.round(jobs.length / seconds)}/s)`);

    expect(replies.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    const recorded = replies.filter((r) => r.body.recorded === true);
    expect(recorded).toHaveLength(SMS_SENDS + CALL_DEBTORS * 7);
    expect(new Set(recorded.map((r) => r.body.contactId)).size).toBe(recorded.length);
    expect(await server.state.ledger!.count()).toBe(recorded.length);
    const metrics = (await call(server.url, 'GET', '/metrics')).body as string;
    expect(metrics).toContain(`dunlint_ledger_records_total{source="check"} ${recorded.length}`);
  } finally {
    await server.shutdown();
  }
}, 60_000);
