/** Public contracts shared by every surface (SPEC.md). */

export const CATEGORIES = [
  'threat',
  'insult',
  'third-party-disclosure',
  'deception',
  'privacy',
  'missing-amount',
  'missing-due-date',
  'missing-identity',
  'missing-opt-out',
  'contact-timing',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CHANNELS = ['sms', 'email', 'letter', 'push', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

export type Locale = 'zh' | 'en';
export type Severity = 'error' | 'warning';
export type Verdict = 'allow' | 'review' | 'block';

export interface ContactAttempt {
  channel: Channel;
  at: string;
  conversation?: boolean;
}

export interface MessageContext {
  recipient?: 'debtor' | 'third-party';
  sendAt?: string;
  timezone?: string;
  daysPastDue?: number;
  history?: ContactAttempt[];
  amountDue?: number;
  currency?: string;
  dueDate?: string;
  /** Channels the debtor opted out of. */
  optedOut?: Channel[];
  /** The debtor asked the collector to stop communicating. */
  ceaseCommunication?: boolean;
  [extra: string]: unknown;
}

export interface Message {
  text: string;
  channel?: Channel;
  locale?: Locale;
  ruleset?: string;
  context?: MessageContext;
}

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Position {
  /** 0-based UTF-16 offset into the original text. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
}

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** Explanation in the message's language. */
  message: string;
  /** Both languages, for surfaces that let the reader switch. */
  messages: Bilingual;
  start: Position;
  end: Position;
  excerpt: string;
  citation: string;
  suggestion: string | null;
  /** contact-timing findings: when this send would pass every timing rule (ISO 8601 in the recipient's zone), or null if waiting does not help. */
  nextAllowedAt?: string | null;
}

export interface LintResult {
  verdict: Verdict;
  findings: Finding[];
  locale: Locale;
  channel: Channel | null;
  ruleset: string;
  /** Present when a timing rule fired: the earliest instant at or after sendAt that passes every timing rule, or null. */
  nextAllowedAt?: string | null;
  /** Present when `context` had bad values: each names its JSON pointer. Those values were ignored; everything else was linted. */
  contextErrors?: { pointer: string; message: string }[];
}
