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
  detect: 'national-id' | 'card-number' | 'ssn' | 'verification-code' | 'password';
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Local wall-clock window, start inclusive, end exclusive ("08:00"–"22:00"; end may be "24:00"). */
export interface TimeWindow {
  /** Weekdays it applies to; default every day. */
  days?: Weekday[];
  start: string;
  end: string;
}

/** What a calendar rule does on a kind of day: nothing, warn, forbid, or allow only a narrower window. */
export type DayAction = 'allow' | 'warn' | 'deny' | { start: string; end: string };

/** Contact-policy rules read `context`, not the text. `channels`: sends the rule applies to (default all). */
interface TimingBase extends RuleBase {
  category: 'contact-timing';
  channels?: Channel[];
}

/** Allowed local hours per weekday. */
export interface ContactHoursRule extends TimingBase {
  kind: 'contact-hours';
  windows: TimeWindow[];
}

/** Holidays and weekends from an official calendar. */
export interface ContactCalendarRule extends TimingBase {
  kind: 'contact-calendar';
  /** `cn` (State Council schedule, with make-up workdays) or a country code for date-holidays (us, gb, in …). */
  calendar: string;
  holiday: DayAction;
  weekend?: DayAction;
  /** Schedules for years the calendar does not cover (or corrections), keyed by year. */
  years?: Record<string, { holidays: string[]; workdays?: string[] }>;
}

/** Channels allowed at each stage of days past due. */
export interface ContactStageRule extends TimingBase {
  kind: 'contact-stage';
  stages: { name: string; from: number; to?: number; channels: Channel[] }[];
}

/** At most `limit` contacts within a period, counting context.history plus this send. */
export interface ContactFrequencyRule extends TimingBase {
  kind: 'contact-frequency';
  limit: number;
  /** `calendar-day` in the recipient's zone, or a rolling duration such as `7d` or `24h`. */
  period: string;
  /** Count every attempt, or only calls that reached the debtor (`conversation: true`). */
  count: 'attempts' | 'conversations';
  /** Channels of past contacts that count; default: the rule's `channels`, else all. */
  countChannels?: Channel[];
}

/** No contact for a while after a phone conversation. */
export interface ContactQuietPeriodRule extends TimingBase {
  kind: 'contact-quiet-period';
  /** Rolling duration after the conversation, e.g. `7d`. */
  duration: string;
}

/** Opted-out channels and cease-communication requests. */
export interface ContactConsentRule extends TimingBase {
  kind: 'contact-consent';
  /** Phrases of the one message still allowed after a cease request (confirming that contact stops). */
  unless?: string[];
}

export type TimingRule =
  | ContactHoursRule
  | ContactCalendarRule
  | ContactStageRule
  | ContactFrequencyRule
  | ContactQuietPeriodRule
  | ContactConsentRule;

export type RuleDefinition = LexiconRule | RequirementRule | DisclosureRule | ConsistencyRule | PrivacyRule | TimingRule;

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
