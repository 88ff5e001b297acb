import { readFrontMatter } from './front-matter.js';
import { blank, type ParsedInput } from './types.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;
const INDENTED = /^(?: {4}|\t)/;

/**
 * A .md file is one message: prose stays, code blocks and HTML comments become spaces of
 * the same length, so the linter's offsets are offsets into the file. Inline markup (`**`, links)
 * is left alone: it is short and the rules skip punctuation.
 */
export function maskMarkdown(content: string): string {
  const text = content.replace(/<!--[\s\S]*?(?:-->|$)/g, blank);
  // Split keeping line terminators so re-joining restores exact lengths.
  const lines = text.split(/(?<=\n)/);
  let fence: string | null = null;
  let inIndented = false;
  let prevBlank = true;
  let inList = false;
  const out = lines.map((line) => {
    const body = line.replace(/\r?\n$/, '');
    const isBlank = body.trim() === '';
    if (fence) {
      // Closing fence: same character, at least as long.
      const m = FENCE.exec(body);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && body.trim() === m[1]) fence = null;
      return blank(line);
    }
    const open = FENCE.exec(body);
    if (open) {
      fence = open[1]!;
      inIndented = false;
      return blank(line);
    }
    // An indented code block starts after a blank line, unless it continues a list item.
    if (!isBlank && INDENTED.test(body) && (inIndented || (prevBlank && !inList))) {
      inIndented = true;
      prevBlank = false;
      return blank(line);
    }
    if (!isBlank) {
      inIndented = false;
      // A list lasts until an unindented, non-item line follows a blank line.
      if (LIST_ITEM.test(body)) inList = true;
      else if (prevBlank && !INDENTED.test(body)) inList = false;
    }
    prevBlank = isBlank;
    return line;
  });
  return out.join('');
}

export function parseMarkdown(file: string, content: string): ParsedInput {
  const fm = readFrontMatter(file, content);
  return { messages: [{ file, id: null, message: { ...fm.fields, text: maskMarkdown(fm.body) }, source: content }], errors: fm.errors };
}
