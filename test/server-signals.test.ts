import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, pool, sha256, spawnServe, tempDir, type Child, type Reply } from './server-helpers.js';

// These tests run the built CLI (test/global-setup.ts builds dist when stale) and send it real signals.

const ZH_SMS = '【招商银行】王先生，您尾号1234的信用卡已逾期5天，应还2,356.40元，请于12月8日前还款。';
const LETTER = `${'招商银行提醒：您的信用卡账单已逾期12天，应还金额1,280.00元，请于12月8日前还款，如已还款请忽略。'.repeat(120)}`.slice(0, 6000);

const tmp = tempDir('dunlint-signals-');
const children: Child[] = [];
afterAll(() => {
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  tmp.cleanup();
});

describe('one process', () => {
  const dir = join(tmp.dir, 'single');
  const configFile = join(dir, 'dunlint.config.json');
  const A = { authorization: 'Bearer key-a-secret-0001' };
  const B = { authorization: 'Bearer key-b-secret-0002' };
  let child: Child;
  let base: string;

  it('starts', async () => {
    writeFileSync(join(tmp.dir, '.keep'), '');
    await import('node:fs').then((fs) => fs.mkdirSync(dir, { recursive: true }));
    writeFileSync(configFile, JSON.stringify({ server: { keys: [{ id: 'a', sha256: sha256('key-a-secret-0001') }] } }));
    // Debug level: the drain test waits for 'batch started'. Large bodies: batches that take a while.
    child = await spawnServe(['--workers', '1', '--config', configFile, '--log-level', 'debug', '--max-text-length', '6000', '--body-limit', '4000000'], { cwd: dir });
    children.push(child);
    base = `http://127.0.0.1:${child.port}`;
    expect((await call(base, 'POST', '/v1/check', { text: ZH_SMS }, A)).status).toBe(200);
    expect((await call(base, 'POST', '/v1/check', { text: ZH_SMS }, B)).status).toBe(401);
  }, 30_000);

  it('SIGHUP reloads keys and rules without failing a request', async () => {
    const before = await call(base, 'POST', '/v1/check', { text: ZH_SMS, channel: 'sms' }, A);
    let running = true;
    const replies: Reply[] = [];
    // Traffic throughout the reload.
    const traffic = pool(4, 4, async () => {
      while (running) replies.push(await call(base, 'POST', '/v1/check', { text: ZH_SMS, channel: 'sms' }, A));
    });
    await new Promise((r) => setTimeout(r, 200));
    writeFileSync(
      configFile,
      JSON.stringify({
        rules: { 'missing-identity': 'warning' },
        server: { keys: [{ id: 'a', sha256: sha256('key-a-secret-0001') }, { id: 'b', sha256: sha256('key-b-secret-0002') }] },
      }),
    );
    child.proc.kill('SIGHUP');
    await child.waitFor((l) => l.msg === 'configuration reloaded');
    await new Promise((r) => setTimeout(r, 200));
    running = false;
    await traffic;
    expect(replies.length).toBeGreaterThan(20);
    expect(replies.filter((r) => r.status !== 200)).toEqual([]);
    const hashes = new Set(replies.map((r) => r.body.rulesetHash));
    expect(hashes.size).toBe(2); // old rules, then new: never a mix within one answer

    const after = await call(base, 'POST', '/v1/check', { text: ZH_SMS, channel: 'sms' }, B);
    expect(after.status).toBe(200);
    expect(after.body.rulesetHash).not.toBe(before.body.rulesetHash);
    expect((await call(base, 'GET', '/readyz')).body.generation).toBe(2);
  }, 30_000);

  it('a broken config on SIGHUP keeps the running one', async () => {
    writeFileSync(configFile, JSON.stringify({ rules: { 'missing-identity': 'sometimes' } }));
    child.proc.kill('SIGHUP');
    const failed = await child.waitFor((l) => l.msg === 'reload failed; keeping the running configuration');
    expect(String(failed.error)).toContain('/rules/missing-identity');
    expect((await call(base, 'POST', '/v1/check', { text: ZH_SMS }, B)).status).toBe(200);
    expect((await call(base, 'GET', '/readyz')).body.generation).toBe(2);
  }, 30_000);

  it('SIGTERM drains requests in flight, refuses new ones and exits 0', async () => {
    const messages = Array.from({ length: 100 }, (_, i) => ({ id: i, text: LETTER, channel: 'letter' }));
    const started = performance.now();
    const batches = [1, 2, 3].map(() => call(base, 'POST', '/v1/check/batch', { messages }, A));
    // All three handlers running (each takes far longer than a signal to arrive).
    const startedBefore = child.lines.filter((l) => l.msg === 'batch started').length;
    for (let i = 0; i < 600 && child.lines.filter((l) => l.msg === 'batch started').length < startedBefore + 3; i++) await new Promise((r) => setTimeout(r, 10));
    expect(child.lines.filter((l) => l.msg === 'batch started').length).toBe(startedBefore + 3);
    child.proc.kill('SIGTERM');
    await child.waitFor((l) => l.msg === 'shutting down: draining in-flight requests');
    const late = await call(base, 'GET', '/readyz').catch((e: Error) => e);
    const done = await Promise.all(batches);
    for (const b of done) {
      expect(b.status).toBe(200);
      expect(b.body.results).toHaveLength(100);
      expect(b.body.results[99].id).toBe(99);
    }
    // A request after the signal is refused: no connection, or the API's 503.
    if (late instanceof Error) expect(String((late as Error & { cause?: { code?: string } }).cause?.code ?? late.message)).toMatch(/ECONNREFUSED|ECONNRESET|other side closed|fetch failed/);
    else expect(late.status).toBe(503);
    expect(await child.exited).toBe(0);
    await new Promise((r) => setTimeout(r, 50)); // the last lines of the pipe
    expect(child.lines.at(-1)!.msg).toBe('stopped');
    // Drained: the batches were answered after the signal, not before it.
    const stop = child.lines.find((l) => l.msg === 'shutting down: draining in-flight requests')!.time as number;
    const answered = child.lines.filter((l) => l.msg === 'request' && l.route === '/v1/check/batch').map((l) => l.time as number);
    expect(answered).toHaveLength(3);
    expect(Math.min(...answered)).toBeGreaterThanOrEqual(stop);
    expect(performance.now() - started).toBeGreaterThan(100);
  }, 30_000);
});

