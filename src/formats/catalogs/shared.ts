import { CHANNELS, type Channel, type Locale, type Message, type MessageContext } from '../../types.js';

/**
 * Which catalogue strings are messages. A catalogue mixes messages with settings (`"channel": "sms"`,
 * `"locale": "en-US"`, `"template": "overdue_notice"`, URLs, colours, numbers), and linting settings only
 * produces noise. The rule, applied to the trimmed string:
 *
 * - empty or whitespace-only: not a message;
 * - containing whitespace (a phrase or sentence) or any CJK character (Han, kana, Hangul, full-width
 *   forms): a message;
 * - otherwise it is a single token. A URL (`https://…`, `mailto:…`, `tel:…`, `www.…`) is not a message; a
 *   token with a placeholder (`{…}`, `${…}`, `#{…}`, `[[…]]`, `[name]`, `%s`, `%1`, `%(name)s`, `%name%`,
 *   `:name`) is; a token made only of letters, digits, currency signs and `_ - . : / @ # + % ,` is not
 *   (identifiers, enum values, locale tags, numbers, amounts, dates, e-mail addresses, paths, colours);
 * - any other single token (one carrying sentence punctuation, such as `Thanks!` or `Deadbeat!`) is a message.
 *
 * So a bare English word (`Deadbeat`) in a catalogue is skipped: it cannot be told apart from an enum value.
 */
export function isMessageText(s: string): boolean {
  const t = s.trim();
  if (t === '') return false;
  if (/\s/u.test(t) || CJK.test(t)) return true;
  if (URL_RE.test(t)) return false;
  return PLACEHOLDER.test(t) || !TOKEN.test(t);
}

const CJK = /[\u2E80-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\uD840-\uD88F][\uDC00-\uDFFF]/u;
const PLACEHOLDER =
  /\{[^{}]*\}|\$\{|#\{|\[\[|\[[^\[\]\d][^\[\]]*\]|%\([^)]+\)|%[-+ 0#]*\d*(?:\.\d+)?[sdif@]|%\d|%[^%\s\d][^%\s]*%|(?:^|[^\w:/]):[A-Za-z_]\w*/u;
const URL_RE = /^(?:[a-z][a-z0-9+.-]*:\/\/|mailto:|tel:|www\.)\S*$/iu;
const TOKEN = /^[\p{L}\p{M}\p{N}\p{Sc}_\-.:/@#+%,]+$/u;

/** Key path of an object member: `a.b`, or `a["b.c"]` when the key is not a plain name (dots, spaces, brackets, quotes, empty). */
export function memberPath(parent: string, key: string): string {
  if (/^[^\s.[\]"'\\]+$/u.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** Key path of an array item: `items[2]`. */
export function itemPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** Fields that make an object with a string `text` a message record (as in a .jsonl line). */
export const RECORD_FIELDS = ['channel', 'locale', 'ruleset', 'context', 'id'] as const;

/** A record problem, naming the field at fault (null: the record as a whole). */
export interface RecordProblem {
  field: string | null;
  message: string;
}

/** What is wrong with a message record, or null. Wrong-typed fields are errors rather than silently ignored. */
export function checkRecord(rec: unknown): RecordProblem | null {
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return { field: null, message: 'a record must be a JSON object' };
  const r = rec as Record<string, unknown>;
  if (typeof r.text !== 'string') return { field: r.text === undefined ? null : 'text', message: 'record has no string "text"' };
  if (r.id !== undefined && r.id !== null && typeof r.id !== 'string' && typeof r.id !== 'number') return { field: 'id', message: '"id" must be a string or number' };
  if (r.channel !== undefined && !(CHANNELS as readonly unknown[]).includes(r.channel)) return { field: 'channel', message: `"channel" must be one of ${CHANNELS.join(', ')}` };
  if (r.locale !== undefined && r.locale !== 'zh' && r.locale !== 'en') return { field: 'locale', message: '"locale" must be "zh" or "en"' };
  if (r.ruleset !== undefined && typeof r.ruleset !== 'string') return { field: 'ruleset', message: '"ruleset" must be a string' };
  if (r.context !== undefined && (typeof r.context !== 'object' || r.context === null || Array.isArray(r.context))) return { field: 'context', message: '"context" must be an object' };
  return null;
}

/** The Message and id of a record that passed checkRecord. */
export function recordMessage(r: Record<string, unknown>): { message: Message; id: string | null } {
  const message: Message = { text: r.text as string };
  if (r.channel !== undefined) message.channel = r.channel as Channel;
  if (r.locale !== undefined) message.locale = r.locale as Locale;
  if (r.ruleset !== undefined) message.ruleset = r.ruleset as string;
  if (r.context !== undefined) message.context = r.context as MessageContext;
  const id = r.id === undefined || r.id === null ? null : String(r.id);
  return { message, id };
}

/** Clamp-and-look-up over a table of file offsets (one per decoded code unit, plus one for the end). */
export function offsetTable(offsets: ArrayLike<number>): (o: number) => number {
  const last = offsets.length - 1;
  return (o) => offsets[Math.max(0, Math.min(last, Math.floor(o)))]!;
}
