/** Shared by the server and ledger tests: temp folders, in-process servers, spawned CLI servers, PostgreSQL probing. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startServer, type ServerHandle, type StartOptions } from '../src/server/server.js';
import type { ServeOptions } from '../src/server/settings.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'dist', 'src', 'cli', 'bin.js');

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeJson(file: string, value: unknown): string {
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

export interface TestServer extends ServerHandle {
  logs: string[];
}

/** An in-process server on an ephemeral loopback port, its log lines captured. */
export async function startTestServer(opts: Partial<ServeOptions> & { cwd: string }, extra: StartOptions = {}): Promise<TestServer> {
  const logs: string[] = [];
  const server = await startServer(
    { env: {}, auth: false, port: 0, host: '127.0.0.1', workers: 1, ledger: 'off', ...opts },
    { logStream: { write: (l) => void logs.push(l) }, ...extra },
  );
  return Object.assign(server, { logs });
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export interface Child {
  proc: ChildProcess;
  port: number;
  /** Every JSON log line so far. */
  lines: Record<string, unknown>[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves with the first log line that matches. */
  waitFor(pred: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  stdout: string[];
}

/** `node dist/src/cli/bin.js serve …` as a child process; resolves once it logs that it is listening. */
export async function spawnServe(args: string[], opts: { cwd: string; env?: Record<string, string>; cluster?: boolean }): Promise<Child> {
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const stdout: string[] = [];
  const waiters: { pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
  let buf = '';
  let stderr = '';
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const raw = buf.slice(0, i);
      buf = buf.slice(i + 1);
      stdout.push(raw);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        continue;
      }
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pred(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  proc.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const waitFor = (pred: (l: Record<string, unknown>) => boolean, timeoutMs = 45_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const hit = lines.find(pred);
      if (hit) return resolve(hit);
      const timer = setTimeout(() => reject(new Error(`timed out waiting for a log line; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
      waiters.push({ pred, resolve: (l) => (clearTimeout(timer), resolve(l)) });
      void exited.then((code) => reject(new Error(`server exited (${code}) before the expected log line; stderr: ${stderr.slice(-2000)}`)));
    });
  // A cluster is listening once its primary says so (after every worker).
  let listening: Record<string, unknown>;
  try {
    listening = await waitFor((l) => l.msg === 'dunlint serve listening' && (!opts.cluster || l.role === 'primary'));
  } catch (e) {
    proc.kill('SIGKILL'); // never leave a server behind
    throw e;
  }
  return { proc, port: listening.port as number, lines, exited, waitFor, stdout };
}

/** A PostgreSQL URL that answers, or the reason there is none (tests skip with it). */
export async function probePostgres(): Promise<{ url: string | null; reason: string }> {
  const candidates = process.env.DUNLINT_TEST_POSTGRES
    ? [process.env.DUNLINT_TEST_POSTGRES]
    : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];
  const errors: string[] = [];
  for (const url of candidates) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return { url, reason: '' };
    } catch (e) {
      errors.push(`${url}: ${(e as Error).message}`);
      await client.end().catch(() => {});
    }
  }
  return { url: null, reason: `PostgreSQL not reachable (${errors.join('; ')})` };
}

/** A PostgreSQL ledger URL in a schema of its own, and a function that drops it. */
export function pgSchemaUrl(base: string, tag: string): { url: string; drop: () => Promise<void> } {
  const schema = `dunlint_test_${tag}_${process.pid}_${Date.now().toString(36)}`;
  const u = new URL(base);
  u.searchParams.set('schema', schema);
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

/** Run `count` tasks with at most `concurrency` at a time. */
export async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}
