import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../src/report/fingerprint.js';
import { githubReporter, escapeData, escapeProperty } from '../src/report/github.js';
import { FORMATS, reporterFor } from '../src/report/index.js';
import { dunlintVersion, jsonReporter } from '../src/report/json.js';
import { junitReporter } from '../src/report/junit.js';
import { artifactUri, createSarifReporter, sarifReporter } from '../src/report/sarif.js';
import type { Directive, MessageReport, ReportedFinding, RunReport } from '../src/report/types.js';
import { loadRuleset } from '../src/rulesets/load.js';
import type { Position, Severity, Verdict } from '../src/types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OPTS = { color: false };

// ---------------------------------------------------------------------------------------------
// Building realistic reports: findings carry the rule's real text, positions are computed from
// the message text, regions from the file the message sits in.

function at(text: string, offset: number): Position {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { offset, line: before.length, column: before[before.length - 1]!.length + 1 };
}

interface Where {
  file: string;
  /** Content of the file. */
  fileText: string;
  /** The message text (a verbatim substring of the file here). */
  source: string;
  key?: string;
  id?: string | null;
}

function finding(
  w: Where,
  rs: 'cn' | 'us',
  ruleId: string,
  span: string | [number, number],
  override: Partial<Pick<ReportedFinding, 'message' | 'severity' | 'nextAllowedAt'>> = {},
): ReportedFinding {
  const rule = loadRuleset(rs).rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${rs}:${ruleId}`);
  const [s, e] = typeof span === 'string' ? [w.source.indexOf(span), w.source.indexOf(span) + span.length] : span;
  if (s < 0) throw new Error(`"${String(span)}" not in message`);
  const base = w.fileText.indexOf(w.source);
  if (base < 0) throw new Error('message not in file');
  const a = at(w.fileText, base + s);
  const b = at(w.fileText, base + e);
  const locale = rs === 'cn' ? 'zh' : 'en';
  const excerpt = w.source.slice(s, e);
  return {
    ruleId,
    category: rule.category,
    severity: (override.severity ?? rule.severity) as Severity,
    message: override.message ?? rule.message[locale],
    messages: { ...rule.message },
    start: at(w.source, s),
    end: at(w.source, e),
    excerpt,
    citation: rule.citation,
    suggestion: rule.suggestion?.[locale] ?? null,
    ...(override.nextAllowedAt !== undefined ? { nextAllowedAt: override.nextAllowedAt } : {}),
    region: { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column },
    fingerprint: fingerprint({ file: w.file, messageKey: w.key ?? w.id ?? null, ruleId, excerpt, occurrence: 0 }),
  };
}

function verdictOf(findings: ReportedFinding[]): Verdict {
  return findings.some((f) => f.severity === 'error') ? 'block' : findings.length ? 'review' : 'allow';
}

function message(w: Where, ruleset: 'cn' | 'us', findings: ReportedFinding[], extra: Partial<MessageReport> = {}): MessageReport {
  return {
    file: w.file,
    id: w.id ?? null,
    source: w.source,
    channel: null,
    locale: ruleset === 'cn' ? 'zh' : 'en',
    ruleset,
    verdict: verdictOf(findings),
    findings,
    ...(w.key !== undefined ? { key: w.key } : {}),
    ...extra,
  };
}

// A Chinese SMS template: three threats (one shares its id with the us ruleset) and a warning.
const SMS_TEXT = '【XX银行】您已逾期，再不还钱就上门，后果自负！小心打断你的腿。\n';
const sms: Where = { file: 'templates/sms/overdue.txt', fileText: SMS_TEXT, source: SMS_TEXT };

// A JSON message catalogue: one abusive string (key path), one clean.
const CATALOGUE = [
  '{',
  '  "reminder": {',
  '    "sms": {',
  '      "late": "老赖，{{name}}，马上还钱！",',
  '      "polite": "【XX银行】您好，您的账单已出，应还{{amount}}元，请于{{due_date}}前还款。"',
  '    }',
  '  }',
  '}',
  '',
].join('\n');
const late: Where = { file: 'messages/zh-CN.json', fileText: CATALOGUE, source: '老赖，{{name}}，马上还钱！', key: 'reminder.sms.late' };
const polite: Where = { file: 'messages/zh-CN.json', fileText: CATALOGUE, source: '【XX银行】您好，您的账单已出，应还{{amount}}元，请于{{due_date}}前还款。', key: 'reminder.sms.polite' };

// .jsonl records: the second is an English phone script sent at 22:30 (contact-timing at offset 0).
const RECORD_TEXT = 'We will have you arrested, you deadbeat.';
const JSONL = [
  '{"id":"r-0001","text":"Hello, this is Acme Collections. Your balance is $120.00, due by June 1. Reply STOP to opt out."}',
  `{"id":"r-0002","text":"${RECORD_TEXT}","channel":"phone","context":{"sendAt":"2026-03-10T22:30:00-05:00"}}`,
  '',
].join('\n');
const rec1: Where = { file: 'records/batch.jsonl', fileText: JSONL, source: 'Hello, this is Acme Collections. Your balance is $120.00, due by June 1. Reply STOP to opt out.', id: 'r-0001' };
const rec2: Where = { file: 'records/batch.jsonl', fileText: JSONL, source: RECORD_TEXT, id: 'r-0002' };

// A Markdown email with a waived insult (a quotation), a kept threat, an unused directive and a
// missing-amount finding about the whole message (spans lines).
const EMAIL = [
  "<!-- dunlint-disable-next-line insult -- quoted verbatim from the customer's complaint, expires=2026-12-31 -->",
  '> You called me a deadbeat.',
  'Pay now or we will break your legs.',
  '',
  '<!-- dunlint-disable-next-line privacy -- card digits are masked upstream -->',
  'Reply STOP to opt out.',
].join('\n');
const email: Where = { file: 'templates/email/final.md', fileText: EMAIL, source: EMAIL };
const waiverDirective: Directive = { kind: 'disable-next-line', rules: ['insult'], reason: "quoted verbatim from the customer's complaint", expires: '2026-12-31', line: 1, column: 1 };
const unusedDirective: Directive = { kind: 'disable-next-line', rules: ['privacy'], reason: 'card digits are masked upstream', expires: null, line: 5, column: 1 };

// A path with a space, ':' ',' and '%', and a message with '%', a line break, XML specials and a control character.
const ODD_TEXT = '【XX银行】您应还1,000.00元，请今日处理。';
const odd: Where = { file: 'odd dir/a:b,c%.txt', fileText: ODD_TEXT, source: ODD_TEXT };
const ODD_MESSAGE = 'States 1,000.00 (100% of the balance) & "<b>settled</b>"\nbut context.amountDue is 2,356.40.\u0007';

const F = {
  visit: finding(sms, 'cn', 'threat/visit', '上门'),
  veiled: finding(sms, 'cn', 'threat/veiled', '后果自负'),
  violenceCn: finding(sms, 'cn', 'threat/violence', '打断你的腿'),
  noAmount: finding(sms, 'cn', 'missing-amount/payment-message', [0, SMS_TEXT.trimEnd().length]),
  abuseCn: finding(late, 'cn', 'insult/abuse', '老赖'),
  timing: finding(rec2, 'us', 'contact-timing/inconvenient-hours', [0, 0], {
    message: '22:30 on Tuesday in America/New_York is outside 08:00–21:00.',
    nextAllowedAt: '2026-03-11T08:00:00-05:00',
  }),
  arrest: finding(rec2, 'us', 'threat/arrest-or-seizure', 'have you arrested'),
  abuseUs: finding(rec2, 'us', 'insult/abuse', 'deadbeat'),
  violenceUs: finding(email, 'us', 'threat/violence', 'break your legs'),
  emailNoAmount: finding(email, 'us', 'missing-amount/payment-message', [0, EMAIL.length]),
  waived: finding(email, 'us', 'insult/abuse', 'deadbeat'),
  odd: finding(odd, 'cn', 'deception/amount-mismatch', '1,000.00元', { message: ODD_MESSAGE }),
};

function fullReport(extra: Partial<RunReport> = {}): RunReport {
  return {
    results: [
      message(sms, 'cn', [F.visit, F.veiled, F.violenceCn, F.noAmount], { channel: 'sms' }),
      message(late, 'cn', [F.abuseCn], { channel: 'sms' }),
      message(polite, 'cn', [], { channel: 'sms' }),
      message(rec1, 'us', [], { fileLine: 1, channel: 'sms' }),
      message(rec2, 'us', [F.timing, F.arrest, F.abuseUs], { fileLine: 2, channel: 'phone', nextAllowedAt: '2026-03-11T08:00:00-05:00' }),
      message(email, 'us', [F.violenceUs, F.emailNoAmount], { channel: 'email', waivers: [{ finding: F.waived, directive: waiverDirective }] }),
      message(odd, 'cn', [F.odd], { channel: 'sms' }),
    ],
    errors: [
      { file: 'records/broken.jsonl', line: 3, column: 15, message: 'Unexpected token } in JSON at position 14' },
      { file: 'templates/unreadable.txt', line: null, message: 'cannot read file: EACCES' },
    ],
    skipped: ['docs/brochure.pdf'],
    unusedDirectives: [{ file: email.file, directive: unusedDirective }],
    baseline: { file: '.dunlint-baseline.json', matched: 2 },
    ...extra,
  };
}

const allFindings = (report: RunReport) => report.results.flatMap((r) => r.findings);
const waivedFindings = (report: RunReport) => report.results.flatMap((r) => (r.waivers ?? []).map((w) => w.finding));

// ---------------------------------------------------------------------------------------------

describe('report formats', () => {
  it('registers sarif, junit and github; nothing is left planned', () => {
    expect(FORMATS).toEqual(expect.arrayContaining(['stylish', 'json', 'sarif', 'junit', 'github']));
    for (const name of ['sarif', 'junit', 'github']) expect(reporterFor(name)).toBeTypeOf('function');
    expect(reporterFor('toString')).toBeNull();
  });

  it('the fixture report is realistic: real rules, regions inside the file, a timing finding at offset 0', () => {
    expect(F.timing.start.offset).toBe(0);
    expect(F.timing.region).toEqual({ startLine: 2, startColumn: 24, endLine: 2, endColumn: 24 });
    expect(F.abuseCn.region).toMatchObject({ startLine: 4, startColumn: 16 });
    expect(F.emailNoAmount.region).toMatchObject({ startLine: 1, endLine: 6 });
    expect(F.waived.region.startLine).toBe(waiverDirective.line + 1);
  });
});

// ---------------------------------------------------------------------------------------------
// SARIF

const schema = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;

/**
 * ajv with the schema's three formats checked by hand (ajv-formats is not a dependency):
 * `uri` must be absolute, `uri-reference` must be RFC 3986 characters with valid escapes.
 */
function sarifValidator() {
  const uriChars = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    formats: {
      uri: (s: string) => uriChars.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && URL.canParse(s),
      'uri-reference': (s: string) => uriChars.test(s),
      'date-time': (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)),
    },
  });
  return ajv.compile(schema);
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: Descriptor[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: Notification[]; toolConfigurationNotifications?: Notification[] }[];
    columnKind: string;
    results: SarifResult[];
    properties?: Record<string, unknown>;
  }[];
}
interface Descriptor {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: string; enabled: boolean };
  properties: Record<string, unknown>;
}
interface Notification {
  level: string;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: Record<string, number> } }[];
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> }; logicalLocations?: { name: string; kind: string }[] }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; state: string; justification: string; properties: Record<string, unknown> }[];
  properties: Record<string, unknown>;
}

describe('sarif reporter', () => {
  const validate = sarifValidator();
  let savedEnv: string | undefined;
  beforeEach(() => {
    savedEnv = process.env.DUNLINT_DOCS_BASE_URI;
    delete process.env.DUNLINT_DOCS_BASE_URI;
  });
  afterEach(() => {
    if (savedEnv === undefined) delete process.env.DUNLINT_DOCS_BASE_URI;
    else process.env.DUNLINT_DOCS_BASE_URI = savedEnv;
  });

  const BASE = 'https://github.com/acme/dunlint/blob/v0.1.0/';
  const render = (report: RunReport, docsBaseUri: string | null = BASE) => JSON.parse(createSarifReporter({ docsBaseUri })(report, OPTS)) as SarifLog;

  it('validates against the official SARIF 2.1.0 schema with zero errors (formats checked)', () => {
    for (const log of [render(fullReport()), render(fullReport(), null), JSON.parse(sarifReporter(fullReport(), OPTS)) as SarifLog]) {
      const ok = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
    // The schema really is the draft-07 official one, and it does reject a broken log.
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    const bad = render(fullReport());
    bad.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(validate(bad)).toBe(false);
  });

  it('a clean run validates too: no results, execution successful', () => {
    const report: RunReport = { results: [message(polite, 'cn', [])], errors: [], skipped: [] };
    const log = render(report);
    expect(validate(log)).toBe(true);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules).toEqual([]);
    expect(log.runs[0]!.invocations[0]).toEqual({ executionSuccessful: true });
  });

  it('has one run with the dunlint driver and every result pointing at its rule', () => {
    const report = fullReport();
    const log = render(report);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: 'dunlint', version: dunlintVersion(), semanticVersion: dunlintVersion() });
    expect(URL.canParse(run.tool.driver.informationUri)).toBe(true);
    expect(run.columnKind).toBe('utf16CodeUnits');

    const ids = [...new Set([...allFindings(report), ...waivedFindings(report)].map((f) => f.ruleId))].sort();
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(ids);
    expect(run.results).toHaveLength(allFindings(report).length + waivedFindings(report).length);
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
  });

  it('carries every fingerprint as partialFingerprints["dunlint/v1"]', () => {
    const report = fullReport();
    const log = render(report);
    const expected = [...allFindings(report), ...waivedFindings(report)].map((f) => f.fingerprint).sort();
    expect(log.runs[0]!.results.map((r) => r.partialFingerprints['dunlint/v1']).sort()).toEqual(expected);
    for (const fp of expected) expect(fp).toMatch(/^[0-9a-f]{32}$/);
  });

  it('locations: relative URI, the finding region (1-based, UTF-16), key path or record id as logical location', () => {
    const log = render(fullReport());
    const byFp = new Map(log.runs[0]!.results.map((r) => [r.partialFingerprints['dunlint/v1']!, r]));
    const loc = (f: ReportedFinding) => byFp.get(f.fingerprint)!.locations[0]!;

    expect(loc(F.visit).physicalLocation).toEqual({ artifactLocation: { uri: 'templates/sms/overdue.txt' }, region: F.visit.region });
    expect(loc(F.visit).logicalLocations).toBeUndefined();
    expect(loc(F.abuseCn).physicalLocation.region).toEqual(F.abuseCn.region);
    expect(loc(F.abuseCn).logicalLocations).toEqual([{ name: 'reminder.sms.late', fullyQualifiedName: 'reminder.sms.late', kind: 'property' }]);
    expect(loc(F.arrest).logicalLocations).toEqual([{ name: 'r-0002', fullyQualifiedName: 'r-0002', kind: 'object' }]);
    // The contact-timing finding at offset 0 is an empty region at the start of the record's text.
    expect(loc(F.timing).physicalLocation.region).toEqual({ startLine: 2, startColumn: 24, endLine: 2, endColumn: 24 });
    expect(byFp.get(F.timing.fingerprint)!.properties.nextAllowedAt).toBe('2026-03-11T08:00:00-05:00');
    // Space, ':' ',' '%' percent-encoded; CJK paths too; Windows and absolute paths become file URIs.
    expect(loc(F.odd).physicalLocation.artifactLocation.uri).toBe('odd%20dir/a%3Ab%2Cc%25.txt');
    expect(artifactUri('templates\\短信\\逾期.txt')).toBe('templates/%E7%9F%AD%E4%BF%A1/%E9%80%BE%E6%9C%9F.txt');
    expect(artifactUri('/srv/repo/a b.txt')).toBe('file:///srv/repo/a%20b.txt');
    expect(artifactUri('C:\\repo\\a.txt')).toBe('file:///C:/repo/a.txt');
  });

  it('results: level from severity, the message text, bilingual text and citation in properties', () => {
    const log = render(fullReport());
    const byFp = new Map(log.runs[0]!.results.map((r) => [r.partialFingerprints['dunlint/v1']!, r]));
    const visit = byFp.get(F.visit.fingerprint)!;
    expect(visit).toMatchObject({ ruleId: 'threat/visit', level: 'error', message: { text: F.visit.message } });
    expect(visit.properties).toMatchObject({ category: 'threat', ruleset: 'cn', excerpt: '上门', citation: F.visit.citation, messages: F.visit.messages });
    expect(byFp.get(F.noAmount.fingerprint)!.level).toBe('warning');
    expect(byFp.get(F.odd.fingerprint)!.message.text).toBe(ODD_MESSAGE);
  });

  it('waived findings are results with an inSource suppression: reason, expiry, directive line', () => {
    const log = render(fullReport());
    const suppressed = log.runs[0]!.results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    const [res] = suppressed;
    expect(res!.partialFingerprints['dunlint/v1']).toBe(F.waived.fingerprint);
    expect(res!.ruleId).toBe('insult/abuse');
    expect(res!.suppressions).toEqual([
      {
        kind: 'inSource',
        state: 'accepted',
        justification: "quoted verbatim from the customer's complaint",
        location: { physicalLocation: { artifactLocation: { uri: 'templates/email/final.md' }, region: { startLine: 1, startColumn: 1 } } },
        properties: { expires: '2026-12-31', directiveLine: 1, directive: 'disable-next-line', rules: ['insult'] },
      },
    ]);
    expect(log.runs[0]!.results.filter((r) => !r.suppressions)).toHaveLength(allFindings(fullReport()).length);
  });

  it('rule metadata: English descriptions, Chinese in properties, help with citation and suggestion, level, category, doc link', () => {
    const log = render(fullReport());
    const rules = new Map(log.runs[0]!.tool.driver.rules.map((r) => [r.id, r]));
    const def = loadRuleset('cn').rules.find((r) => r.id === 'threat/visit')!;
    const visit = rules.get('threat/visit')!;
    expect(visit.fullDescription.text).toBe(def.message.en);
    expect(visit.shortDescription.text.length).toBeGreaterThan(0);
    expect(def.message.en.startsWith(visit.shortDescription.text.replace(/[.!?]$/, ''))).toBe(true);
    expect(visit.defaultConfiguration).toEqual({ level: 'error', enabled: true });
    expect(visit.properties).toMatchObject({
      category: 'threat',
      citation: def.citation,
      ruleset: 'cn',
      helpPath: 'docs/rules.md#cn-threat-visit',
      descriptionZh: def.message.zh,
      suggestionEn: def.suggestion!.en,
      suggestionZh: def.suggestion!.zh,
      tags: ['threat'],
    });
    for (const part of [def.message.en, def.message.zh, def.citation, def.suggestion!.en, def.suggestion!.zh]) expect(visit.help.text).toContain(part);
    expect(visit.help.markdown).toContain('**Citation:**');
    expect(visit.help.markdown).toContain(`](${BASE}docs/rules.md#cn-threat-visit)`);
    expect(visit.helpUri).toBe(`${BASE}docs/rules.md#cn-threat-visit`);
    expect(rules.get('missing-amount/payment-message')!.defaultConfiguration.level).toBe('warning'); // cn seen first
    expect(rules.get('contact-timing/inconvenient-hours')!.properties).toMatchObject({ category: 'contact-timing', ruleset: 'us' });
    // "8:00 a.m. or after 9:00 p.m." does not end the first sentence.
    const hours = loadRuleset('us').rules.find((r) => r.id === 'contact-timing/inconvenient-hours')!;
    expect(rules.get('contact-timing/inconvenient-hours')!.shortDescription.text).toBe(hours.message.en.split(/(?<=[.!?])\s+(?=[A-Z])/)[0]);
    expect(rules.get('contact-timing/inconvenient-hours')!.shortDescription.text).toContain('9:00 p.m.');

    // Every helpPath names an anchor that docs/rules.md really has.
    const doc = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');
    for (const r of rules.values()) {
      const anchor = String(r.properties.helpPath).split('#')[1];
      expect(doc).toContain(`<a id="${anchor}"></a>`);
    }
  });

  it('an id both rulesets define gets one descriptor whose help covers each ruleset', () => {
    const log = render(fullReport());
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.filter((r) => r.id === 'threat/violence')).toHaveLength(1);
    const violence = rules.find((r) => r.id === 'threat/violence')!;
    expect(violence.properties).toMatchObject({ ruleset: 'cn', rulesets: ['cn', 'us'] });
    for (const rs of ['cn', 'us'] as const) {
      const def = loadRuleset(rs).rules.find((r) => r.id === 'threat/violence')!;
      expect(violence.help.text).toContain(def.citation);
      expect(violence.help.markdown).toContain(`docs/rules.md#${rs}-threat-violence`);
    }
    const results = log.runs[0]!.results.filter((r) => r.ruleId === 'threat/violence');
    expect(results.map((r) => r.properties.ruleset).sort()).toEqual(['cn', 'us']);
  });

  it('helpUri is absolute or absent: without a documentation base it is left out, the path stays in properties', () => {
    const log = render(fullReport(), null);
    for (const r of log.runs[0]!.tool.driver.rules) {
      expect(r.helpUri).toBeUndefined();
      expect(r.properties.helpPath).toMatch(/^docs\/rules\.md#(cn|us)-/);
      expect(r.help.text).toContain(`Reference: ${String(r.properties.helpPath)}`);
    }
    process.env.DUNLINT_DOCS_BASE_URI = 'https://example.org/dunlint'; // no trailing slash: still a folder
    const fromEnv = JSON.parse(sarifReporter(fullReport(), OPTS)) as SarifLog;
    expect(fromEnv.runs[0]!.tool.driver.rules.find((r) => r.id === 'threat/visit')!.helpUri).toBe('https://example.org/dunlint/docs/rules.md#cn-threat-visit');
    process.env.DUNLINT_DOCS_BASE_URI = 'not a uri';
    const invalid = JSON.parse(sarifReporter(fullReport(), OPTS)) as SarifLog;
    expect(validate(invalid)).toBe(true);
  });

  it('input errors are error notifications with their location; execution is then unsuccessful', () => {
    const log = render(fullReport());
    const inv = log.runs[0]!.invocations[0]!;
    expect(inv.executionSuccessful).toBe(false);
    const errors = inv.toolExecutionNotifications!.filter((n) => n.level === 'error');
    expect(errors).toEqual([
      {
        level: 'error',
        message: { text: 'Unexpected token } in JSON at position 14' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'records/broken.jsonl' }, region: { startLine: 3, startColumn: 15 } } }],
      },
      { level: 'error', message: { text: 'cannot read file: EACCES' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'templates/unreadable.txt' } } }] },
    ]);
    const notes = inv.toolExecutionNotifications!.filter((n) => n.level === 'note');
    expect(notes.map((n) => n.locations![0]!.physicalLocation.artifactLocation.uri)).toEqual(['docs/brochure.pdf']);
    expect(inv.toolConfigurationNotifications).toHaveLength(1);
    expect(inv.toolConfigurationNotifications![0]!.locations![0]!.physicalLocation.region).toEqual({ startLine: 5, startColumn: 1 });
    expect(log.runs[0]!.properties).toEqual({ baseline: { file: '.dunlint-baseline.json', matched: 2 } });
  });
});

