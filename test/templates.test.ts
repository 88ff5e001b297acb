import { describe, expect, it } from 'vitest';
import { createLinter, type Finding } from '../src/index.js';
import { FORMATS, formatNameFor, type ParsedInput } from '../src/formats/index.js';
import { MAX_RENDERINGS } from '../src/formats/templates/index.js';

const linter = createLinter();

function parse(format: string, file: string, content: string): ParsedInput {
  const parser = FORMATS[format];
  if (!parser) throw new Error(`no format ${format}`);
  return parser(file, content);
}

/** Every rendering of the file's one message. */
function renderings(parsed: ParsedInput): string[] {
  expect(parsed.messages).toHaveLength(1);
  const m = parsed.messages[0]!;
  return [m.message.text, ...(m.variants ?? [])];
}

/** Lint every rendering; check the rendering keeps the file's shape and every finding points into the file. */
function lintAll(parsed: ParsedInput, channel: 'sms' | 'email' = 'sms'): Finding[][] {
  const m = parsed.messages[0]!;
  const source = m.source;
  return renderings(parsed).map((text) => {
    expect(text.length).toBe(source.length);
    for (let i = 0; i < text.length; i++) {
      if (source[i] === '\n' || source[i] === '\r') expect(text[i]).toBe(source[i]);
    }
    const { findings } = linter.lint({ ...m.message, text, channel: m.message.channel ?? channel });
    for (const f of findings) {
      const inFile = source.slice(f.start.offset, f.end.offset);
      if (!f.category.startsWith('missing-')) {
        expect(inFile, `${f.ruleId} in ${JSON.stringify(text)}`).toBe(f.excerpt);
        continue;
      }
      // A missing-* finding is about the whole message and points at its first line; the linter takes
      // the excerpt from the rendering, where template syntax on that line is blanked: same span, and
      // every character is the file's or a blank where the file has syntax.
      expect(f.start.offset).toBe(0);
      expect(f.end.offset).toBe(text.search(/[\r\n]/) > 0 ? text.search(/[\r\n]/) : text.length);
      expect([...f.excerpt].every((ch, i) => ch === inFile[i] || ch === ' ')).toBe(true);
    }
    return findings;
  });
}

