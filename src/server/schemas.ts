import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { PACKAGE_ROOT } from '../rulesets/load.js';

/** The JSON Schemas of the HTTP API, as files in schemas/: they validate requests and generate /openapi.json. */
export const SCHEMA_FILES = {
  context: 'context.schema.json',
  checkRequest: 'check-request.schema.json',
  batchRequest: 'check-batch-request.schema.json',
  contactRequest: 'contact-request.schema.json',
  checkResponse: 'check-response.schema.json',
  batchResponse: 'check-batch-response.schema.json',
  contactResponse: 'contact-response.schema.json',
  rulesResponse: 'rules-response.schema.json',
  error: 'error.schema.json',
  serverConfig: 'server-config.schema.json',
} as const;

export type SchemaName = keyof typeof SCHEMA_FILES;
type Schema = Record<string, unknown>;

const raw = new Map<SchemaName, Schema>();

/** A fresh copy of a schema file (callers may set limits on it). */
export function loadSchema(name: SchemaName): Schema {
  let s = raw.get(name);
  if (!s) {
    s = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schemas', SCHEMA_FILES[name]), 'utf8')) as Schema;
    raw.set(name, s);
  }
  return structuredClone(s);
}

export interface Limits {
  bodyBytes: number;
  textLength: number;
  batchSize: number;
}

export const DEFAULT_LIMITS: Limits = { bodyBytes: 1_048_576, textLength: 10_000, batchSize: 100 };

/** The request schemas with the configured limits written in, so the limits are validated and documented alike. */
export function requestSchemas(limits: Limits): Record<'context' | 'checkRequest' | 'batchRequest' | 'contactRequest', Schema> {
  const checkRequest = loadSchema('checkRequest');
  ((checkRequest.properties as Record<string, Schema>).text as Schema).maxLength = limits.textLength;
  const batchRequest = loadSchema('batchRequest');
  ((batchRequest.properties as Record<string, Schema>).messages as Schema).maxItems = limits.batchSize;
  return { context: loadSchema('context'), checkRequest, batchRequest, contactRequest: loadSchema('contactRequest') };
}

export interface Problem {
  pointer: string;
  message: string;
}

export type Validator = (data: unknown) => Problem[];

/** Validators for one set of limits (rebuilt on reload when limits change). */
export function requestValidators(limits: Limits): { check: Validator; batch: Validator; contact: Validator } {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const s = requestSchemas(limits);
  ajv.addSchema(s.context);
  ajv.addSchema(s.checkRequest);
  return {
    check: wrap(ajv.getSchema('https://dunlint.dev/schema/check-request.json')!),
    batch: wrap(ajv.compile(s.batchRequest)),
    contact: wrap(ajv.compile(s.contactRequest)),
  };
}

/** Validate a whole schema file's worth of data, for the server config section. */
export function validatorFor(name: SchemaName): Validator {
  return wrap(new Ajv({ allErrors: true, strict: false }).compile(loadSchema(name)));
}

function wrap(validate: ValidateFunction): Validator {
  return (data) => (validate(data) ? [] : problems(validate.errors ?? []));
}

/** One problem per JSON pointer, pointing at the property itself (a missing or unknown one included). */
function problems(errors: ErrorObject[]): Problem[] {
  const out = new Map<string, string>();
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'oneOf' || e.keyword === 'anyOf') continue; // the specific errors follow
    const p = e.params as Record<string, unknown>;
    let pointer = e.instancePath;
    let message = e.message ?? 'invalid';
    if (e.keyword === 'required') {
      pointer += `/${escape(String(p.missingProperty))}`;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      pointer += `/${escape(String(p.additionalProperty))}`;
      message = 'unknown property';
    } else if (e.keyword === 'enum') {
      message = `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    }
    if (!out.has(pointer)) out.set(pointer, message);
  }
  return [...out].map(([pointer, message]) => ({ pointer, message }));
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
