import { CHANNELS, type Channel, type Locale, type Message, type MessageContext } from '../types.js';
import type { InputError, InputMessage, ParsedInput } from './types.js';

/**
 * A .jsonl file holds one message record per line (SPEC: message fields plus `id`).
 * A bad line is an input error naming its line; the other lines are still linted.
 * Extra fields (a corpus's `expect`, `note`) are ignored, so corpus files lint as-is.
 */
export function parseJsonl(file: string, content: string): ParsedInput {
  const messages: InputMessage[] = [];
  const errors: InputError[] = [];
  content.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const body = raw.replace(/\r$/, '');
    if (body.trim() === '') return;
    let rec: unknown;
    try {
      rec = JSON.parse(body);
    } catch (e) {
      errors.push({ file, line, message: `invalid JSON: ${(e as Error).message}` });
      return;
    }
    const problem = checkRecord(rec);
    if (problem) {
      errors.push({ file, line, message: problem });
      return;
    }
    const r = rec as Record<string, unknown>;
    const message: Message = { text: r.text as string };
    if (r.channel !== undefined) message.channel = r.channel as Channel;
    if (r.locale !== undefined) message.locale = r.locale as Locale;
    if (r.ruleset !== undefined) message.ruleset = r.ruleset as string;
    if (r.context !== undefined) message.context = r.context as MessageContext;
    const id = r.id === undefined || r.id === null ? null : String(r.id);
    messages.push({ file, id, message, source: message.text, fileLine: line });
  });
  return { messages, errors };
}

/** What is wrong with a record, or null. Wrong-typed fields are errors rather than silently ignored. */
function checkRecord(rec: unknown): string | null {
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return 'a record must be a JSON object';
  const r = rec as Record<string, unknown>;
  if (typeof r.text !== 'string') return 'record has no string "text"';
  if (r.id !== undefined && r.id !== null && typeof r.id !== 'string' && typeof r.id !== 'number') return '"id" must be a string or number';
  if (r.channel !== undefined && !(CHANNELS as readonly unknown[]).includes(r.channel)) return `"channel" must be one of ${CHANNELS.join(', ')}`;
  if (r.locale !== undefined && r.locale !== 'zh' && r.locale !== 'en') return '"locale" must be "zh" or "en"';
  if (r.ruleset !== undefined && typeof r.ruleset !== 'string') return '"ruleset" must be a string';
  if (r.context !== undefined && (typeof r.context !== 'object' || r.context === null || Array.isArray(r.context))) return '"context" must be an object';
  return null;
}
