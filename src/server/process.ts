import cluster, { type Worker } from 'node:cluster';
import { primaryLogger } from './logging.js';
import { mergeSnapshots, type MetricsSnapshot } from './metrics.js';
import { buildRuntime, type Runtime } from './runtime.js';
import { checkStartup, openServerLedger, purgeLedger, startServer, type ServerHandle } from './server.js';
import { loadServerConfig, type ServeOptions } from './settings.js';

/** Messages between the cluster primary and its workers. */
type ToWorker = { cmd: 'reload' } | { cmd: 'shutdown' } | { cmd: 'metrics-collect'; id: number } | { cmd: 'metrics-result'; id: number; snap: MetricsSnapshot };
type ToPrimary =
  | { cmd: 'listening'; port: number }
  | { cmd: 'reloaded'; ok: boolean }
  | { cmd: 'metrics-request'; id: number }
  | { cmd: 'metrics-part'; id: number; snap: MetricsSnapshot };

/**
 * `dunlint serve`: one process, or a cluster primary forking `workers` that
 * share the port. Resolves with the exit code once the server has stopped.
 * SIGHUP reloads, SIGTERM/SIGINT drain and stop; the primary forwards both.
 */
export async function runServe(opts: ServeOptions): Promise<number> {
  if (cluster.isWorker) return runWorker(opts);
  const settings = loadServerConfig(opts).settings;
  checkStartup(settings); // before the slow part
  // Configuration errors end here, before any fork; a primary that only forks skips the segmenter.
  const rt = buildRuntime(opts, 1, settings.workers <= 1);
  if (settings.workers <= 1) return runSingle(opts, rt);
  return runPrimary(opts, rt);
}

function onSignals(handlers: Partial<Record<NodeJS.Signals, () => void>>): () => void {
  for (const [sig, fn] of Object.entries(handlers)) process.on(sig, fn);
  return () => {
    for (const [sig, fn] of Object.entries(handlers)) process.off(sig, fn);
  };
}

async function runSingle(opts: ServeOptions, runtime: Runtime): Promise<number> {
  const server = await startServer(opts, { runtime });
  return new Promise((resolve) => {
    const stop = () => {
      off();
      server.shutdown().then(() => resolve(0));
    };
    const off = onSignals({ SIGHUP: () => void server.reload(), SIGTERM: stop, SIGINT: stop });
  });
}

async function runWorker(opts: ServeOptions): Promise<number> {
  const send = (m: ToPrimary) => process.send?.(m);
  let nextId = 1;
  const pending = new Map<number, (s: MetricsSnapshot) => void>();
  const server: ServerHandle = await startServer(opts, {
    purge: false, // the primary purges
    metricsSnapshot: (local) =>
      new Promise((resolve) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(local()); // primary busy or gone: this worker's own figures
        }, 1000);
        pending.set(id, (snap) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(snap);
        });
        send({ cmd: 'metrics-request', id });
      }),
  });
  send({ cmd: 'listening', port: server.port });

  return new Promise((resolve) => {
    const stop = () => {
      off();
      process.off('message', onMessage);
      server.shutdown().then(() => {
        resolve(0);
        // The IPC channel keeps a worker alive; leave once the log is written.
        setImmediate(() => process.exit(0));
      });
    };
    const onMessage = (m: ToWorker) => {
      if (m.cmd === 'reload') void server.reload().then((ok) => send({ cmd: 'reloaded', ok }));
      else if (m.cmd === 'shutdown') stop();
      else if (m.cmd === 'metrics-collect') send({ cmd: 'metrics-part', id: m.id, snap: server.state.metrics.snapshot() });
      else if (m.cmd === 'metrics-result') pending.get(m.id)?.(m.snap);
    };
    process.on('message', onMessage);
    // SIGHUP comes through the primary (a signal to the whole group would reload twice); SIGTERM from anywhere drains.
    const off = onSignals({ SIGHUP: () => {}, SIGTERM: stop, SIGINT: stop });
  });
}

