import { LineIndex } from '../../text/positions.js';
import type { CommentSpan, InputError, InputMessage, ParsedInput } from '../types.js';
import { isMessageText, offsetTable } from './shared.js';

/** One decoded character of a logical line, with the raw span it came from. */
interface Unit {
  text: string;
  start: number;
  end: number;
  /** Written as an escape (`\=`, `\ `, `\u0041`): never a separator or whitespace. */
  escaped: boolean;
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f';
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/**
 * A Java `.properties` catalogue, read as `java.util.Properties.load` does: `key = value`, `key: value` and
 * `key value`; a line ending in an odd number of backslashes continues on the next line (whose leading
 * whitespace is dropped); escapes `\uXXXX`, `\t`, `\n`, `\r`, `\f`, and `\` before any other character
 * standing for that character (`\\`, `\=`, `\:`, `\ `, `\#`). Lines whose first non-blank character is `#`
 * or `!` are comments, returned as CommentSpans. Each value that passes `isMessageText` is a message keyed
 * by its (decoded) property key.
 *
 * Positions are exact: every decoded character remembers the raw character or escape it came from, so
 * offsets map back through escapes and continuation lines. Problems Java would reject or silently accept
 * — a malformed `\u` escape, a continuation with nothing after it — are InputErrors with line and column;
 * the malformed escape is kept as written and the other properties are still read. `fileLine` is the line
 * of the value's first character (the next line when the value starts after a continuation).
 */
export function parseProperties(file: string, content: string): ParsedInput {
  const lines = new LineIndex(content);
  const messages: InputMessage[] = [];
  const errors: InputError[] = [];
  const comments: CommentSpan[] = [];
  const n = content.length;
  const error = (offset: number, message: string): void => {
    const at = lines.position(offset);
    errors.push({ file, line: at.line, column: at.column, message });
  };
  const afterBreak = (q: number): number => (content[q] === '\r' && content[q + 1] === '\n' ? q + 2 : q + 1);

  let p = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (p < n) {
    let q = p;
    while (q < n && isSpace(content[q])) q++;
    if (q >= n) break;
    if (isBreak(content[q])) {
      p = afterBreak(q);
      continue;
    }
    if (content[q] === '#' || content[q] === '!') {
      let e = q;
      while (e < n && !isBreak(content[e])) e++;
      comments.push({ start: q, end: e, body: content.slice(q + 1, e) });
      p = e < n ? afterBreak(e) : n;
      continue;
    }

    // One logical line, continuations joined, escapes decoded.
    const units: Unit[] = [];
    let r = q;
    while (r < n && !isBreak(content[r])) {
      const c = content[r]!;
      if (c !== '\\') {
        units.push({ text: c, start: r, end: ++r, escaped: false });
        continue;
      }
      const e = content[r + 1];
      if (e === undefined) {
        error(r, 'dangling line continuation: the file ends with "\\" and no continuation line');
        r++;
        break;
      }
      if (isBreak(e)) {
        const backslash = r;
        r = afterBreak(r + 1);
        while (r < n && isSpace(content[r])) r++;
        if (r >= n || isBreak(content[r])) error(backslash, 'dangling line continuation: the line ends with "\\" but no continuation line follows');
        continue;
      }
      if (e === 'u') {
        const hex = content.slice(r + 2, r + 6);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          units.push({ text: String.fromCharCode(parseInt(hex, 16)), start: r, end: (r += 6), escaped: true });
        } else {
          error(r, 'malformed \\uXXXX escape: expected four hex digits (kept as written)');
          units.push({ text: '\\', start: r, end: ++r, escaped: true });
        }
        continue;
      }
      units.push({ text: ESCAPES[e] ?? e, start: r, end: (r += 2), escaped: true });
    }
    p = r < n ? afterBreak(r) : n;

    // key, then whitespace, then at most one `=` or `:`, then whitespace, then the value.
    const plain = (u: Unit | undefined, test: (c: string) => boolean): boolean => u !== undefined && !u.escaped && test(u.text);
    const isSep = (c: string): boolean => c === '=' || c === ':';
    let k = 0;
    while (k < units.length && !plain(units[k], (c) => isSep(c) || isSpace(c))) k++;
    let v = k;
    while (plain(units[v], isSpace)) v++;
    if (plain(units[v], isSep)) v++;
    while (plain(units[v], isSpace)) v++;

    const key = units
      .slice(0, k)
      .map((u) => u.text)
      .join('');
    const valueUnits = units.slice(v);
    const value = valueUnits.map((u) => u.text).join('');
    if (!isMessageText(value)) continue;
    const offsets: number[] = [];
    for (const u of valueUnits) for (let i = 0; i < u.text.length; i++) offsets.push(u.start);
    offsets.push(valueUnits[valueUnits.length - 1]!.end);
    messages.push({
      file,
      id: null,
      message: { text: value },
      source: value,
      key,
      fileLine: lines.position(valueUnits[0]!.start).line,
      toFileOffset: offsetTable(offsets),
    });
  }
  return { messages, errors, comments };
}
