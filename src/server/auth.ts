import { createHash } from 'node:crypto';
import { ServeError } from './errors.js';
import type { RateLimit } from './rate-limit.js';

export interface ApiKey {
  id: string;
  /** Rulesets this key may use; undefined: all. */
  rulesets?: string[];
  rateLimit?: RateLimit;
}

export interface KeyConfig extends ApiKey {
  sha256: string;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * API keys by the sha256 of their secret: the server never holds a secret from
 * config, and an environment secret is hashed as soon as it is read.
 */
export class KeyStore {
  private readonly byHash = new Map<string, ApiKey>();

  constructor(keys: KeyConfig[]) {
    for (const { sha256: hash, ...key } of keys) this.byHash.set(hash.toLowerCase(), key);
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The key for an Authorization header, or null. A hash lookup compares digests, not secrets, so it leaks nothing useful by timing. */
  lookup(authorization: string | undefined): ApiKey | null {
    if (!authorization) return null;
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!m) return null;
    return this.byHash.get(sha256(m[1]!)) ?? null;
  }
}

/** DUNLINT_API_KEYS="id:secret,id2:secret2" → hashed key entries (no ruleset restriction). */
export function keysFromEnv(value: string | undefined): KeyConfig[] {
  if (!value?.trim()) return [];
  return value.split(',').map((pair, i) => {
    const at = pair.indexOf(':');
    const id = pair.slice(0, at).trim();
    const secret = pair.slice(at + 1).trim();
    if (at <= 0 || !secret || !/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
      throw new ServeError(`DUNLINT_API_KEYS entry ${i + 1} must be id:secret (id of letters, digits, . _ -)`);
    }
    return { id, sha256: sha256(secret) };
  });
}

export function mayUse(key: ApiKey | null, ruleset: string): boolean {
  return !key?.rulesets || key.rulesets.includes(ruleset);
}
