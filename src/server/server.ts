import type { FastifyInstance } from 'fastify';
import { newPepper } from '../ledger/debtor-key.js';
import type { Ledger } from '../ledger/ledger.js';
import { openLedger, redact } from '../ledger/open.js';
import { buildApp, type ServerState } from './app.js';
import { BatchedStdout } from './log-stream.js';
import { ServeError } from './errors.js';
import { Metrics, type MetricsSnapshot } from './metrics.js';
import { RateLimiter } from './rate-limit.js';
import { buildRuntime, type Runtime } from './runtime.js';
import { LOOPBACK, type ServeOptions, type ServerSettings } from './settings.js';

const DAY = 86_400_000;

export { ServeError };

export interface ServerHandle {
  app: FastifyInstance;
  state: ServerState;
  port: number;
  url: string;
  /** Build the configuration anew and swap it in; in-flight requests finish on the old one. Resolves false (old one kept) on error. */
  reload(): Promise<boolean>;
  /** Stop accepting, finish in-flight requests, close the ledger. Idempotent. */
  shutdown(): Promise<void>;
}

export interface StartOptions {
  logStream?: { write(line: string): void };
  /** Cluster workers: metrics of every worker, and no purge (the primary purges). */
  metricsSnapshot?: (local: () => MetricsSnapshot) => Promise<MetricsSnapshot>;
  purge?: boolean;
  /** Tests: a fixed clock for default send times. */
  now?: () => number;
  /** A runtime already built (and checked) from the same options. */
  runtime?: Runtime;
}

/** Refuse configurations that would expose the API: no keys with auth on, or --no-auth off loopback. */
export function checkStartup(s: ServerSettings): void {
  if (!s.auth && s.host !== LOOPBACK) {
    throw new ServeError(`--no-auth only binds ${LOOPBACK} (asked for ${s.host}): configure API keys (server.keys or DUNLINT_API_KEYS) to listen on another address`);
  }
  if (s.auth && s.keys.length === 0) {
    throw new ServeError('no API keys: add server.keys to the config, set DUNLINT_API_KEYS=id:secret, or run locally with --no-auth');
  }
}

/** Open the ledger and settle the debtor-key pepper: configured, else generated once and kept in the ledger. */
export async function openServerLedger(rt: Runtime, cwd: string, log: (msg: string, fields?: object) => void): Promise<{ ledger: Ledger | null; pepper: string | null }> {
  const url = rt.settings.ledger.url;
  let ledger: Ledger | null;
  try {
    ledger = await openLedger(url, cwd, (e) => log('ledger connection error', { type: e.name }), { synchronous: rt.settings.ledger.synchronous });
  } catch (e) {
    throw new ServeError(`cannot open the ledger ${redact(url)}: ${(e as Error).message}`);
  }
  if (!ledger) return { ledger: null, pepper: null };
  const pepper = rt.settings.ledger.pepper ?? (await ledger.sharedSecret('debtor-key-pepper', newPepper));
  return { ledger, pepper };
}

export async function purgeLedger(ledger: Ledger, retentionDays: number): Promise<number> {
  return ledger.purge(Date.now() - retentionDays * DAY);
}

export async function startServer(opts: ServeOptions, extra: StartOptions = {}): Promise<ServerHandle> {
  const rt = extra.runtime ?? buildRuntime(opts, 1);
  checkStartup(rt.settings);
  const settings = rt.settings;
  const metrics = new Metrics();
  const state: ServerState = {
    rt,
    ledger: null,
    pepper: null,
    metrics,
    limiter: new RateLimiter(),
    draining: false,
    metricsSnapshot: extra.metricsSnapshot ? () => extra.metricsSnapshot!(() => metrics.snapshot()) : async () => metrics.snapshot(),
    now: extra.now ?? Date.now,
  };
  const logStream = extra.logStream ?? new BatchedStdout();
  const app = buildApp({ state, logStream });
  const { ledger, pepper } = await openServerLedger(rt, opts.cwd, (msg, f) => app.log.warn(f ?? {}, msg));
  state.ledger = ledger;
  state.pepper = pepper;

  let purgeTimer: NodeJS.Timeout | undefined;
  if (ledger && extra.purge !== false) {
    const purge = async () => {
      try {
        const n = await purgeLedger(ledger, state.rt.settings.ledger.retentionDays);
        if (n > 0) app.log.info({ purged: n, retentionDays: state.rt.settings.ledger.retentionDays }, 'ledger retention purge');
      } catch (e) {
        app.log.warn({ type: (e as Error).name }, 'ledger purge failed');
      }
    };
    await purge();
    purgeTimer = setInterval(purge, settings.ledger.purgeIntervalMinutes * 60_000).unref();
  }

  try {
    await app.listen({ port: settings.port, host: settings.host });
  } catch (e) {
    await ledger?.close();
    throw new ServeError(`cannot listen on ${settings.host}:${settings.port}: ${(e as Error).message}`);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  app.log.info({ port, host: settings.host, ledger: ledger?.description ?? 'off', auth: settings.auth, generation: rt.generation }, 'dunlint serve listening');

  let reloading: Promise<boolean> | null = null;
  async function reload(): Promise<boolean> {
    // Reloads are queued, not merged: each one reads the files as they are when it runs.
    const prev = reloading ?? Promise.resolve(true);
    const run = prev.then(async () => {
      const old = state.rt;
      try {
        const next = buildRuntime(opts, old.generation + 1);
        checkStartup(next.settings);
        for (const [what, a, b] of [
          ['ledger url', old.settings.ledger.url, next.settings.ledger.url],
          ['port', old.settings.port, next.settings.port],
          ['host', old.settings.host, next.settings.host],
          ['limits.bodyBytes', old.settings.limits.bodyBytes, next.settings.limits.bodyBytes],
        ] as const) {
          if (a !== b) app.log.warn({ setting: what }, 'changed setting needs a restart; keeping the running value');
        }
        state.rt = next; // one assignment: requests already running keep the runtime they started with
        metrics.inc('dunlint_reloads_total', { result: 'ok' });
        app.log.info({ generation: next.generation, keys: next.keys.size, rulesets: [...next.byName.keys()] }, 'configuration reloaded');
        return true;
      } catch (e) {
        metrics.inc('dunlint_reloads_total', { result: 'failed' });
        app.log.error({ error: (e as Error).message, generation: old.generation }, 'reload failed; keeping the running configuration');
        return false;
      }
    });
    reloading = run;
    return run;
  }

  let closing: Promise<void> | null = null;
  function shutdown(): Promise<void> {
    closing ??= (async () => {
      state.draining = true;
      if (purgeTimer) clearInterval(purgeTimer);
      app.log.info({}, 'shutting down: draining in-flight requests');
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), state.rt.settings.shutdownTimeoutMs).unref());
      const result = await Promise.race([app.close().then(() => 'closed' as const), timeout]);
      if (result === 'timeout') {
        app.log.warn({ timeoutMs: state.rt.settings.shutdownTimeoutMs }, 'drain timed out; closing remaining connections');
        app.server.closeAllConnections();
      }
      await ledger?.close().catch(() => {});
      app.log.info({}, 'stopped');
      if (logStream instanceof BatchedStdout) logStream.flush();
    })();
    return closing;
  }

  return { app, state, port, url: `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`, reload, shutdown };
}