// ---------------------------------------------------------------------------------------------
// JUnit: a small XML 1.0 checker (no dependency) that also builds a tree to count from.

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITY = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;
function decodeEntities(s: string, where: number): string {
  if (/&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`bare & near ${where}`);
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return s.replace(ENTITY, (_, e: string) => named[e] ?? String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));
}

/** Throws unless `xml` is a well-formed XML 1.0 document (the subset a reporter writes). */
function parseXml(xml: string): XmlNode {
  const bad = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(xml);
  if (bad) throw new Error(`character U+${bad[0].codePointAt(0)!.toString(16)} is not allowed in XML at ${bad.index}`);
  let i = 0;
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>/.exec(xml);
  if (!decl) throw new Error('missing XML declaration');
  i = decl[0].length;
  const doc: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [doc];
  const NAME = '[A-Za-z_][A-Za-z0-9._-]*';
  const openTag = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>`);
  while (i < xml.length) {
    const rest = xml.slice(i);
    if (rest.startsWith('<!--')) {
      const end = xml.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
    } else if (rest.startsWith('</')) {
      const m = new RegExp(`^</(${NAME})\\s*>`).exec(rest);
      if (!m) throw new Error(`bad end tag at ${i}`);
      const top = stack.pop()!;
      if (top.name !== m[1]) throw new Error(`</${m[1]}> closes <${top.name}> at ${i}`);
      i += m[0].length;
    } else if (rest.startsWith('<')) {
      const m = openTag.exec(rest);
      if (!m) throw new Error(`bad start tag at ${i}: ${rest.slice(0, 40)}`);
      const node: XmlNode = { name: m[1]!, attrs: {}, children: [], text: '' };
      for (const a of m[2]!.matchAll(new RegExp(`(${NAME})\\s*=\\s*"([^"<]*)"`, 'g'))) {
        if (a[1]! in node.attrs) throw new Error(`duplicate attribute ${a[1]}`);
        node.attrs[a[1]!] = decodeEntities(a[2]!, i);
      }
      const parent = stack[stack.length - 1]!;
      if (parent === doc && doc.children.length) throw new Error('more than one root element');
      parent.children.push(node);
      if (!m[3]) stack.push(node);
      i += m[0].length;
    } else {
      const next = xml.indexOf('<', i);
      const raw = xml.slice(i, next < 0 ? xml.length : next);
      if (raw.includes(']]>')) throw new Error(']]> in text');
      const top = stack[stack.length - 1]!;
      if (top === doc && raw.trim()) throw new Error('text outside the root element');
      top.text += decodeEntities(raw, i);
      i = next < 0 ? xml.length : next;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (doc.children.length !== 1) throw new Error('no root element');
  return doc.children[0]!;
}

