import { createRequire } from 'node:module';
import { decodeChineseNumber } from './money.js';

/** A date or a deadline stated in the (normalised) text. */
export interface DateMention {
  start: number;
  end: number;
  kind: 'absolute' | 'relative';
  /** YYYY-MM-DD when the mention names a calendar day (year may be assumed). Read lazily for English forms. */
  readonly iso: string | null;
}

const CN_NUM = '[0-9一二两三四五六七八九十]+';
const WEEKDAY_ZH = '(?:周|星期|礼拜)[一二三四五六日天]';
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAY_EN = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun';

/**
 * Project patterns for what chrono-node misses (本月25日, 3日内, 今晚12点, 下周,
 * "within 5 business days", "the 25th") and for the common absolute forms, so
 * the requirement check never needs to load chrono. chrono-node is used to read
 * English dates into calendar days for the consistency check.
 */
const DATE_RE = new RegExp(
  [
    // absolute
    String.raw`(?<ymd>(?<y>\d{4})\s*[年\-/.]\s*(?<m>\d{1,2})\s*[月\-/.]\s*(?<d>\d{1,2})\s*[日号]?)`,
    String.raw`(?<md>(?<m2>\d{1,2})\s*月\s*(?<d2>\d{1,2})\s*[日号])`,
    String.raw`(?<mdy>(?<m3>\d{1,2})/(?<d3>\d{1,2})/(?<y3>\d{2,4})|(?<=\b(?:by|on|before|until|due|date:?|starting|from|after|through|thru|effective|expires?)\s+)(?<m4>\d{1,2})/(?<d4>\d{1,2})|(?<m5>\d{1,2})/(?<d5>\d{1,2})(?=\s*(?:前|之前|以前|到期|截止|还款|当天|当日)))(?![\d/])`,
    String.raw`(?<en>\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTHS})\.?(?:,?\s+\d{4})?\b)`,
    // relative (zh)
    String.raw`(?<rel>(?:本|这个|下个?|次)月\s*${CN_NUM}\s*[日号]|(?:本|这个)?月[底末]|(?:本|这|下个?)(?:周|星期)[一二三四五六日天]?|${WEEKDAY_ZH}|今天|今日|今晚|今夜|今早|今朝|今儿|明天|明日|明早|明朝|明儿|听日|听朝|后儿|后天|当天|当日|次日|下班前|在此之前|在这之前|(?:给你|限你|宽限|再给你)\s*${CN_NUM}\s*(?:个)?(?:工作日|天|日|小时|周|星期)|${CN_NUM}\s*(?:个)?(?:工作日|自然日|天|日|小时|个小时)\s*(?:之内|以内|内)|${CN_NUM}\s*(?:个)?(?:工作日|自然日|天|日|小时)(?:之前|前)(?:还|处理|缴|付|结)|截[止至](?:日期?|时间)?)`,
    // relative (en)
    String.raw`(?<relen>\bwithin\s+(?:the\s+next\s+)?(?:\d+|one|two|three|four|five|six|seven|ten|fourteen|thirty)\s+(?:\(\d+\)\s+)?(?:business\s+|calendar\s+|working\s+)?(?:days?|hours?|weeks?)\b|\b(?:by|before|until|no\s+later\s+than|on\s+or\s+before|due)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:day|week|month)|eod|today|tonight|tomorrow|noon|midnight|this\s+(?:${WEEKDAY_EN})|next\s+(?:${WEEKDAY_EN}|week|month)|(?:${WEEKDAY_EN})|\d{1,2}(?:st|nd|rd|th)\b)|\bthe\s+\d{1,2}(?:st|nd|rd|th)\s+of\s+(?:this|next)\s+month\b|\b(?:pay|paid|payment|due)\b[^.!?\n]{0,30}\b(?:today|tonight|tomorrow)\b|\bin\s+(?:\d+|ten|seven|five|thirty)\s+(?:days|hours|hrs)\b|\b(?:\d+|twenty-four|forty-eight)\s*(?:hours|hrs|business days)\b|\b(?:today|tonight|tomorrow|yesterday|tmrw|tmr|2nite|2day|this weekend|end of (?:the |this |next )?(?:day|week|month))\b|\b(?:this\s+|next\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?:on|for|by|before|the)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b)`,
  ].join('|'),
  'gi',
);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoOf(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** All dates and deadlines. `refYear` fills in a missing year (from context.dueDate or today). */
export function extractDates(text: string, refYear: number): DateMention[] {
  const out: DateMention[] = [];
  DATE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATE_RE.exec(text)) !== null) {
    const g = m.groups!;
    const start = m.index;
    const end = start + m[0].length;
    if (g.ymd) out.push({ start, end, kind: 'absolute', iso: isoOf(+g.y!, +g.m!, +g.d!) });
    else if (g.md) out.push({ start, end, kind: 'absolute', iso: isoOf(refYear, +g.m2!, +g.d2!) });
    else if (g.mdy) {
      // Without a year, 1/2 could be a fraction: only after by/on/due (or before 前/到期) does it read as a date.
      const y = g.y3 ? (g.y3.length === 2 ? 2000 + +g.y3 : +g.y3) : refYear;
      const iso = g.y3 ? isoOf(y, +g.m3!, +g.d3!) : g.m4 ? isoOf(y, +g.m4!, +g.d4!) : isoOf(y, +g.m5!, +g.d5!);
      if (iso) out.push({ start, end, kind: 'absolute', iso });
    } else if (g.en) {
      // chrono is slow and only the consistency check needs the calendar day: parse on first read.
      const words = m[0];
      let parsed: string | null | undefined;
      out.push({ start, end, kind: 'absolute', get iso() { return parsed === undefined ? (parsed = parseEnglishDate(words, refYear)) : parsed; } });
    }
    else out.push({ start, end, kind: 'relative', iso: null });
  }
  return out;
}

const require = createRequire(import.meta.url);
let chrono: typeof import('chrono-node') | null = null;

/** chrono-node reads the English forms (Dec. 5th, 2026 / 5 December); loaded only when needed. */
export function parseEnglishDate(s: string, refYear: number): string | null {
  chrono ??= require('chrono-node') as typeof import('chrono-node');
  const [r] = chrono.en.parse(s, new Date(Date.UTC(refYear, 0, 1, 12)));
  if (!r) return null;
  const c = r.start;
  return isoOf(c.isCertain('year') ? c.get('year')! : refYear, c.get('month')!, c.get('day')!);
}

export { decodeChineseNumber };
