import type { TimingRule } from '../../rulesets/model.js';
import type { Channel } from '../../types.js';
import type { RuleKind, TimingCheck } from '../kind.js';
import type { CompileContext } from '../kind.js';

/**
 * A contact-policy rule kind from one judgement function: `lint` judges the
 * send at context.sendAt (findings sit at the start of the text, since they are
 * about the send, not a phrase), and the engine reuses the same function at
 * later instants to find nextAllowedAt.
 */
export function timingKind<R extends TimingRule>(
  kind: R['kind'],
  description: string,
  make: (rule: R, ctx: CompileContext) => TimingCheck,
  validate?: (rule: R) => [string, string][],
): RuleKind<R> {
  return {
    kind,
    meta: { description },
    validate,
    createTiming: make,
    create(rule, ctx) {
      const check = make(rule, ctx);
      return (doc) => {
        if (!doc.send) return [];
        const v = check(doc.send, doc);
        return v ? [{ start: 0, end: 0, space: 'orig', detail: v.detail, severity: v.severity }] : [];
      };
    },
  };
}

/** Does a rule restricted to `channels` apply to a send on `channel`? Unknown channels only meet unrestricted rules. */
export function appliesTo(channels: Channel[] | undefined, channel: Channel | null): boolean {
  return !channels || (channel !== null && channels.includes(channel));
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** "08:30" → 510 minutes; "24:00" → 1440. */
export function clockMinutes(s: string): number {
  if (s === '24:00') return 1440;
  const m = CLOCK.exec(s)!;
  return Number(m[1]) * 60 + Number(m[2]);
}

export function clockError(s: string): string | null {
  return CLOCK.test(s) ? null : `"${s}" is not a time of day HH:MM (00:00–24:00)`;
}

/** Checks shared by kinds that take windows: valid clocks, start before end. */
export function windowErrors(pointer: string, w: { start: string; end: string }): [string, string][] {
  const errs: [string, string][] = [];
  const s = clockError(w.start);
  const e = clockError(w.end);
  if (s) errs.push([`${pointer}/start`, s]);
  if (e) errs.push([`${pointer}/end`, e]);
  if (!s && !e && clockMinutes(w.start) >= clockMinutes(w.end)) {
    errs.push([pointer, `window ${w.start}–${w.end} must start before it ends (split a window across midnight in two)`]);
  }
  return errs;
}

const DURATION = /^(\d+)\s*(d|h|m)$/;

/** "7d" → ms. */
export function durationMs(s: string): number {
  const m = DURATION.exec(s)!;
  return Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm'];
}

export function durationError(s: string): string | null {
  return DURATION.test(s) && Number(DURATION.exec(s)![1]) > 0 ? null : `"${s}" is not a duration such as 7d, 24h or 90m`;
}

export function windowText(windows: { start: string; end: string }[]): string {
  return windows.map((w) => `${w.start}–${w.end}`).join(', ');
}
