import type { DisclosureRule } from '../rulesets/model.js';
import type { RuleKind, RawFinding } from './kind.js';
import { compilePattern, findPattern, validatePatterns } from './patterns.js';

/**
 * A message to a third party (family, employer, emergency contact) that reveals
 * the debt or the collection. Threats *to* tell others are lexicon rules.
 */
export const disclosure: RuleKind<DisclosureRule> = {
  kind: 'disclosure',
  meta: { description: 'Flags debt details in a message whose recipient is a third party.' },
  validate: (rule) => validatePatterns(rule.patterns),
  create(rule, ctx) {
    ctx.registerPhrases(rule.id, rule.terms);
    const patterns = (rule.patterns ?? []).map(compilePattern);
    return (doc) => {
      if (doc.recipient !== 'third-party') return [];
      const spans = [...ctx.phraseHits(doc, rule.id), ...patterns.flatMap((p) => findPattern(p, doc.text))];
      const out: RawFinding[] = [];
      for (const s of spans) {
        // "我们不会向您透露欠款" style reassurances are not disclosures.
        if (doc.isNegated(ctx.vocabulary, s.start)) continue;
        out.push({ start: s.start, end: s.end, space: 'norm' });
      }
      if (out.length === 0) return out;
      // The first mention, and every amount: enough to show what was revealed without repeating it.
      out.sort((a, b) => a.start - b.start);
      return [out[0]!, ...doc.money.map((m) => ({ start: m.start, end: m.end, space: 'norm' as const }))];
    };
  },
};
