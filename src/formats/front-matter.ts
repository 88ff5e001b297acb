import { parseDocument } from 'yaml';
import type { Message } from '../types.js';
import { blank, type InputError } from './types.js';

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^---[ \t]*$/m;
const FIELDS = new Set(['channel', 'locale', 'ruleset', 'context']);

export interface FrontMatter {
  /** The file with the front matter blanked out (same length): offsets and lines still point into the file. */
  body: string;
  /** Message fields the front matter sets (channel, locale, ruleset, context). */
  fields: Partial<Omit<Message, 'text'>>;
  errors: InputError[];
}

/**
 * YAML front matter at the top of a template file (`---` … `---`), the way
 * static-site and e-mail template tools write it: per-file channel, locale,
 * ruleset and send context.
 */
export function readFrontMatter(file: string, content: string): FrontMatter {
  const open = OPEN.exec(content);
  if (!open) return { body: content, fields: {}, errors: [] };
  const rest = content.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) return { body: content, fields: {}, errors: [] };
  const yamlText = rest.slice(0, close.index);
  const end = open[0].length + close.index + close[0].length;
  const body = blank(content.slice(0, end)) + content.slice(end);
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) {
    return { body, fields: {}, errors: [{ file, line: 1 + (doc.errors[0]!.linePos?.[0]?.line ?? 1), message: `front matter: ${doc.errors[0]!.message.split('\n')[0]}` }] };
  }
  const data = doc.toJS() as unknown;
  if (data === null || data === undefined) return { body, fields: {}, errors: [] };
  if (typeof data !== 'object' || Array.isArray(data)) return { body, fields: {}, errors: [{ file, line: 1, message: 'front matter must be a YAML mapping' }] };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (FIELDS.has(k)) fields[k] = v;
  // Template tools keep other keys (subject, title, tags): ignored, not errors.
  return { body, fields: fields as FrontMatter['fields'], errors: [] };
}
