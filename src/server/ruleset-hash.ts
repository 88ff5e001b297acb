import { createHash } from 'node:crypto';
import type { RulesetDefinition } from '../rulesets/model.js';

/**
 * JSON with object keys sorted at every level, so equal definitions give equal
 * bytes whatever order YAML files or config merges produced.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/**
 * sha256 of the effective ruleset (after the config): an auditor who has the
 * same hash has the same rules. `sources` is left out: it holds file paths,
 * which differ between machines but do not change a decision.
 */
export function rulesetHash(def: RulesetDefinition): string {
  const { sources: _paths, ...effective } = def;
  return `sha256:${createHash('sha256').update(canonicalJson(effective)).digest('hex')}`;
}
