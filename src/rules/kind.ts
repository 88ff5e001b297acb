import type { Document } from '../document.js';
import type { RuleDefinition } from '../rulesets/model.js';
import type { CompiledVocabulary } from '../rulesets/vocabulary.js';

/** A span a rule reports: in the normalised text (`norm`) or straight in the original (`orig`). */
export interface RawFinding {
  start: number;
  end: number;
  space: 'norm' | 'orig';
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
}