function lineCol(content: string, offset: number): { line: number; column: number } {
  const before = content.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

// One fixture per language: a clean first branch, a threat hidden in an else branch.
const THREATS: { format: string; file: string; content: string; threat: string; channel?: 'sms' | 'email' }[] = [
  {
    format: 'handlebars',
    file: 'sms/overdue.hbs',
    content: '【XX银行】您的借款{{amount}}元已逾期，请于{{due_date}}前还款。\n{{#if firstNotice}}\n如有疑问请致电客服。\n{{else}}\n再不还钱，我们就派人上门！\n{{/if}}\n',
    threat: '上门',
  },
  {
    format: 'handlebars',
    file: 'email/final.mustache',
    content:
      '{{company}}: This is a communication from a debt collector.\nYour balance of {{amount}} is due by {{due_date}}.\n{{#polite}}Please call us to discuss options.{{/polite}}{{^polite}}Failure to pay may result in a warrant for your arrest.{{/polite}}\nTo opt out, reply STOP.\n',
    threat: 'warrant for your arrest',
    channel: 'email',
  },
  {
    format: 'liquid',
    file: 'sms/overdue.liquid',
    content: '【XX银行】您的借款{{ amount | money }}元已逾期，请于{{ due_date | date: "%Y-%m-%d" }}前还款。\n{% if stage == 1 %}请尽快处理。{% elsif stage == 2 %}请联系客服。{% else %}三天内不还，打断你的腿！{% endif %}\n',
    threat: '打断你的腿',
  },
  {
    format: 'freemarker',
    file: 'sms/overdue.ftl',
    content: '【XX银行】您的借款${amount?string("0.00")}元已逾期，请于${dueDate}前还款。\n<#if stage == 1>\n请尽快处理。\n<#else>\n今天不还钱，后果自负！\n</#if>\n',
    threat: '后果自负',
  },
  {
    format: 'velocity',
    file: 'sms/overdue.vm',
    content: '【XX银行】您的借款$amount元已逾期，请于$!{dueDate}前还款。\n#if($stage == 1)\n请尽快处理。\n#else\n再不还钱，我们就派人上门！\n#end\n',
    threat: '上门',
  },
  {
    format: 'jinja',
    file: 'sms/overdue.j2',
    content: '【XX银行】您的借款{{ amount }}元已逾期，请于{{ due_date }}前还款。\n{% if stage == 1 %}\n请尽快处理。\n{% elif stage == 2 %}\n请联系客服。\n{% else %}\n今天不还钱，后果自负！\n{% endif %}\n',
    threat: '后果自负',
  },
  {
    format: 'smarty',
    file: 'sms/overdue.tpl',
    content: '【XX银行】您的借款{$amount|number_format:2}元已逾期，请于{$due_date}前还款。\n{if $stage == 1}\n请尽快处理。\n{else}\n再不还钱，我们就派人上门！\n{/if}\n',
    threat: '上门',
  },
  {
    format: 'text',
    file: 'sms/overdue.txt',
    content: '【XX银行】您的借款{{ amount }}元已逾期，请于{{ due_date }}前还款。\n{% if polite %}请尽快处理。{% else %}今天不还钱，后果自负！{% endif %}\n',
    threat: '后果自负',
  },
];

describe('template languages: a threat hidden in an else branch is found', () => {
  it.each(THREATS)('$format ($file)', ({ format, file, content, threat, channel }) => {
    const parsed = parse(format, file, content);
    expect(parsed.errors).toEqual([]);
    const all = lintAll(parsed, channel);
    expect(all.length).toBeGreaterThanOrEqual(2);
    // Rendering 0 keeps the first branches: clean.
    expect(all[0]!.filter((f) => f.category === 'threat')).toEqual([]);
    const threats = all.flat().filter((f) => f.category === 'threat');
    expect(threats.length).toBeGreaterThan(0);
    const at = content.indexOf(threat);
    expect(threats.some((f) => f.start.offset <= at && f.end.offset >= at + threat.length - 1 && content.slice(f.start.offset, f.end.offset).length > 0)).toBe(true);
    for (const f of threats) {
      const { line, column } = lineCol(content, f.start.offset);
      expect(f.start.line).toBe(line);
      expect(f.start.column).toBe(column);
    }
    // The placeholders count: no finding says the amount or the due date is missing.
    expect(all.flat().filter((f) => f.category === 'missing-amount' || f.category === 'missing-due-date')).toEqual([]);
  });
});

describe('renderings', () => {
  it('blanks the syntax and keeps placeholders where the linter reads them', () => {
    const content = '【XX银行】您的借款{{ amount }}元已逾期，请于{{ due_date }}前还款。';
    for (const [format, file] of [
      ['handlebars', 'a.hbs'],
      ['liquid', 'a.liquid'],
      ['jinja', 'a.j2'],
    ]) {
      const parsed = parse(format!, file!, content);
      expect(parsed.messages[0]!.message.text).toBe(content);
      expect(parsed.messages[0]!.variants).toBeUndefined();
      const r = linter.lint({ text: parsed.messages[0]!.message.text, channel: 'sms' });
      expect(r.findings).toEqual([]);
    }
  });

  it('types each language\'s output syntax (Velocity $amount, Smarty {$amount}, FreeMarker built-ins, dotted paths)', () => {
    const cases: [string, string, string][] = [
      ['velocity', 'a.vm', '【XX银行】您的借款$loan.balance元已逾期，请于$dueDate前还款。'],
      ['velocity', 'a.vm', '【XX银行】您的借款$!amount元已逾期，请于${loan.dueDate}前还款。'],
      ['smarty', 'a.tpl', '【XX银行】您的借款{$loan->balance}元已逾期，请于{$smarty.const.DUE_DATE|date_format:"%Y-%m-%d"}前还款。'],
      ['smarty', 'a.tpl', '【XX银行】您的借款{#totalAmount#}元已逾期，请于{$due_date}前还款。'],
      ['freemarker', 'a.ftl', '【XX银行】您的借款${(loan.balance)!0}元已逾期，请于${loan.dueDate?string("yyyy-MM-dd")}前还款。'],
      ['freemarker', 'a.ftl', '【XX银行】您的借款#{amount}元已逾期，请于${due_date}前还款。'],
      ['handlebars', 'a.hbs', '【XX银行】您的借款{{{amount}}}元已逾期，请于{{formatDate due_date "YYYY-MM-DD"}}前还款。'],
      ['liquid', 'a.liquid', '【XX银行】您的借款{{- amount | money_with_currency -}}元已逾期，请于{{ loan.due_date | date: "%m/%d" }}前还款。'],
    ];
    for (const [format, file, content] of cases) {
      const parsed = parse(format, file, content);
      expect(parsed.errors).toEqual([]);
      const text = parsed.messages[0]!.message.text;
      expect(text.length).toBe(content.length);
      const r = linter.lint({ text, channel: 'sms' });
      expect(r.findings.map((f) => f.ruleId), `${format}: ${content}`).toEqual([]);
    }
  });

  it('still reports a missing amount when the template has none', () => {
    const parsed = parse('jinja', 'a.j2', '【XX银行】您的借款已逾期，请于{{ due_date }}前还款。{% if x %}谢谢。{% endif %}');
    const findings = lintAll(parsed).flat();
    expect(findings.map((f) => f.category)).toContain('missing-amount');
  });

  it('keeps mutually exclusive branches apart and covers every branch of nested conditionals', () => {
    const content = '{% if a %}A1{% if b %}B1{% elif c %}B2{% else %}B3{% endif %}A2{% else %}C1{% endif %}|{% if d %}D1{% else %}D2{% endif %}';
    const texts = renderings(parse('jinja', 'a.j2', content));
    // Outer if: 3 renderings for its first branch (the nested if has 3 branches) + 1 for the else.
    expect(texts).toHaveLength(4);
    const has = (t: string, s: string) => t.includes(s);
    for (const leaf of ['B1', 'B2', 'B3', 'C1', 'D1', 'D2']) expect(texts.some((t) => has(t, leaf)), leaf).toBe(true);
    for (const t of texts) {
      expect([has(t, 'B1'), has(t, 'B2'), has(t, 'B3')].filter(Boolean).length).toBeLessThanOrEqual(1);
      expect(has(t, 'C1') && (has(t, 'A1') || has(t, 'B1'))).toBe(false);
      expect(has(t, 'D1') && has(t, 'D2')).toBe(false);
      expect(has(t, 'A1')).toBe(has(t, 'A2'));
    }
    // Rendering 0 is the first branch everywhere.
    expect(texts[0]!.replace(/\s+/g, '')).toBe('A1B1A2|D1');
  });

  it('renders the k-th branch of every flat conditional, or its last when it has fewer', () => {
    const content = '{{#if a}}A0{{else if b}}A1{{else}}A2{{/if}} {{#if c}}C0{{else}}C1{{/if}}';
    const texts = renderings(parse('handlebars', 'a.hbs', content)).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(texts).toEqual(['A0 C0', 'A1 C1', 'A2 C1']);
  });

  it('a mustache section and its inverted section are one conditional; a lone one is always shown', () => {
    expect(renderings(parse('handlebars', 'a.mustache', '{{#vip}}V{{/vip}}\n{{^vip}}N{{/vip}}')).map((t) => t.replace(/\s+/g, ''))).toEqual(['V', 'N']);
    expect(renderings(parse('handlebars', 'a.mustache', '{{^vip}}N{{/vip}}'))).toHaveLength(1);
    expect(renderings(parse('handlebars', 'a.hbs', '{{#each items}}I{{else}}E{{/each}}')).map((t) => t.trim())).toEqual(['I', 'E']);
  });

  it('case/when and switch/case: each arm is a rendering, the text before the first arm is not', () => {
    const liquid = renderings(parse('liquid', 'a.liquid', '{% case s %}X{% when 1 %}one{% when 2 %}two{% else %}other{% endcase %}')).map((t) => t.trim());
    expect(liquid).toEqual(['one', 'two', 'other']);
    const ftl = renderings(parse('freemarker', 'a.ftl', '<#switch s>X<#case 1>one<#break><#case 2>two<#break><#default>other</#switch>')).map((t) => t.trim());
    expect(ftl).toEqual(['one', 'two', 'other']);
  });

  it('Smarty foreachelse, Velocity #elseif, FreeMarker list/else, Django for/empty', () => {
    expect(renderings(parse('smarty', 'a.tpl', '{foreach $xs as $x}L{foreachelse}E{/foreach}')).map((t) => t.trim())).toEqual(['L', 'E']);
    expect(renderings(parse('velocity', 'a.vm', '#if($a)A#elseif($b)B#{else}C#end')).map((t) => t.trim())).toEqual(['A', 'B', 'C']);
    expect(renderings(parse('freemarker', 'a.ftl', '<#list xs as x>L<#else>E</#list>')).map((t) => t.trim())).toEqual(['L', 'E']);
    expect(renderings(parse('jinja', 'a.djt', '{% for x in xs %}L{% empty %}E{% endfor %}')).map((t) => t.trim())).toEqual(['L', 'E']);
  });

  it(`caps the renderings at ${MAX_RENDERINGS}`, () => {
    const branches = Array.from({ length: 20 }, (_, i) => `{% elif x == ${i} %}B${i}`).join('');
    const texts = renderings(parse('jinja', 'a.j2', `{% if x %}A${branches}{% endif %}`));
    expect(MAX_RENDERINGS).toBe(16);
    expect(texts).toHaveLength(MAX_RENDERINGS);
  });

  it('keeps text that the template prints literally (raw blocks, translated strings)', () => {
    const j = parse('jinja', 'a.j2', '{% raw %}{{ not_a_tag }}{% endraw %} {% trans "再不还钱就上门" %} {{ _("后果自负") }}');
    const text = j.messages[0]!.message.text;
    expect(text).toContain('{{ not_a_tag }}');
    expect(text).toContain('再不还钱就上门');
    expect(text).toContain('后果自负');
    const v = parse('velocity', 'a.vm', '#[[#if($x) literal #end]]# \\$amount');
    expect(v.messages[0]!.message.text).toContain('#if($x) literal #end');
    expect(v.errors).toEqual([]);
  });

  it('reads front matter like the .txt format does', () => {
    const content = '---\nchannel: sms\ncontext: { daysPastDue: 12 }\n---\n【XX银行】您的借款{{amount}}元已逾期，请于{{due_date}}前还款。{{#if x}}谢谢{{/if}}';
    const parsed = parse('handlebars', 'a.hbs', content);
    const m = parsed.messages[0]!;
    expect(m.message.channel).toBe('sms');
    expect(m.message.context).toEqual({ daysPastDue: 12 });
    expect(m.message.text.startsWith('   \n')).toBe(true);
    expect(m.source).toBe(content);
  });

  it('HTML e-mail templates: markup, style and script blanked; HTML comments returned', () => {
    const content = [
      '<!DOCTYPE html>',
      '<html><head><style>.a { color: red; }</style></head><body>',
      '<!-- dunlint-disable-next-line threat -- quoted from the statute -->',
      '<p>{{company}}: This is a communication from a debt collector.</p>',
      '<p class="{{#if urgent}}red{{/if}}">Your balance of {{amount}} is due by {{due_date}}.</p>',
      '{{#if firstNotice}}<p>Please call us to discuss options.</p>{{else}}<p>We will garnish your wages next week.</p>{{/if}}',
      '<p>To opt out, reply STOP.</p><script>var x = "kill";</script>',
      '</body></html>',
      '',
    ].join('\n');
    const parsed = parse('handlebars', 'email/notice.hbs', content);
    expect(parsed.errors).toEqual([]);
    const text = parsed.messages[0]!.message.text;
    expect(text).not.toMatch(/<p|color|kill|DOCTYPE/);
    expect(text).toContain('This is a communication from a debt collector.');
    const c = parsed.comments!.find((x) => x.body.includes('dunlint-disable'))!;
    expect(content.slice(c.start, c.end)).toBe('<!-- dunlint-disable-next-line threat -- quoted from the statute -->');
    expect(c.body).toBe(' dunlint-disable-next-line threat -- quoted from the statute ');
    const all = lintAll(parsed, 'email');
    expect(all[0]!.filter((f) => f.category === 'threat')).toEqual([]);
    const threat = all.flat().find((f) => f.category === 'threat')!;
    expect(threat.excerpt).toMatch(/garnish/i);
  });
});

describe('HTML options', () => {
  it('lints a hidden preheader (inboxes show it in previews) unless lintHiddenText is false', () => {
    const content = '<div style="display:none">再不还钱就上门</div>\n<p>{{#if a}}您好{{else}}请还款{{/if}}</p>';
    const shown = FORMATS['handlebars']!('a.hbs', content);
    expect(renderings(shown).every((t) => t.includes('再不还钱就上门'))).toBe(true);
    const hidden = FORMATS['handlebars']!('a.hbs', content, { lintHiddenText: false });
    expect(renderings(hidden).some((t) => t.includes('上门'))).toBe(false);
  });
});

describe('comments', () => {
  const cases: [string, string, string, string[]][] = [
    ['handlebars', 'a.hbs', 'x{{!-- dunlint-disable-next-line threat -- ok --}}y{{! short one }}z{{~!-- tilde --~}}', [' dunlint-disable-next-line threat -- ok ', ' short one ', ' tilde ']],
    ['liquid', 'a.liquid', 'x{% comment %} dunlint-disable threat -- ok {% endcomment %}y{%# inline %}z{%- # spaced -%}', [' dunlint-disable threat -- ok ', ' inline ', ' spaced ']],
    ['freemarker', 'a.ftl', 'x<#-- dunlint-disable-next-line threat -- ok -->y', [' dunlint-disable-next-line threat -- ok ']],
    ['velocity', 'a.vm', '## dunlint-disable-next-line threat -- ok\nx #* block\ncomment *# y', [' dunlint-disable-next-line threat -- ok', ' block\ncomment ']],
    ['jinja', 'a.jinja', 'x{# dunlint-disable-next-line threat -- ok #}y{% comment %}django{% endcomment %}', [' dunlint-disable-next-line threat -- ok ', 'django']],
    ['smarty', 'a.tpl', 'x{* dunlint-disable-next-line threat -- ok *}y', [' dunlint-disable-next-line threat -- ok ']],
    ['text', 'a.txt', '【XX银行】{# dunlint-disable-next-line threat -- ok #}\n请还款', [' dunlint-disable-next-line threat -- ok ']],
    ['handlebars', 'a.hbs', '<p>x</p><!-- html {{amount}} -->{{!-- hbs --}}', [' html {{amount}} ', ' hbs ']],
  ];
  it.each(cases)('%s: %s', (format, file, content, bodies) => {
    const parsed = parse(format, file, content);
    expect(parsed.errors).toEqual([]);
    const comments = parsed.comments ?? [];
    expect(comments.map((c) => c.body)).toEqual(bodies);
    for (const c of comments) {
      expect(content.slice(c.start, c.end)).toContain(c.body);
      // The span is the whole comment: delimiters included, nothing of the text around it.
      const around = content.slice(0, c.start) + content.slice(c.end);
      expect(around).not.toContain(c.body.trim());
      // And it is blanked in what the linter reads.
      expect(parsed.messages[0]!.message.text.slice(c.start, c.end).trim()).toBe('');
    }
  });
});

describe('malformed templates: an error with line and column, and the text is still linted', () => {
  const cases: [string, string, string, string, RegExp][] = [
    ['handlebars', 'a.hbs', '【XX银行】请还款。\n  {{#if late}}\n再不还钱，我们就派人上门！\n', '{{#if late}}', /never closed.*\{\{\/if\}\}/],
    ['handlebars', 'a.hbs', '【XX银行】请还款。\n{{!-- dunlint-disable\n再不还钱，我们就派人上门！\n', '{{!--', /unclosed comment/],
    ['handlebars', 'a.hbs', '【XX银行】请还款。\n{{#if a}}x{{/each}}\n再不还钱，我们就派人上门！{{/if}}', '{{/each}}', /does not close/],
    ['liquid', 'a.liquid', '【XX银行】请还款。\n{% comment %} note\n再不还钱，我们就派人上门！\n', '{% comment %}', /never closed.*endcomment/],
    ['liquid', 'a.liquid', '【XX银行】请还款。\n{% if a %}x{% else %}再不还钱，我们就派人上门！', '{% if a %}', /never closed/],
    ['freemarker', 'a.ftl', '【XX银行】请还款。\n<#if a>x<#else>再不还钱，我们就派人上门！\n', '<#if a>', /never closed.*<\/#if>/],
    ['freemarker', 'a.ftl', '【XX银行】请还款。\n再不还钱，我们就派人上门！</#if>', '</#if>', /no matching opening tag/],
    ['velocity', 'a.vm', '【XX银行】请还款。\n#if($a)\n再不还钱，我们就派人上门！\n', '#if($a)', /never closed.*#end/],
    ['velocity', 'a.vm', '【XX银行】请还款。\n#* note\n再不还钱，我们就派人上门！', '#*', /unclosed comment/],
    ['jinja', 'a.j2', '【XX银行】请还款。\n{% for x in xs %}\n再不还钱，我们就派人上门！\n', '{% for x in xs %}', /never closed.*endfor/],
    ['jinja', 'a.j2', '【XX银行】请还款。\n{% else %}再不还钱，我们就派人上门！', '{% else %}', /outside any block/],
    ['jinja', 'a.j2', '【XX银行】请还款。\n{{ amount \n再不还钱，我们就派人上门！', '{{', /unclosed `\{\{`/],
    ['handlebars', 'a.hbs', '【XX银行】请还款。\n{{amount 再不还钱，{{company}}我们就派人上门！', '{{amount', /unclosed `\{\{`/],
    ['smarty', 'a.tpl', '【XX银行】请还款。\n{if $a}\n再不还钱，我们就派人上门！\n', '{if $a}', /never closed.*\{\/if\}/],
    ['smarty', 'a.tpl', '【XX银行】请还款。\n{* note\n再不还钱，我们就派人上门！', '{*', /unclosed comment/],
    ['text', 'a.txt', '【XX银行】请还款。\n{% if a %}再不还钱，我们就派人上门！', '{% if a %}', /never closed/],
    ['handlebars', 'a.hbs', '<p>【XX银行】请还款。</p>\n<!-- note\n再不还钱，我们就派人上门！', '<!--', /unclosed comment/],
  ];
  it.each(cases)('%s: %s', (format, file, content, at, message) => {
    const parsed = parse(format, file, content);
    expect(parsed.errors.length).toBeGreaterThan(0);
    const e = parsed.errors[0]!;
    expect(e.file).toBe(file);
    expect(e.message).toMatch(message);
    const want = lineCol(content, content.indexOf(at));
    expect({ line: e.line, column: e.column }).toEqual(want);
    // Best effort: one message, same length; the threat is still found unless it sits inside what the file hides.
    const findings = lintAll(parsed).flat();
    if (!/<!--/.test(at)) expect(findings.some((f) => f.category === 'threat' && f.excerpt === '上门')).toBe(true);
  });
});

describe('registration', () => {
  it('maps every template extension to its format', () => {
    const expected: Record<string, string> = {
      'a.hbs': 'handlebars',
      'a.handlebars': 'handlebars',
      'a.mustache': 'handlebars',
      'a.liquid': 'liquid',
      'a.ftl': 'freemarker',
      'a.vm': 'velocity',
      'a.j2': 'jinja',
      'a.jinja': 'jinja',
      'a.jinja2': 'jinja',
      'a.djt': 'jinja',
      'a.tpl': 'smarty',
      'a.txt': 'text',
    };
    for (const [file, format] of Object.entries(expected)) expect(formatNameFor(file)).toBe(format);
  });
  it('a .txt file without template tags is read verbatim as before', () => {
    const content = '---\nchannel: sms\n---\n【XX银行】100% 还款后{结清} {{amount}}';
    const parsed = parse('text', 'a.txt', content);
    expect(parsed.messages[0]!.message.text).toBe('   \n            \n   \n【XX银行】100% 还款后{结清} {{amount}}');
    expect(parsed.messages[0]!.variants).toBeUndefined();
    expect(parsed.comments).toBeUndefined();
  });
});
