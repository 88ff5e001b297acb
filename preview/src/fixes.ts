/**
 * Mechanical fixes, decided as the language server decides them (src/lsp/diagnostics.ts,
 * mechanicalFix): a phrase rule whose suggestion says to remove the phrase gets "Remove", a full
 * ID or card number gets "Mask"; and, here only, a timing finding with a nextAllowedAt gets
 * "Reschedule", which moves the send time rather than editing the text.
 */
import type { Finding, RuleInfo } from './api.js';

export type Fix =
  | { kind: 'remove'; expect: string; insert: '' }
  | { kind: 'mask'; expect: string; insert: string }
  | { kind: 'reschedule'; at: string };

const PHRASE_KINDS = ['lexicon', 'disclosure', 'privacy'];
const REMOVE = /^(remove|drop|delete)\b/i;
// Without the rule's definition (GET /v1/rules refused or not loaded yet), only phrase categories qualify.
const PHRASE_CATEGORIES = ['threat', 'insult', 'third-party-disclosure', 'deception', 'privacy'];

export function fixFor(f: Finding, rule: RuleInfo | undefined): Fix | undefined {
  if (f.category === 'contact-timing') return typeof f.nextAllowedAt === 'string' ? { kind: 'reschedule', at: f.nextAllowedAt } : undefined;
  if (f.excerpt === '' || f.end.offset <= f.start.offset) return undefined;
  const detect = rule?.kind === 'privacy' ? /(national-id|card-number)$/.exec(f.ruleId)?.[1] : undefined;
  if (detect) {
    const masked = maskNumber(f.excerpt, detect === 'national-id');
    return masked === f.excerpt ? undefined : { kind: 'mask', expect: f.excerpt, insert: masked };
  }
  if (rule) {
    if (PHRASE_KINDS.includes(rule.kind) && REMOVE.test(rule.suggestion?.en ?? f.suggestion ?? '')) return { kind: 'remove', expect: f.excerpt, insert: '' };
    return undefined;
  }
  if (PHRASE_CATEGORIES.includes(f.category) && (REMOVE.test(f.suggestion ?? '') || /^删除/.test(f.suggestion ?? ''))) {
    return { kind: 'remove', expect: f.excerpt, insert: '' };
  }
  return undefined;
}

/** Keep the last four digits (and, for an 18-digit Chinese ID, the first three, as the rule suggests). */
export function maskNumber(text: string, nationalId: boolean): string {
  const isDigit = (c: string) => /[0-9Xx]/.test(c);
  const digits = [...text].filter(isDigit).length;
  const keepHead = nationalId && digits >= 15 ? 3 : 0;
  let seen = 0;
  return [...text]
    .map((c) => {
      if (!isDigit(c)) return c;
      seen++;
      return seen <= keepHead || seen > digits - 4 ? c : '*';
    })
    .join('');
}

/** "2026-03-11T08:00:00+08:00" → "2026-03-11T08:00", the wall time a datetime-local input takes. */
export function wallTime(iso: string): string {
  return iso.slice(0, 16);
}
