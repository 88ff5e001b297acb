import { stringWidth } from './width.js';

const MAX_WIDTH = 100;
const LEAD = 30;

/** The lines of a text, without terminators (same line breaks as the linter's LineIndex). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * A one-line code frame: the source line and a ^~~~ underline under [start, end) (UTF-16
 * indexes into the line), measured in terminal columns so Chinese text lines up. Long
 * lines are windowed around the excerpt.
 */
export function codeFrame(line: string, start: number, end: number): { code: string; underline: string } {
  const flat = line.replace(/\t/g, ' '); // a tab's width depends on the terminal; one column keeps the caret honest
  let prefix = flat.slice(0, start);
  let mark = flat.slice(start, Math.max(start, end));
  let rest = flat.slice(Math.max(start, end));
  if (stringWidth(flat) > MAX_WIDTH && stringWidth(prefix) > LEAD + 10) {
    prefix = `…${takeRight(prefix, LEAD)}`;
  }
  if (stringWidth(prefix + mark + rest) > MAX_WIDTH) {
    const room = MAX_WIDTH - stringWidth(prefix);
    if (stringWidth(mark) >= room) {
      mark = takeLeft(mark, Math.max(1, room - 1));
      rest = '…';
    } else rest = `${takeLeft(rest, room - stringWidth(mark) - 1)}…`;
  }
  const markWidth = Math.max(1, stringWidth(mark));
  return { code: prefix + mark + rest, underline: `${' '.repeat(stringWidth(prefix))}^${'~'.repeat(markWidth - 1)}` };
}

function takeLeft(s: string, width: number): string {
  let out = '';
  for (const ch of s) {
    if (stringWidth(out + ch) > width) break;
    out += ch;
  }
  return out;
}

function takeRight(s: string, width: number): string {
  const chars = [...s];
  let out = '';
  for (let i = chars.length - 1; i >= 0; i--) {
    if (stringWidth(chars[i]! + out) > width) break;
    out = chars[i]! + out;
  }
  return out;
}