const kids = (n: XmlNode, name: string) => n.children.filter((c) => c.name === name);
const num = (n: XmlNode, a: string) => Number(n.attrs[a]);

describe('junit reporter', () => {
  it('the XML checker itself rejects what is not well formed', () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>';
    expect(() => parseXml(`${head}<a><b></a></b>`)).toThrow();
    expect(() => parseXml(`${head}<a>x & y</a>`)).toThrow();
    expect(() => parseXml(`${head}<a>\u0007</a>`)).toThrow();
    expect(() => parseXml(`${head}<a x="1" x="2"/>`)).toThrow();
    expect(() => parseXml(`${head}<a/><b/>`)).toThrow();
    expect(parseXml(`${head}<a t="&lt;&#10;">中文 &amp; 1</a>`)).toEqual({ name: 'a', attrs: { t: '<\n' }, children: [], text: '中文 & 1' });
  });

  it('is well-formed XML with one testsuite per file and one testcase per message', () => {
    const report = fullReport();
    const xml = junitReporter(report, OPTS);
    const rootNode = parseXml(xml);
    expect(rootNode.name).toBe('testsuites');
    const suites = kids(rootNode, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual([
      'templates/sms/overdue.txt',
      'messages/zh-CN.json',
      'records/batch.jsonl',
      'templates/email/final.md',
      'odd dir/a:b,c%.txt',
      'records/broken.jsonl',
      'templates/unreadable.txt',
      'docs/brochure.pdf',
    ]);
    const names = suites.flatMap((s) => kids(s, 'testcase').map((c) => c.attrs.name));
    expect(names).toEqual([
      'templates/sms/overdue.txt',
      'messages/zh-CN.json#reminder.sms.late',
      'messages/zh-CN.json#reminder.sms.polite',
      'records/batch.jsonl:1 (id r-0001)',
      'records/batch.jsonl:2 (id r-0002)',
      'templates/email/final.md',
      'odd dir/a:b,c%.txt',
      'records/broken.jsonl:3:15 (input error)',
      'templates/unreadable.txt (input error)',
      'docs/brochure.pdf',
    ]);
    expect(kids(suites[0]!, 'testcase')[0]!.attrs.classname).toBe('templates/sms/overdue');
  });

  it('counts are consistent: per suite, in total, and with the findings', () => {
    const report = fullReport();
    const rootNode = parseXml(junitReporter(report, OPTS));
    const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const s of kids(rootNode, 'testsuite')) {
      const cases = kids(s, 'testcase');
      const counts = {
        tests: cases.length,
        failures: cases.filter((c) => kids(c, 'failure').length > 0).length,
        errors: cases.filter((c) => kids(c, 'error').length > 0).length,
        skipped: cases.filter((c) => kids(c, 'skipped').length > 0).length,
      };
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) {
        expect(num(s, k), `${s.attrs.name} ${k}`).toBe(counts[k]);
        totals[k] += counts[k];
      }
    }
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) expect(num(rootNode, k)).toBe(totals[k]);
    expect(totals).toEqual({ tests: 10, failures: 5, errors: 2, skipped: 1 });
    // One <failure> per error finding; warnings (and waived findings) never fail a test case.
    const failures = kids(rootNode, 'testsuite').flatMap((s) => kids(s, 'testcase').flatMap((c) => kids(c, 'failure')));
    const errorFindings = allFindings(report).filter((f) => f.severity === 'error');
    expect(failures).toHaveLength(errorFindings.length);
    expect(failures.every((f) => f.attrs.type === 'error')).toBe(true);
    expect(failures.map((f) => f.attrs.message!.split(':')[0]).sort()).toEqual(errorFindings.map((f) => f.ruleId).sort());
  });

  it('failure details, warnings and waivers in system-out, input errors as <error>', () => {
    const rootNode = parseXml(junitReporter(fullReport(), OPTS));
    const cases = kids(rootNode, 'testsuite').flatMap((s) => kids(s, 'testcase'));
    const byName = new Map(cases.map((c) => [c.attrs.name!, c]));
    const sms = byName.get('templates/sms/overdue.txt')!;
    expect(kids(sms, 'failure')).toHaveLength(3);
    const visit = kids(sms, 'failure').find((f) => f.attrs.message!.startsWith('threat/visit'))!;
    expect(visit.attrs.message).toBe(`threat/visit: ${F.visit.message}`);
    expect(visit.text).toContain(`${F.visit.region.startLine}:${F.visit.region.startColumn}  error  threat/visit`);
    expect(visit.text).toContain('excerpt: 上门');
    expect(visit.text).toContain(F.visit.citation);
    expect(kids(sms, 'system-out')[0]!.text).toContain('warning  missing-amount/payment-message');
    const emailCase = byName.get('templates/email/final.md')!;
    const out = kids(emailCase, 'system-out')[0]!.text;
    expect(out).toContain("waived by dunlint-disable-next-line at line 1: quoted verbatim from the customer's complaint (expires 2026-12-31)");
    expect(kids(byName.get('messages/zh-CN.json#reminder.sms.polite')!, 'failure')).toHaveLength(0);
    const input = byName.get('records/broken.jsonl:3:15 (input error)')!;
    expect(kids(input, 'error')[0]!.attrs).toEqual({ type: 'input-error', message: 'Unexpected token } in JSON at position 14' });
    expect(kids(byName.get('docs/brochure.pdf')!, 'skipped')).toHaveLength(1);
    expect(kids(kids(rootNode, 'testsuite')[3]!, 'system-out')[0]!.text).toContain('5:1  unused dunlint-disable-next-line directive (privacy)');
  });

  it('escapes &, <, quotes and line breaks, strips control characters and keeps CJK', () => {
    const xml = junitReporter(fullReport(), OPTS);
    expect(xml).not.toContain('\u0007');
    expect(xml).toContain('【XX银行】');
    const oddCase = kids(parseXml(xml), 'testsuite').flatMap((s) => kids(s, 'testcase')).find((c) => c.attrs.name === 'odd dir/a:b,c%.txt')!;
    const failure = kids(oddCase, 'failure')[0]!;
    expect(failure.attrs.message).toBe(`deception/amount-mismatch: ${ODD_MESSAGE.replace('\u0007', '')}`); // newline survives in the attribute
    expect(failure.text).toContain('& "<b>settled</b>"\nbut');
    // Lone surrogates and NUL in a message are dropped, the rest kept.
    const nasty: RunReport = { results: [message(odd, 'cn', [{ ...F.odd, message: 'a\u0000b\uD800c 😀 \uDC00d' }])], errors: [], skipped: [] };
    const f2 = kids(kids(kids(parseXml(junitReporter(nasty, OPTS)), 'testsuite')[0]!, 'testcase')[0]!, 'failure')[0]!;
    expect(f2.attrs.message).toBe('deception/amount-mismatch: abc 😀 d');
  });

  it('with --max-warnings exceeded, warnings fail their test case too', () => {
    const report = fullReport({ maxWarningsExceeded: { limit: 0, found: 1 } });
    const rootNode = parseXml(junitReporter(report, OPTS));
    const failures = kids(rootNode, 'testsuite').flatMap((s) => kids(s, 'testcase').flatMap((c) => kids(c, 'failure')));
    expect(failures).toHaveLength(allFindings(report).length);
    expect(failures.filter((f) => f.attrs.type === 'warning').map((f) => f.attrs.message!.split(':')[0])).toEqual(['missing-amount/payment-message']);
  });

  it('an empty run is a valid, empty report', () => {
    const rootNode = parseXml(junitReporter({ results: [], errors: [], skipped: [] }, OPTS));
    expect(rootNode.attrs).toEqual({ name: 'dunlint', tests: '0', failures: '0', errors: '0', skipped: '0' });
  });
});

