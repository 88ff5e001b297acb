import { Ajv } from 'ajv';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../src/ledger/ledger.js';
import { RateLimiter } from '../src/server/rate-limit.js';
import { canonicalJson } from '../src/server/ruleset-hash.js';
import { smsInfo } from '../src/server/sms.js';
import { BIN, call, ROOT, sha256, startTestServer, tempDir, writeJson, type TestServer } from './server-helpers.js';

const ZH_SMS = '【招商银行】王先生，您尾号1234的信用卡已逾期5天，应还2,356.40元，请于12月8日前还款。';
const EN_SMS = 'Acme Recovery is a debt collector. Your balance of $412.30 is due by Dec 8, 2026. Reply STOP to opt out.';
const THREAT = '再不还钱就上门，后果自负！';

const KEYS = { full: 'secret-full-0123456789', cn: 'secret-cn-0123456789', slow: 'secret-slow-0123456789' };
const auth = (secret: string) => ({ authorization: `Bearer ${secret}` });
const FULL = auth(KEYS.full);

const tmp = tempDir('dunlint-server-');
let server: TestServer;
let base: string;

beforeAll(async () => {
  const config = writeJson(join(tmp.dir, 'dunlint.config.json'), {
    rules: { 'missing-opt-out/electronic': 'warning' }, // changes us only
    server: {
      keys: [
        { id: 'full', sha256: sha256(KEYS.full) },
        { id: 'cn-only', sha256: sha256(KEYS.cn), rulesets: ['cn'] },
        { id: 'slow', sha256: sha256(KEYS.slow), rateLimit: { perMinute: 3 } },
      ],
      limits: { bodyBytes: 65_536, textLength: 2000, batchSize: 5 },
    },
  });
  server = await startTestServer({ cwd: tmp.dir, config, auth: true, ledger: `sqlite:${join(tmp.dir, 'ledger.db')}` });
  base = server.url;
});

afterAll(async () => {
  await server?.shutdown();
  tmp.cleanup();
});

const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(schema('check-response.schema.json'));
const validResponse = ajv.compile(schema('check-batch-response.schema.json'));
const validCheck = ajv.getSchema('https://dunlint.dev/schema/check-response.json')!;
const validError = ajv.compile(schema('error.schema.json'));
const validRules = ajv.compile(schema('rules-response.schema.json'));

function expectError(r: { status: number; body: unknown }, status: number, code: string) {
  expect(r.status).toBe(status);
  expect(validError(r.body), JSON.stringify(validError.errors)).toBe(true);
  expect((r.body as { error: { code: string } }).error.code).toBe(code);
}

describe('POST /v1/check', () => {
  it('answers a compliant Chinese SMS with allow, the ruleset hash and the SMS encoding', async () => {
    const r = await call(base, 'POST', '/v1/check', { text: ZH_SMS, channel: 'sms', id: 'm-1' }, FULL);
    expect(r.status).toBe(200);
    expect(validCheck(r.body), JSON.stringify(validCheck.errors)).toBe(true);
    expect(r.body).toMatchObject({ id: 'm-1', verdict: 'allow', findings: [], locale: 'zh', channel: 'sms', ruleset: 'cn', sms: { encoding: 'UCS-2', segments: 1 } });
    expect(r.body.rulesetHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.body).not.toHaveProperty('recorded');
  });

  it('answers an English SMS under us, GSM-7', async () => {
    const r = await call(base, 'POST', '/v1/check', { text: EN_SMS, channel: 'sms' }, FULL);
    expect(r.body).toMatchObject({ verdict: 'allow', locale: 'en', ruleset: 'us', sms: { encoding: 'GSM-7', segments: 1 } });
  });

  it('blocks a threat with findings pointing into the original text', async () => {
    const r = await call(base, 'POST', '/v1/check', { text: THREAT, channel: 'push' }, FULL);
    expect(r.body.verdict).toBe('block');
    expect(validCheck(r.body)).toBe(true);
    const visit = r.body.findings.find((f: { ruleId: string }) => f.ruleId === 'threat/visit');
    expect(THREAT.slice(visit.start.offset, visit.end.offset)).toBe(visit.excerpt);
    expect(r.body).not.toHaveProperty('sms');
  });

  it('says when to retry a send outside the contact hours', async () => {
    const r = await call(base, 'POST', '/v1/check', { text: ZH_SMS, channel: 'sms', context: { sendAt: '2026-03-10T22:30:00+08:00' } }, FULL);
    expect(r.body.verdict).toBe('block');
    expect(r.body.nextAllowedAt).toBe('2026-03-11T08:00:00+08:00');
  });

  it('identifies the effective rules: the config changed us, so its hash is not the built-in one', async () => {
    const rules = await call(base, 'GET', '/v1/rules', undefined, FULL);
    expect(rules.status).toBe(200);
    expect(validRules(rules.body), JSON.stringify(validRules.errors)).toBe(true);
    const us = rules.body.rulesets.find((r: { name: string }) => r.name === 'us');
    const optOut = us.rules.find((r: { category: string }) => r.category === 'missing-opt-out');
    expect(optOut.severity).toBe('warning'); // the config's override
    const check = await call(base, 'POST', '/v1/check', { text: EN_SMS, channel: 'sms' }, FULL);
    expect(check.body.rulesetHash).toBe(us.rulesetHash);
    const plain = await startTestServer({ cwd: tmp.dir, config: writeJson(join(tmp.dir, 'plain.json'), {}) });
    try {
      const other = await call(plain.url, 'POST', '/v1/check', { text: EN_SMS, channel: 'sms' });
      expect(other.body.rulesetHash).not.toBe(us.rulesetHash);
      const cnHere = rules.body.rulesets.find((r: { name: string }) => r.name === 'cn');
      expect((await call(plain.url, 'POST', '/v1/check', { text: ZH_SMS, channel: 'sms' })).body.rulesetHash).toBe(cnHere.rulesetHash);
    } finally {
      await plain.shutdown();
    }
  });
});

