import type { Bilingual, Category, Channel, Locale, MessageContext, Severity } from '../types.js';

/** A message used as a rule's own example (a string is a message with no channel or context). */
export type RuleExample = string | { text: string; channel?: Channel; context?: MessageContext };

interface RuleBase {
  id: string;
  kind: string;
  category: Category;
  severity: Severity;
  message: Bilingual;
  citation: string;
  suggestion?: Bilingual;
  /** Text languages this rule reads; default: the ruleset's locale. */
  locales?: Locale[];
  enabled?: boolean;
  examples: { flag: RuleExample[]; pass: RuleExample[] };
}

/** Phrases and patterns with context conditions. */
export interface LexiconRule extends RuleBase {
  kind: 'lexicon';
  terms?: string[];
  /** RE2 syntax, run with re2js: linear time whoever wrote them. */
  patterns?: string[];
  /** Add the `cuss` profanity list (English) at or above this rating. */
  cuss?: { minRating: number; exclude?: string[] };
  /** Skip a hit inside a negation scope (我们不会…, we will not…). Default true. */
  negatable?: boolean;
  /** Skip a hit when one of these phrases is in the same clause (lawful statements). */
  unless?: string[];
  /** Fire only when one of these phrases is in the same clause. */
  requires?: string[];
  /** zh: a term must start and end on jieba word boundaries (路口交通 is not 口交). */
  wordBoundary?: boolean;
  /** Fire only for this recipient. */
  recipient?: 'debtor' | 'third-party';
}

export type FactName = 'amount' | 'due-date' | 'institution' | 'company' | 'collector-disclosure' | 'opt-out';

/** A fact the message must state on some channels. */
export interface RequirementRule extends RuleBase {
  kind: 'requirement';
  /** All of these facts must be present. */
  facts: FactName[];
  channels: Channel[];
  /** When the requirement applies: a message that pursues payment, or one carrying marketing. */
  when: 'payment' | 'marketing';
}

/** A message to a third party that reveals the debt. */
export interface DisclosureRule extends RuleBase {
  kind: 'disclosure';
  /** Words that reveal a debt or a collection. */
  terms: string[];
  patterns?: string[];
}

/** A stated fact that contradicts the context. */
export interface ConsistencyRule extends RuleBase {
  kind: 'consistency';
  check: 'amount' | 'due-date';
}

/** Unmasked sensitive numbers. */
export interface PrivacyRule extends RuleBase {
  kind: 'privacy';
  detect: 'national-id' | 'card-number' | 'verification-code' | 'password';
}

export type RuleDefinition = LexiconRule | RequirementRule | DisclosureRule | ConsistencyRule | PrivacyRule;

/** Vocabulary the fact extractors read: data, so a config can extend it. */
export interface Vocabulary {
  /** Phrases that mean the message pursues payment. */
  payment: string[];
  /** Phrases that make a message exempt from requirements (receipts, thanks, codes). */
  exempt: string[];
  /** Phrases that undo an exemption (剩余欠款, still owe). */
  stillOwed: string[];
  /** Marketing content (cn opt-out rule). */
  marketing: string[];
  /** Opt-out instructions. */
  optOut: string[];
  /** Debt-collector disclosure (us). */
  collectorDisclosure: string[];
  /** Words that never name an institution in a 【signature】. */
  neutralSignatureWords: string[];
  /** Suffixes that make the preceding words an institution name. */
  institutionSuffixes: string[];
  /** Negators that scope over the words after them. */
  negators: string[];
  /** Words that end a negation scope (conditionals: 否则, if, unless). */
  scopeBreakers: string[];
}

export interface RulesetDefinition {
  name: string;
  locale: Locale;
  description: string;
  /** Zone that contact-timing rules read when context.timezone is absent. */
  timezone?: string;
  settings: { gatewayAddsSignature?: boolean };
  placeholders: Record<string, string[]>;
  vocabulary: Vocabulary;
  rules: RuleDefinition[];
  /** Where each rule came from, for error messages (rule id → file). */
  sources: Record<string, string>;
}
