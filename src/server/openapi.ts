import { dunlintVersion } from '../report/json.js';
import { loadSchema, requestSchemas, type Limits, type SchemaName } from './schemas.js';

type Schema = Record<string, unknown>;

/** Component name for each schema file, and the file name other schemas $ref it by. */
const COMPONENTS: [SchemaName, string, string][] = [
  ['context', 'Context', 'context.json'],
  ['checkRequest', 'CheckRequest', 'check-request.json'],
  ['batchRequest', 'CheckBatchRequest', 'check-batch-request.json'],
  ['contactRequest', 'ContactRequest', 'contact-request.json'],
  ['checkResponse', 'CheckResponse', 'check-response.json'],
  ['batchResponse', 'CheckBatchResponse', 'check-batch-response.json'],
  ['contactResponse', 'ContactResponse', 'contact-response.json'],
  ['rulesResponse', 'RulesResponse', 'rules-response.json'],
  ['error', 'Error', 'error.json'],
];

/**
 * OpenAPI 3.1 generated from the same schema files that validate requests
 * (with this server's limits written in), so the document cannot drift from
 * what the server accepts.
 */
export function openApiDocument(limits: Limits, auth: boolean): object {
  const req = requestSchemas(limits);
  const byFile = new Map(COMPONENTS.map(([, name, file]) => [file, name]));
  const schemas: Record<string, Schema> = {};
  for (const [key, name] of COMPONENTS) {
    const s = key in req ? req[key as keyof typeof req] : loadSchema(key);
    const { $schema: _s, $id: _i, definitions, ...rest } = s as Schema & { definitions?: Record<string, Schema> };
    const fix = (x: unknown) => rewriteRefs(x, (ref) => (ref.startsWith('#/definitions/') ? `#/components/schemas/${name}.${ref.slice(14)}` : `#/components/schemas/${byFile.get(ref) ?? ref}`));
    schemas[name] = fix(rest) as Schema;
    for (const [d, sub] of Object.entries(definitions ?? {})) schemas[`${name}.${d}`] = fix(sub) as Schema;
  }

  const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
  const err = (description: string) => ({ description, content: json('Error') });
  const common = {
    '400': err('The body does not match the schema (details: a JSON pointer per problem) or has bad context values.'),
    ...(auth ? { '401': err('No or unknown API key.'), '403': err('The key may not use this ruleset.'), '429': err('Per-key rate limit; see Retry-After.') } : {}),
    '413': err(`Body larger than ${limits.bodyBytes} bytes.`),
    '500': err('Internal error.'),
  };
  const security = auth ? [{ bearer: [] }] : [];

  return {
    openapi: '3.1.0',
    info: {
      title: 'dunlint pre-send API',
      version: dunlintVersion(),
      description: 'Checks debt-collection messages before they are sent: allow, review or block, with findings and, for timing, when to retry. See docs/server.md.',
    },
    components: {
      schemas,
      ...(auth ? { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key from server.keys or DUNLINT_API_KEYS.' } } } : {}),
    },
    paths: {
      '/v1/check': {
        post: {
          summary: 'Check one message (and, with record: true, record the send in the contact ledger atomically).',
          security,
          requestBody: { required: true, content: json('CheckRequest') },
          responses: { '200': { description: 'The verdict.', content: json('CheckResponse') }, ...common },
        },
      },
      '/v1/check/batch': {
        post: {
          summary: `Check up to ${limits.batchSize} messages, answered in order.`,
          security,
          requestBody: { required: true, content: json('CheckBatchRequest') },
          responses: { '200': { description: 'One result per message.', content: json('CheckBatchResponse') }, ...common },
        },
      },
      '/v1/contacts': {
        post: {
          summary: 'Record a contact with a debtor, or the outcome (conversation) of a recorded call.',
          security,
          requestBody: { required: true, content: json('ContactRequest') },
          responses: {
            '200': { description: 'Outcome recorded (with contactId).', content: json('ContactResponse') },
            '201': { description: 'Contact recorded.', content: json('ContactResponse') },
            '404': err('No such contact for this debtor.'),
            ...common,
          },
        },
      },
      '/v1/rules': {
        get: {
          summary: 'The effective rules of the active rulesets (those this key may use).',
          security,
          parameters: [{ name: 'ruleset', in: 'query', required: false, schema: { type: 'string' } }],
          responses: { '200': { description: 'Rulesets and rules.', content: json('RulesResponse') }, '404': err('No such ruleset.'), ...common },
        },
      },
      '/healthz': { get: { summary: 'Liveness.', responses: { '200': { description: 'Alive.' } } } },
      '/readyz': { get: { summary: 'Readiness: rulesets compiled, ledger reachable.', responses: { '200': { description: 'Ready.' }, '503': err('Not ready.') } } },
      '/metrics': { get: { summary: 'Prometheus metrics (no message text).', responses: { '200': { description: 'text/plain; version=0.0.4' } } } },
      '/openapi.json': { get: { summary: 'This document.', responses: { '200': { description: 'OpenAPI 3.1.' } } } },
    },
  };
}

function rewriteRefs(x: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(x)) return x.map((v) => rewriteRefs(v, map));
  if (x === null || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) out[k] = k === '$ref' && typeof v === 'string' ? map(v) : rewriteRefs(v, map);
  return out;
}
