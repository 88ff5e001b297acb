import type { SendFacts } from './policy/context.js';
import { extractDates, type DateMention } from './facts/dates.js';
import { findEnglishCompany, findIdentity, type IdentityFacts } from './facts/identity.js';
import { extractMoney, type MoneyAmount } from './facts/money.js';
import type { CompiledVocabulary } from './rulesets/vocabulary.js';
import { detectLanguage, type DetectedLanguage } from './text/language.js';
import { fromOriginal, normalize, type NormalizedText } from './text/normalize.js';
import { blankDialogue } from './text/dialogue.js';
import { isQuotedMention } from './text/mention.js';
import { isNegated, negatedWithin } from './text/negation.js';
import { findPlaceholders, maskPlaceholders, type Placeholder, type PlaceholderMap } from './text/placeholders.js';
import type { Channel, MessageContext } from './types.js';

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
    this.text = blankDialogue(maskPlaceholders(this.normalized.text, this.placeholders));
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

  /** Whether a hit at `start` is in a negation scope (src/text/negation.ts). */
  isNegated(vocab: CompiledVocabulary, start: number): boolean {
    return isNegated(this, vocab, start);
  }

  /** A negator inside a pattern's own match (src/text/negation.ts). */
  negatedWithin(vocab: CompiledVocabulary, start: number, end: number): boolean {
    return negatedWithin(this, vocab, start, end);
  }

  /** A phrase quoted as a word rather than used (src/text/mention.ts). */
  isQuotedMention(start: number, end: number): boolean {
    return isQuotedMention(this, start, end);
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
