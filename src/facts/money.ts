import Nzh from 'nzh';

/** A money amount stated in the (normalised) text. */
export interface MoneyAmount {
  start: number;
  end: number;
  value: number;
  currency: string | null;
  /** low: a bare number that only context words make an amount (应还 1,280.00). */
  confidence: 'high' | 'low';
}

const CURRENCY_PREFIX: Record<string, string> = {
  'us$': 'USD', $: 'USD', usd: 'USD', 'hk$': 'HKD', hkd: 'HKD', '¥': 'CNY', rmb: 'CNY', cny: 'CNY',
  人民币: 'CNY', 美元: 'USD', 港币: 'HKD', 港元: 'HKD', 新台币: 'TWD', twd: 'TWD', '€': 'EUR', eur: 'EUR', '£': 'GBP', gbp: 'GBP',
};
const CURRENCY_SUFFIX: Record<string, string> = {
  元: 'CNY', 块钱: 'CNY', 块: 'CNY', 美元: 'USD', 美金: 'USD', 港元: 'HKD', 港币: 'HKD', dollars: 'USD', dollar: 'USD',
  usd: 'USD', rmb: 'CNY', cny: 'CNY', bucks: 'USD',
};

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const CN_DIGITS = '零〇一二两三四五六七八九十百千万亿壹贰叁叄肆伍陆柒捌玖拾佰仟';
const prefixAlt = Object.keys(CURRENCY_PREFIX).sort((a, b) => b.length - a.length).map(esc).join('|');
const suffixAlt = Object.keys(CURRENCY_SUFFIX).sort((a, b) => b.length - a.length).map(esc).join('|');

// Text is already NFKC + lower-case + simplified: ￥ is ¥, ＄ is $, 叄 may remain.
const MONEY_RE = new RegExp(
  [
    `(?<pre>${prefixAlt})\\s?(?<pnum>${NUM})\\s?(?<pmul>万|千|k)?`,
    `(?<snum>${NUM})\\s?(?<smul>万|千|k)?\\s?(?<suf>${suffixAlt})(?![a-z])`,
    `(?<cn>[${CN_DIGITS}]+)(?:元|圆|块)(?:零?(?<jiao>[${CN_DIGITS}])角)?(?:零?(?<fen>[${CN_DIGITS}])分)?整?`,
    `(?<ctx>金额|欠款|应还|欠|余额|本金|合计|共计|总计|待还|未还|amount due|amount|balance|total|owed?)(?:\\s*(?:为|是|:|：|of|is))?\\s*(?<bare>\\d{1,3}(?:,\\d{3})*\\.\\d{2}|\\d+\\.\\d{2}|\\d+(?:\\.\\d+)?万)`,
  ].join('|'),
  'g',
);

const UPPER_TO_LOWER: Record<string, string> = {
  壹: '一', 贰: '二', 叁: '三', 叄: '三', 肆: '四', 伍: '五', 陆: '六', 柒: '七', 捌: '八', 玖: '九', 拾: '十', 佰: '百', 仟: '千', 〇: '零',
};

/** Chinese numerals (大写 or 小写, with 两) to a number; nzh reads 小写 only and not 两. */
export function decodeChineseNumber(s: string): number {
  const lower = Array.from(s, (c) => UPPER_TO_LOWER[c] ?? (c === '两' ? '二' : c)).join('');
  if (/^[零一二三四五六七八九]$/.test(lower)) return '零一二三四五六七八九'.indexOf(lower);
  return Number(Nzh.cn.decodeS(lower));
}

function parseNumber(s: string): number {
  return Number(s.replace(/,/g, ''));
}

function multiplier(m: string | undefined): number {
  return m === '万' ? 10_000 : m === '千' || m === 'k' ? 1_000 : 1;
}

export function extractMoney(text: string): MoneyAmount[] {
  const out: MoneyAmount[] = [];
  MONEY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MONEY_RE.exec(text)) !== null) {
    const g = m.groups!;
    let value: number;
    let currency: string | null = null;
    let start = m.index;
    let confidence: MoneyAmount['confidence'] = 'high';
    if (g.pre !== undefined) {
      value = parseNumber(g.pnum!) * multiplier(g.pmul);
      currency = CURRENCY_PREFIX[g.pre]!;
    } else if (g.snum !== undefined) {
      // A number right after a letter or digit is part of an identifier, not an amount.
      if (start > 0 && /[a-z0-9]/.test(text[start - 1]!)) continue;
      value = parseNumber(g.snum) * multiplier(g.smul);
      currency = CURRENCY_SUFFIX[g.suf!]!;
    } else if (g.cn !== undefined) {
      value = decodeChineseNumber(g.cn);
      if (g.jiao) value += decodeChineseNumber(g.jiao) / 10;
      if (g.fen) value += decodeChineseNumber(g.fen) / 100;
      value = Math.round(value * 100) / 100;
      currency = 'CNY';
      if (!(value > 0)) continue;
    } else {
      const bare = g.bare!;
      value = bare.endsWith('万') ? parseNumber(bare.slice(0, -1)) * 10_000 : parseNumber(bare);
      start = m.index + m[0].length - bare.length;
      confidence = 'low';
    }
    if (!Number.isFinite(value)) continue;
    out.push({ start, end: m.index + m[0].length, value, currency, confidence });
  }
  return out;
}

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