async function runPrimary(opts: ServeOptions, rt: Runtime): Promise<number> {
  const log = primaryLogger();
  const count = rt.settings.workers;
  let retentionDays = rt.settings.ledger.retentionDays;
  // Migrate and settle the pepper once, before workers race to; then purge on a timer here only.
  const { ledger } = await openServerLedger(rt, opts.cwd, (msg, f) => log.warn({ ...f }, msg));
  const retention = () => retentionDays;
  const purge = async () => {
    if (!ledger) return;
    try {
      const n = await purgeLedger(ledger, retention());
      if (n > 0) log.info({ purged: n, retentionDays: retention() }, 'ledger retention purge');
    } catch (e) {
      log.warn({ type: (e as Error).name }, 'ledger purge failed');
    }
  };
  await purge();
  const purgeTimer = ledger ? setInterval(purge, rt.settings.ledger.purgeIntervalMinutes * 60_000).unref() : undefined;

  const workers = new Set<Worker>();
  let shuttingDown = false;
  let listening = 0;
  let failures: number[] = [];
  const collecting = new Map<number, { parts: MetricsSnapshot[]; want: number; done: (s: MetricsSnapshot) => void }>();
  let collectId = 1;

  return new Promise<number>((resolve) => {
    let exitCode = 0;
    const fork = () => {
      const w = cluster.fork();
      workers.add(w);
      w.on('message', (m: ToPrimary) => onWorkerMessage(w, m));
      w.on('exit', (code, signal) => {
        workers.delete(w);
        if (shuttingDown) {
          if (code !== 0) exitCode = 1;
          if (workers.size === 0) finish();
          return;
        }
        log.error({ worker: w.id, code, signal }, 'worker exited; starting another');
        const now = Date.now();
        failures = [...failures.filter((t) => now - t < 30_000), now];
        if (failures.length > 5) {
          log.error({}, 'workers keep exiting; stopping');
          exitCode = 1;
          stop();
        } else fork();
      });
    };

    const onWorkerMessage = (w: Worker, m: ToPrimary) => {
      if (m.cmd === 'listening') {
        if (++listening === count) log.info({ port: m.port, host: rt.settings.host, workers: count }, 'dunlint serve listening');
      } else if (m.cmd === 'reloaded') {
        log.info({ worker: w.id, ok: m.ok }, m.ok ? 'worker reloaded' : 'worker reload failed');
      } else if (m.cmd === 'metrics-request') {
        // Ask every worker for its figures, add them up, answer the one that asked.
        const id = collectId++;
        const answer = (snap: MetricsSnapshot) => {
          collecting.delete(id);
          if (w.isConnected()) w.send({ cmd: 'metrics-result', id: m.id, snap } satisfies ToWorker);
        };
        collecting.set(id, { parts: [], want: workers.size, done: answer });
        setTimeout(() => {
          const c = collecting.get(id);
          if (c) c.done(mergeSnapshots(c.parts));
        }, 500).unref();
        for (const x of workers) if (x.isConnected()) x.send({ cmd: 'metrics-collect', id } satisfies ToWorker);
      } else if (m.cmd === 'metrics-part') {
        const c = collecting.get(m.id);
        if (!c) return;
        c.parts.push(m.snap);
        if (c.parts.length >= c.want) c.done(mergeSnapshots(c.parts));
      }
    };

    const finish = () => {
      if (purgeTimer) clearInterval(purgeTimer);
      off();
      void (ledger?.close() ?? Promise.resolve()).finally(() => {
        log.info({ code: exitCode }, 'stopped');
        resolve(exitCode);
      });
    };

    const stop = () => {
      if (shuttingDown) return;
      shuttingDown = true;
      log.info({ workers: workers.size }, 'shutting down: workers drain in-flight requests');
      if (workers.size === 0) return finish();
      for (const w of workers) if (w.isConnected()) w.send({ cmd: 'shutdown' } satisfies ToWorker);
      // A worker stuck past its own drain timeout is killed.
      setTimeout(() => {
        for (const w of workers) w.process.kill('SIGKILL');
        exitCode = 1;
      }, rt.settings.shutdownTimeoutMs + 5000).unref();
    };

    const reload = () => {
      log.info({ workers: workers.size }, 'reloading workers');
      try {
        retentionDays = loadServerConfig(opts).settings.ledger.retentionDays;
      } catch {
        // the workers report the error
      }
      for (const w of workers) if (w.isConnected()) w.send({ cmd: 'reload' } satisfies ToWorker);
    };

    const off = onSignals({ SIGHUP: reload, SIGTERM: stop, SIGINT: stop });
    for (let i = 0; i < count; i++) fork();
  });
}
