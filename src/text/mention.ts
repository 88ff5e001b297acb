import type { Document } from '../document.js';

const OPEN_QUOTE = /["“「『'‘《]/;
const CLOSE_QUOTE = /["”」』'’》]/;
/** Words after a quoted phrase that show it is being talked about, not said to someone. */
const MENTION_WORDS = /等|之类|这类|这样的|称呼|用语|字眼|词语|说法|字样|语言|\b(?:or similar|and similar|or other|terms?|words?|language|phrases?|labels?|names?)\b/i;

/**
 * A phrase quoted as a word rather than used: 禁止使用“老赖”“骗子”等称呼 / never call anyone
 * a "deadbeat" or similar names. Quoted on both sides in the original (quotes are folded
 * away between Chinese characters) and followed in the same sentence by words that talk
 * about wording. `start`/`end` are offsets into the normalised text.
 */
export function isQuotedMention(doc: Document, start: number, end: number): boolean {
  const { origStart, origEnd } = doc.normalized;
  const original = doc.original;
  if (start >= origStart.length || end < 1) return false;
  const a = origStart[start]!;
  const b = origEnd[end - 1]!;
  if (!OPEN_QUOTE.test(original.charAt(a - 1)) || !CLOSE_QUOTE.test(original.charAt(b))) return false;
  const after = original.slice(b + 1, b + 24).split(/[。！？!?；;\n]/)[0]!;
  return MENTION_WORDS.test(after);
}
