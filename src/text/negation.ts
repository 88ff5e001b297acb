import type { Document } from '../document.js';
import type { CompiledVocabulary } from '../rulesets/vocabulary.js';
import { isHanCode } from './han.js';
import { isWordBoundaryAligned } from './segmenter.js';

/**
 * Negation scope, so that 我们不会上门 / "we will not contact your employer" are not
 * read as the threats they name. A hit is negated when a negator stands shortly
 * before it in the same clause with no conditional or new clause between
 * (不还钱就上门 is a threat; 我们不会上门 is not).
 */

/** Complements after 不 in a potential form (V不C): 上不了, 跑不掉, 还不起 (不到 stays a negator: 联系不到您 reports, it does not threaten). */
const POTENTIAL_COMPLEMENT = new Set([...'了上掉起下成住动过完清']);

/** What may stand before a hit in a list item: "or ", "and be ", "an account or a " (at most two words besides articles and and/or; no subject or modal, which would start a clause of its own). */
const LIST_ITEM = /^(?![^]*\b(?:will|would|can|could|may|might|shall|should|must|we|they|you|he|she|i|it|is|are|was|were)\b)\s*(?:(?:or|and|nor|a|an|the|any|your)\s+)*(?:[a-z']+\s+(?:(?:or|and|nor|a|an|the|any|your)\s+)*){0,2}$/;

/** Whether a hit starting at `start` (normalised text) is in a negation scope. */
export function isNegated(doc: Document, vocab: CompiledVocabulary, start: number): boolean {
  const text = doc.text;
  let from = doc.clauseStart(start);
  let window = doc.language === 'en' ? 48 : 14;
  // "You will not be arrested, jailed, or sued": a short list item after a comma stays in the negated clause.
  for (let k = 0; k < 4 && doc.language === 'en' && text[from - 1] === ',' && LIST_ITEM.test(text.slice(from, start)); k++) {
    from = doc.clauseStart(from - 1);
    window += 32;
  }
  const lo = Math.max(from, start - window);
  const negs = negatorHits(doc, vocab, lo, start);
  if (negs.length === 0) return false;
  const lastNeg = negs.reduce((a, b) => (b.end > a.end ? b : a));
  // From the negator's own start, so that 不然 / "no matter" count as breakers.
  return !breaksScope(doc, vocab, lo + lastNeg.start, start);
}

/** A negator inside a pattern's own match ("we're not the police", "family will NOT be contacted"). */
export function negatedWithin(doc: Document, vocab: CompiledVocabulary, start: number, end: number): boolean {
  const negs = negatorHits(doc, vocab, start, end);
  if (negs.length === 0) return false;
  return !breaksScope(doc, vocab, start + negs[0]!.start, end);
}

/**
 * A scope breaker between [from, to). A one-character Chinese breaker (就, 理, 付, 还)
 * counts only as a word of its own: 不会以任何理由要求您 stays negated, 不理我们就 does not.
 */
function breaksScope(doc: Document, vocab: CompiledVocabulary, from: number, to: number): boolean {
  for (const b of vocab.scopeBreakers.find(doc.text.slice(from, to))) {
    const single = b.end - b.start === 1 && isHanCode(doc.text.charCodeAt(from + b.start));
    if (!single || isWordBoundaryAligned(doc, from + b.start, from + b.end)) return true;
  }
  return false;
}

/**
 * Negators in [from, to), offsets relative to `from`. A 不 between a verb and its
 * complement (上不了学, 跑不掉, 躲不过) says "cannot", not "will not": it negates nothing.
 */
function negatorHits(doc: Document, vocab: CompiledVocabulary, from: number, to: number): { start: number; end: number }[] {
  const text = doc.text;
  return vocab.negators.find(text.slice(from, to)).filter((n) => {
    if (n.end - n.start !== 1 || text[from + n.start] !== '不') return true;
    const at = from + n.start;
    if (text[at - 1] === '拒') return false; // 拒不到庭: "refuses to", a fact about the debtor
    return !(at > 0 && isHanCode(text.charCodeAt(at - 1)) && POTENTIAL_COMPLEMENT.has(text[at + 1] ?? ''));
  });
}
