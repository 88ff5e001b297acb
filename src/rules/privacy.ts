import { findCardNumbers, findNationalIds, findPasswords, findSecretRequests, findSsns, findVerificationCodes } from '../facts/privacy.js';
import type { PrivacyRule } from '../rulesets/model.js';
import type { RuleKind } from './kind.js';

/**
 * Unmasked sensitive data: ID-shaped numbers, card numbers (Luhn-valid, or called
 * a card), US Social Security numbers, and codes or passwords inside a collection message (a pure one-time
 * code message is exempt) or a request to hand one over.
 */
export const privacy: RuleKind<PrivacyRule> = {
  kind: 'privacy',
  meta: { description: 'Flags full ID and card numbers, and verification codes or passwords in collection messages.' },
  create(rule, ctx) {
    return (doc) => {
      let spans: { start: number; end: number }[] = [];
      switch (rule.detect) {
        case 'national-id':
          spans = findNationalIds(doc.text);
          break;
        case 'card-number':
          spans = findCardNumbers(doc.text);
          break;
        case 'ssn':
          spans = findSsns(doc.text);
          break;
        case 'verification-code':
          spans = [
            // A code next to any talk of payment is a code inside a collection message.
            ...(ctx.vocabulary.payment.find(doc.text).length > 0 ? findVerificationCodes(doc.text) : []),
            ...findSecretRequests(doc.text).filter((s) => !doc.isNegated(ctx.vocabulary, s.start)),
          ];
          break;
        case 'password':
          // Read the original: leetspeak folding would turn the password Qz7!maple into letters.
          return findPasswords(doc.original)
            .filter((s) => !doc.isNegated(ctx.vocabulary, doc.normalizedOffset(s.start)))
            .map((s) => ({ start: s.start, end: s.end, space: 'orig' as const }));
      }
      return spans.map((s) => ({ start: s.start, end: s.end, space: 'norm' as const }));
    };
  },
};
