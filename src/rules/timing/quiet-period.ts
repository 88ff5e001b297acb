import type { ContactQuietPeriodRule } from '../../rulesets/model.js';
import { describeLocal } from '../../policy/zoned-time.js';
import { appliesTo, durationError, durationMs, timingKind } from './shared.js';

/** No contact within `duration` after a phone conversation (Regulation F: 7 days). */
export const contactQuietPeriod = timingKind<ContactQuietPeriodRule>(
  'contact-quiet-period',
  'A quiet period after a phone conversation with the debtor.',
  (rule) => {
    const span = durationMs(rule.duration);
    return (send) => {
      if (send.at === null || !appliesTo(rule.channels, send.channel)) return null;
      const at = send.at;
      const last = Math.max(...send.history.filter((h) => h.conversation && h.at <= at && h.at > at - span).map((h) => h.at));
      if (!Number.isFinite(last)) return null;
      const until = last + span;
      return {
        retryAt: until,
        detail: {
          zh: `${describeLocal(last, send.zone)}（${send.zone}）已与债务人通话，${rule.duration} 内（${describeLocal(until, send.zone)} 前）不得再次联系。`,
          en: `A phone conversation took place at ${describeLocal(last, send.zone)} (${send.zone}); no contact within ${rule.duration} of it, that is before ${describeLocal(until, send.zone)}.`,
        },
      };
    };
  },
  (rule) => {
    const err = durationError(rule.duration);
    return err ? [['/duration', err]] : [];
  },
);
