import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Ledger } from '../ledger/ledger.js';
import type { ApiKey } from './auth.js';
import { ApiError, fromFrameworkError, notFound, unauthorized } from './errors.js';
import { errorForLog, REDACT } from './logging.js';
import type { Metrics, MetricsSnapshot } from './metrics.js';
import type { RateLimiter } from './rate-limit.js';
import type { Runtime } from './runtime.js';
import { checkRoutes } from './routes/check.js';
import { contactRoutes } from './routes/contacts.js';
import { healthRoutes } from './routes/health.js';
import { previewRoutes } from './routes/preview.js';
import { rulesRoutes } from './routes/rules.js';

/** The server's mutable state: `rt` is swapped whole on reload; the rest lives as long as the process. */
export interface ServerState {
  rt: Runtime;
  ledger: Ledger | null;
  /** Key for debtor-id hashing (null without a ledger). */
  pepper: string | null;
  metrics: Metrics;
  limiter: RateLimiter;
  /** Set on SIGTERM: new requests get 503, /readyz fails, in-flight ones finish. */
  draining: boolean;
  /** Metrics of every process (the cluster's); default: this process's. */
  metricsSnapshot: () => Promise<MetricsSnapshot>;
  now: () => number;
}

export interface AppOptions {
  state: ServerState;
  /** Where log lines go (default stdout); tests capture them. */
  logStream?: { write(line: string): void };
}

/** What a request carries between hooks, for its one log line. */
export interface RequestNotes {
  key: ApiKey | null;
  verdicts: string[];
  ruleIds: Set<string>;
}

declare module 'fastify' {
  interface FastifyRequest {
    notes: RequestNotes;
  }
  interface FastifyContextConfig {
    /** The route needs an API key (unless the server runs with --no-auth). */
    auth?: boolean;
    /** Messages this request checks, for the rate limit (a batch costs its size). */
    cost?: (body: unknown) => number;
  }
}

export function buildApp({ state, logStream }: AppOptions): FastifyInstance {
  const settings = state.rt.settings;
  const app = Fastify({
    logger: {
      level: settings.logLevel,
      redact: { paths: REDACT, censor: '[redacted]' },
      ...(logStream ? { stream: logStream } : {}),
      base: { pid: process.pid }, // no hostname: one less field on every line
    },
    // One line per request, written in onResponse with safe fields only.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: settings.limits.bodyBytes,
    return503OnClosing: false, // draining requests get the API's own 503 (onRequest below)
    forceCloseConnections: 'idle',
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    frameworkErrors: (err, _req, reply) => sendError(reply, fromFrameworkError(err)),
  });

  app.decorateRequest('notes', null as unknown as RequestNotes);

  // Hooks take callbacks rather than promises: they run on every request.
  app.addHook('onRequest', (req, reply, done) => {
    req.notes = { key: null, verdicts: [], ruleIds: new Set() };
    if (state.draining) {
      reply.header('connection', 'close');
      return done(new ApiError(503, 'shutting_down', 'the server is shutting down; retry on another instance'));
    }
    const rt = state.rt;
    if (!req.routeOptions.config.auth || !rt.settings.auth) return done();
    const key = rt.keys.lookup(req.headers.authorization);
    if (!key) return done(unauthorized(req.headers.authorization ? 'unknown API key' : 'missing API key: send Authorization: Bearer <key>'));
    req.notes.key = key;
    done();
  });

  // After the body is parsed, so a batch costs its size.
  app.addHook('preHandler', (req, _reply, done) => {
    const key = req.notes.key;
    const limit = key && (key.rateLimit ?? state.rt.settings.rateLimit);
    if (!key || !limit) return done();
    const cost = req.routeOptions.config.cost?.(req.body) ?? 1;
    const wait = state.limiter.take(key.id, limit, cost);
    if (wait === 0) return done();
    state.metrics.inc('dunlint_rate_limited_total', {});
    done(new ApiError(429, 'rate_limited', `rate limit of ${limit.perMinute} messages a minute reached for this key`, undefined, { 'retry-after': String(wait) }));
  });

  // A response finishing during a drain closes its connection, so the drain ends when the last one does.
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (state.draining) reply.header('connection', 'close');
    done(null, payload);
  });

  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const ms = reply.elapsedTime;
    state.metrics.inc('dunlint_http_requests_total', { method: req.method, route, status: String(reply.statusCode) });
    state.metrics.observe(route, ms / 1000);
    const n = req.notes;
    req.log.info(
      {
        method: req.method,
        route,
        status: reply.statusCode,
        ms: Math.round(ms * 100) / 100,
        ...(n?.key ? { key: n.key.id } : {}),
        ...(n?.verdicts.length ? { verdicts: countsOf(n.verdicts) } : {}),
        ...(n?.ruleIds.size ? { rules: [...n.ruleIds] } : {}),
      },
      'request',
    );
    done();
  });

  app.setErrorHandler((err, req, reply) => {
    const api = err instanceof ApiError ? err : fromFrameworkError(err as { code?: string; statusCode?: number; name?: string });
    if (api.status >= 500 && api.code === 'internal') req.log.error({ err: errorForLog(err) }, 'internal error');
    return sendError(reply, api);
  });

  app.setNotFoundHandler((req, reply) => {
    req.notes ??= { key: null, verdicts: [], ruleIds: new Set() };
    return sendError(reply, notFound(`no route for ${req.method} on this path`));
  });

  app.register(checkRoutes(state));
  app.register(contactRoutes(state));
  app.register(rulesRoutes(state));
  app.register(healthRoutes(state));
  app.register(previewRoutes()); // GET /: the browser preview (dist/preview)
  return app;
}

function sendError(reply: FastifyReply, e: ApiError): FastifyReply {
  if (e.headers) reply.headers(e.headers);
  return reply.code(e.status).type('application/json; charset=utf-8').send(e.body());
}

/** ['allow', 'allow', 'block'] → { allow: 2, block: 1 }: a batch's line stays short. */
function countsOf(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

export function noteResult(req: FastifyRequest, r: { verdict: string; findings: { ruleId: string }[] }): void {
  req.notes.verdicts.push(r.verdict);
  for (const f of r.findings) req.notes.ruleIds.add(f.ruleId);
}
