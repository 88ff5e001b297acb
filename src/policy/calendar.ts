import { createRequire } from 'node:module';
import { weekdayOf, type IsoDate } from './zoned-time.js';

/**
 * Day types for contact policies. China uses the State Council schedule from
 * chinese-days (the only source with 调休 make-up workdays); other countries use
 * date-holidays, which is rule-based and knows any year. chinese-days silently
 * calls every day of a year it has no data for a workday, so coverage is checked
 * per year and a config can supply a year's schedule as data.
 */

export type DayType = 'workday' | 'weekend' | 'holiday';

export interface DayInfo {
  type: DayType;
  /** Holiday name (or "make-up workday") when known. */
  name: string | null;
  /** False when the calendar has no schedule for this year: the type is a guess. */
  covered: boolean;
}

/** A year's schedule supplied in a ruleset or config: dates or ranges "2027-02-06..2027-02-13". */
export interface YearSchedule {
  holidays: string[];
  workdays?: string[];
}

const require = createRequire(import.meta.url);

interface CnData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  years: Set<number>;
}
let cnData: CnData | null = null;

function cn(): CnData {
  if (!cnData) {
    const raw = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
    const years = new Set(Object.keys(raw.holidays).map((d) => Number(d.slice(0, 4))));
    cnData = { holidays: raw.holidays, workdays: raw.workdays, years };
  }
  return cnData;
}

type HolidaysCtor = new (country: string) => { getHolidays(year: number): { date: string; name: string; type: string }[] };
const countryYears = new Map<string, Map<string, string>>();

function countryHolidays(country: string, year: number): Map<string, string> {
  const key = `${country}:${year}`;
  let days = countryYears.get(key);
  if (!days) {
    const Holidays = require('date-holidays') as HolidaysCtor;
    days = new Map();
    for (const h of new Holidays(country).getHolidays(year)) if (h.type === 'public') days.set(h.date.slice(0, 10), h.name);
    countryYears.set(key, days);
  }
  return days;
}

/** Expand "2027-02-06..2027-02-13" and plain dates. */
export function expandDates(entries: string[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const [from, to] = e.split('..');
    if (!to) {
      out.push(from!);
      continue;
    }
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

let regions: Intl.DisplayNames | null = null;

/**
 * `cn`, or an ISO 3166 country code. Checked with Intl's region names rather
 * than by loading date-holidays' whole dataset (a quarter of ruleset load time).
 */
export function isKnownCalendar(calendar: string): boolean {
  if (calendar === 'cn') return true;
  if (!/^[a-z]{2}$/i.test(calendar)) return false;
  regions ??= new Intl.DisplayNames(['en'], { type: 'region' });
  const code = calendar.toUpperCase();
  const name = regions.of(code);
  return name !== code && name !== 'Unknown Region';
}

/** What kind of day `date` is under `calendar` (cn, or an ISO country code such as us). */
export function dayInfo(calendar: string, date: IsoDate, supplied: Record<string, YearSchedule> = {}): DayInfo {
  const year = Number(date.slice(0, 4));
  const weekend = weekdayOf(date) >= 5;
  const own = supplied[String(year)];
  if (own) {
    if (expandDates(own.holidays).includes(date)) return { type: 'holiday', name: null, covered: true };
    if (expandDates(own.workdays ?? []).includes(date)) return { type: 'workday', name: 'make-up workday', covered: true };
    return { type: weekend ? 'weekend' : 'workday', name: null, covered: true };
  }
  if (calendar === 'cn') {
    const data = cn();
    if (!data.years.has(year)) return { type: weekend ? 'weekend' : 'workday', name: null, covered: false };
    const holiday = data.holidays[date];
    if (holiday) return { type: 'holiday', name: holiday.split(',')[1] ?? holiday, covered: true };
    if (data.workdays[date]) return { type: 'workday', name: 'make-up workday', covered: true };
    return { type: weekend ? 'weekend' : 'workday', name: null, covered: true };
  }
  const name = countryHolidays(calendar.toUpperCase(), year).get(date);
  if (name) return { type: 'holiday', name, covered: true };
  return { type: weekend ? 'weekend' : 'workday', name: null, covered: true };
}
