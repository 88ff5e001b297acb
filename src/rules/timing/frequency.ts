import type { ContactFrequencyRule } from '../../rulesets/model.js';
import { addDays, instantOf, localTime } from '../../policy/zoned-time.js';
import { appliesTo, durationError, durationMs, timingKind } from './shared.js';

/**
 * At most `limit` contacts per period, counting context.history plus this send.
 * A rolling period slides: the retry time is when enough old contacts have left
 * it. A calendar-day period resets at the recipient's local midnight.
 * For `conversations`, the planned call counts because it may connect.
 */
export const contactFrequency = timingKind<ContactFrequencyRule>(
  'contact-frequency',
  'Frequency caps over context.history: at most N contacts (or connected calls) per rolling period or calendar day.',
  (rule) => {
    const counted = rule.countChannels ?? rule.channels;
    const calendarDay = rule.period === 'calendar-day';
    const span = calendarDay ? 0 : durationMs(rule.period);
    const what = { zh: rule.count === 'conversations' ? '接通的通话' : '次联系', en: rule.count === 'conversations' ? 'connected calls' : 'contacts' };
    const on = counted ? counted.join('/') : 'all channels';
    return (send) => {
      if (send.at === null || !appliesTo(rule.channels, send.channel)) return null;
      const at = send.at;
      const relevant = send.history.filter(
        (h) => h.at <= at && (!counted || counted.includes(h.channel)) && (rule.count === 'attempts' || h.conversation),
      );
      if (calendarDay) {
        const today = localTime(at, send.zone).date;
        const n = relevant.filter((h) => localTime(h.at, send.zone).date === today).length;
        if (n + 1 <= rule.limit) return null;
        return {
          retryAt: instantOf(addDays(today, 1), 0, send.zone),
          detail: {
            zh: `${today}（${send.zone}）当天已有 ${n} 次${rule.count === 'conversations' ? '接通的通话' : '联系'}（${on}），本次将超过每日上限 ${rule.limit} 次。`,
            en: `${n} ${what.en} on ${on} already on ${today} in ${send.zone}; this one would exceed the limit of ${rule.limit} per day.`,
          },
        };
      }
      const times = relevant.filter((h) => h.at > at - span).map((h) => h.at).sort((a, b) => a - b);
      const n = times.length;
      if (n + 1 <= rule.limit) return null;
      return {
        retryAt: times[n - rule.limit]! + span,
        detail: {
          zh: `过去 ${rule.period} 内已有 ${n} ${what.zh}（${on}），本次将是第 ${n + 1} 次，超过上限 ${rule.limit} 次。`,
          en: `${n} ${what.en} on ${on} in the last ${rule.period}; this would be number ${n + 1}, over the limit of ${rule.limit}.`,
        },
      };
    };
  },
  (rule) => {
    if (rule.period === 'calendar-day') return [];
    const err = durationError(rule.period);
    return err ? [['/period', `${err}, or calendar-day`]] : [];
  },
);
