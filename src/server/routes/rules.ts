import type { FastifyPluginAsync } from 'fastify';
import type { ServerState } from '../app.js';
import { mayUse } from '../auth.js';
import { forbidden, notFound } from '../errors.js';

/** GET /v1/rules[?ruleset=cn]: the effective rules of the rulesets this key may use. */
export function rulesRoutes(state: ServerState): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: { ruleset?: string } }>('/v1/rules', { config: { auth: true } }, async (req) => {
      const rt = state.rt;
      const key = req.notes.key;
      const wanted = req.query.ruleset;
      const seen = new Set<string>();
      const out = [];
      for (const [requestName, info] of rt.requestable) {
        if (seen.has(info.name)) continue;
        if (wanted !== undefined && wanted !== requestName && wanted !== info.name) continue;
        if (!mayUse(key, info.name)) {
          if (wanted !== undefined) throw forbidden(`this API key may not use the ruleset "${info.name}"`);
          continue;
        }
        seen.add(info.name);
        const def = info.compiled.definition;
        out.push({
          name: info.name,
          locale: def.locale,
          description: def.description,
          timezone: info.compiled.timezone,
          rulesetHash: info.hash,
          rules: def.rules.map((r) => ({
            id: r.id,
            kind: r.kind,
            category: r.category,
            severity: r.severity,
            enabled: r.enabled !== false,
            message: r.message,
            citation: r.citation,
            ...(r.suggestion ? { suggestion: r.suggestion } : {}),
            ...('channels' in r && r.channels ? { channels: r.channels } : {}),
          })),
        });
      }
      if (wanted !== undefined && out.length === 0) throw notFound(`no ruleset "${wanted}" on this server`);
      return { rulesets: out };
    });
  };
}
