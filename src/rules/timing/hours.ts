import type { ContactHoursRule, Weekday } from '../../rulesets/model.js';
import { addDays, describeLocal, instantOf, localTime } from '../../policy/zoned-time.js';
import { appliesTo, clockMinutes, timingKind, windowErrors, windowText } from './shared.js';

export const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAY_ZH = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAY_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Allowed local hours: a send outside every window of its weekday is a finding; retry at the next window start. */
export const contactHours = timingKind<ContactHoursRule>(
  'contact-hours',
  "Sends must fall inside the allowed local hours of the recipient's weekday.",
  (rule) => {
    const byDay = WEEKDAYS.map((d) =>
      rule.windows
        .filter((w) => !w.days || w.days.includes(d))
        .map((w) => ({ ...w, from: clockMinutes(w.start), to: clockMinutes(w.end) }))
        .sort((a, b) => a.from - b.from),
    );
    return (send) => {
      if (send.at === null || !appliesTo(rule.channels, send.channel)) return null;
      const lt = localTime(send.at, send.zone);
      const today = byDay[lt.weekday]!;
      if (today.some((w) => lt.minutes >= w.from && lt.minutes < w.to)) return null;
      let retryAt: number | null = null;
      for (let i = 0; i <= 7 && retryAt === null; i++) {
        const date = addDays(lt.date, i);
        for (const w of byDay[(lt.weekday + i) % 7]!) {
          const start = instantOf(date, w.from, send.zone);
          if (start > send.at) {
            retryAt = start;
            break;
          }
        }
      }
      const zh = today.length
        ? `${send.zone} 当地时间 ${lt.clock}（${WEEKDAY_ZH[lt.weekday]}）不在允许的联系时段 ${windowText(today)} 内。`
        : `${send.zone} 当地${WEEKDAY_ZH[lt.weekday]}不允许联系。`;
      const en = today.length
        ? `${lt.clock} on ${WEEKDAY_EN[lt.weekday]} in ${send.zone} is outside ${windowText(today)}.`
        : `No contact is allowed on ${WEEKDAY_EN[lt.weekday]} in ${send.zone} (${describeLocal(send.at, send.zone)}).`;
      return { detail: { zh, en }, retryAt };
    };
  },
  (rule) => rule.windows.flatMap((w, i) => windowErrors(`/windows/${i}`, w)),
);
