import * as OpenCC from 'opencc-js';
import { isHanCode, isLatinLetterCode } from './han.js';

/**
 * A normalised copy of a message that remembers, for every UTF-16 unit, which
 * span of the original text it came from. Rules match on `text`; findings are
 * reported through `toOriginal`, so offsets always point into the original.
 */
export interface NormalizedText {
  readonly original: string;
  readonly text: string;
  /** origStart[i]: original offset where normalised unit i came from. */
  readonly origStart: Int32Array;
  /** origEnd[i]: original offset just past the source of normalised unit i. */
  readonly origEnd: Int32Array;
}

/** Characters that carry no meaning: zero-width, joiners, BOM, soft hyphen, variation selectors. */
function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0xfeff ||
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x180e ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/**
 * Symbols that writers insert between the characters of a keyword to dodge
 * filters (死 全 家, 打*断*腿, 上-门). Sentence punctuation is deliberately absent:
 * folding ，。！ would glue clauses together and create matches across them.
 */
const NOISE = new Set(
  Array.from(' \t*·•.-_@#$%^&+=|/\\~`\'"×✖︎♥★☆○●◆◇□■▲△～＊。'.replace('。', '')).map((c) => c.codePointAt(0)!),
);

/** Leetspeak inside Latin words (c0urt, arre5t, l@wsuit). */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

let toSimplified: ((s: string) => string) | null = null;
function simplify(ch: string): string {
  const convert = (toSimplified ??= OpenCC.Converter({ from: 'hk', to: 'cn' }));
  return convert(ch);
}

/** Typographic apostrophes, as phones type them (don’t): read as the ASCII one that rules are written with. */
const APOSTROPHES = new Set([0x2018, 0x2019, 0x02bc, 0x2032]);

/** Per-code-point cache of NFKC + lower case + traditional→simplified. */
const charCache = new Map<number, string>();
function foldCodePoint(cp: number): string {
  // Fast path: ASCII only needs lower-casing.
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : String.fromCharCode(cp);
  let out = charCache.get(cp);
  if (out === undefined && APOSTROPHES.has(cp)) out = "'";
  if (out === undefined) {
    out = String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
    if (out.length === 1 && isHanCode(out.charCodeAt(0))) out = simplify(out);
    if (charCache.size < 50_000) charCache.set(cp, out);
  }
  return out;
}

/** Printable ASCII, tab and line breaks: text the fast path can fold by lower-casing alone. */
const PLAIN_ASCII = /^[\t\n\r\x20-\x7e]*$/;
/** A leet character touching a letter: the only place foldLeetspeak can rewrite anything. */
const MAY_HAVE_LEET = /[a-z][013457@$]|[013457@$][a-z]|[a-z0-9@$]![a-z0-9@$!]/i;
const ORDINALS = /(?<![a-z0-9@$!])\d+(?:st|nd|rd|th)\b/gi;
/** Four single letters joined by the same separator: the only input foldSpelledOutLetters changes. */
const MAY_BE_SPELLED_OUT = /[a-z]([^a-z0-9])[a-z]\1[a-z]\1[a-z]/i;

export function normalize(original: string): NormalizedText {
  const n = original.length;
  // Most English messages are plain ASCII with no evasions: lower-casing is the whole job.
  // Ordinals (5th, 31st) touch letters but are never read as leetspeak (a run that starts with a digit is left alone).
  if (PLAIN_ASCII.test(original) && !MAY_HAVE_LEET.test(original.replace(ORDINALS, ' ')) && !MAY_BE_SPELLED_OUT.test(original)) {
    const origStart = new Int32Array(n);
    const origEnd = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      origStart[i] = i;
      origEnd[i] = i + 1;
    }
    return { original, text: original.toLowerCase(), origStart, origEnd };
  }
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];

  // Pass 1: fold each code point; drop invisible characters.
  for (let i = 0; i < n; ) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (!isInvisible(cp)) {
      const folded = foldCodePoint(cp);
      for (let k = 0; k < folded.length; k++) {
        chars.push(folded[k]!);
        starts.push(i);
        ends.push(i + width);
      }
    }
    i += width;
  }

  // Pass 2: drop noise runs between two Han characters (死 全 家 → 死全家).
  const keep = new Uint8Array(chars.length).fill(1);
  for (let i = 0; i < chars.length; i++) {
    if (!isHanCode(chars[i]!.charCodeAt(0))) continue;
    let j = i + 1;
    while (j < chars.length && NOISE.has(chars[j]!.charCodeAt(0))) j++;
    if (j === i + 2 && chars[i + 1] === '%' && isPercentName(chars, i + 1)) continue;
    if (j > i + 1 && j < chars.length && j - i <= 4 && isHanCode(chars[j]!.charCodeAt(0))) {
      for (let k = i + 1; k < j; k++) keep[k] = 0;
    }
  }

  // Pass 3: English evasions: spaced or dotted single letters (a.r.r.e.s.t) and leetspeak.
  // Both only rewrite letter runs the two patterns can see; most Chinese text has none.
  const folded = chars.join('');
  if (MAY_BE_SPELLED_OUT.test(folded)) foldSpelledOutLetters(chars, keep);
  if (MAY_HAVE_LEET.test(folded)) foldLeetspeak(chars);

  const out: string[] = [];
  const s: number[] = [];
  const e: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (!keep[i]) continue;
    out.push(chars[i]!);
    s.push(starts[i]!);
    e.push(ends[i]!);
  }
  return { original, text: out.join(''), origStart: Int32Array.from(s), origEnd: Int32Array.from(e) };
}

