/**
 * Removes every occurrence of a set of words from a string, again and again
 * until none is left (全贷后国 → 全国 → ''), with one compiled pattern instead
 * of a split/join per word: identity checks run it on every message.
 */
export type WordStripper = (s: string) => string;

const cache = new WeakMap<readonly string[], WordStripper>();

export function wordStripper(words: readonly string[]): WordStripper {
  let strip = cache.get(words);
  if (strip) return strip;
  const alternatives = [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length);
  if (alternatives.length === 0) strip = (s) => s;
  else {
    const re = new RegExp(alternatives.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    strip = (s) => {
      let prev: string;
      do {
        prev = s;
        s = s.replace(re, '');
      } while (s !== prev && s.length > 0);
      return s;
    };
  }
  cache.set(words, strip);
  return strip;
}
