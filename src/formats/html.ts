import { readFrontMatter } from './front-matter.js';
import { blank, type ParsedInput } from './types.js';

/**
 * Tags, comments, doctype, and the contents of <style>/<script> become spaces of equal
 * length, so offsets into the masked text are offsets into the file. Entities are not
 * decoded (that would change lengths); `&nbsp;` and friends are rare in message prose.
 */
export function maskHtml(content: string): string {
  return content
    .replace(/<!--[\s\S]*?(?:-->|$)/g, blank)
    .replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, blank)
    .replace(/<![^>]*>/g, blank)
    .replace(/<\/?[A-Za-z][^>]*>/g, blank);
}

export function parseHtml(file: string, content: string): ParsedInput {
  const fm = readFrontMatter(file, content);
  return { messages: [{ file, id: null, message: { ...fm.fields, text: maskHtml(fm.body) }, source: content }], errors: fm.errors };
}
