import type { Document } from '../document.js';
import type { RuleDefinition } from '../rulesets/model.js';
import type { CompiledVocabulary } from '../rulesets/vocabulary.js';
import type { SendFacts } from '../policy/context.js';
import type { Bilingual, Severity } from '../types.js';

/** A span a rule reports: in the normalised text (`norm`) or straight in the original (`orig`). */
export interface RawFinding {
  start: number;
  end: number;
  space: 'norm' | 'orig';
  /** The fact behind this finding ("22:30 in Asia/Shanghai is outside 08:00–22:00"), put before the rule's explanation. */
  detail?: Bilingual;
  /** Overrides the rule's severity for this finding (a calendar rule that warns on holidays and denies on weekends). */
  severity?: Severity;
}

/** What a rule kind may ask of the ruleset compiler. */
export interface CompileContext {
  vocabulary: CompiledVocabulary;
  settings: { gatewayAddsSignature?: boolean };
  /** Put literal phrases into the ruleset's shared matcher; hits come back per rule id. */
  registerPhrases(ruleId: string, phrases: string[]): void;
  /** Hits of this ruleset's shared matcher for a rule (computed once per message). */
  phraseHits(doc: Document, ruleId: string): { start: number; end: number; term: string }[];
}

export type RuleCheck = (doc: Document) => RawFinding[];

/** A rule kind: ESLint-style module with `meta`, compiling rule data into a check. */
export interface RuleKind<R extends RuleDefinition = RuleDefinition> {
  kind: R['kind'];
  meta: { description: string };
  /** Extra semantic validation beyond the JSON Schema; return problems as [pointer suffix, message]. */
  validate?(rule: R): [string, string][];
  create(rule: R, ctx: CompileContext): RuleCheck;
  /** Contact-policy kinds also judge a send at any instant, so the engine can search for `nextAllowedAt`. */
  createTiming?(rule: R, ctx: CompileContext): TimingCheck;
}

/** A contact-policy rule's judgement of a send at `send.at`, or null when it passes. */
export interface TimingViolation {
  detail: Bilingual;
  severity?: Severity;
  /**
   * The earliest instant after `send.at` at which this rule could pass, or null
   * when waiting does not help (wrong stage, opted out). Never later than the
   * true answer, so the search for nextAllowedAt cannot skip an allowed minute.
   */
  retryAt: number | null;
}

export type TimingCheck = (send: SendFacts, doc: Document) => TimingViolation | null;