describe('cluster (--workers 2)', () => {
  it('shares the port, adds up metrics, forwards SIGHUP and SIGTERM', async () => {
    const dir = join(tmp.dir, 'cluster');
    await import('node:fs').then((fs) => fs.mkdirSync(dir, { recursive: true }));
    const child = await spawnServe(['--workers', '2', '--no-auth'], { cwd: dir, cluster: true });
    children.push(child);
    const base = `http://127.0.0.1:${child.port}`;
    const workerPids = () => new Set(child.lines.filter((l) => l.msg === 'dunlint serve listening' && l.role === undefined).map((l) => l.pid));
    for (let i = 0; i < 50 && workerPids().size < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(workerPids().size).toBe(2);
    // Fresh connections each time, so both workers get some.
    const replies = await pool(20, 4, () => call(base, 'POST', '/v1/check', { text: ZH_SMS, channel: 'sms' }, { connection: 'close' }));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const metrics = (await call(base, 'GET', '/metrics', undefined, { connection: 'close' })).body as string;
    const m = /dunlint_http_requests_total\{method="POST",route="\/v1\/check",status="200"\} (\d+)/.exec(metrics);
    expect(Number(m?.[1])).toBe(20);

    child.proc.kill('SIGHUP');
    await child.waitFor((l) => l.msg === 'worker reloaded' && l.ok === true);
    await new Promise((r) => setTimeout(r, 300));
    expect(child.lines.filter((l) => l.msg === 'worker reloaded' && l.ok === true)).toHaveLength(2);

    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(child.lines.filter((l) => l.msg === 'stopped')).toHaveLength(3);
  }, 60_000);
});
