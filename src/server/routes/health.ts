import type { FastifyPluginAsync } from 'fastify';
import type { ServerState } from '../app.js';
import { ApiError } from '../errors.js';
import { renderPrometheus } from '../metrics.js';
import { openApiDocument } from '../openapi.js';

/** Liveness, readiness, metrics and the API description: no auth, no personal data. */
export function healthRoutes(state: ServerState): FastifyPluginAsync {
  return async (app) => {
    app.get('/healthz', async () => ({ status: 'ok' }));

    app.get('/readyz', async () => {
      const rt = state.rt;
      if (state.draining) throw new ApiError(503, 'not_ready', 'shutting down');
      if (state.ledger) {
        try {
          await state.ledger.ping();
        } catch {
          throw new ApiError(503, 'not_ready', `ledger unreachable (${state.ledger.kind})`);
        }
      }
      return {
        status: 'ready',
        rulesets: [...rt.byName.values()].map((r) => ({ name: r.name, rulesetHash: r.hash })),
        ledger: state.ledger ? state.ledger.kind : 'off',
        generation: rt.generation,
      };
    });

    app.get('/metrics', async (_req, reply) => {
      const text = renderPrometheus(await state.metricsSnapshot(), { dunlint_config_generation: state.rt.generation });
      reply.type('text/plain; version=0.0.4; charset=utf-8');
      return text;
    });

    let cached: { generation: number; doc: object } | null = null;
    app.get('/openapi.json', async () => {
      const rt = state.rt;
      if (cached?.generation !== rt.generation) cached = { generation: rt.generation, doc: openApiDocument(rt.settings.limits, rt.settings.auth) };
      return cached.doc;
    });
  };
}
