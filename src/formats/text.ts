import { readFrontMatter } from './front-matter.js';
import type { ParsedInput } from './types.js';

/** A .txt file is one message, verbatim (front matter, if any, sets its fields and is blanked out). */
export function parseText(file: string, content: string): ParsedInput {
  const fm = readFrontMatter(file, content);
  return { messages: [{ file, id: null, message: { ...fm.fields, text: fm.body }, source: content }], errors: fm.errors };
}
