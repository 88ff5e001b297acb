import { createRequire } from 'node:module';
import type { Document } from '../document.js';
import { isHanCode } from './han.js';

interface Jieba {
  tokenize(text: string, mode: 'default' | 'search', hmm?: boolean): { word: string; start: number; end: number }[];
  add_word(word: string, freq?: number, tag?: string): number;
}

const require = createRequire(import.meta.url);
let jieba: Jieba | null = null;
const pendingWords = new Set<string>();
const addedWords = new Set<string>();

/**
 * jieba-wasm is the slowest stage (≈0.5 s to build its dictionary, ≈20k msgs/s),
 * so it loads on first use: only rules that need word boundaries ask for it.
 * Servers call `warmSegmenter()` at start to pay the cost up front.
 */
function load(): Jieba {
  if (!jieba) {
    jieba = require('jieba-wasm') as Jieba;
    jieba.tokenize('预热', 'default', true);
  }
  for (const w of pendingWords) {
    jieba.add_word(w, 100_000);
    addedWords.add(w);
  }
  pendingWords.clear();
  return jieba;
}

/** Lexicon terms become dictionary words, so 紧急联系人 or 爆通讯录 segment as units. */
export function addSegmenterWords(words: Iterable<string>): void {
  for (const w of words) {
    if (w.length >= 2 && w.length <= 12 && !addedWords.has(w) && isHanCode(w.charCodeAt(0))) pendingWords.add(w);
  }
}

export function warmSegmenter(): void {
  load();
}

export interface Token {
  word: string;
  /** UTF-16 offsets (jieba reports code points; mapped here). */
  start: number;
  end: number;
}

export function segment(text: string): Token[] {
  const tokens = load().tokenize(text, 'default', true);
  // Code point → UTF-16 offset map, only needed when the text has astral characters.
  let map: number[] | null = null;
  if (/[\uD800-\uDBFF]/.test(text)) {
    map = [];
    let u = 0;
    for (const ch of text) {
      map.push(u);
      u += ch.length;
    }
    map.push(u);
  }
  return tokens.map((t) => ({ word: t.word, start: map ? map[t.start]! : t.start, end: map ? map[t.end]! : t.end }));
}

/** Whether [start, end) starts and ends on word boundaries of the message's segmentation. */
export function isWordBoundaryAligned(doc: Document, start: number, end: number): boolean {
  const bounds = doc.once('segment-bounds', () => {
    const set = new Set<number>();
    for (const t of segment(doc.text)) {
      set.add(t.start);
      set.add(t.end);
    }
    return set;
  });
  return bounds.has(start) && bounds.has(end);
}
