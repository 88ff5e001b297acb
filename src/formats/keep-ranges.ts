import { blank } from './types.js';

/** Blank everything outside `ranges` (line breaks kept), so a parser's text nodes stay at their file offsets. */
export function keepOnly(content: string, ranges: [number, number][]): string {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [s, e] of sorted) {
    if (e <= pos) continue;
    const start = Math.max(s, pos);
    out += blank(content.slice(pos, start)) + content.slice(start, e);
    pos = e;
  }
  return out + blank(content.slice(pos));
}
