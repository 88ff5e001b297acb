import type { Document } from '../document.js';
import type { TimingCheck } from '../rules/kind.js';
import type { SendFacts } from './context.js';
import { DAY } from './zoned-time.js';

/** How far ahead a retry time is searched before answering "not by waiting". */
const HORIZON = 400 * DAY;

/**
 * The earliest instant at or after `send.at` at which every timing rule passes,
 * with everything else held still (same stage, same history). Each failing rule
 * names the earliest instant it could pass; jumping to the latest of those never
 * skips an allowed instant, and repeating converges in a few steps.
 * Null when a rule cannot pass by waiting (wrong stage, opt-out) or nothing
 * passes within the horizon.
 */
export function nextAllowedAt(checks: TimingCheck[], send: SendFacts, doc: Document): number | null {
  if (send.at === null) return null;
  let t = send.at;
  for (let step = 0; step < 1000; step++) {
    let next = t;
    let failing = false;
    const probe = { ...send, at: t };
    for (const check of checks) {
      const v = check(probe, doc);
      if (!v) continue;
      failing = true;
      if (v.retryAt === null || v.retryAt <= t) return null;
      next = Math.max(next, v.retryAt);
    }
    if (!failing) return t;
    if (next - send.at > HORIZON) return null;
    t = next;
  }
  return null;
}
