import { readFrontMatter } from './front-matter.js';
import { hasJinjaTags, parseJinjaText } from './templates/jinja.js';
import type { ParsedInput } from './types.js';

/**
 * A .txt file is one message, verbatim (front matter, if any, sets its fields and is blanked out).
 * A .txt SMS often holds Jinja/Django tags (`{% if %}`, `{# … #}`): then it is read as a Jinja
 * template (tags and comments blanked, each branch a rendering), without HTML masking.
 */
export function parseText(file: string, content: string): ParsedInput {
  if (hasJinjaTags(content)) return parseJinjaText(file, content);
  const fm = readFrontMatter(file, content);
  return { messages: [{ file, id: null, message: { ...fm.fields, text: fm.body }, source: content }], errors: fm.errors };
}
