import { createHash } from 'node:crypto';
import { normalize } from '../text/normalize.js';

/**
 * A finding's identity that survives edits elsewhere in the file: the file, the
 * message's key within it (catalogue key path or record id), the rule, the
 * matched text normalised (case, width, spacing), and which occurrence of that
 * text it is. Line numbers are deliberately left out.
 */
export function fingerprint(parts: { file: string; messageKey: string | null; ruleId: string; excerpt: string; occurrence: number }): string {
  const text = normalize(parts.excerpt).text.replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update([parts.file, parts.messageKey ?? '', parts.ruleId, text, String(parts.occurrence)].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