describe('POST /v1/check/batch', () => {
  it('answers every message in order', async () => {
    const messages = [
      { id: 1, text: ZH_SMS, channel: 'sms' },
      { id: 2, text: THREAT, channel: 'sms' },
      { id: 3, text: EN_SMS, channel: 'sms' },
    ];
    const r = await call(base, 'POST', '/v1/check/batch', { messages }, FULL);
    expect(r.status).toBe(200);
    expect(validResponse(r.body), JSON.stringify(validResponse.errors)).toBe(true);
    expect(r.body.results.map((x: { id: number; verdict: string }) => [x.id, x.verdict])).toEqual([
      [1, 'allow'],
      [2, 'block'],
      [3, 'allow'],
    ]);
  });

  it('refuses more messages than the configured batch size', async () => {
    const messages = Array.from({ length: 6 }, () => ({ text: ZH_SMS }));
    const r = await call(base, 'POST', '/v1/check/batch', { messages }, FULL);
    expectError(r, 400, 'invalid_request');
    expect(r.body.error.details).toEqual([{ pointer: '/messages', message: 'must NOT have more than 5 items' }]);
  });

  it('points at the message and field of a problem', async () => {
    const r = await call(base, 'POST', '/v1/check/batch', { messages: [{ text: ZH_SMS }, { text: 'x', context: { timezone: 'Mars/Olympus' } }] }, FULL);
    expectError(r, 400, 'invalid_request');
    expect(r.body.error.details[0].pointer).toBe('/messages/1/context/timezone');
  });
});

describe('400: every problem with its JSON pointer', () => {
  it('schema problems', async () => {
    const r = await call(base, 'POST', '/v1/check', { text: 5, channel: 'fax', context: { daysPastDue: -1, history: 'x' }, extra: true }, FULL);
    expectError(r, 400, 'invalid_request');
    const pointers = r.body.error.details.map((d: { pointer: string }) => d.pointer).sort();
    expect(pointers).toEqual(['/channel', '/context/daysPastDue', '/context/history', '/extra', '/text']);
  });

  it('a missing text, and record without debtorId and channel', async () => {
    expect((await call(base, 'POST', '/v1/check', {}, FULL)).body.error.details).toEqual([{ pointer: '/text', message: 'is required' }]);
    const r = await call(base, 'POST', '/v1/check', { text: ZH_SMS, record: true }, FULL);
    expect(r.body.error.details.map((d: { pointer: string }) => d.pointer).sort()).toEqual(['/channel', '/debtorId']);
  });

  it('text longer than the configured limit', async () => {
    const r = await call(base, 'POST', '/v1/check', { text: 'a'.repeat(2001) }, FULL);
    expect(r.body.error.details).toEqual([{ pointer: '/text', message: 'must NOT have more than 2000 characters' }]);
  });

  it('context values a schema cannot judge: zone, date', async () => {
    const r = await call(base, 'POST', '/v1/check', { text: ZH_SMS, context: { timezone: 'Mars/Olympus', history: [{ channel: 'sms', at: '2026-02-30T10:00:00Z' }] } }, FULL);
    expectError(r, 400, 'invalid_request');
    expect(r.body.error.details.map((d: { pointer: string }) => d.pointer)).toEqual(['/context/timezone', '/context/history/0/at']);
  });

  it('an unknown ruleset', async () => {
    const r = await call(base, 'POST', '/v1/check', { text: ZH_SMS, ruleset: '../../etc' }, FULL);
    expectError(r, 400, 'invalid_request');
    expect(r.body.error.details[0].pointer).toBe('/ruleset');
  });

  it('a body that is not JSON, or not an object', async () => {
    expectError(await call(base, 'POST', '/v1/check', '{"text": "abc', FULL), 400, 'invalid_request');
    expectError(await call(base, 'POST', '/v1/check', '[1,2]', FULL), 400, 'invalid_request');
    expectError(await call(base, 'POST', '/v1/check', '{"__proto__": {"x": 1}, "text": "a"}', FULL), 400, 'invalid_request');
  });
});

