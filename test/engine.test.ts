import { describe, expect, it } from 'vitest';
import { createLinter, ConfigError } from '../src/index.js';
import { extractMoney } from '../src/facts/money.js';
import { extractDates } from '../src/facts/dates.js';
import { normalize, toOriginal } from '../src/text/normalize.js';
import { detectLanguage } from '../src/text/language.js';
import { findPlaceholders } from '../src/text/placeholders.js';
import { wordStripper } from '../src/text/word-stripper.js';
import { PhraseMatcher } from '../src/text/phrase-matcher.js';

describe('normalize', () => {
  it('folds width, case, traditional characters, zero-width and keyword separators', () => {
    expect(normalize('ＡＢＣ').text).toBe('abc');
    expect(normalize('緊急聯絡人').text).toBe('紧急联络人');
    expect(normalize('法\u200b院').text).toBe('法院');
    expect(normalize('死 全 家').text).toBe('死全家');
    expect(normalize('打*断*腿').text).toBe('打断腿');
    expect(normalize('a.r.r.e.s.t c0urt').text).toBe('arrest court');
  });
  it('reads evasions after width folding, not only in ASCII input', () => {
    // The leet and spelled-out passes are skipped when the folded text cannot hold them; the check must see folded letters.
    expect(normalize('法院 ｃ0ｕｒｔ').text).toBe('法院 court');
    expect(normalize('Ａ．Ｒ．Ｒ．Ｅ．Ｓ．Ｔ 法院').text).toBe('arrest 法院');
    expect(normalize('逾期15天，第3期').text).toBe('逾期15天,第3期');
    expect(normalize('We won’t tell your boss').text).toBe("we won't tell your boss");
  });
  it('keeps sentence punctuation and numbers', () => {
    expect(normalize('还款，否则').text).toBe('还款,否则');
    expect(normalize('the 15th, $1,234').text).toBe('the 15th, $1,234');
  });
  it('maps spans back to the original, past astral characters', () => {
    const nt = normalize('😀老 賴abc');
    const i = nt.text.indexOf('老赖');
    expect(toOriginal(nt, i, i + 2)).toEqual({ start: 2, end: 5 });
  });
});

describe('PhraseMatcher', () => {
  it('finds the same hits when its terms need several RegExps', () => {
    // ~3,000 terms (over 30,000 characters of pattern): past the size where V8 stops optimising one RegExp.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const terms: string[] = [];
    for (let i = 0; i < 3000; i++) terms.push(`${letters[i % 26]}${letters[(i * 7) % 26]}${letters[(i * 11) % 26]}x${i} ${letters[(i * 3) % 26]}`);
    terms.push('ab', 'abc'); // prefixes of each other and of generated terms
    const matcher = new PhraseMatcher(terms.map((phrase, i) => ({ phrase, payload: i })));
    const text = `${terms[5]} and ${terms[2999]}, abc ${terms[1234]}; ab ${terms[26]}x`;
    const naive: string[] = [];
    terms.forEach((t, i) => {
      for (let at = text.indexOf(t); at >= 0; at = text.indexOf(t, at + 1)) {
        const end = at + t.length;
        if ((at > 0 && /\w/.test(text[at - 1]!)) || (end < text.length && /\w/.test(text[end]!))) continue;
        naive.push(`${at}:${end}:${i}`);
      }
    });
    const found = matcher.find(text).map((h) => `${h.start}:${h.end}:${h.payload}`);
    expect(found.sort()).toEqual(naive.sort());
    expect(found.length).toBeGreaterThanOrEqual(5);
  });
});

describe('wordStripper', () => {
  it('removes every listed word, longest first, until none is left', () => {
    const strip = wordStripper(['贷后管理', '贷后', '全国', '管理']);
    expect(strip('贷后管理部')).toBe('部');
    expect(strip('全贷后国金融')).toBe('金融'); // removing 贷后 joins 全国, which goes too
    expect(strip('锦程消费')).toBe('锦程消费');
  });
  it('treats words as text, not patterns', () => {
    expect(wordStripper(['a.b', '(x)'])('a.bacb(x)y')).toBe('acby');
    expect(wordStripper([])('abc')).toBe('abc');
  });
});

