import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { ConfigError } from './errors.js';

/** Parse a YAML or JSON file, keeping what is needed to point at a line from a JSON pointer. */
export interface DataFile {
  file: string;
  data: unknown;
  lineOf(pointer: string): number | undefined;
}

export function readDataFile(file: string, text = readFileSync(file, 'utf8')): DataFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = lineCounter.linePos(err.pos[0]).line;
    throw new ConfigError(file, '', `cannot parse: ${err.message.split('\n')[0]}`, line);
  }
  return {
    file,
    data: doc.toJS(),
    lineOf(pointer) {
      const path = pointer
        .split('/')
        .slice(1)
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<object, ValidateFunction>();

function validator(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function describe(err: ErrorObject): string {
  return err.keyword === 'additionalProperties'
    ? `unknown property "${(err.params as { additionalProperty: string }).additionalProperty}"`
    : err.keyword === 'enum'
      ? `${err.message}: ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
      : (err.message ?? 'invalid');
}

/** Validate with ajv; throw a ConfigError for the most specific problem. */
export function validateData(schema: object, df: DataFile): void {
  const validate = validator(schema);
  if (validate(df.data)) return;
  const err = mostSpecific(validate.errors ?? []);
  throw new ConfigError(df.file, err.instancePath, describe(err), df.lineOf(err.instancePath));
}

/** Every problem (one per JSON pointer, the most specific), for inputs that report rather than throw. */
export function schemaProblems(schema: object, data: unknown): { pointer: string; message: string }[] {
  const validate = validator(schema);
  if (validate(data)) return [];
  const byPointer = new Map<string, ErrorObject[]>();
  for (const e of validate.errors ?? []) byPointer.set(e.instancePath, [...(byPointer.get(e.instancePath) ?? []), e]);
  return [...byPointer].map(([pointer, errs]) => ({ pointer, message: describe(mostSpecific(errs)) }));
}

/** The deepest error is the one a person can act on; schema combinators report shallower noise. */
function mostSpecific(errors: ErrorObject[]): ErrorObject {
  const useful = errors.filter((e) => !['if', 'allOf', 'anyOf', 'oneOf'].includes(e.keyword));
  const pool = useful.length > 0 ? useful : errors;
  return pool.reduce((best, e) => (e.instancePath.split('/').length > best.instancePath.split('/').length ? e : best));
}
