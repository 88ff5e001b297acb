import { describe, expect, it } from 'vitest';
import { normalize } from '../src/text/normalize.js';
import { findPlaceholders, maskPlaceholders, PLACEHOLDER_MASK, sigilPlaceholder, squashName, typePlaceholder } from '../src/text/placeholders.js';

// The shipped maps (rulesets/cn/00-ruleset.yaml `placeholders:`), abridged.
const MAP = {
  amount: ['amount', 'balance', 'total', 'owed', '金额', '欠款', '应还'],
  dueDate: ['date', 'deadline', 'dueby', '还款日', '到期', '日期'],
  company: ['company', 'lender', 'bank', '公司', '机构', '银行'],
  optOut: ['optout', 'unsubscribe', '退订'],
};

/** [what, text, the placeholder as written, its meanings, whether it survives normalisation (default yes)] */
const POSITIVES: [string, string, string, string[], boolean?][] = [
  ['mustache', '您的借款{{amount}}元', '{{amount}}', ['amount']],
  ['mustache with spaces', 'owe {{ amount }} now', '{{ amount }}', ['amount']],
  ['filter', 'owe {{ amount | money }} now', '{{ amount | money }}', ['amount']],
  ['filter with arguments', 'by {{ due_date | date("Y-m-d") }}', '{{ due_date | date("Y-m-d") }}', ['dueDate']],
  ['triple stash', 'owe {{{amount}}} now', '{{{amount}}}', ['amount']],
  ['whitespace control', 'owe {{~amount~}} now', '{{~amount~}}', ['amount']],
  ['helper call', 'owe {{formatMoney amount "CNY"}} now', '{{formatMoney amount "CNY"}}', ['amount']],
  ['dollar brace', '请于${dueDate}前', '${dueDate}', ['dueDate']],
  ['dotted path, last segment', 'balance ${loan.balance} due', '${loan.balance}', ['amount']],
  ['dotted path, earlier segment', 'from ${company.name}', '${company.name}', ['company']],
  ['dollar double brace', 'Total: ${{ total }}', '${{ total }}', ['amount']],
  ['FreeMarker built-in', '应还${amount?string("0.00")}元', '${amount?string("0.00")}', ['amount']],
  ['FreeMarker built-in, opaque name', '应还${x?string("0.00")}元', '${x?string("0.00")}', []],
  ['FreeMarker default', '应还${(loan.balance)!0}元', '${(loan.balance)!0}', ['amount']],
  ['Velocity quiet formal', '应还$!{amount}元', '$!{amount}', ['amount']],
  ['Ruby / FreeMarker hash', 'owe #{amount}', '#{amount}', ['amount']],
  ['Rails i18n', 'owe %{amount}', '%{amount}', ['amount']],
  ['Python', 'owe %(amount)s', '%(amount)s', ['amount']],
  ['Python with precision', 'owe %(amount).2f', '%(amount).2f', ['amount']],
  ['double brackets', 'owe [[amount]]', '[[amount]]', ['amount']],
  ['single brace', 'owe {amount} now', '{amount}', ['amount']],
  ['single brace, Chinese', '请于{还款日}前还款', '{还款日}', ['dueDate']],
  ['single brace with spaces', 'Dear {Client Name},', '{Client Name}', []],
  ['single brace, spaced and typed', 'owe {Total Balance} now', '{Total Balance}', ['amount']],
  ['square brackets, spaced and typed', 'pay by [Pay By Date].', '[Pay By Date]', ['dueDate']],
  ['single brace, Chinese with a pronoun, typed', '请于{您的还款日}前还款', '{您的还款日}', ['dueDate']],
  ['.NET format', 'owe {amount:C2} now', '{amount:C2}', ['amount']],
  ['ICU argument', 'owe {amount, number, currency} now', '{amount, number, currency}', ['amount']],
  ['positional brace', 'owe {0} now', '{0}', []],
  ['positional brace with format', 'owe {0:N2} now', '{0:N2}', []],
  ['square brackets', 'owe [amount] by [due_date]', '[amount]', ['amount']],
  ['square brackets, spaced', 'Dear [Client Name],', '[Client Name]', []],
  ['square brackets, Chinese', '应还[还款金额]元', '[还款金额]', ['amount']],
  ['percent name', 'Dear %name%,', '%name%', []],
  ['percent name, typed', 'owe %amount% now', '%amount%', ['amount']],
  ['percent name, Chinese', '应还金额：%还款金额%，请尽快还款', '%还款金额%', ['amount']],
  // Between two Chinese characters the normaliser folds `%` away as filler (打%断%腿): found on the raw text only.
  ['percent name, between Chinese characters', '应还%还款金额%元', '%还款金额%', ['amount'], false],
  ['printf positional', '您的借款%1元', '%1', []],
  ['printf s', '您的借款%s元', '%s', []],
  ['printf d', 'overdue %d days', '%d', []],
  ['printf positional s', 'owe %1$s now', '%1$s', []],
  ['full-width printf', '您的借款％s元', '％s', []],
  ['Laravel', 'Dear :name, you owe :amount.', ':amount', ['amount']],
  ['Laravel, Chinese text', '您的欠款:amount元', ':amount', ['amount']],
  ['Laravel, first', ':company: your balance', ':company', ['company']],
];

