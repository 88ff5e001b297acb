import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, Scalar, stringify } from 'yaml';
import { parserFor } from '../src/formats/index.js';
import { parseJsonCatalog } from '../src/formats/catalogs/json.js';
import { parseJson, toValue, type JsonString } from '../src/formats/catalogs/json-scan.js';
import { parseProperties } from '../src/formats/catalogs/properties.js';
import { isMessageText } from '../src/formats/catalogs/shared.js';
import { alignScalar, parseYamlCatalog } from '../src/formats/catalogs/yaml.js';
import { parseJsonl } from '../src/formats/jsonl.js';
import type { InputMessage, ParsedInput } from '../src/formats/types.js';
import { createLinter } from '../src/index.js';
import { lintFile } from '../src/run/lint-file.js';
import { LineIndex } from '../src/text/positions.js';

const linter = createLinter();

function byKey(parsed: ParsedInput, key: string): InputMessage {
  const m = parsed.messages.find((x) => x.key === key);
  if (!m) throw new Error(`no message ${key}; have ${parsed.messages.map((x) => x.key).join(', ')}`);
  return m;
}

/** The file text a decoded range a..b of a message came from. */
function rawOf(content: string, m: InputMessage, a: number, b: number): string {
  return content.slice(m.toFileOffset!(a), m.toFileOffset!(b));
}

/** Line and column in the file of decoded offset `o`. */
function filePos(content: string, m: InputMessage, o: number): { line: number; column: number } {
  const { line, column } = new LineIndex(content).position(m.toFileOffset!(o));
  return { line, column };
}

