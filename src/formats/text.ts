import type { ParsedInput } from './types.js';

/** A .txt file is one message, verbatim. */
export function parseText(file: string, content: string): ParsedInput {
  return { messages: [{ file, id: null, message: { text: content }, source: content }], errors: [] };
}