/** Text with no placeholder at all (prose that merely looks like one). */
const NEGATIVES: [string, string][] = [
  ['footnote', 'See the terms[1] and [2].'],
  ['percent rate', 'A 5% interest and a 10% fee apply.'],
  ['percent before text', '100%还款后结清'],
  ['URL encoding', 'https://pay.example.com/a%20b%2Fc'],
  ['time', 'Call us between 9:00 and 10:30 today.'],
  ['URL scheme', 'Pay at http://example.com or https://example.com/pay.'],
  ['mailto', 'Write to mailto:help@example.com now.'],
  ['colon glued to a word', 'Note:payment is late'],
  ['password after a colon', '您的密码:abcdef请勿泄露'],
  ['reply code after a colon', '回复:td退订'],
  ['C++ scope', 'use std::string here'],
  ['JSON in prose', 'The payload {"amount": 100} was sent.'],
  ['code block', 'function f() { return x; }'],
  ['object literal', 'x = {amount: 100}'],
  ['a sentence in braces', 'Pay or {we will visit you} tonight.'],
  ['a Chinese sentence in braces', '不还钱{打断你的腿}'],
  ['a long phrase in braces', '{one two three four five six}'],
  ['a stage direction whose words happen to contain a name fragment (con-firm-ed)', 'Hello [if right party confirmed] this is Acme.'],
  ['markdown link', 'Pay [here](https://example.com) today.'],
  ['markdown image', '![logo](logo.png)'],
  ['single-letter checkbox', '[x] done'],
  ['untyped Chinese in brackets', '[逾期通知]请尽快还款'],
  ['percent then letters', 'about 50%off today'],
  ['emoticon', 'thanks :) see you'],
  ['unclosed', 'owe {{amount now'],
];

describe('findPlaceholders: positives', () => {
  it.each(POSITIVES)('%s: %s', (_what, text, written, meanings) => {
    const found = findPlaceholders(text, MAP);
    const hit = found.find((p) => text.slice(p.start, p.end) === written);
    expect(hit, JSON.stringify(found)).toBeDefined();
    expect(hit!.meanings).toEqual(meanings);
  });

  it.each(POSITIVES.filter((p) => p[4] !== false))('%s survives normalisation: %s', (_what, text, written, meanings) => {
    const nt = normalize(text);
    const found = findPlaceholders(nt.text, MAP);
    const hit = found.find((p) => nt.origStart[p.start] === text.indexOf(written) && nt.origEnd[p.end - 1] === text.indexOf(written) + written.length);
    expect(hit, `${nt.text} ${JSON.stringify(found)}`).toBeDefined();
    expect(hit!.meanings).toEqual(meanings);
  });
});

describe('findPlaceholders: negatives', () => {
  it.each(NEGATIVES)('%s: %s', (_what, text) => {
    expect(findPlaceholders(text, MAP)).toEqual([]);
    expect(findPlaceholders(normalize(text).text, MAP)).toEqual([]);
  });
});

