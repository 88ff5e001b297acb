/**
 * A token bucket per API key, in this process: `burst` tokens, refilled at
 * perMinute / 60 a second. With several workers or instances each keeps its
 * own buckets (docs/server.md says how to size limits for that).
 */
export interface RateLimit {
  perMinute: number;
  burst?: number;
}

interface Bucket {
  tokens: number;
  updated: number;
  limit: RateLimit;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Take `cost` tokens; returns 0 when allowed, else the seconds to wait. A cost above the bucket counts as a full bucket. */
  take(keyId: string, limit: RateLimit, cost = 1): number {
    const capacity = limit.burst ?? limit.perMinute;
    const rate = limit.perMinute / 60_000; // tokens per ms
    const t = this.now();
    let b = this.buckets.get(keyId);
    // A reload that changes the key's limit starts its bucket afresh (full).
    if (!b || b.limit.perMinute !== limit.perMinute || b.limit.burst !== limit.burst) {
      b = { tokens: capacity, updated: t, limit };
      this.buckets.set(keyId, b);
    }
    b.tokens = Math.min(capacity, b.tokens + (t - b.updated) * rate);
    b.updated = t;
    const need = Math.min(cost, capacity);
    if (b.tokens >= need) {
      b.tokens -= need;
      return 0;
    }
    return Math.max(1, Math.ceil((need - b.tokens) / rate / 1000));
  }
}
