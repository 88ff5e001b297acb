import type { SendFacts } from './policy/context.js';
import { extractDates, type DateMention } from './facts/dates.js';
import { findEnglishCompany, findIdentity, type IdentityFacts } from './facts/identity.js';
import { extractMoney, type MoneyAmount } from './facts/money.js';
import type { CompiledVocabulary } from './rulesets/vocabulary.js';
import { detectLanguage, type DetectedLanguage } from './text/language.js';
import { fromOriginal, normalize, type NormalizedText } from './text/normalize.js';
import { dialogueMask, maskSpans } from './text/dialogue.js';
import { isHanCode } from './text/han.js';
import { isWordBoundaryAligned } from './text/segmenter.js';
import { findPlaceholders, maskPlaceholders, type Placeholder, type PlaceholderMap } from './text/placeholders.js';
import type { Channel, MessageContext } from './types.js';

/** Complements after 不 in a potential form (V不C): 上不了, 跑不掉, 还不起 (不到 stays a negator: 联系不到您 reports, it does not threaten). */
const POTENTIAL_COMPLEMENT = new Set([...'了上掉起下成住动过完清']);

const OPEN_QUOTE = /["“「『'‘《]/;
const CLOSE_QUOTE = /["”」』'’》]/;
/** Words after a quoted phrase that show it is being talked about, not said to someone. */
const MENTION_WORDS = /等|之类|这类|这样的|称呼|用语|字眼|词语|说法|字样|语言|\b(?:or similar|and similar|or other|terms?|words?|language|phrases?|labels?|names?)\b/i;

/** What may stand before a hit in a list item: "or ", "and be ", "an account or a " (at most two words besides articles and and/or; no subject or modal, which would start a clause of its own). */
const LIST_ITEM = /^(?![^]*\b(?:will|would|can|could|may|might|shall|should|must|we|they|you|he|she|i|it|is|are|was|were)\b)\s*(?:(?:or|and|nor|a|an|the|any|your)\s+)*(?:[a-z']+\s+(?:(?:or|and|nor|a|an|the|any|your)\s+)*){0,2}$/;

// Quotation marks do not end a clause: 不会虚构“黑名单” is one negated clause.
const CLAUSE_END = /[。！？!?；;，,：:\n\r()（）【】]/;

/**
 * One message prepared for the rules: the original text, a normalised and
 * placeholder-masked copy with its offset map, and facts computed lazily, once.
 */
export class Document {
  readonly original: string;
  readonly normalized: NormalizedText;
  /** Normalised text with placeholders masked: what rules read. */
  readonly text: string;
  readonly placeholders: Placeholder[];
  readonly language: DetectedLanguage;
  readonly channel: Channel | null;
  readonly context: MessageContext;
  /** The send as the contact policy reads it (context checked, times parsed); set by the linter. */
  send: SendFacts | null = null;
  private readonly memo = new Map<string, unknown>();

  constructor(text: string, channel: Channel | null, context: MessageContext, placeholderMap: PlaceholderMap) {
    this.original = text;
    this.normalized = normalize(text);
    this.placeholders = findPlaceholders(this.normalized.text, placeholderMap);
    // Rules read the collector's words only: placeholders masked, and in a call transcript the other party's turns blanked.
    const masked = maskPlaceholders(this.normalized.text, this.placeholders);
    this.text = maskSpans(masked, dialogueMask(masked));
    this.language = detectLanguage(this.text);
    this.channel = channel;
    this.context = context;
  }

  /** Where an offset in the original text lands in the normalised text (for rules that read the original). */
  normalizedOffset(originalOffset: number): number {
    return fromOriginal(this.normalized, originalOffset);
  }

  get recipient(): 'debtor' | 'third-party' {
    return this.context.recipient === 'third-party' ? 'third-party' : 'debtor';
  }

  /** Memoise a computation on this message (keys are owned by their callers). */
  once<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  hasPlaceholder(meaning: string): boolean {
    return this.placeholders.some((p) => p.meanings.includes(meaning));
  }

  get money(): MoneyAmount[] {
    return this.once('money', () => extractMoney(this.text));
  }

  get dates(): DateMention[] {
    return this.once('dates', () => {
      const due = this.context.dueDate;
      const year = typeof due === 'string' && /^\d{4}/.test(due) ? Number(due.slice(0, 4)) : new Date().getUTCFullYear();
      return extractDates(this.text, year);
    });
  }

  /** Start of the clause containing `offset` (normalised text). */
  clauseStart(offset: number): number {
    for (let i = Math.min(offset, this.text.length) - 1; i >= 0; i--) if (this.endsClause(i)) return i + 1;
    return 0;
  }

  /** Punctuation ends a clause; a full stop only before a space (not in 1,280.00 or acme.com). */
  private endsClause(i: number): boolean {
    const ch = this.text[i]!;
    if (CLAUSE_END.test(ch)) return true;
    return ch === '.' && (i + 1 >= this.text.length || /\s/.test(this.text[i + 1]!));
  }

  /** End of the clause containing `offset`. */
  clauseEnd(offset: number): number {
    for (let i = offset; i < this.text.length; i++) if (this.endsClause(i)) return i;
    return this.text.length;
  }

  /**
   * Whether a hit at [start, end) is in a negation scope: a negator shortly before
   * it in the same clause, with no conditional between (不还钱就上门 is not a negation
   * of 上门; 我们不会上门 is).
   */
  isNegated(vocab: CompiledVocabulary, start: number): boolean {
    let from = this.clauseStart(start);
    let window = this.language === 'en' ? 48 : 14;
    // "You will not be arrested, jailed, or sued": a short list item after a comma stays in the negated clause.
    for (let k = 0; k < 4 && this.language === 'en' && this.text[from - 1] === ',' && LIST_ITEM.test(this.text.slice(from, start)); k++) {
      from = this.clauseStart(from - 1);
      window += 32;
    }
    const lo = Math.max(from, start - window);
    const negs = this.negatorHits(vocab, lo, start);
    if (negs.length === 0) return false;
    const lastNeg = negs.reduce((a, b) => (b.end > a.end ? b : a));
    // From the negator's own start, so that 不然 / "no matter" count as breakers.
    return !this.breaksScope(vocab, lo + lastNeg.start, start);
  }

  /**
   * A scope breaker between [from, to). A one-character Chinese breaker (就, 理, 付, 还)
   * counts only as a word of its own: 不会以任何理由要求您 stays negated, 不理我们就 does not.
   */
  private breaksScope(vocab: CompiledVocabulary, from: number, to: number): boolean {
    for (const b of vocab.scopeBreakers.find(this.text.slice(from, to))) {
      const single = b.end - b.start === 1 && isHanCode(this.text.charCodeAt(from + b.start));
      if (!single || isWordBoundaryAligned(this, from + b.start, from + b.end)) return true;
    }
    return false;
  }

  /**
   * A phrase quoted as a word rather than used: 禁止使用“老赖”“骗子”等称呼 / never call anyone a "deadbeat" or similar terms.
   * Quoted on both sides in the original (quotes are folded away between Chinese characters)
   * and followed in the same clause by words that talk about wording.
   */
  isQuotedMention(start: number, end: number): boolean {
    const { origStart, origEnd } = this.normalized;
    const original = this.original;
    if (start >= origStart.length || end < 1) return false;
    const a = origStart[start]!;
    const b = origEnd[end - 1]!;
    if (!OPEN_QUOTE.test(original.charAt(a - 1)) || !CLOSE_QUOTE.test(original.charAt(b))) return false;
    const after = original.slice(b + 1, b + 24).split(/[。！？!?；;\n]/)[0]!;
    return MENTION_WORDS.test(after);
  }

  /** A negator inside a pattern's own match ("we're not the police", "family will NOT be contacted"). */
  negatedWithin(vocab: CompiledVocabulary, start: number, end: number): boolean {
    const negs = this.negatorHits(vocab, start, end);
    if (negs.length === 0) return false;
    return !this.breaksScope(vocab, start + negs[0]!.start, end);
  }

  /**
   * Negators in [from, to), offsets relative to `from`. A 不 between a verb and its
   * complement (上不了学, 跑不掉, 躲不过) says "cannot", not "will not": it negates nothing.
   */
  private negatorHits(vocab: CompiledVocabulary, from: number, to: number): { start: number; end: number }[] {
    return vocab.negators.find(this.text.slice(from, to)).filter((n) => {
      if (n.end - n.start !== 1 || this.text[from + n.start] !== '不') return true;
      const at = from + n.start;
      if (this.text[at - 1] === '拒') return false; // 拒不到庭: "refuses to", a fact about the debtor
      return !(at > 0 && isHanCode(this.text.charCodeAt(at - 1)) && POTENTIAL_COMPLEMENT.has(this.text[at + 1] ?? ''));
    });
  }

  identity(vocab: CompiledVocabulary): IdentityFacts {
    return this.once(`identity:${vocab.id}`, () => findIdentity(this.text, vocab.neutralSignatureWords, vocab.institutionSuffixes));
  }

  get englishCompany(): boolean {
    return this.once('company', () => findEnglishCompany(this.original));
  }

  /** The message pursues payment (so the missing-* requirements apply). */
  pursuesPayment(vocab: CompiledVocabulary): boolean {
    return this.once(`pursues:${vocab.id}`, () => {
      // Talk of the debt, or an amount stated to the debtor, is pursuing payment.
      const asks = vocab.payment.find(this.text).length > 0 || this.hasPlaceholder('amount') || this.money.length > 0;
      if (!asks) return false;
      const exempt = vocab.exempt.find(this.text).length > 0;
      return !exempt || vocab.stillOwed.find(this.text).length > 0;
    });
  }
}