/** Line and column in the file of the n-th occurrence (0-based) of `needle`. */
function posOf(content: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = content.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in content`);
  const { line, column } = new LineIndex(content).position(at);
  return { line, column };
}

/** Lint a catalogue message; for each finding of the category, where it starts and ends in the file. */
function threatsInFile(content: string, m: InputMessage): { ruleId: string; start: { line: number; column: number }; end: { line: number; column: number } }[] {
  const result = linter.lint({ ...m.message, channel: 'sms' });
  return result.findings
    .filter((f) => f.category === 'threat')
    .map((f) => ({ ruleId: f.ruleId, start: filePos(content, m, f.start.offset), end: filePos(content, m, f.end.offset) }));
}

describe('which strings are messages', () => {
  it('skips empty strings, numbers, URLs and single identifier-like tokens', () => {
    for (const s of ['', '   ', '42', '-3.5', '1,000', '$100', '2026-03-10', 'sms', 'en-US', 'overdue_notice', 'OVERDUE', 'https://pay.example.com/a?b=c%20d', 'mailto:x@y.com', 'www.example.com', 'help@example.com', '#ff0000', 'templates/sms/late.txt', 'v1.2.3', '¥1,000', 'Deadbeat']) {
      expect(isMessageText(s), s).toBe(false);
    }
  });
  it('keeps sentences, anything with CJK, anything with a placeholder, and single words with sentence punctuation', () => {
    for (const s of ['Pay now', ' Please pay. ', '您好', '还', '逾期', 'ｘ', '{{amount}}', '${amount}', '{0}', '%s', '%(amount)s', '%name%', ':amount', '[[amount]]', '[amount]', '#{amount}', 'Thanks!', 'Deadbeat!', '¥1,000元']) {
      expect(isMessageText(s), s).toBe(true);
    }
  });
});

describe('parts of messages in catalogues', () => {
  it('checks subjects and buttons for threats but not for what a whole message must state', () => {
    const content = JSON.stringify(
      {
        email: {
          subject: 'Payment reminder',
          cta: 'Pay now',
          warning_subject: 'Pay today or we will have you arrested',
          body: 'Acme Recovery LLC is a debt collector. Your account is past due. Reply STOP to opt out.',
        },
      },
      null,
      2,
    );
    const out = lintFile(linter, 'catalogs/messages.json', content, { defaults: {}, overrides: [], formats: {}, lintHiddenText: true, today: '2026-11-28', quiet: false });
    const ids = (key: string) => out.results.find((r) => r.key === key)!.findings.map((f) => f.ruleId);
    expect(ids('email.subject')).toEqual([]);
    expect(ids('email.cta')).toEqual([]);
    expect(ids('email.warning_subject')).toContain('threat/arrest-or-seizure');
    expect(ids('email.warning_subject').filter((id) => id.startsWith('missing-'))).toEqual([]);
    // The body is a whole email: it must state the amount and a due date.
    expect(ids('email.body')).toEqual(expect.arrayContaining(['missing-amount/payment-message', 'missing-due-date/payment-message']));
    expect(out.results.find((r) => r.key === 'email.subject')!.channel).toBe('email');
  });
});

describe('JSON catalogues', () => {
  const content = [
    '{', //                                                                        1
    '  "reminders": {', //                                                         2
    '    "sms": {', //                                                             3
    '      "overdue": "【XX银行】您的借款已逾期，请于{{due_date}}前还款{{amount}}元。",', // 4
    '      "late": "王先生\\n\\"提醒\\"：\\u518D不还钱就上门，后果自负！",', //       5
    '      "channel": "sms",', //                                                   6
    '      "template": "overdue_notice"', //                                       7
    '    }', //                                                                    8
    '  },', //                                                                     9
    '  "items": [', //                                                             10
    '    { "body": "Please pay {amount} by {dueDate}." },', //                      11
    '    "en-US", "https://example.com/pay", "42", "", "  ",', //                  12
    '    { "body": "Second item body text" }', //                                  13
    '  ],', //                                                                     14
    '  "a.b": { "c d": "Hello there", "x": ["one two", ["nested array text"]] },', // 15
    '  "record": { "text": "Pay now, please", "channel": "email", "id": 7, "note": "ignored note" }', // 16
    '}', //                                                                        17
    '',
  ].join('\n');
  const parsed = parseJsonCatalog('cat.json', content);

  it('makes every message-like string leaf a message, keyed by its path, with its line', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.messages.map((m) => [m.key, m.fileLine])).toEqual([
      ['reminders.sms.overdue', 4],
      ['reminders.sms.late', 5],
      ['items[0].body', 11],
      ['items[6].body', 13],
      ['["a.b"]["c d"]', 15],
      ['["a.b"].x[0]', 15],
      ['["a.b"].x[1][0]', 15],
      ['record', 16],
    ]);
    const late = byKey(parsed, 'reminders.sms.late');
    expect(late.source).toBe('王先生\n"提醒"：再不还钱就上门，后果自负！');
    expect(late.message).toEqual({ text: late.source });
    expect(late.id).toBeNull();
    expect(late.file).toBe('cat.json');
  });

  it('treats an object with text and message fields as one record', () => {
    const rec = byKey(parsed, 'record');
    expect(rec.message).toEqual({ text: 'Pay now, please', channel: 'email' });
    expect(rec.id).toBe('7');
    expect(rawOf(content, rec, 0, rec.source.length)).toBe('Pay now, please');
    const badText = '{\n  "a": { "text": "Pay now please", "channel": "fax" }\n}';
    const bad = parseJsonCatalog('r.json', badText);
    expect(bad.messages).toEqual([]);
    expect(bad.errors).toEqual([{ file: 'r.json', ...posOf(badText, '"fax"'), message: 'a: "channel" must be one of sms, email, letter, push, phone' }]);
  });

  it('maps decoded offsets back through escapes to the raw text', () => {
    const late = byKey(parsed, 'reminders.sms.late');
    const s = late.source;
    expect(rawOf(content, late, 0, s.length)).toBe('王先生\\n\\"提醒\\"：\\u518D不还钱就上门，后果自负！');
    expect(rawOf(content, late, 3, 4)).toBe('\\n');
    expect(rawOf(content, late, s.indexOf('"'), s.indexOf('"') + 4)).toBe('\\"提醒\\"');
    expect(rawOf(content, late, s.indexOf('再'), s.indexOf('再') + 2)).toBe('\\u518D不');
    // The end maps to the closing quote.
    expect(content[late.toFileOffset!(s.length)]).toBe('"');
    // Surrogate pairs written as two escapes.
    const emoji = parseJsonCatalog('e.json', '{"k": "ok \\uD83D\\uDE00 done"}');
    const m = emoji.messages[0]!;
    expect(m.source).toBe('ok 😀 done');
    expect(rawOf('{"k": "ok \\uD83D\\uDE00 done"}', m, 3, 5)).toBe('\\uD83D\\uDE00');
    expect(rawOf('{"k": "ok \\uD83D\\uDE00 done"}', m, 5, 10)).toBe(' done');
  });

  it('finds a threat in reminders.sms.late at its line and column in the file', () => {
    const late = byKey(parsed, 'reminders.sms.late');
    const threats = threatsInFile(content, late);
    expect(threats.map((t) => t.ruleId)).toEqual(expect.arrayContaining(['threat/visit', 'threat/veiled']));
    const visit = threats.find((t) => t.ruleId === 'threat/visit')!;
    expect(visit.start).toEqual(posOf(content, '上门'));
    expect(visit.start).toEqual({ line: 5, column: content.split('\n')[4]!.indexOf('上门') + 1 });
    expect(visit.end).toEqual({ line: 5, column: visit.start.column + 2 });
    expect(threats.find((t) => t.ruleId === 'threat/veiled')!.start).toEqual(posOf(content, '后果自负'));
  });

  it('reports a syntax error with line and column, and no messages', () => {
    const bad = ['{', '  "a": "one two",', '  "b": {', '    "c": "three four",', '    "d": [1, 2],', '    "e": true,', '    "f": "x" "g"', '  }', '}'].join('\n');
    const r = parseJsonCatalog('bad.json', bad);
    expect(r.messages).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'bad.json', line: 7, column: 14 });
    expect(r.errors[0]!.message).toMatch(/invalid JSON: expected ',' or '}'/);
    const cases: [string, number, number, RegExp][] = [
      ['{"a": "x",\n}', 2, 1, /trailing comma/],
      ['{"a": "unterminated\n}', 1, 20, /line break inside a string/],
      ['{"a": "bad \\q escape"}', 1, 12, /invalid escape \\q/],
      ["{'a': 1}", 1, 2, /property name in double quotes/],
      ['{"a": 1', 1, 8, /found the end of the input/],
      ['{"a": 01}', 1, 8, /invalid number/],
      ['{"a": tru}', 1, 7, /expected a value/],
      ['{} {}', 1, 4, /after the JSON value/],
    ];
    for (const [text, line, column, message] of cases) {
      const e = parseJsonCatalog('x.json', text).errors[0];
      expect(e, text).toMatchObject({ line, column });
      expect(e!.message, text).toMatch(message);
    }
  });

  it('accepts a BOM and // and /* */ comments, returned for suppression directives', () => {
    const text = '\uFEFF{\n  // dunlint-disable-next-line threat -- quoted from the law\n  "a": "Pay now please", /* note */ "b": "Second message"\n}';
    const r = parseJsonCatalog('c.json', text);
    expect(r.errors).toEqual([]);
    expect(r.messages.map((m) => m.key)).toEqual(['a', 'b']);
    expect(r.comments!.map((c) => [text.slice(c.start, c.end), c.body])).toEqual([
      ['// dunlint-disable-next-line threat -- quoted from the law', ' dunlint-disable-next-line threat -- quoted from the law'],
      ['/* note */', ' note '],
    ]);
  });

  it("reads nothing from dunlint's own output (JSON report, baseline, SARIF)", () => {
    const finding = { ruleId: 'threat/visit', excerpt: '再不还钱就上门' };
    expect(parseJsonCatalog('b.json', JSON.stringify({ dunlint: '0.1.0', findings: [finding] })).messages).toEqual([]);
    expect(parseJsonCatalog('r.json', JSON.stringify({ dunlint: '0.1.0', results: [{ findings: [finding] }] })).messages).toEqual([]);
    expect(parseJsonCatalog('s.sarif.json', JSON.stringify({ version: '2.1.0', runs: [{ results: [{ message: { text: '再不还钱就上门' } }] }] })).messages).toEqual([]);
    expect(parseJsonCatalog('c.json', JSON.stringify({ dunlint: 'Dunning texts here', findings: 'none found here' })).messages).toHaveLength(2);
  });

  it('a top-level array or string is a catalogue too', () => {
    expect(parseJsonCatalog('a.json', '["Pay now please", {"t": "Second one here"}]').messages.map((m) => m.key)).toEqual(['[0]', '[1].t']);
    expect(parseJsonCatalog('s.json', '"Pay now please"').messages.map((m) => m.key)).toEqual(['']);
  });

  // Each decoded code unit written either as itself (when JSON allows) or as an escape.
  const encodings = (u: string): fc.Arbitrary<string> => {
    const c = u.charCodeAt(0);
    const hex = fc.constantFrom('x', 'X').map((x) => `\\u${(x === 'x' ? c.toString(16) : c.toString(16).toUpperCase()).padStart(4, '0')}`);
    const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '/': '\\/' };
    const options: fc.Arbitrary<string>[] = [hex];
    if (short[u]) options.push(fc.constant(short[u]!));
    if (c >= 0x20 && u !== '"' && u !== '\\') options.push(fc.constant(u));
    return fc.oneof(...options);
  };
  const unit = fc.oneof(
    fc.constantFrom('a', ' ', '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '你', '，', '\uD83D', '\uDE00', '\u2028', '\uFEFF', '{', '}'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).map((s) => s[0]!),
  );
  const encoded = fc.array(unit.chain((u) => encodings(u).map((raw) => ({ u, raw }))), { maxLength: 40 });

  it('property: offsets map every decoded range to exactly its raw escaped text', () => {
    fc.assert(
      fc.property(encoded, fc.constantFrom('', '\n  ', ' \r\n\t'), fc.nat(), fc.nat(), (pieces, pad, x, y) => {
        const raw = pieces.map((p) => p.raw).join('');
        const decoded = pieces.map((p) => p.u).join('');
        const content = `{${pad}"k\\n":${pad}[1, {"x": "${raw}"}]}`;
        expect(toValue(parseJson(content))).toEqual(JSON.parse(content));
        const root = parseJson(content);
        type Shape = { members: { value: { items: { members: { value: JsonString }[] }[] } }[] };
        const node = (root as unknown as Shape).members[0]!.value.items[1]!.members[0]!.value;
        expect(node.value).toBe(decoded);
        const a = x % (decoded.length + 1);
        const b = a + (y % (decoded.length - a + 1));
        expect(content.slice(node.offsetOf(a), node.offsetOf(b))).toBe(pieces.slice(a, b).map((p) => p.raw).join(''));
        expect(content[node.offsetOf(decoded.length)]).toBe('"');
        // Through the catalogue parser too, when the string counts as a message.
        const m = parseJsonCatalog('p.json', content).messages[0];
        if (m) {
          expect(m.key).toBe('["k\\n"][1].x');
          expect(content.slice(m.toFileOffset!(a), m.toFileOffset!(b))).toBe(pieces.slice(a, b).map((p) => p.raw).join(''));
        }
      }),
      { numRuns: 1000 },
    );
  }, 30_000);
});

describe('YAML catalogues', () => {
  const content = [
    '# Collection reminders', //                                              1
    'reminders:', //                                                          2
    '  sms:', //                                                              3
    '    overdue: 【XX银行】您的借款已逾期，请于{{due_date}}前还款。  # dunlint-disable-line missing-amount -- gateway adds it', // 4
    '    late: "王先生\\n\\"提醒\\"：\\u518D不还钱就上门，后果自负！"', //      5
    '    channel: sms', //                                                    6
    '    polite: \'It\'\'s due today,', //                                     7
    '      please pay\'', //                                                   8
    '  email:', //                                                            9
    '    body: |', //                                                         10
    '      Dear customer,', //                                                11
    '        your account is overdue.', //                                    12
    '      # not a comment', //                                               13
    '    footer: >-', //                                                      14
    '      Reply STOP', //                                                    15
    '      to opt out.', //                                                   16
    '', //                                                                    17
    '      Thank you.', //                                                    18
    '  list:', //                                                             19
    '    - sms', //                                                           20
    '    - First item text', //                                               21
    '    - { text: "Pay 100 today", channel: sms, id: r1 }', //               22
    '  "a.b":', //                                                            23
    '    "c d": plain words here', //                                         24
    '    multi: first line', //                                               25
    '      second line', //                                                   26
    '',
  ].join('\n');
  const parsed = parseYamlCatalog('cat.yaml', content);

  it('makes every message-like string scalar a message, keyed by its path, with its line', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.messages.map((m) => [m.key, m.fileLine])).toEqual([
      ['reminders.sms.overdue', 4],
      ['reminders.sms.late', 5],
      ['reminders.sms.polite', 7],
      ['reminders.email.body', 10],
      ['reminders.email.footer', 14],
      ['reminders.list[1]', 21],
      ['reminders.list[2]', 22],
      ['reminders["a.b"]["c d"]', 24],
      ['reminders["a.b"].multi', 25],
    ]);
    expect(byKey(parsed, 'reminders.sms.late').source).toBe('王先生\n"提醒"：再不还钱就上门，后果自负！');
    expect(byKey(parsed, 'reminders.sms.polite').source).toBe("It's due today, please pay");
    expect(byKey(parsed, 'reminders.email.body').source).toBe('Dear customer,\n  your account is overdue.\n# not a comment\n');
    expect(byKey(parsed, 'reminders.email.footer').source).toBe('Reply STOP to opt out.\nThank you.');
    expect(byKey(parsed, 'reminders["a.b"].multi').source).toBe('first line second line');
    const rec = byKey(parsed, 'reminders.list[2]');
    expect(rec.message).toEqual({ text: 'Pay 100 today', channel: 'sms' });
    expect(rec.id).toBe('r1');
  });

  it('returns comments, and not a # inside a scalar', () => {
    expect(parsed.comments!.map((c) => [content.slice(c.start, c.end), c.body])).toEqual([
      ['# Collection reminders', ' Collection reminders'],
      ['# dunlint-disable-line missing-amount -- gateway adds it', ' dunlint-disable-line missing-amount -- gateway adds it'],
    ]);
  });

  it('maps offsets exactly in double-quoted, single-quoted and plain scalars', () => {
    const late = byKey(parsed, 'reminders.sms.late');
    const s = late.source;
    expect(rawOf(content, late, 0, s.length)).toBe('王先生\\n\\"提醒\\"：\\u518D不还钱就上门，后果自负！');
    expect(rawOf(content, late, s.indexOf('"'), s.indexOf('"') + 4)).toBe('\\"提醒\\"');
    expect(rawOf(content, late, s.indexOf('再'), s.indexOf('再') + 1)).toBe('\\u518D');
    expect(content[late.toFileOffset!(s.length)]).toBe('"');
    const polite = byKey(parsed, 'reminders.sms.polite');
    expect(rawOf(content, polite, 0, 4)).toBe("It''s");
    expect(rawOf(content, polite, polite.source.indexOf('please'), polite.source.length)).toBe('please pay');
    // The space folded from a line break maps to the break (and the indentation dropped after it).
    const fold = polite.source.indexOf(' please');
    expect(rawOf(content, polite, fold, fold + 1)).toBe('\n      ');
    const overdue = byKey(parsed, 'reminders.sms.overdue');
    expect(filePos(content, overdue, overdue.source.indexOf('{{due_date}}'))).toEqual(posOf(content, '{{due_date}}'));
    const multi = byKey(parsed, 'reminders["a.b"].multi');
    expect(filePos(content, multi, multi.source.indexOf('second'))).toEqual(posOf(content, 'second line'));
  });

  it('maps block scalars line by line', () => {
    const body = byKey(parsed, 'reminders.email.body');
    expect(filePos(content, body, 0)).toEqual({ line: 11, column: 7 });
    expect(filePos(content, body, body.source.indexOf('your'))).toEqual({ line: 12, column: 9 });
    expect(filePos(content, body, body.source.indexOf('#'))).toEqual({ line: 13, column: 7 });
    expect(rawOf(content, body, body.source.indexOf('your'), body.source.indexOf('overdue.') + 8)).toBe('your account is overdue.');
    const footer = byKey(parsed, 'reminders.email.footer');
    expect(filePos(content, footer, footer.source.indexOf('to opt'))).toEqual({ line: 16, column: 7 });
    expect(filePos(content, footer, footer.source.indexOf('Thank'))).toEqual({ line: 18, column: 7 });
    expect(rawOf(content, footer, 0, 10)).toBe('Reply STOP');
  });

  it('finds a threat in reminders.sms.late at its line and column in the file', () => {
    const late = byKey(parsed, 'reminders.sms.late');
    const threats = threatsInFile(content, late);
    const visit = threats.find((t) => t.ruleId === 'threat/visit')!;
    expect(visit.start).toEqual(posOf(content, '上门'));
    expect(visit.start.line).toBe(5);
    expect(visit.end).toEqual({ line: 5, column: visit.start.column + 2 });
    expect(threats.find((t) => t.ruleId === 'threat/veiled')!.start).toEqual(posOf(content, '后果自负'));
  });

  it('reports bad YAML with line and column and still returns what it could read', () => {
    const bad = 'greeting: Hello there friend\nbroken: "no closing quote\nother: text\n';
    const r = parseYamlCatalog('bad.yaml', bad);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0]).toMatchObject({ file: 'bad.yaml', line: 4, column: 1 });
    expect(r.errors[0]!.message).toMatch(/^invalid YAML: .*quote/);
    expect(r.messages.map((m) => m.key)).toContain('greeting');
    const nested = parseYamlCatalog('n.yaml', 'a: first message here\nb: c: d\n');
    expect(nested.errors[0]).toMatchObject({ line: 2, column: 4 });
    expect(nested.messages.map((m) => m.key)).toContain('a');
    const dup = parseYamlCatalog('d.yaml', 'a: one two\na: three four\n');
    expect(dup.errors[0]).toMatchObject({ line: 2, column: 1 });
  });

  it('skips aliases and merge keys, reads every document', () => {
    const text = 'base: &b\n  greet: Hello there friend\ncopy:\n  <<: *b\n  own: Another message here\nref: *b\n---\nsecond: Second document text\n';
    const r = parseYamlCatalog('a.yaml', text);
    expect(r.errors).toEqual([]);
    expect(r.messages.map((m) => [m.key, m.fileLine])).toEqual([
      ['base.greet', 2],
      ['copy.own', 5],
      ['second', 8],
    ]);
  });

  it('property: every decoded character of any scalar style maps to itself or its escape', () => {
    const piece = fc.constantFrom('a', 'b', ' ', '  ', '\n', '\t', '"', "'", '\\', '#', ': ', '- ', '你', '😀', '\r\n', '\u0001', '\u0085', '\u2028', '\xa0', 'pay now ', '{{amount}}');
    const styles = ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;
    let aligned = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.constantFrom(...styles), fc.integer({ min: 8, max: 40 }), fc.boolean(), (parts, style, lineWidth, nested) => {
        const s = parts.join('');
        const scalar = new Scalar(s);
        scalar.type = style;
        const opts = { lineWidth, minContentWidth: 0, collectionStyle: nested ? ('flow' as const) : ('any' as const) };
        const text = nested ? stringify({ outer: { list: [{ k: scalar }] } }, opts) : stringify({ k: scalar }, opts);
        const doc = parseDocument(text);
        const node = (nested ? doc.getIn(['outer', 'list', 0, 'k'], true) : doc.get('k', true)) as Scalar<string>;
        if (node.value !== s) return; // the writer chose a form that does not round-trip; nothing to check
        const { offsets, exact } = alignScalar(text, node);
        expect(exact, JSON.stringify(text)).toBe(true);
        aligned++;
        for (let i = 0; i < s.length; i++) {
          expect(offsets[i + 1]!).toBeGreaterThanOrEqual(offsets[i]!);
          if (/\s/.test(s[i]!)) continue;
          expect([s[i], '\\', "'"], `${JSON.stringify(text)} @${i}`).toContain(text[offsets[i]!]);
        }
      }),
      { numRuns: 800 },
    );
    expect(aligned).toBeGreaterThan(500);
  }, 30_000);
});

describe('.properties catalogues', () => {
  const content = [
    '# Reminders (zh)', //                                                                              1
    '! generated by the translation tool', //                                                           2
    'reminders.sms.overdue = \\u3010XX\\u94F6\\u884C\\u3011\\u60A8\\u7684\\u501F\\u6B3E\\u5DF2\\u903E\\u671F', // 3
    'reminders.sms.late: \\u518D\\u4E0D\\u8FD8\\u94B1\\u5C31\\u4E0A\\u95E8\\uFF0C\\u540E\\u679C\\u81EA\\u8D1F\\uFF01', // 4
    'reminders.email.body   Dear customer, \\', //                                                     5
    '      your account is overdue.\\nPlease pay.', //                                                  6
    '   key\\ with\\:odd\\=chars = Value with \\\\ backslash', //                                        7
    'reminders.channel=sms', //                                                                        8
    'empty=', //                                                                                       9
    '', //                                                                                             10
    '  # indented comment', //                                                                         11
    'tab\\tvalue=Tab\\there text', //                                                                  12
  ].join('\n');
  const parsed = parseProperties('zh.properties', content);

  it('reads key = value, key: value and key value, with continuations and escapes', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.messages.map((m) => [m.key, m.fileLine, m.source])).toEqual([
      ['reminders.sms.overdue', 3, '【XX银行】您的借款已逾期'],
      ['reminders.sms.late', 4, '再不还钱就上门，后果自负！'],
      ['reminders.email.body', 5, 'Dear customer, your account is overdue.\nPlease pay.'],
      ['key with:odd=chars', 7, 'Value with \\ backslash'],
      ['tab\tvalue', 12, 'Tab\there text'],
    ]);
  });

  it('maps offsets back through \\u escapes and continuation lines', () => {
    const overdue = byKey(parsed, 'reminders.sms.overdue');
    expect(rawOf(content, overdue, 0, 1)).toBe('\\u3010');
    expect(rawOf(content, overdue, 1, 3)).toBe('XX');
    expect(rawOf(content, overdue, 0, overdue.source.length)).toBe(content.split('\n')[2]!.slice('reminders.sms.overdue = '.length));
    const body = byKey(parsed, 'reminders.email.body');
    const s = body.source;
    expect(rawOf(content, body, s.indexOf('customer'), s.indexOf('your') + 4)).toBe('customer, \\\n      your');
    expect(filePos(content, body, s.indexOf('your'))).toEqual({ line: 6, column: 7 });
    expect(rawOf(content, body, s.indexOf('\n'), s.indexOf('\n') + 1)).toBe('\\n');
    expect(new LineIndex(content).position(body.toFileOffset!(s.length))).toMatchObject({ line: 6, column: content.split('\n')[5]!.length + 1 });
    const odd = byKey(parsed, 'key with:odd=chars');
    expect(rawOf(content, odd, odd.source.indexOf('\\'), odd.source.indexOf('\\') + 1)).toBe('\\\\');
  });

  it('finds a threat in a \\u-escaped Chinese message at its line and column in the file', () => {
    const late = byKey(parsed, 'reminders.sms.late');
    const threats = threatsInFile(content, late);
    const visit = threats.find((t) => t.ruleId === 'threat/visit')!;
    expect(visit.start).toEqual(posOf(content, '\\u4E0A\\u95E8'));
    expect(visit.end).toEqual(posOf(content, '\\uFF0C', 0));
    expect(threats.find((t) => t.ruleId === 'threat/veiled')!.start).toEqual(posOf(content, '\\u540E'));
  });

  it('returns # and ! comments', () => {
    expect(parsed.comments!.map((c) => [content.slice(c.start, c.end), c.body])).toEqual([
      ['# Reminders (zh)', ' Reminders (zh)'],
      ['! generated by the translation tool', ' generated by the translation tool'],
      ['# indented comment', ' indented comment'],
    ]);
  });

  it('reports a dangling continuation and a malformed \\u escape with line and column, keeping the rest', () => {
    const text = 'a = First message here\nb = bad \\u12G4 escape here\nc = Last message \\';
    const r = parseProperties('bad.properties', text);
    expect(r.errors).toEqual([
      { file: 'bad.properties', line: 2, column: 9, message: expect.stringMatching(/malformed \\uXXXX/) },
      { file: 'bad.properties', line: 3, column: 18, message: expect.stringMatching(/dangling line continuation/) },
    ]);
    expect(r.messages.map((m) => [m.key, m.source])).toEqual([
      ['a', 'First message here'],
      ['b', 'bad \\u12G4 escape here'],
      ['c', 'Last message '],
    ]);
    const blank = parseProperties('b.properties', 'a = Pay now \\\n\nb = Next message here\n');
    expect(blank.errors).toMatchObject([{ line: 1, column: 13 }]);
    expect(blank.messages.map((m) => m.key)).toEqual(['a', 'b']);
  });

  it('handles CRLF line ends and a comment-looking continuation line', () => {
    const text = 'a = Pay \\\r\n  # now please\r\nb=Second line here\r\n';
    const r = parseProperties('crlf.properties', text);
    expect(r.comments).toEqual([]);
    expect(r.messages.map((m) => [m.key, m.source, m.fileLine])).toEqual([
      ['a', 'Pay # now please', 1],
      ['b', 'Second line here', 3],
    ]);
    expect(filePos(text, r.messages[0]!, 4)).toEqual({ line: 2, column: 3 });
  });
});

describe('.jsonl records', () => {
  it('keeps its behaviour and maps each record text back to its place in the file', () => {
    const lines = [
      '{"id": "a", "channel": "sms", "text": "王先生\\n\\u518D不还钱就上门，后果自负！"}',
      '{"id": "broken", "text": ',
      '{"id": 3, "text": "Pay now please", "channel": "fax"}',
      '',
      '{"id": "ok", "text": "plain", "expect": ["threat"], "note": "extra fields ignored"}',
      '{"id": "no-text"}',
    ];
    const content = `${lines.join('\r\n')}\r\n`;
    const r = parseJsonl('batch.jsonl', content);
    expect(r.messages.map((m) => [m.id, m.fileLine, m.message])).toEqual([
      ['a', 1, { text: '王先生\n再不还钱就上门，后果自负！', channel: 'sms' }],
      ['ok', 5, { text: 'plain' }],
    ]);
    expect(r.errors).toEqual([
      { file: 'batch.jsonl', line: 2, column: 26, message: 'invalid JSON: unexpected end of input: expected a value' },
      { file: 'batch.jsonl', line: 3, column: 48, message: '"channel" must be one of sms, email, letter, push, phone' },
      { file: 'batch.jsonl', line: 6, column: 1, message: 'record has no string "text"' },
    ]);
    const a = r.messages[0]!;
    expect(rawOf(content, a, 0, a.source.length)).toBe('王先生\\n\\u518D不还钱就上门，后果自负！');
    const threats = threatsInFile(content, a);
    expect(threats.find((t) => t.ruleId === 'threat/visit')!.start).toEqual(posOf(content, '上门'));
    const ok = r.messages[1]!;
    expect(filePos(content, ok, 0)).toEqual(posOf(content, 'plain'));
  });
});

describe('registration', () => {
  it('reads .json, .yaml, .yml and .properties as catalogues', () => {
    for (const f of ['a.json', 'b.yaml', 'c.YML', 'd.properties']) expect(parserFor(f), f).not.toBeNull();
    expect(parserFor('a.json')!('a.json', '{"k": "Pay now please"}').messages[0]!.key).toBe('k');
    expect(parserFor('b.yml')!('b.yml', 'k: Pay now please').messages[0]!.key).toBe('k');
    expect(parserFor('d.properties')!('d.properties', 'k=Pay now please').messages[0]!.key).toBe('k');
  });
});