describe('typing', () => {
  it('keeps positional placeholders opaque unless the map lists them exactly', () => {
    const map = { ...MAP, amount: [...MAP.amount, '%1', '{0}'], dueDate: [...MAP.dueDate, '%2$s'] };
    const text = '应还%1元，请于%2$s前还款，编号{0}，{1}';
    const found = findPlaceholders(text, map);
    expect(found.map((p) => [text.slice(p.start, p.end), p.meanings])).toEqual([
      ['%1', ['amount']],
      ['%2$s', ['dueDate']],
      ['{0}', ['amount']],
      ['{1}', []],
    ]);
  });
  it('maps a bare positional name too ("0" means {0})', () => {
    expect(findPlaceholders('owe {0}', { amount: ['0'] })[0]!.meanings).toEqual(['amount']);
  });
  it('reads the name, not the filters, built-ins or format', () => {
    expect(squashName('amount | money')).toBe('amount');
    expect(squashName('due_date?string("yyyy-MM-dd")')).toBe('duedate');
    expect(squashName('loan.balance')).toBe('balance');
    expect(squashName('Client Name')).toBe('clientname');
    expect(squashName('(loan.balance)!0')).toBe('balance');
    expect(typePlaceholder('loan.getBalance()', MAP)).toEqual(['amount']);
    expect(typePlaceholder('money(amount)', MAP)).toEqual(['amount']);
    expect(typePlaceholder('customer.name', MAP)).toEqual([]);
  });
  it('honours exact-match (=name) entries', () => {
    expect(typePlaceholder('total_due', { amount: ['=total'] })).toEqual([]);
    expect(typePlaceholder('total', { amount: ['=total'] })).toEqual(['amount']);
  });
  it('never gives control syntax a meaning', () => {
    const found = findPlaceholders('{{#if amount}}x{{/if}} {{^amount}}y{{/amount}} {{> amount}} {% if amount %}', MAP);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((p) => p.meanings.length === 0)).toBe(true);
  });
});

describe('template stand-ins (sigilPlaceholder)', () => {
  it('keeps the length and is read back with its name', () => {
    for (const [len, name, meanings] of [
      [7, 'amount', ['amount']],
      [25, 'loan.balance', ['amount']],
      [9, 'due_date', ['dueDate']],
      [3, 'x', []],
      [4, '', []],
    ] as [number, string, string[]][]) {
      const s = sigilPlaceholder(len, name);
      expect(s.length).toBe(len);
      const text = `应还${s}元`;
      const found = findPlaceholders(normalize(text).text, MAP);
      expect(found).toHaveLength(1);
      expect(found[0]!.end - found[0]!.start).toBe(len);
      expect(found[0]!.meanings).toEqual(meanings);
    }
  });
  it('two bare references side by side stay two placeholders', () => {
    const text = `${sigilPlaceholder(7, 'amount')}${sigilPlaceholder(5, 'date')}.`;
    const found = findPlaceholders(text, MAP);
    expect(found.map((p) => [p.start, p.end, p.meanings])).toEqual([
      [0, 7, ['amount']],
      [7, 12, ['dueDate']],
    ]);
  });
});

describe('maskPlaceholders', () => {
  it('keeps offsets: same length, only placeholder spans replaced', () => {
    const text = 'Dear :name, you owe {{ amount | money }} by %1$s [1].';
    const found = findPlaceholders(text, MAP);
    const masked = maskPlaceholders(text, found);
    expect(masked.length).toBe(text.length);
    expect(masked).toBe(`Dear ${PLACEHOLDER_MASK.repeat(5)}, you owe ${PLACEHOLDER_MASK.repeat(20)} by ${PLACEHOLDER_MASK.repeat(4)} [1].`);
  });
  it('returns spans in order, without overlaps', () => {
    const text = '{{a}}{{b}} ${c}#{d} %ee% %f [gg] :h {i}';
    const found = findPlaceholders(text, MAP);
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
    expect(found).toHaveLength(9);
  });
});