/**
 * A `%` that opens or closes a `%还款金额%` placeholder (two or more name characters),
 * not filler between characters (打%断%腿 has one): placeholders must survive folding.
 */
function isPercentName(chars: string[], at: number): boolean {
  const isName = (k: number) => k >= 0 && k < chars.length && (isHanCode(chars[k]!.charCodeAt(0)) || isLatinLetterCode(chars[k]!.charCodeAt(0)) || chars[k] === '_');
  for (const dir of [1, -1]) {
    let k = at + dir;
    let n = 0;
    while (isName(k) && n <= 12) {
      k += dir;
      n++;
    }
    if (n >= 2 && n <= 12 && chars[k] === '%') return true;
  }
  return false;
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && isLatinLetterCode(ch.charCodeAt(0));
}

/** "a.r.r.e.s.t" / "a r r e s t" → "arrest": four or more single letters joined by one separator. */
function foldSpelledOutLetters(chars: string[], keep: Uint8Array): void {
  for (let i = 0; i < chars.length; i++) {
    if (!isLetter(chars[i]) || isLetter(chars[i - 1])) continue;
    const sep = chars[i + 1];
    if (sep === undefined || !NOISE.has(sep.charCodeAt(0))) continue;
    let j = i;
    let letters = 1;
    while (chars[j + 1] === sep && isLetter(chars[j + 2]) && !isLetter(chars[j + 3])) {
      j += 2;
      letters++;
    }
    if (letters >= 4) {
      for (let k = i + 1; k < j; k += 2) keep[k] = 0;
      i = j;
    }
  }
}

/** Inside a run that mixes letters with leet characters, read the leet characters as letters. */
function foldLeetspeak(chars: string[]): void {
  let i = 0;
  while (i < chars.length) {
    if (!isLetter(chars[i]) && !(chars[i]! in LEET)) {
      i++;
      continue;
    }
    let j = i;
    let letters = 0;
    let leet = 0;
    while (j < chars.length && (isLetter(chars[j]) || chars[j]! in LEET)) {
      if (isLetter(chars[j])) letters++;
      else leet++;
      j++;
    }
    // Only words that are mostly letters, not touching a number (25th, 3rd stay as written).
    const afterDigit = (i > 0 && /[0-9]/.test(chars[i - 1]!)) || /[0-9]/.test(chars[i]!);
    if (leet > 0 && letters >= 2 && leet <= letters && !afterDigit) {
      for (let k = i; k < j; k++) {
        const sub = LEET[chars[k]!];
        if (sub === undefined) continue;
        const inside = k > i && k < j - 1;
        const leadingSymbol = k === i && (chars[k] === '$' || chars[k] === '@') && isLetter(chars[k + 1]) && isLetter(chars[k + 2]);
        if (inside || leadingSymbol) chars[k] = sub;
      }
    }
    i = j;
  }
}

/** Map a half-open span of the normalised text to the original text. */
export function toOriginal(nt: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (nt.text.length === 0) return { start: 0, end: 0 };
  const s = Math.min(Math.max(start, 0), nt.text.length - 1);
  const e = Math.min(Math.max(end - 1, s), nt.text.length - 1);
  return { start: nt.origStart[s]!, end: nt.origEnd[e]! };
}

/** The normalised offset where an original offset lands (the first unit that came from at or after it). */
export function fromOriginal(nt: NormalizedText, offset: number): number {
  let lo = 0;
  let hi = nt.origStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nt.origStart[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