describe('other statuses', () => {
  it('401 without a key or with an unknown one', async () => {
    const none = await call(base, 'POST', '/v1/check', { text: ZH_SMS });
    expectError(none, 401, 'unauthorized');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expectError(await call(base, 'POST', '/v1/check', { text: ZH_SMS }, auth('nope')), 401, 'unauthorized');
    expectError(await call(base, 'GET', '/v1/rules', undefined, { authorization: 'Basic eDp5' }), 401, 'unauthorized');
  });

  it('403 for a ruleset the key may not use, asked for or detected', async () => {
    const cn = auth(KEYS.cn);
    expect((await call(base, 'POST', '/v1/check', { text: ZH_SMS }, cn)).status).toBe(200);
    expectError(await call(base, 'POST', '/v1/check', { text: ZH_SMS, ruleset: 'us' }, cn), 403, 'forbidden');
    expectError(await call(base, 'POST', '/v1/check', { text: EN_SMS }, cn), 403, 'forbidden');
    expectError(await call(base, 'POST', '/v1/check/batch', { messages: [{ text: ZH_SMS }, { text: EN_SMS }] }, cn), 403, 'forbidden');
    const rules = await call(base, 'GET', '/v1/rules', undefined, cn);
    expect(rules.body.rulesets.map((r: { name: string }) => r.name)).toEqual(['cn']);
    expectError(await call(base, 'GET', '/v1/rules?ruleset=us', undefined, cn), 403, 'forbidden');
  });

  it('404 for unknown routes and rulesets', async () => {
    expectError(await call(base, 'GET', '/v2/nothing'), 404, 'not_found');
    expectError(await call(base, 'GET', '/v1/check'), 404, 'not_found');
    expectError(await call(base, 'GET', '/v1/rules?ruleset=fr', undefined, FULL), 404, 'not_found');
  });

  it('413 for a body over the limit', async () => {
    const r = await call(base, 'POST', '/v1/check', { text: '催'.repeat(30_000) }, FULL);
    expectError(r, 413, 'payload_too_large');
  });

  it('415 for a body that is not JSON', async () => {
    const r = await call(base, 'POST', '/v1/check', 'text=hello', { ...FULL, 'content-type': 'application/x-www-form-urlencoded' });
    expectError(r, 415, 'unsupported_media_type');
  });

  it('429 past a key rate limit, with Retry-After; a batch costs its size', async () => {
    const slow = auth(KEYS.slow);
    expect((await call(base, 'POST', '/v1/check/batch', { messages: [{ text: ZH_SMS }, { text: ZH_SMS }] }, slow)).status).toBe(200);
    expect((await call(base, 'POST', '/v1/check', { text: ZH_SMS }, slow)).status).toBe(200);
    const limited = await call(base, 'POST', '/v1/check', { text: ZH_SMS }, slow);
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await call(base, 'POST', '/v1/check', { text: ZH_SMS }, FULL)).status).toBe(200); // other keys unaffected
  });

  it('500 in the same shape, without the failure message in the log', async () => {
    const real = server.state.ledger!;
    const broken = { ...real, kind: 'sqlite', history: async () => { throw new Error('disk on fire near 13800138000'); } } as unknown as Ledger;
    server.state.ledger = broken;
    try {
      const r = await call(base, 'POST', '/v1/check', { text: ZH_SMS, channel: 'sms', debtorId: 'd-500' }, FULL);
      expectError(r, 500, 'internal');
      expect(JSON.stringify(r.body)).not.toContain('13800138000');
    } finally {
      server.state.ledger = real;
    }
    const line = server.logs.find((l) => l.includes('internal error'));
    expect(line).toBeDefined();
    expect(line).not.toContain('13800138000');
    expect(line).toContain('history'); // the stack says where
  });
});

