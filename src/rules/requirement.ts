import type { Document } from '../document.js';
import type { FactName, RequirementRule } from '../rulesets/model.js';
import type { CompiledVocabulary } from '../rulesets/vocabulary.js';
import type { RuleKind } from './kind.js';

/** Whether the message states a fact (a placeholder of that meaning counts). */
export function hasFact(doc: Document, fact: FactName, vocab: CompiledVocabulary, settings: { gatewayAddsSignature?: boolean }): boolean {
  switch (fact) {
    case 'amount':
      return doc.money.length > 0 || doc.hasPlaceholder('amount');
    case 'due-date':
      return doc.dates.length > 0 || doc.hasPlaceholder('dueDate');
    case 'institution': {
      if (doc.channel === 'sms' && settings.gatewayAddsSignature) return true;
      const id = doc.identity(vocab);
      return id.namedSignature || id.institutionInText || doc.hasPlaceholder('company');
    }
    case 'company':
      return doc.englishCompany || doc.hasPlaceholder('company') || doc.identity(vocab).namedSignature;
    case 'collector-disclosure':
      return vocab.collectorDisclosure.find(doc.text).length > 0;
    case 'opt-out':
      return vocab.optOut.find(doc.text).length > 0 || doc.hasPlaceholder('optOut');
  }
}

/**
 * A fact the channel requires. Applies only to the debtor, only on the listed
 * channels (unknown channel: skipped), and only to messages that pursue payment
 * (or, for `when: marketing`, that carry marketing content).
 */
export const requirement: RuleKind<RequirementRule> = {
    kind: 'requirement',
    meta: { description: 'Requires facts (amount, due date, identity, opt-out) on the channels that need them.' },
    create(rule, ctx) {
      return (doc) => {
        if (doc.recipient !== 'debtor' || doc.channel === null || !rule.channels.includes(doc.channel)) return [];
        const applies =
          rule.when === 'marketing'
            ? ctx.vocabulary.marketing.find(doc.text).length > 0
            : doc.pursuesPayment(ctx.vocabulary);
        if (!applies) return [];
        const missing = rule.facts.filter((f) => !hasFact(doc, f, ctx.vocabulary, ctx.settings));
        if (missing.length === 0) return [];
        // Point at the first line: the message as a whole lacks the fact.
        const nl = doc.original.search(/[\r\n]/);
        return [{ start: 0, end: nl > 0 ? nl : doc.original.length, space: 'orig' }];
      };
    },
};