// ---------------------------------------------------------------------------------------------
// GitHub workflow commands

describe('github reporter', () => {
  it('escapes data and property values as the runner requires', () => {
    expect(escapeData('100%\r\nok: a,b')).toBe('100%25%0D%0Aok: a,b');
    expect(escapeProperty('odd dir/a:b,c%.txt')).toBe('odd dir/a%3Ab%2Cc%25.txt');
  });

  it('one annotation per finding with file, region and rule title; input errors; a summary line last', () => {
    const report = fullReport();
    const lines = githubReporter(report, OPTS).split('\n');
    expect(lines.pop()).toBe(''); // ends with a newline
    const summary = lines.pop()!;
    expect(summary).toBe(
      'dunlint: 13 problems (12 errors, 1 warning) in 7 messages (5 files); 2 input errors; 1 waived by directives; 2 accepted by baseline .dunlint-baseline.json; 1 file skipped (unsupported type)',
    );
    expect(lines.every((l) => /^::(error|warning) /.test(l))).toBe(true);
    const findings = allFindings(report);
    const annotations = lines.filter((l) => !l.includes('title=dunlint'));
    expect(annotations).toHaveLength(findings.length);

    const visit = annotations.find((l) => l.includes('title=threat/visit'))!;
    const { startLine, startColumn, endLine, endColumn } = F.visit.region;
    expect(visit).toBe(
      `::error file=templates/sms/overdue.txt,line=${startLine},col=${startColumn},endLine=${endLine},endColumn=${endColumn},title=threat/visit::` +
        escapeData(`${F.visit.message}\n→ ${F.visit.suggestion}\n${F.visit.citation}`),
    );
    expect(annotations.find((l) => l.includes('title=missing-amount/payment-message') && l.includes('overdue'))).toMatch(/^::warning /);
    // Offset 0, empty range, inside a .jsonl line; record id in the text.
    expect(annotations.find((l) => l.includes('inconvenient-hours'))).toBe(
      '::error file=records/batch.jsonl,line=2,col=24,endLine=2,endColumn=24,title=contact-timing/inconvenient-hours::' +
        escapeData(`22:30 on Tuesday in America/New_York is outside 08:00–21:00. [id r-0002]\n→ ${F.timing.suggestion}\n${F.timing.citation}`),
    );
    // A region over several lines gets no columns.
    expect(annotations.find((l) => l.includes('final.md') && l.includes('missing-amount'))).toMatch(/^::error file=templates\/email\/final\.md,line=1,endLine=6,title=missing-amount\/payment-message::/);
    // Waived findings are not annotated.
    expect(annotations.filter((l) => l.includes('title=insult/abuse')).map((l) => l.split(',')[0])).toEqual(['::error file=messages/zh-CN.json', '::error file=records/batch.jsonl']);

    const errs = lines.filter((l) => l.includes('title=dunlint%3A input error'));
    expect(errs).toEqual([
      '::error file=records/broken.jsonl,line=3,col=15,title=dunlint%3A input error::Unexpected token } in JSON at position 14',
      '::error file=templates/unreadable.txt,title=dunlint%3A input error::cannot read file: EACCES',
    ]);
    expect(lines.filter((l) => l.includes('unused directive'))).toEqual([
      '::warning file=templates/email/final.md,line=5,col=1,title=dunlint%3A unused directive::Unused dunlint-disable-next-line directive (privacy): it silenced nothing.',
    ]);
  });

  it('a path with : and , and a message with %, a line break and a comma stay on one command line', () => {
    const out = githubReporter(fullReport(), OPTS);
    const line = out.split('\n').find((l) => l.includes('amount-mismatch'))!;
    const { startLine, startColumn, endColumn } = F.odd.region;
    expect(line).toBe(
      `::error file=odd dir/a%3Ab%2Cc%25.txt,line=${startLine},col=${startColumn},endLine=${startLine},endColumn=${endColumn},title=deception/amount-mismatch::` +
        `States 1,000.00 (100%25 of the balance) & "<b>settled</b>"%0Abut context.amountDue is 2,356.40.\u0007%0A→ ${F.odd.suggestion}%0A${F.odd.citation}`,
    );
    // No line of the output starts anything but a command or the summary.
    for (const l of out.trimEnd().split('\n')) expect(l.startsWith('::') || l.startsWith('dunlint: ')).toBe(true);
  });

  it('reports --max-warnings and a clean run', () => {
    const over = githubReporter(fullReport({ maxWarningsExceeded: { limit: 0, found: 2 } }), OPTS);
    expect(over).toContain('::error title=dunlint::Too many warnings (maximum: 0, found: 2).\n');
    expect(githubReporter({ results: [message(polite, 'cn', [])], errors: [], skipped: [] }, OPTS)).toBe('dunlint: no problems in 1 message (1 file)\n');
  });
});

