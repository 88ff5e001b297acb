/**
 * dunlint serve benchmark: `npm run build && npm run bench:server`.
 *
 * Starts the built server (no auth; one worker per core) as a child process,
 * once without a ledger and once with the default SQLite ledger recording
 * every send, and drives it with autocannon from this process: requests per
 * second and p50/p99 latency for one Chinese and one English SMS check at
 * concurrency 1 and 64. Beside them, the same lints in-process in one thread,
 * so the difference is the cost of HTTP. Prints the targets with OK/MISSED.
 * Bounded: about a minute (`--quick`: about half).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter, type Message } from '../src/index.js';

const QUICK = process.argv.includes('--quick');
const RUN_S = QUICK ? 2 : 4;
const WARM_S = 1;
/** Rounds of the target rows, interleaved with the floor; the median is reported (this VM's speed drifts by ±20% run to run). */
const ROUNDS = QUICK ? 1 : 3;
const BIN = fileURLToPath(new URL('../src/cli/bin.js', import.meta.url));
const FLOOR = fileURLToPath(new URL('./http-floor.js', import.meta.url));

const MESSAGES: Record<'zh' | 'en', Message> = {
  zh: { text: '【招商银行】王先生，您尾号1234的信用卡已逾期5天，应还2,356.40元，请于12月8日前还款。', channel: 'sms' },
  en: { text: 'Acme Recovery is a debt collector. Your balance of $412.30 is due by Dec 8, 2026. Reply STOP to opt out.', channel: 'sms' },
};

// ── autocannon (no bundled types: the few fields used here) ──
interface Histogram {
  average: number;
  p50: number;
  p99: number;
  total?: number;
}
interface AcResult {
  requests: Histogram;
  latency: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface AcRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AcRequest) => AcRequest;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; pipelining?: number; requests: AcRequest[] }) => Promise<AcResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Row {
  server: string;
  lang: 'zh' | 'en';
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time per request: the server's processes, and this one (the load generator). */
  serverCpuUs: number | null;
  clientCpuUs: number;
  /** Throughput of each round, ascending (one entry for rows measured once). */
  runs: number[];
}

/** CPU milliseconds used so far by a process and its children (Linux /proc; null elsewhere). */
function treeCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    let ms = (Number(stat[11]) + Number(stat[12])) * 10; // utime + stime, in 1/100 s
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const c of children ? children.split(/\s+/) : []) ms += treeCpuMs(Number(c)) ?? 0;
    return ms;
  } catch {
    return null;
  }
}

// ── in-process: the same lints, one thread ──
function inProcess(lang: 'zh' | 'en'): { rps: number; p50: number; p99: number } {
  const linter = createLinter();
  linter.warm();
  const msg = MESSAGES[lang];
  for (let i = 0; i < 2000; i++) linter.lint(msg);
  const times: number[] = [];
  const end = performance.now() + RUN_S * 1000;
  const start = performance.now();
  while (performance.now() < end) {
    const t = performance.now();
    linter.lint(msg);
    times.push(performance.now() - t);
  }
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return { rps: times.length / elapsed, p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]! };
}

// ── the server (and the floor) as child processes ──
type Proc = { url: string; proc: ChildProcess };

/** Spawns a node script and resolves with its port once `portOf` finds it in a stdout line. */
async function spawnListening(args: string[], cwd: string, portOf: (line: string) => number | null): Promise<Proc> {
  const proc = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      for (const line of buf.split('\n')) {
        const port = line.trim() ? portOf(line) : null;
        if (port === null) continue;
        proc.stdout!.off('data', onData);
        proc.stdout!.resume(); // keep draining the request log
        return resolve(port);
      }
      buf = buf.slice(buf.lastIndexOf('\n') + 1);
    };
    proc.stdout!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, proc };
}

function startServer(ledger: string, cwd: string, config: string | null): Promise<Proc> {
  const args = [BIN, 'serve', '--no-auth', '--port', '0', '--ledger', ledger, ...(config ? ['--config', config] : [])];
  return spawnListening(args, cwd, (line) => {
    if (!line.includes('"dunlint serve listening"')) return null;
    const l = JSON.parse(line) as { role?: string; port: number; workers?: number };
    return l.role === 'primary' || l.workers === undefined ? l.port : null;
  });
}

function startFloor(cwd: string): Promise<Proc> {
  return spawnListening([FLOOR], cwd, (line) => (line.startsWith('{"port"') ? (JSON.parse(line) as { port: number }).port : null));
}

