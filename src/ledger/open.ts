import { resolve } from 'node:path';
import type { Ledger } from './ledger.js';
import { PostgresLedger } from './postgres.js';
import { SqliteLedger } from './sqlite.js';

export const DEFAULT_LEDGER = 'sqlite:./dunlint-ledger.db';

/** `sqlite:<path>` (relative to `cwd`), `postgres://…` / `postgresql://…`, or `off`. */
export interface LedgerOptions {
  /** SQLite only: fsync every record (full, the default) or leave it to the OS (normal). */
  synchronous?: 'full' | 'normal';
}

export async function openLedger(spec: string, cwd: string, onError?: (e: Error) => void, options: LedgerOptions = {}): Promise<Ledger | null> {
  if (spec === 'off' || spec === 'none') return null;
  if (spec.startsWith('sqlite:')) {
    let path = spec.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2); // sqlite:///abs/path
    if (!path) throw new Error('ledger: sqlite: needs a file path, e.g. sqlite:./dunlint-ledger.db');
    return new SqliteLedger(path === ':memory:' ? path : resolve(cwd, path), { synchronous: options.synchronous });
  }
  if (/^postgres(ql)?:\/\//.test(spec)) return PostgresLedger.open(spec, onError);
  throw new Error(`ledger: "${redact(spec)}" is not sqlite:<path>, postgres://… or off`);
}

/** A connection string without its password, for messages. */
export function redact(spec: string): string {
  return spec.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