// ---------------------------------------------------------------------------------------------
// JSON

const SPEC_RESULT_KEYS = ['file', 'id', 'channel', 'locale', 'ruleset', 'verdict', 'findings'];
const SPEC_FINDING_KEYS = ['ruleId', 'category', 'severity', 'message', 'start', 'end', 'excerpt', 'citation', 'suggestion'];

interface JsonOut {
  dunlint: string;
  results: (Record<string, unknown> & { findings: Record<string, unknown>[]; waivers?: Record<string, unknown>[] })[];
  summary: { messages: number; errors: number; warnings: number };
  errors: unknown[];
  unusedDirectives?: unknown[];
  baseline?: unknown;
}

describe('json reporter', () => {
  it('keeps the SPEC fields exactly when there is nothing extra to say', () => {
    const report: RunReport = { results: [message(sms, 'cn', [F.visit, F.noAmount])], errors: [], skipped: [] };
    const out = JSON.parse(jsonReporter(report, OPTS)) as JsonOut;
    expect(Object.keys(out)).toEqual(['dunlint', 'results', 'summary', 'errors']);
    expect(Object.keys(out.results[0]!)).toEqual(SPEC_RESULT_KEYS);
    for (const f of out.results[0]!.findings) expect(Object.keys(f)).toEqual([...SPEC_FINDING_KEYS, 'fingerprint']);
    expect(out.results[0]!.findings[0]).toEqual({
      ruleId: 'threat/visit',
      category: 'threat',
      severity: 'error',
      message: F.visit.message,
      start: F.visit.start,
      end: F.visit.end,
      excerpt: '上门',
      citation: F.visit.citation,
      suggestion: F.visit.suggestion,
      fingerprint: F.visit.fingerprint,
    });
    expect(out.summary).toEqual({ messages: 1, errors: 1, warnings: 1 });
  });

  it('adds key, waivers, fingerprints, unusedDirectives and baseline when present; errors unchanged', () => {
    const out = JSON.parse(jsonReporter(fullReport(), OPTS)) as JsonOut;
    expect(Object.keys(out)).toEqual(['dunlint', 'results', 'summary', 'errors', 'unusedDirectives', 'baseline', 'skipped']);
    const [smsR, lateR, , rec1R, rec2R, emailR] = out.results;
    expect(Object.keys(smsR!)).toEqual(SPEC_RESULT_KEYS);
    expect(Object.keys(lateR!)).toEqual(['file', 'id', 'key', 'channel', 'locale', 'ruleset', 'verdict', 'findings']);
    expect(lateR!.key).toBe('reminder.sms.late');
    expect(rec1R).toMatchObject({ id: 'r-0001', findings: [] });
    expect(Object.keys(rec2R!)).toEqual(['file', 'id', 'channel', 'locale', 'ruleset', 'verdict', 'nextAllowedAt', 'findings']);
    // A .jsonl record also says where the finding is in the file (`region`).
    expect(Object.keys(rec2R!.findings[0]!)).toEqual([...SPEC_FINDING_KEYS, 'nextAllowedAt', 'fingerprint', 'region']);
    expect(rec2R!.findings[0]).toMatchObject({ start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 }, excerpt: '' });
    expect(Object.keys(emailR!)).toEqual([...SPEC_RESULT_KEYS, 'waivers']);
    expect(emailR!.waivers).toEqual([
      { ruleId: 'insult/abuse', category: 'insult', reason: "quoted verbatim from the customer's complaint", expires: '2026-12-31', line: 2, excerpt: 'deadbeat' },
    ]);
    // Waived findings are not findings: not in the result, not in the summary.
    expect(emailR!.findings.map((f) => f.ruleId)).toEqual(['threat/violence', 'missing-amount/payment-message']);
    expect(out.summary).toEqual({ messages: 7, errors: 10, warnings: 1 });
    expect(out.errors).toEqual([
      // `column` is added when the parser knows it.
      { file: 'records/broken.jsonl', line: 3, column: 15, message: 'Unexpected token } in JSON at position 14' },
      { file: 'templates/unreadable.txt', line: null, message: 'cannot read file: EACCES' },
    ]);
    expect(out.unusedDirectives).toEqual([
      { file: 'templates/email/final.md', line: 5, column: 1, kind: 'disable-next-line', rules: ['privacy'], reason: 'card digits are masked upstream', expires: null },
    ]);
    expect(out.baseline).toEqual({ file: '.dunlint-baseline.json', matched: 2 });
    const fps = out.results.flatMap((r) => r.findings.map((f) => f.fingerprint));
    expect(fps).toEqual(allFindings(fullReport()).map((f) => f.fingerprint));
  });
});
