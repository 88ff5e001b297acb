import type { CommentSpan, InputError } from '../formats/types.js';
import type { Directive } from '../report/types.js';
import { LineIndex } from '../text/positions.js';

const DIRECTIVE = /^\s*dunlint-(disable-next-line|disable-line|disable|enable)\b([\s\S]*)$/;
const EXPIRES = /\bexpires=(\S+)/;

export interface ParsedDirectives {
  directives: Directive[];
  errors: InputError[];
}

/**
 * Read suppression directives from a file's comments, in whatever comment
 * syntax the format has: `dunlint-disable-next-line threat/visit, insult -- reason expires=2027-06-30`.
 * A waiver without a reason, with a malformed date, or past its expiry date is
 * an error and silences nothing: waivers must be justified and must not outlive
 * the review that granted them.
 */
export function parseDirectives(file: string, content: string, comments: CommentSpan[], today: string): ParsedDirectives {
  const directives: Directive[] = [];
  const errors: InputError[] = [];
  const lines = new LineIndex(content);
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.body);
    if (!m) continue;
    const kind = m[1] as Directive['kind'];
    const start = lines.position(c.start);
    const endLine = lines.position(Math.max(c.start, c.end - 1)).line;
    const fail = (message: string) => errors.push({ file, line: start.line, column: start.column, message });
    let [head, ...reasonParts] = m[2]!.split(/\s--\s?|^--\s?/);
    let reason = reasonParts.join(' -- ').trim();
    // expires= may sit before or after the reason.
    let expires: string | null = null;
    for (const part of [head ?? '', reason]) {
      const e = EXPIRES.exec(part);
      if (e) expires = e[1]!;
    }
    head = (head ?? '').replace(EXPIRES, ' ');
    reason = reason.replace(EXPIRES, ' ').replace(/\s+/g, ' ').trim();
    const rules = head.split(/[\s,]+/).filter(Boolean);
    if (kind !== 'enable' && reason === '') {
      fail(`dunlint-${kind} needs a reason after "--" (e.g. "dunlint-${kind} ${rules[0] ?? 'threat'} -- quoted from the court's notice")`);
      continue;
    }
    if (expires !== null) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(expires))) {
        fail(`dunlint-${kind}: expires=${expires} is not a date (YYYY-MM-DD)`);
        continue;
      }
      if (expires < today) {
        fail(`dunlint-${kind} waiver expired on ${expires}${rules.length ? ` (${rules.join(', ')})` : ''}: review it and renew or remove it`);
        continue;
      }
    }
    directives.push({ kind, rules, reason, expires, line: kind === 'disable-next-line' ? endLine : start.line, column: start.column });
  }
  return { directives, errors };
}
