import type { Document } from '../document.js';
import { RULE_KINDS } from '../rules/index.js';
import type { CompileContext, RawFinding, RuleCheck, TimingCheck } from '../rules/kind.js';
import { addSegmenterWords } from '../text/segmenter.js';
import { PhraseMatcher } from '../text/phrase-matcher.js';
import type { RuleDefinition, RulesetDefinition } from './model.js';
import { compileVocabulary, type CompiledVocabulary } from './vocabulary.js';

export interface CompiledRule {
  def: RuleDefinition;
  check: RuleCheck;
  /** Contact-policy rules: the judgement at any instant, for nextAllowedAt. */
  timing?: TimingCheck;
}

let nextId = 1;

/**
 * A ruleset compiled once: every rule's literal phrases share one matcher that
 * runs once per message; patterns, vocabularies and rule checks are built here,
 * never per message.
 */
export class CompiledRuleset {
  readonly id = nextId++;
  readonly name: string;
  readonly rules: CompiledRule[];
  readonly vocabulary: CompiledVocabulary;
  /** Every enabled contact-policy rule's judgement, for the nextAllowedAt search. */
  readonly timingChecks: TimingCheck[];
  /** Zone the contact policy uses when context.timezone is absent. */
  get timezone(): string {
    return this.definition.timezone ?? 'UTC';
  }
  private readonly phrases: PhraseMatcher<string>;

  constructor(readonly definition: RulesetDefinition) {
    this.name = definition.name;
    this.vocabulary = compileVocabulary(definition.vocabulary);
    const registered: { phrase: string; payload: string }[] = [];
    const ctx: CompileContext = {
      vocabulary: this.vocabulary,
      settings: definition.settings,
      registerPhrases: (ruleId, phrases) => {
        for (const phrase of phrases) registered.push({ phrase, payload: ruleId });
        if (definition.locale === 'zh') addSegmenterWords(phrases);
      },
      phraseHits: (doc, ruleId) => this.hitsFor(doc).get(ruleId) ?? [],
    };
    this.rules = definition.rules
      .filter((r) => r.enabled !== false)
      .map((def) => {
        const kind = RULE_KINDS[def.kind];
        return { def, check: kind.create(def, ctx), timing: kind.createTiming?.(def, ctx) };
      });
    this.timingChecks = this.rules.flatMap((r) => (r.timing ? [r.timing] : []));
    this.phrases = new PhraseMatcher(registered);
  }

  private hitsFor(doc: Document): Map<string, { start: number; end: number; term: string }[]> {
    return doc.once(`phrases:${this.id}`, () => {
      const byRule = new Map<string, { start: number; end: number; term: string }[]>();
      for (const hit of this.phrases.find(doc.text)) {
        let list = byRule.get(hit.payload);
        if (!list) byRule.set(hit.payload, (list = []));
        list.push(hit);
      }
      return byRule;
    });
  }

  /** Run every rule (or only `filter`'s) on a prepared message. */
  run(doc: Document, filter?: (rule: RuleDefinition) => boolean): { rule: RuleDefinition; raw: RawFinding }[] {
    const out: { rule: RuleDefinition; raw: RawFinding }[] = [];
    for (const r of this.rules) {
      if (filter && !filter(r.def)) continue;
      for (const raw of r.check(doc)) out.push({ rule: r.def, raw });
    }
    return out;
  }
}
