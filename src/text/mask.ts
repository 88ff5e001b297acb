/**
 * Replace spans of a text with same-length filler, so every offset, line and column
 * still points where it did. Placeholders and the other party's turns in a call
 * transcript are masked this way before rules read the text.
 */
export function maskSpans(text: string, spans: readonly { start: number; end: number }[], fill: (span: string) => string): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    parts.push(text.slice(at, s.start), fill(text.slice(s.start, s.end)));
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
