import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { noteResult, type ServerState } from '../app.js';
import { check, precheck, type CheckEnv, type CheckRequest, type CheckResponse } from '../check.js';
import { badRequest, underPointer } from '../errors.js';
import type { Validator } from '../schemas.js';

/** A batch yields to other requests (and to signals) every few milliseconds of linting. */
const YIELD_MS = 5;

export function checkRoutes(state: ServerState): FastifyPluginAsync {
  return async (app) => {
    app.post('/v1/check', { config: { auth: true } }, async (req) => {
      const env = envFor(state, req);
      const body = validated<CheckRequest>(env.rt.validators.check, req.body);
      precheck(env, body);
      return check(env, body);
    });

    app.post(
      '/v1/check/batch',
      { config: { auth: true, cost: (b) => (Array.isArray((b as { messages?: unknown })?.messages) ? (b as { messages: unknown[] }).messages.length : 1) } },
      async (req) => {
        const env = envFor(state, req);
        const { messages } = validated<{ messages: CheckRequest[] }>(env.rt.validators.batch, req.body);
        // Refuse the whole batch before recording any of it.
        messages.forEach((m, i) => {
          try {
            precheck(env, m, { context: true });
          } catch (e) {
            throw underPointer(`/messages/${i}`, e);
          }
        });
        req.log.debug({ route: '/v1/check/batch', messages: messages.length }, 'batch started');
        const results: CheckResponse[] = [];
        let slice = performance.now();
        for (let i = 0; i < messages.length; i++) {
          try {
            results.push(await check(env, messages[i]!));
          } catch (e) {
            throw underPointer(`/messages/${i}`, e);
          }
          if (performance.now() - slice > YIELD_MS) {
            await new Promise((r) => setImmediate(r));
            slice = performance.now();
          }
        }
        return { results };
      },
    );
  };
}

/** One runtime for the whole request, even if a reload lands in the middle of it. */
export function envFor(state: ServerState, req: FastifyRequest): CheckEnv {
  return {
    rt: state.rt,
    ledger: state.ledger,
    pepper: state.pepper,
    key: req.notes.key,
    metrics: state.metrics,
    now: state.now,
    note: (r) => noteResult(req, r),
  };
}

export function validated<T>(validate: Validator, body: unknown): T {
  const problems = validate(body);
  if (problems.length > 0) throw badRequest('request body does not match the schema', problems);
  return body as T;
}