async function stopServer(proc: ChildProcess): Promise<void> {
  const exited = new Promise((r) => proc.on('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

/** A send time inside the contact hours of each language's ruleset, so every recorded check is allowed and written. */
const SEND_AT = { zh: '2026-03-10T10:00:00+08:00', en: '2026-03-10T10:00:00-04:00' };

async function drive(url: string, lang: 'zh' | 'en', connections: number, withLedger: boolean, seconds: number): Promise<AcResult> {
  const base = { ...MESSAGES[lang], context: { sendAt: SEND_AT[lang] } };
  let n = 0;
  const request: AcRequest = withLedger
    ? // Every request records a send for one of 10 000 debtors.
      { method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: JSON.stringify({ ...base, debtorId: `d${n++ % 10_000}`, record: true }) }) }
    : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(MESSAGES[lang]) };
  return autocannon({ url: `${url}/v1/check`, connections, duration: seconds, requests: [request] });
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

const FLOOR_LABEL = 'floor: bare node:http, no lint';

/** One measured run: the load generator's figures and the CPU both sides spent per request. */
async function measure(target: Proc, lang: 'zh' | 'en', connections: number, withLedger: boolean): Promise<Omit<Row, 'server' | 'lang' | 'connections' | 'runs'>> {
  const s0 = treeCpuMs(target.proc.pid!);
  const c0 = process.cpuUsage();
  const r = await drive(target.url, lang, connections, withLedger, RUN_S);
  const c1 = process.cpuUsage(c0);
  const s1 = treeCpuMs(target.proc.pid!);
  const total = r.requests.total ?? r.requests.average * r.duration;
  return {
    rps: total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    serverCpuUs: s0 === null || s1 === null ? null : ((s1 - s0) * 1000) / total,
    clientCpuUs: (c1.user + c1.system) / total,
  };
}

/** The median run by throughput stands for the row; the spread of throughput is kept beside it. */
function medianRow(label: string, lang: 'zh' | 'en', connections: number, runs: Awaited<ReturnType<typeof measure>>[]): Row {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  const mid = sorted[Math.floor(sorted.length / 2)]!;
  return { server: label, lang, connections, ...mid, errors: runs.reduce((n, r) => n + r.errors, 0), runs: sorted.map((r) => r.rps) };
}

async function main(): Promise<void> {
  const cores = availableParallelism();
  console.log(`dunlint serve benchmark — ${cpus()[0]?.model ?? 'cpu'} ×${cores}, Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`server: ${cores} worker(s), no auth, request log at info; autocannon in this process; ${RUN_S} s per run; target rows: median of ${ROUNDS} round(s)\n`);

  const base: Record<'zh' | 'en', { rps: number; p50: number; p99: number }> = { zh: inProcess('zh'), en: inProcess('en') };
  console.log('in-process, one thread (linter.lint):');
  for (const lang of ['zh', 'en'] as const) console.log(`  ${lang} sms   ${fmt(base[lang].rps).padStart(8)} msg/s   p50 ${fmt(base[lang].p50 * 1000)} µs   p99 ${fmt(base[lang].p99 * 1000)} µs`);

  const rows: Row[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'dunlint-bench-'));
  try {
    // The target rows: the server without a ledger and the floor, up together, measured in alternation.
    const server = await startServer('off', tmp, null);
    const floor = await startFloor(tmp).catch(async (e) => {
      await stopServer(server.proc);
      throw e;
    });
    try {
      for (const lang of ['zh', 'en'] as const) {
        await drive(server.url, lang, 64, false, WARM_S); // JIT warm-up, not measured
        await drive(floor.url, lang, 64, false, WARM_S);
      }
      const runs = new Map<string, Awaited<ReturnType<typeof measure>>[]>();
      const add = (key: string, r: Awaited<ReturnType<typeof measure>>) => runs.set(key, [...(runs.get(key) ?? []), r]);
      for (let round = 0; round < ROUNDS; round++) {
        for (const lang of ['zh', 'en'] as const) {
          if (round === 0) add(`no ledger|${lang}|1`, await measure(server, lang, 1, false));
          add(`no ledger|${lang}|64`, await measure(server, lang, 64, false));
          add(`${FLOOR_LABEL}|${lang}|64`, await measure(floor, lang, 64, false));
        }
      }
      for (const [key, rs] of runs) {
        const [label, lang, conns] = key.split('|') as [string, 'zh' | 'en', string];
        rows.push(medianRow(label, lang, Number(conns), rs));
      }
    } finally {
      await Promise.all([stopServer(server.proc), stopServer(floor.proc)]);
    }

    const normal = join(tmp, 'normal.json');
    writeFileSync(normal, JSON.stringify({ server: { ledger: { synchronous: 'normal' } } }));
    const ledgers = [
      { label: 'sqlite ledger, record: true', ledger: `sqlite:${join(tmp, 'ledger.db')}`, config: null, conns: [1, 64] },
      { label: '  … synchronous: normal', ledger: `sqlite:${join(tmp, 'ledger-normal.db')}`, config: normal, conns: [64] },
    ];
    for (const { label, ledger, config, conns } of ledgers) {
      const server = await startServer(ledger, tmp, config);
      try {
        // Every measured request must really be an allowed, recorded send.
        for (const lang of ['zh', 'en'] as const) {
          const res = await fetch(`${server.url}/v1/check`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ...MESSAGES[lang], context: { sendAt: SEND_AT[lang] }, debtorId: 'probe', record: true }),
          });
          const body = (await res.json()) as { recorded?: boolean };
          if (body.recorded !== true) throw new Error(`bench setup: a ${lang} check was not recorded: ${JSON.stringify(body)}`);
        }
        await drive(server.url, 'zh', 64, true, WARM_S);
        await drive(server.url, 'en', 64, true, WARM_S);
        for (const lang of ['zh', 'en'] as const) {
          for (const connections of conns) rows.push(medianRow(label, lang, connections, [await measure(server, lang, connections, true)]));
        }
      } finally {
        await stopServer(server.proc);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  console.log('\nHTTP (POST /v1/check, autocannon):');
  console.log(`  ${'server'.padEnd(30)} lang  conns      req/s  (range of rounds)   p50 ms   p99 ms  errors  vs in-process  CPU µs/req server, client`);
  for (const r of rows) {
    const range = r.runs.length > 1 ? `${fmt(r.runs[0]!)}–${fmt(r.runs[r.runs.length - 1]!)}` : '';
    console.log(
      `  ${r.server.padEnd(30)} ${r.lang.padEnd(4)} ${String(r.connections).padStart(6)} ${fmt(r.rps).padStart(10)}  ${range.padEnd(17)} ${fmt(r.p50, 1).padStart(8)} ${fmt(r.p99, 1).padStart(8)} ${String(r.errors).padStart(7)}  ${`${fmt((r.rps / base[r.lang].rps) * 100)}%`.padStart(13)}  ${r.serverCpuUs === null ? '?' : fmt(r.serverCpuUs)}, ${fmt(r.clientCpuUs)}`,
    );
  }
  // What the cores allow: the server's and the load generator's CPU per request share the same cores.
  const target = (lang: 'zh' | 'en') => rows.find((x) => x.server === 'no ledger' && x.lang === lang && x.connections === 64)!;
  for (const lang of ['zh', 'en'] as const) {
    const r = target(lang);
    const f = rows.find((x) => x.server === FLOOR_LABEL && x.lang === lang)!;
    console.log(
      `  ${lang}: the floor answers ${fmt(f.rps)} req/s (p99 ${fmt(f.p99, 1)} ms) with ${fmt(f.serverCpuUs ?? 0)} µs of server CPU per request; the server reaches ${fmt((r.rps / f.rps) * 100)}% of it, spending ${r.serverCpuUs === null ? '?' : fmt(r.serverCpuUs)} µs of which the lint is ${fmt(1e6 / base[lang].rps)} µs in a tight loop`,
    );
    if (r.serverCpuUs === null) continue;
    const ceiling = (cores * 1e6) / (r.serverCpuUs + r.clientCpuUs);
    console.log(
      `      with the client's ${fmt(r.clientCpuUs)} µs on the same ${cores} cores: at most ~${fmt(ceiling)} req/s (${fmt((ceiling / base[lang].rps) * 100)}% of in-process); 70% would need ≤ ${fmt((cores * 1e6) / (0.7 * base[lang].rps) - r.clientCpuUs)} µs of server CPU per request`,
    );
  }

  console.log('\ntargets (no ledger, concurrency 64):');
  let allOk = true;
  for (const lang of ['zh', 'en'] as const) {
    const r = target(lang);
    const checks: [string, boolean][] = [
      [`${lang}: p99 < 10 ms (${fmt(r.p99, 1)} ms)`, r.p99 < 10],
      [`${lang}: throughput ≥ 70% of in-process (${fmt((r.rps / base[lang].rps) * 100)}%: ${fmt(r.rps)} vs ${fmt(base[lang].rps)}/s)`, r.rps >= 0.7 * base[lang].rps],
      [`${lang}: no errors (${r.errors})`, r.errors === 0],
    ];
    for (const [what, ok] of checks) {
      allOk &&= ok;
      console.log(`  ${ok ? 'OK    ' : 'MISSED'} ${what}`);
    }
  }
  const ledgerErrors = rows.filter((r) => r.server.includes('ledger') && r.server !== 'no ledger').reduce((n, r) => n + r.errors, 0);
  console.log(`  ${ledgerErrors === 0 ? 'OK    ' : 'MISSED'} with the ledger: no errors (${ledgerErrors})`);
  console.log(`\n${allOk && ledgerErrors === 0 ? 'all targets met' : 'some targets missed'} (figures depend on the machine and on what else it runs: see the load average above)`);
}

await main();
