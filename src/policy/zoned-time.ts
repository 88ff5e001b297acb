/**
 * Wall-clock arithmetic in IANA time zones without a date library: a cached
 * Intl.DateTimeFormat per zone (research/libs.md: 1 M checks/s, exact on DST
 * days) and a small solver for the reverse direction (local wall time → instant).
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A calendar day, YYYY-MM-DD. */
export type IsoDate = string;

export interface LocalTime {
  date: IsoDate;
  year: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** Minutes since local midnight (0–1439). */
  minutes: number;
  /** HH:MM */
  clock: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isValidZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Zone offsets by quarter hour: every real zone changes offset on a quarter-hour boundary (UTC and local). */
const QUARTER = 15 * MINUTE;
const offsetCache = new Map<string, number>();

/** Offset (ms, east positive) read from Intl at the start of the quarter hour holding `ms`. */
function quarterOffset(ms: number, zone: string): number {
  const q = Math.floor(ms / QUARTER);
  const key = `${zone}|${q}`;
  let off = offsetCache.get(key);
  if (off === undefined) {
    const at = q * QUARTER;
    const f = [0, 0, 0, 0, 0, 0];
    for (const p of formatter(zone).formatToParts(at)) {
      switch (p.type) {
        case 'year': f[0] = +p.value; break;
        case 'month': f[1] = +p.value; break;
        case 'day': f[2] = +p.value; break;
        case 'hour': f[3] = +p.value; break;
        case 'minute': f[4] = +p.value; break;
        case 'second': f[5] = +p.value; break;
      }
    }
    off = Date.UTC(f[0]!, f[1]! - 1, f[2]!, f[3]!, f[4]!, f[5]!) - at;
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, off);
  }
  return off;
}

/** Local wall-clock fields of an instant, as [year, month, day, hour, minute, second]. */
function wallFields(ms: number, zone: string): number[] {
  const d = new Date(ms + quarterOffset(ms, zone));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
}

export function localTime(ms: number, zone: string): LocalTime {
  const [y, mo, d, h, mi] = wallFields(ms, zone) as [number, number, number, number, number];
  const weekday = (new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7;
  return { date: `${pad(y, 4)}-${pad(mo)}-${pad(d)}`, year: y, weekday, minutes: h * 60 + mi, clock: `${pad(h)}:${pad(mi)}` };
}

/** The zone's offset from UTC at an instant, in ms (east positive). */
export function offsetAt(ms: number, zone: string): number {
  return quarterOffset(ms, zone);
}

/** The date `n` days after `date`. */
export function addDays(date: IsoDate, n: number): IsoDate {
  const t = Date.parse(`${date}T00:00:00Z`) + n * DAY;
  return new Date(t).toISOString().slice(0, 10);
}

export function weekdayOf(date: IsoDate): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * The earliest instant whose local wall time in `zone` is at or after `minutes`
 * past midnight on `date`. A repeated hour (autumn) gives its first occurrence;
 * a skipped hour (spring) gives the instant the clocks jump, the first instant
 * at or after that wall time.
 */
export function instantOf(date: IsoDate, minutes: number, zone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE;
  const candidates = [offsetAt(wall - DAY, zone), offsetAt(wall, zone), offsetAt(wall + DAY, zone)].map((o) => wall - o);
  const exact = candidates.filter((t) => wall + 0 === t + offsetAt(t, zone)).sort((a, b) => a - b);
  if (exact.length > 0) return exact[0]!;
  // Skipped wall time: find the first instant whose wall time is at or past it.
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (mid + offsetAt(mid, zone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** 2026-03-09T08:00:00-04:00: the instant written in the recipient's zone. */
export function isoInZone(ms: number, zone: string): string {
  const off = offsetAt(ms, zone);
  const [y, mo, d, h, mi, s] = wallFields(ms, zone) as [number, number, number, number, number, number];
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off) / MINUTE;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "2026-03-09 08:00" in the zone, for explanations. */
export function describeLocal(ms: number, zone: string): string {
  const lt = localTime(ms, zone);
  return `${lt.date} ${lt.clock}`;
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$/;

/**
 * Parse an ISO 8601 date-time. With an offset it names an instant; without one
 * it is read as wall time in `zone` (what a scheduler that writes local times means).
 * Returns null when it is not a valid date-time.
 */
export function parseDateTime(s: string, zone: string): number | null {
  const withOffset = ISO_WITH_OFFSET.exec(s);
  const local = withOffset ? null : ISO_LOCAL.exec(s);
  const m = withOffset ?? local;
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec);
  if (new Date(wall).getUTCDate() !== d) return null; // 2026-02-30
  if (local) return instantOf(`${m[1]}-${m[2]}-${m[3]}`, h * 60 + mi, zone) + sec * 1000;
  const t = Date.parse(s.replace(' ', 'T'));
  return Number.isNaN(t) ? null : t;
}
