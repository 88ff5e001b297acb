import { createHash } from 'node:crypto';

/** Parse `--shard i/n` (1-based), or throw a message for the user. */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`--shard must be i/n with 1 ≤ i ≤ n, e.g. 2/4, not "${value}"`);
  return { index, count };
}

/**
 * Whether a file belongs to shard i of n: decided by a hash of its path alone, so
 * a file stays in its shard when others are added or removed, and every file
 * lands in exactly one shard.
 */
export function inShard(displayPath: string, shard: { index: number; count: number }): boolean {
  if (shard.count === 1) return true;
  const h = createHash('sha1').update(displayPath).digest().readUInt32BE(0);
  return h % shard.count === shard.index - 1;
}