describe('facts', () => {
  const money = (t: string) => extractMoney(normalize(t).text).map((m) => [m.value, m.currency]);
  it('reads amounts in both languages', () => {
    expect(money('欠款￥3,256.80')).toEqual([[3256.8, 'CNY']]);
    expect(money('人民币叁仟贰佰伍拾陆元捌角')).toEqual([[3256.8, 'CNY']]);
    expect(money('USD 1,234')).toEqual([[1234, 'USD']]);
    expect(money('两千块')).toEqual([[2000, 'CNY']]);
    expect(money('尾号1234的信用卡已逾期15天')).toEqual([]);
  });
  it('finds dates and deadlines, not durations', () => {
    const d = (t: string) => extractDates(normalize(t).text, 2026).map((x) => x.iso ?? x.kind);
    expect(d('请于2026年12月5日前还款')).toEqual(['2026-12-05']);
    expect(d('by December 5, 2026')).toEqual(['2026-12-05']);
    expect(d('3日内')).toEqual(['relative']);
    expect(d('within 10 business days')).toEqual(['relative']);
    expect(d('已逾期15天')).toEqual([]);
    expect(d('请尽快还款')).toEqual([]);
    // Dialect and colloquial deadlines, and month/day read as a date only where a date is meant.
    expect(d('您12/8到期的账单')).toEqual(['2026-12-08']);
    expect(d('plan starting 5/20')).toEqual(['2026-05-20']);
    expect(d('1/2的款项')).toEqual([]);
    expect(d('今朝夜里十点前还掉')).toEqual(['relative']);
    expect(d('聽日之前處理')).toEqual(['relative']);
    expect(d('给你3天时间')).toEqual(['relative']);
    expect(d('明儿晌午前给俺打过来')).toEqual(['relative']);
    expect(d('due by the end of this month')).toEqual(['relative']);
  });
  it('types placeholders by name and leaves positional ones opaque', () => {
    const map = { amount: ['amount', '金额'], dueDate: ['date', '还款日'] };
    const p = findPlaceholders('{{amount}} ${dueDate} {还款日} %(amount)s {0}', map);
    expect(p.map((x) => x.meanings)).toEqual([['amount'], ['dueDate'], ['dueDate'], ['amount'], []]);
  });
  it('detects zh, en and mixed', () => {
    expect(detectLanguage('您的借款已逾期')).toBe('zh');
    expect(detectLanguage('Your balance is past due')).toBe('en');
    expect(detectLanguage('您的 credit card payment 已逾期 please pay')).toBe('mixed');
  });
});

describe('createLinter', () => {
  const linter = createLinter();
  it('reports SPEC fields with offsets into the original text', () => {
    const text = '😀 第一行\n你这个老 赖，明天上门！';
    const r = linter.lint({ text, channel: 'push' });
    expect(r.locale).toBe('zh');
    expect(r.ruleset).toBe('cn');
    expect(r.verdict).toBe('block');
    const insult = r.findings.find((f) => f.category === 'insult')!;
    expect(insult.excerpt).toBe('老 赖');
    expect(text.slice(insult.start.offset, insult.end.offset)).toBe('老 赖');
    expect(insult.start.line).toBe(2);
    expect(insult.start.column).toBe(4);
    expect(insult.messages.en).toMatch(/insult/i);
  });
  it('answers allow for a compliant message and review for warnings only', () => {
    expect(linter.lint({ text: '【招商银行】王先生，您尾号1234的信用卡已逾期5天，应还2,356.40元，请于12月8日前还款。', channel: 'sms' }).verdict).toBe('allow');
    expect(linter.lint({ text: '【招商银行】王先生，您的信用卡已逾期，请尽快还款。', channel: 'sms' }).verdict).toBe('review');
  });
  it('runs both languages on mixed text', () => {
    const r = linter.lint({ text: '您的账户已逾期，you deadbeat，请尽快处理' });
    expect(r.findings.map((f) => f.ruleId)).toContain('insult/abuse');
  });
  it('applies a user config: severity, off, added terms, gateway signature', () => {
    const custom = createLinter({
      config: {
        rules: { 'missing-identity/institution': 'warning', 'missing-amount': 'off', 'insult/abuse': { terms: ['铁公鸡'] } },
      },
    });
    const r = custom.lint({ text: '您的借款已逾期，铁公鸡，请于12月5日前还款。', channel: 'sms' });
    const ids = r.findings.map((f) => `${f.ruleId}:${f.severity}`);
    expect(ids).toContain('missing-identity/institution:warning');
    expect(ids).toContain('insult/abuse:error');
    expect(ids.some((i) => i.startsWith('missing-amount'))).toBe(false);
    const gateway = createLinter({ config: { settings: { gatewayAddsSignature: true } } });
    expect(gateway.lint({ text: '您的借款已逾期，应还100元，请于12月5日前还款。', channel: 'sms' }).findings).toEqual([]);
  });
  it('rejects a bad config with the JSON pointer', () => {
    expect(() => createLinter({ config: { rules: { 'threat/visit': 'loud' } } as never })).toThrow(ConfigError);
    try {
      createLinter({ config: { rules: { 'threat/visit': 'loud' } } as never });
    } catch (e) {
      expect((e as ConfigError).pointer).toBe('/rules/threat~1visit');
    }
    expect(() => createLinter({ config: { addRules: [{ id: 'threat/x', kind: 'lexicon', category: 'threat', severity: 'error', message: { zh: 'x', en: 'x' }, citation: 'xyz', patterns: ['(?=a)'], examples: { flag: ['a'], pass: ['b'] } }] } as never })).toThrow(/RE2/);
  });
  it('is deterministic and keeps nothing between messages', () => {
    const a = linter.lint({ text: '再不还钱，后果自负！', channel: 'sms' });
    linter.lint({ text: 'Pay now or else!', channel: 'sms' });
    expect(linter.lint({ text: '再不还钱，后果自负！', channel: 'sms' })).toEqual(a);
  });
});
