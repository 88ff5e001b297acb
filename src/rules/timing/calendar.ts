import type { ContactCalendarRule, DayAction } from '../../rulesets/model.js';
import { dayInfo, expandDates, isKnownCalendar } from '../../policy/calendar.js';
import { addDays, instantOf, localTime } from '../../policy/zoned-time.js';
import type { Severity } from '../../types.js';
import { appliesTo, clockMinutes, timingKind, windowErrors } from './shared.js';

const DAY_ZH = { holiday: '法定节假日', weekend: '周末休息日' };
const DAY_EN = { holiday: 'a public holiday', weekend: 'a weekend rest day' };

/**
 * Holidays and weekends: allow, warn, deny, or a narrower window. A year the
 * calendar has no schedule for is never treated as ordinary: it is a warning
 * until the config supplies that year's holidays and make-up workdays.
 */
export const contactCalendar = timingKind<ContactCalendarRule>(
  'contact-calendar',
  'Holidays and weekends from an official calendar (China: State Council schedule with make-up workdays).',
  (rule) => (send) => {
    if (send.at === null || !appliesTo(rule.channels, send.channel)) return null;
    const lt = localTime(send.at, send.zone);
    const nextMidnight = () => instantOf(addDays(lt.date, 1), 0, send.zone);
    const day = dayInfo(rule.calendar, lt.date, rule.years);
    if (!day.covered && (rule.holiday !== 'allow' || (rule.weekend ?? 'allow') !== 'allow')) {
      return {
        severity: 'warning',
        retryAt: null,
        detail: {
          zh: `节假日日历（${rule.calendar}）没有 ${lt.year} 年的官方安排，无法判断 ${lt.date} 是否为节假日或调休工作日；请在配置中为该规则补充 years.${lt.year}。`,
          en: `The ${rule.calendar} holiday calendar has no official schedule for ${lt.year}, so whether ${lt.date} is a holiday or a make-up workday is unknown; supply years.${lt.year} for this rule in the config.`,
        },
      };
    }
    if (day.type === 'workday') return null;
    const action: DayAction = day.type === 'holiday' ? rule.holiday : (rule.weekend ?? 'allow');
    if (action === 'allow') return null;
    const name = day.name ? `（${day.name}）` : '';
    const nameEn = day.name ? ` (${day.name})` : '';
    if (typeof action === 'string') {
      const severity: Severity = action === 'deny' ? 'error' : 'warning';
      return {
        severity,
        retryAt: nextMidnight(),
        detail: {
          zh: `${lt.date} 是${DAY_ZH[day.type]}${name}（${send.zone}）。`,
          en: `${lt.date} is ${DAY_EN[day.type]}${nameEn} in ${send.zone}.`,
        },
      };
    }
    const from = clockMinutes(action.start);
    const to = clockMinutes(action.end);
    if (lt.minutes >= from && lt.minutes < to) return null;
    return {
      retryAt: lt.minutes < from ? instantOf(lt.date, from, send.zone) : nextMidnight(),
      detail: {
        zh: `${lt.date} 是${DAY_ZH[day.type]}${name}，当日只允许 ${action.start}–${action.end} 联系，${send.zone} 当地时间为 ${lt.clock}。`,
        en: `${lt.date} is ${DAY_EN[day.type]}${nameEn}: contact only ${action.start}–${action.end}, and it is ${lt.clock} in ${send.zone}.`,
      },
    };
  },
  (rule) => {
    const errs: [string, string][] = [];
    if (!isKnownCalendar(rule.calendar)) errs.push(['/calendar', `unknown calendar "${rule.calendar}" (cn, or a country code such as us, gb, in)`]);
    for (const key of ['holiday', 'weekend'] as const) {
      const a = rule[key];
      if (a && typeof a === 'object') errs.push(...windowErrors(`/${key}`, a));
    }
    for (const [year, sched] of Object.entries(rule.years ?? {})) {
      for (const list of ['holidays', 'workdays'] as const) {
        (sched[list] ?? []).forEach((d, i) => {
          const dates = expandDates([d]);
          if (dates.length === 0 || dates.some((x) => !/^\d{4}-\d{2}-\d{2}$/.test(x) || Number.isNaN(Date.parse(x)) || x.slice(0, 4) !== year)) {
            errs.push([`/years/${year}/${list}/${i}`, `"${d}" is not a date (or range a..b) in ${year}`]);
          }
        });
      }
    }
    return errs;
  },
);