describe('health, metrics, OpenAPI', () => {
  it('/healthz and /readyz', async () => {
    expect((await call(base, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await call(base, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', ledger: 'sqlite', generation: 1 });
    expect(ready.body.rulesets.map((r: { name: string }) => r.name).sort()).toEqual(['cn', 'us']);
  });

  it('/metrics: requests, latency histogram, verdicts and categories, no message text', async () => {
    await call(base, 'POST', '/v1/check', { text: THREAT, channel: 'sms' }, FULL);
    const r = await call(base, 'GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    const text = r.body as string;
    expect(text).toMatch(/dunlint_http_requests_total\{method="POST",route="\/v1\/check",status="200"\} \d+/);
    expect(text).toMatch(/dunlint_http_requests_total\{method="POST",route="\/v1\/check",status="401"\} \d+/);
    expect(text).toMatch(/dunlint_http_request_duration_seconds_bucket\{route="\/v1\/check",le="\+Inf"\} \d+/);
    expect(text).toMatch(/dunlint_checks_total\{verdict="block",ruleset="cn"\} \d+/);
    expect(text).toMatch(/dunlint_findings_total\{category="threat",severity="error"\} \d+/);
    expect(text).not.toContain('后果自负');
    expect(text).not.toContain('/v2/nothing');
  });

  it('/openapi.json is built from the request schemas, with this server\'s limits', async () => {
    const r = await call(base, 'GET', '/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths).sort()).toEqual(['/healthz', '/metrics', '/openapi.json', '/readyz', '/v1/check', '/v1/check/batch', '/v1/contacts', '/v1/rules']);
    const s = r.body.components.schemas;
    expect(s.CheckRequest.properties.text.maxLength).toBe(2000);
    expect(s.CheckBatchRequest.properties.messages.maxItems).toBe(5);
    expect(s.CheckRequest.properties.context.$ref).toBe('#/components/schemas/Context');
    // Every $ref resolves inside the document.
    const refs = [...JSON.stringify(r.body).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(s).toHaveProperty([ref]);
  });
});

describe('logs', () => {
  it('never contain message text, names, phone numbers, ID numbers or debtor ids', async () => {
    const secrets = ['王小明', '13912345678', '110101199003077578', 'john.doe@example.com', 'Jonathan Doe', 'DEBTOR-778899'];
    const text = `【招商银行】王小明您好，手机13912345678，身份证110101199003077578，应还2,356.40元，请于12月8日前还款。`;
    await call(base, 'POST', '/v1/check', { text, channel: 'sms', debtorId: 'DEBTOR-778899' }, FULL);
    await call(base, 'POST', '/v1/check', { text: 'Jonathan Doe, john.doe@example.com: pay now or we will sue you.', channel: 'email' }, FULL);
    await call(base, 'POST', '/v1/check/batch', { messages: [{ text }, { text, context: { timezone: 'Nowhere/王小明' } }] }, FULL);
    await call(base, 'POST', '/v1/check', `{"text": "${text}`, FULL); // a JSON syntax error quotes the body
    await call(base, 'POST', '/v1/contacts', { debtorId: 'DEBTOR-778899', channel: 'phone', conversation: true }, FULL);
    await call(base, 'POST', '/v1/check', { text, extra: '13912345678' }, auth('13912345678'));
    await call(base, 'GET', '/v1/rules?name=%E7%8E%8B%E5%B0%8F%E6%98%8E&phone=13912345678', undefined, FULL);
    await call(base, 'GET', '/13912345678', undefined, FULL);
    const log = server.logs.join('');
    expect(server.logs.length).toBeGreaterThan(8);
    for (const s of secrets) expect(log).not.toContain(s);
    expect(log).not.toContain('%E7%8E%8B');
    expect(log).not.toContain(KEYS.full);
    // What is logged: route, status, verdicts, rule ids, key id.
    const lines = server.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
    expect(lines.some((l) => l.route === '/v1/check' && l.key === 'full' && typeof l.verdicts === 'object' && Array.isArray(l.rules))).toBe(true);
  });
});

describe('SMS segments', () => {
  it('GSM-7: 160 in one, then 153 a part; extension characters count two', () => {
    expect(smsInfo('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1 });
    expect(smsInfo('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2 });
    expect(smsInfo('a'.repeat(306))).toEqual({ encoding: 'GSM-7', segments: 2 });
    expect(smsInfo('a'.repeat(307))).toEqual({ encoding: 'GSM-7', segments: 3 });
    expect(smsInfo('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1 });
    expect(smsInfo('€'.repeat(81))).toEqual({ encoding: 'GSM-7', segments: 2 });
    // An escape pair is never split: 152 septets, then '{' (2) goes to the next part.
    expect(smsInfo(`${'a'.repeat(152)}{${'a'.repeat(152)}`)).toEqual({ encoding: 'GSM-7', segments: 3 });
    expect(smsInfo('Ünïcödé? no: ï is not GSM')).toEqual({ encoding: 'UCS-2', segments: 1 });
    expect(smsInfo('')).toEqual({ encoding: 'GSM-7', segments: 1 });
  });

  it('UCS-2: 70 in one, then 67 a part, counting UTF-16 units without splitting a surrogate pair', () => {
    expect(smsInfo('催'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1 });
    expect(smsInfo('催'.repeat(71))).toEqual({ encoding: 'UCS-2', segments: 2 });
    expect(smsInfo('催'.repeat(134))).toEqual({ encoding: 'UCS-2', segments: 2 });
    expect(smsInfo('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', segments: 1 }); // 70 units
    // 66 units then an emoji (2): it does not fit the 67-unit part, so a third part starts.
    expect(smsInfo(`${'催'.repeat(66)}😀${'催'.repeat(66)}`)).toEqual({ encoding: 'UCS-2', segments: 3 });
  });
});

describe('pieces', () => {
  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('token bucket: burst, refill, a cost above the bucket counts as the whole bucket', () => {
    let t = 0;
    const rl = new RateLimiter(() => t);
    const limit = { perMinute: 60 };
    for (let i = 0; i < 60; i++) expect(rl.take('k', limit)).toBe(0);
    expect(rl.take('k', limit)).toBe(1);
    t += 1000;
    expect(rl.take('k', limit)).toBe(0);
    expect(rl.take('k', limit)).toBeGreaterThan(0);
    t += 60_000;
    expect(rl.take('k', limit, 500)).toBe(0);
    expect(rl.take('other', { perMinute: 1, burst: 2 }, 2)).toBe(0);
  });
});

describe('refusing to start', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { cwd: tmp.dir, env: { ...process.env, DUNLINT_API_KEYS: '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
  const bare = () => join(tmp.dir, 'bare');

  it('--no-auth on any address but 127.0.0.1, and auth without keys: exit 2 with the reason', async () => {
    mkdirSync(bare(), { recursive: true });
    const cfg = writeJson(join(bare(), 'dunlint.config.json'), {});
    const open = await run(['--no-auth', '--host', '0.0.0.0', '--config', cfg]);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('--no-auth only binds 127.0.0.1 (asked for 0.0.0.0)');
    const keyless = await run(['--config', cfg]);
    expect(keyless.code).toBe(2);
    expect(keyless.stderr).toContain('no API keys');
    const badEnv = await run(['--config', cfg], { DUNLINT_API_KEYS: 'no-secret-here' });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toContain('DUNLINT_API_KEYS entry 1 must be id:secret');
  }, 30_000);

  it('a bad server section names the file and the pointer', async () => {
    const cfg = writeJson(join(tmp.dir, 'bad-server.json'), { server: { limits: { batchSize: 0 } } });
    await expect(startTestServer({ cwd: tmp.dir, config: cfg })).rejects.toThrow(/bad-server\.json: \/server\/limits\/batchSize: must be >= 1/);
  });
});

describe('readiness', () => {
  it('/readyz is 503 when the ledger does not answer', async () => {
    const real = server.state.ledger!;
    server.state.ledger = { kind: 'sqlite', ping: async () => { throw new Error('gone'); } } as unknown as Ledger;
    try {
      expectError(await call(base, 'GET', '/readyz'), 503, 'not_ready');
    } finally {
      server.state.ledger = real;
    }
  });
});
