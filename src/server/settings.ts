import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { findConfigFile, type UserConfig } from '../rulesets/config.js';
import { ConfigError } from '../rulesets/errors.js';
import { readDataFile } from '../rulesets/read-data.js';
import { DEFAULT_LEDGER } from '../ledger/open.js';
import { keysFromEnv, type KeyConfig } from './auth.js';
import type { RateLimit } from './rate-limit.js';
import { DEFAULT_LIMITS, validatorFor, type Limits } from './schemas.js';

/** What `dunlint serve` was started with (flags and environment); re-read on every reload. */
export interface ServeOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** --config; absent: the nearest dunlint.config.* upward from cwd. */
  config?: string;
  port?: number;
  host?: string;
  /** --ledger */
  ledger?: string;
  /** false with --no-auth */
  auth: boolean;
  workers?: number;
  limits?: Partial<Limits>;
  logLevel?: string;
}

/** The `server` section of the config (schemas/server-config.schema.json). */
export interface ServerSection {
  port?: number;
  host?: string;
  workers?: number;
  logLevel?: string;
  limits?: Partial<Limits>;
  keys?: KeyConfig[];
  rateLimit?: RateLimit;
  ledger?: { url?: string; retentionDays?: number; purgeIntervalMinutes?: number; pepper?: string; synchronous?: 'full' | 'normal' };
  storeText?: boolean;
  shutdownTimeoutMs?: number;
}

export interface ServerSettings {
  port: number;
  host: string;
  workers: number;
  logLevel: string;
  auth: boolean;
  limits: Limits;
  keys: KeyConfig[];
  rateLimit?: RateLimit;
  ledger: { url: string; retentionDays: number; purgeIntervalMinutes: number; pepper?: string; synchronous: 'full' | 'normal' };
  storeText: boolean;
  shutdownTimeoutMs: number;
}

export interface LoadedServerConfig {
  /** The linter's part of the config (everything but `server`), or null without a config file. */
  linterConfig: UserConfig | null;
  /** Folder the config's relative paths resolve from. */
  baseDir: string;
  file: string | null;
  settings: ServerSettings;
}

export const DEFAULT_PORT = 8080;
export const LOOPBACK = '127.0.0.1';
/** Regulation F keeps records for three years (12 CFR 1006.100). */
export const DEFAULT_RETENTION_DAYS = 3 * 365 + 1;

const serverValidator = validatorFor('serverConfig');

/**
 * Read the config file (the linter's settings and the `server` section) and
 * merge flags over it over the environment over defaults. Throws ConfigError
 * naming the file and the JSON pointer, like the rest of dunlint.
 */
export function loadServerConfig(opts: ServeOptions): LoadedServerConfig {
  const file = opts.config !== undefined ? resolve(opts.cwd, opts.config) : findConfigFile(opts.cwd);
  let linterConfig: UserConfig | null = null;
  let server: ServerSection = {};
  if (file) {
    const data = readDataFile(file).data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(file, '', 'a config must be an object');
    const { server: section, ...rest } = data as Record<string, unknown>;
    linterConfig = rest as UserConfig;
    if (section !== undefined) {
      const problems = serverValidator(section);
      if (problems.length > 0) throw new ConfigError(file, `/server${problems[0]!.pointer}`, problems[0]!.message);
      server = section as ServerSection;
    }
  }

  const envKeys = keysFromEnv(opts.env.DUNLINT_API_KEYS);
  const settings: ServerSettings = {
    port: opts.port ?? server.port ?? DEFAULT_PORT,
    host: opts.host ?? server.host ?? LOOPBACK,
    workers: opts.workers ?? server.workers ?? availableParallelism(),
    logLevel: opts.logLevel ?? server.logLevel ?? 'info',
    auth: opts.auth,
    limits: { ...DEFAULT_LIMITS, ...server.limits, ...definedOnly(opts.limits ?? {}) },
    keys: [...(server.keys ?? []), ...envKeys],
    rateLimit: server.rateLimit,
    ledger: {
      url: opts.ledger ?? server.ledger?.url ?? DEFAULT_LEDGER,
      retentionDays: server.ledger?.retentionDays ?? DEFAULT_RETENTION_DAYS,
      purgeIntervalMinutes: server.ledger?.purgeIntervalMinutes ?? 60,
      pepper: opts.env.DUNLINT_LEDGER_PEPPER || server.ledger?.pepper,
      synchronous: server.ledger?.synchronous ?? 'full',
    },
    storeText: server.storeText ?? false,
    shutdownTimeoutMs: server.shutdownTimeoutMs ?? 30_000,
  };
  const ids = new Set<string>();
  for (const k of settings.keys) {
    if (ids.has(k.id)) throw new ConfigError(file ?? 'DUNLINT_API_KEYS', '/server/keys', `duplicate key id "${k.id}"`);
    ids.add(k.id);
  }
  return { linterConfig, baseDir: file ? dirname(file) : opts.cwd, file, settings };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
