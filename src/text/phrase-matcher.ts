import { isWordCode } from './han.js';
import { normalize } from './normalize.js';

export interface PhraseHit<T> {
  start: number;
  end: number;
  term: string;
  payload: T;
}

interface Entry<T> {
  term: string;
  /** Latin words need word boundaries on both sides; `*` at the end drops the right one. */
  leftBoundary: boolean;
  rightBoundary: boolean;
  payloads: T[];
}

/**
 * Every occurrence of every phrase, overlapping ones included, with one V8 RegExp
 * of escaped literals (longest first) — the fastest matcher measured here
 * (research/libs.md §3), and literals cannot backtrack catastrophically.
 * At each start position the RegExp finds the longest phrase; the shorter phrases
 * that match at the same start are exactly its prefixes, precomputed below.
 */
export class PhraseMatcher<T> {
  /** One RegExp, or several when one would pass V8's size limit (see MAX_SOURCE). */
  private readonly res: RegExp[];
  private readonly byTerm = new Map<string, Entry<T>>();
  /** term → entries of the term and of every listed term that is a prefix of it. */
  private readonly closure = new Map<string, Entry<T>[]>();

  constructor(phrases: Iterable<{ phrase: string; payload: T }>) {
    for (const { phrase, payload } of phrases) {
      const prefixOnly = phrase.endsWith('*');
      const term = normalize(prefixOnly ? phrase.slice(0, -1) : phrase).text.trim();
      if (term === '') continue;
      const key = term + (prefixOnly ? '*' : '');
      let entry = this.byTerm.get(key);
      if (!entry) {
        entry = {
          term,
          leftBoundary: isWordCode(term.charCodeAt(0)),
          rightBoundary: !prefixOnly && isWordCode(term.charCodeAt(term.length - 1)),
          payloads: [],
        };
        this.byTerm.set(key, entry);
      }
      entry.payloads.push(payload);
    }
    const terms = [...new Set([...this.byTerm.values()].map((e) => e.term))].sort((a, b) => b.length - a.length);
    this.res = compileChunks(terms);
    // Entries by term (a term can have an exact and a prefix-only entry); then each term's prefixes
    // that are terms too. Walking prefixes is O(terms × length), not O(terms²): the us lexicon holds
    // ~1,800 words with `cuss`.
    const byText = new Map<string, Entry<T>[]>();
    for (const e of this.byTerm.values()) byText.set(e.term, [...(byText.get(e.term) ?? []), e]);
    for (const term of terms) {
      const list: Entry<T>[] = [];
      for (let k = 1; k <= term.length; k++) {
        const found = byText.get(term.slice(0, k));
        if (found) list.push(...found);
      }
      this.closure.set(term, list);
    }
  }

  get size(): number {
    return this.byTerm.size;
  }

  /** All hits in `text` (already normalised). */
  find(text: string): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    for (const re of this.res) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        const start = m.index;
        for (const entry of this.closure.get(m[0])!) {
          const end = start + entry.term.length;
          if (entry.leftBoundary && start > 0 && isWordCode(text.charCodeAt(start - 1))) continue;
          if (entry.rightBoundary && end < text.length && isWordCode(text.charCodeAt(end))) continue;
          for (const payload of entry.payloads) hits.push({ start, end, term: entry.term, payload });
        }
        re.lastIndex = start + 1;
      }
    }
    // Chunks hold disjoint first characters, so hits at one start come from one chunk: a stable sort keeps their order.
    if (this.res.length > 1) hits.sort((a, b) => a.start - b.start);
    return hits;
  }

  /** Whether any phrase occurs (first hit only). */
  test(text: string): boolean {
    return this.find(text).length > 0;
  }
}

/**
 * Past about 20,000 characters of source V8 compiles a RegExp without its
 * first-character analysis, and a 2,300-word alternation became 20× slower
 * (0.7 µs → 15 µs on an SMS). Terms are grouped by first character (so a term
 * and its prefixes stay together) and packed into RegExps under this size.
 */
const MAX_SOURCE = 16_000;

function compileChunks(terms: string[]): RegExp[] {
  if (terms.length === 0) return [];
  const escaped = terms.map(escape);
  if (escaped.reduce((n, t) => n + t.length + 1, 0) <= MAX_SOURCE) return [new RegExp(escaped.join('|'), 'g')];
  const byFirst = new Map<string, string[]>();
  for (let i = 0; i < terms.length; i++) {
    const first = String.fromCodePoint(terms[i]!.codePointAt(0)!);
    byFirst.set(first, [...(byFirst.get(first) ?? []), escaped[i]!]);
  }
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const group of byFirst.values()) {
    const groupSize = group.reduce((n, t) => n + t.length + 1, 0);
    if (size > 0 && size + groupSize > MAX_SOURCE) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(...group);
    size += groupSize;
  }
  if (current.length) chunks.push(current);
  // Longest first within each chunk, as in the single RegExp.
  return chunks.map((c) => new RegExp(c.sort((a, b) => b.length - a.length).join('|'), 'g'));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher that only answers "is any of these phrases here": lawful-statement lists, required words, vocabularies. */
export function phraseSet(phrases: readonly string[]): PhraseMatcher<true> {
  return new PhraseMatcher(phrases.map((phrase) => ({ phrase, payload: true as const })));
}
