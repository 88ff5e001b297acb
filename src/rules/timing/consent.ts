import type { ContactConsentRule } from '../../rulesets/model.js';
import { phraseSet } from '../../text/phrase-matcher.js';
import { timingKind } from './shared.js';

/** Opted-out channels and cease-communication requests; only a confirmation that contact stops may still go out. */
export const contactConsent = timingKind<ContactConsentRule>(
  'contact-consent',
  'Honour opt-outs per channel (context.optedOut) and requests to stop all communication (context.ceaseCommunication).',
  (rule) => {
    const confirmation = rule.unless?.length ? phraseSet(rule.unless) : null;
    return (send, doc) => {
      if (send.ceaseCommunication && !(confirmation && confirmation.find(doc.text).length > 0)) {
        return {
          retryAt: null,
          detail: {
            zh: '债务人已要求停止一切联系（context.ceaseCommunication）。',
            en: 'The debtor asked the collector to stop communicating (context.ceaseCommunication).',
          },
        };
      }
      if (send.channel && send.optedOut.has(send.channel)) {
        return {
          retryAt: null,
          detail: {
            zh: `债务人已退订或拒绝 ${send.channel} 渠道的联系（context.optedOut）。`,
            en: `The debtor opted out of ${send.channel} (context.optedOut).`,
          },
        };
      }
      return null;
    };
  },
);
