import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, COMPLIANT_SMS, fixture, NO_AMOUNT_SMS, root, run, runJson, THREAT, type JsonReport } from './helpers.js';

/** Line and column of a UTF-16 offset, computed independently of the linter. */
function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe.concurrent('dunlint CLI', { timeout: 30_000 }, () => {
  it('stylish output names the file and rule and draws a code frame aligned for Chinese', async () => {
    const dir = fixture({ 'warning.txt': `${THREAT}\n` });
    const r = await run(['warning.txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('warning.txt');
    expect(r.stdout).toMatch(/threat\/[a-z-]+/);
    expect(r.stdout).toContain(`1 | ${THREAT}`);
    // 上门 follows five Han characters: ten columns, then a two-column-per-character underline.
    expect(r.stdout).toContain(`  | ${' '.repeat(10)}^~~~\n`);
    expect(r.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)/);
    expect(r.stdout).not.toContain('\u001b['); // not a TTY: no colour
  });

  it('json output follows the SPEC shape with UTF-16 offsets into the original file', async () => {
    const html = `<html><body>\n<p>尊敬的客户：</p>\n<p>${THREAT}</p>\n</body></html>\n`;
    const text = `您好。\r\n${THREAT}\n`;
    const dir = fixture({ 'a.html': html, 'b.txt': text });
    const { code, report } = await runJson(['.'], { cwd: dir });
    expect(code).toBe(1);
    expect(Object.keys(report)).toEqual(['dunlint', 'results', 'summary', 'errors']);
    expect(report.dunlint).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.results.map((r) => r.file)).toEqual(['a.html', 'b.txt']);
    const originals: Record<string, string> = { 'a.html': html, 'b.txt': text };
    for (const result of report.results) {
      expect(Object.keys(result)).toEqual(['file', 'id', 'channel', 'locale', 'ruleset', 'verdict', 'findings']);
      expect(result).toMatchObject({ id: null, locale: 'zh', ruleset: 'cn', verdict: 'block' });
      expect(result.findings.some((f) => f.category === 'threat')).toBe(true);
      const original = originals[result.file]!;
      for (const f of result.findings) {
        expect(Object.keys(f)).toEqual(['ruleId', 'category', 'severity', 'message', 'start', 'end', 'excerpt', 'citation', 'suggestion', 'fingerprint']);
        expect(f.ruleId.startsWith(`${f.category}/`)).toBe(true);
        expect(f.excerpt).toBe(original.slice(f.start.offset, f.end.offset));
        expect({ line: f.start.line, column: f.start.column }).toEqual(lineCol(original, f.start.offset));
        expect({ line: f.end.line, column: f.end.column }).toEqual(lineCol(original, f.end.offset));
      }
    }
    const threat = report.results[1]!.findings.find((f) => f.excerpt === '上门')!;
    expect(threat.start).toEqual({ offset: 10, line: 2, column: 6 }); // after 您好。\r\n
    const errors = report.results.flatMap((r) => r.findings).filter((f) => f.severity === 'error').length;
    expect(report.summary).toEqual({ messages: 2, errors, warnings: report.results.flatMap((r) => r.findings).length - errors });
    expect(report.errors).toEqual([]);
  });

  it('lints --stdin: a compliant SMS passes with exit 0', async () => {
    const { code, report } = await runJson(['--stdin', '--channel', 'sms'], { cwd: root, input: COMPLIANT_SMS });
    expect(code).toBe(0);
    expect(report.results).toEqual([{ file: '<stdin>', id: null, channel: 'sms', locale: 'zh', ruleset: 'cn', verdict: 'allow', findings: [] }]);
    expect(report.summary).toEqual({ messages: 1, errors: 0, warnings: 0 });
  });

  it('exits 1 on a threat read from --stdin', async () => {
    const { code, report } = await runJson(['--stdin'], { cwd: root, input: THREAT });
    expect(code).toBe(1);
    expect(report.results[0]!.findings.map((f) => f.category)).toContain('threat');
  });

  it('exits 2 on usage errors', async () => {
    const unknown = await run(['--no-such-option'], { cwd: root });
    expect(unknown.code).toBe(2);
    const format = await run(['--stdin', '--format', 'xml'], { cwd: root, input: THREAT });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown --format');
    const channel = await run(['--stdin', '--channel', 'fax'], { cwd: root, input: THREAT });
    expect(channel.code).toBe(2);
    const missing = await run(['no/such/dir'], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/dir');
    const context = await run(['--stdin', '--context', '{oops'], { cwd: root, input: THREAT });
    expect(context.code).toBe(2);
  });

  it('--max-warnings turns warnings into a failure; --quiet hides them', async () => {
    const within = await runJson(['--stdin', '--channel', 'sms'], { cwd: root, input: NO_AMOUNT_SMS });
    expect(within.report.summary.errors).toBe(0);
    expect(within.report.summary.warnings).toBeGreaterThan(0);
    expect(within.code).toBe(0);
    const over = await run(['--stdin', '--channel', 'sms', '--max-warnings', '0'], { cwd: root, input: NO_AMOUNT_SMS });
    expect(over.code).toBe(1);
    expect(over.stdout).toContain('too many warnings');
    const quiet = await runJson(['--stdin', '--channel', 'sms', '--quiet'], { cwd: root, input: NO_AMOUNT_SMS });
    expect(quiet.report.results[0]!.findings).toEqual([]);
    expect(quiet.code).toBe(0);
  });

  it('reports a malformed .jsonl line by number and still lints the other lines', async () => {
    const lines = [
      JSON.stringify({ id: 'ok-1', text: COMPLIANT_SMS, channel: 'sms' }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'no-text', channel: 'sms' }),
      '',
      JSON.stringify({ id: 'bad-5', text: `王先生，${THREAT}` }),
    ];
    const dir = fixture({ 'batch.jsonl': `${lines.join('\n')}\n` });
    const { code, report } = await runJson(['batch.jsonl'], { cwd: dir });
    expect(code).toBe(1);
    expect(report.errors.map((e) => [e.file, e.line])).toEqual([
      ['batch.jsonl', 2],
      ['batch.jsonl', 3],
    ]);
    expect(report.errors[1]!.message).toContain('text');
    expect(report.results.map((r) => [r.id, r.verdict])).toEqual([
      ['ok-1', 'allow'],
      ['bad-5', 'block'],
    ]);
    // Offsets are into the record's text.
    const text = `王先生，${THREAT}`;
    for (const f of report.results[1]!.findings) expect(f.excerpt).toBe(text.slice(f.start.offset, f.end.offset));

    const stylish = await run(['batch.jsonl'], { cwd: dir });
    expect(stylish.stdout).toMatch(/\n  2:\d+  error  invalid/);
    expect(stylish.stdout).toContain('batch.jsonl:5 (id bad-5)');
  });

  it('exits 2 on a bad config file, naming the file and the JSON pointer', async () => {
    const dir = fixture({ 'dunlint.config.json': '{\n  "rules": { "threat/visit": "fatal" }\n}\n', 'sub/msg.txt': COMPLIANT_SMS });
    const given = await run(['--config', 'dunlint.config.json', 'sub'], { cwd: dir });
    expect(given.code).toBe(2);
    expect(given.stderr).toContain('dunlint.config.json');
    expect(given.stderr).toContain('/rules/threat~1visit');
    // Discovered upward from the working folder just the same.
    const found = await run(['msg.txt'], { cwd: join(dir, 'sub') });
    expect(found.code).toBe(2);
    expect(found.stderr).toContain('/rules/threat~1visit');
  });

  it('walks directories, skipping README files, and infers the channel from an sms/ folder or name', async () => {
    const dir = fixture({
      'README.md': `# Templates\n\n${THREAT}\n`,
      'sms/overdue.txt': COMPLIANT_SMS,
      'other/notice.sms.txt': COMPLIANT_SMS,
      'other/plain.txt': COMPLIANT_SMS,
      'node_modules/x/bad.txt': THREAT,
    });
    const { code, report } = await runJson(['.'], { cwd: dir });
    expect(code).toBe(0);
    expect(report.results.map((r) => [r.file, r.channel])).toEqual([
      ['other/notice.sms.txt', 'sms'],
      ['other/plain.txt', null],
      ['sms/overdue.txt', 'sms'],
    ]);
  });

  it('expands globs and reports unsupported files as skipped', async () => {
    const dir = fixture({ 'tpl/sms/a.txt': COMPLIANT_SMS, 'tpl/email/b.txt': COMPLIANT_SMS, 'tpl/c.md': COMPLIANT_SMS, 'tpl/logo.png': 'x' });
    const { report } = await runJson(['tpl/**/*.txt'], { cwd: dir });
    expect(report.results.map((r) => r.file)).toEqual(['tpl/email/b.txt', 'tpl/sms/a.txt']);
    const all = await run(['tpl'], { cwd: dir });
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('Skipped 1 file');
    expect(all.stdout).toContain('tpl/logo.png');
  });

  it('markdown code blocks and comments are not linted, and --output-file writes the report', async () => {
    const md = `# 还款提醒\n\n${COMPLIANT_SMS}\n\n<!-- 旧版：${THREAT} -->\n\n\`\`\`\n${THREAT}\n\`\`\`\n`;
    const dir = fixture({ 'sms/reminder.md': md });
    const r = await run(['sms', '--format', 'json', '--output-file', 'out/report.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as JsonReport;
    expect(report.results[0]).toMatchObject({ file: 'sms/reminder.md', channel: 'sms', verdict: 'allow', findings: [] });
  });

  it('eval scores a corpus per language and fails below the thresholds', async () => {
    const rec = (id: string, text: string, expect: string[]) => JSON.stringify({ id, text, locale: 'zh', ruleset: 'cn', expect });
    const dir = fixture({ 'corpus/zh/sms.jsonl': `${rec('z1', COMPLIANT_SMS, [])}\n${rec('z2', THREAT, ['threat'])}\n` });
    const pass = await run(['eval', 'corpus', '--min-f1', '0.5', '--max-false-alarm-rate', '1'], { cwd: dir });
    expect(pass.stdout).toContain('zh: 2 messages');
    expect(pass.stdout).toContain('overall: 2 messages');
    expect(pass.stdout).toContain('PASS');
    expect(pass.code).toBe(0);
    const wrong = fixture({ 'corpus/zh/sms.jsonl': `${rec('z1', THREAT, ['privacy'])}\n` });
    const fail = await run(['eval'], { cwd: wrong });
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain('FAIL');
  });
});

describe('contact policy on the command line', () => {
  it('dunlint policy prints the verdict and nextAllowedAt for a planned send', async () => {
    const dir = root;
    const r = await run(['policy', '--format', 'json', '--channel', 'sms', '--context', '{"sendAt":"2026-03-10T22:30:00+08:00"}'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.verdict).toBe('block');
    expect(out.nextAllowedAt).toBe('2026-03-11T08:00:00+08:00');
    expect(out.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['contact-timing/hours']);

    const ok = await run(['policy', '--channel', 'sms', '--context', '{"sendAt":"2026-03-10T12:30:00+08:00"}'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^allow/);
  });

  it('reads context from front matter and reports nextAllowedAt; a bad context value names its pointer', async () => {
    const dir = fixture({
      'sms/late.txt': `---\ncontext: { sendAt: "2026-03-10T23:00:00+08:00" }\n---\n${COMPLIANT_SMS}\n`,
      'sms/bad.txt': `---\ncontext: { timezone: "Mars/Olympus", sendAt: "2026-03-10T12:00:00+08:00" }\n---\n${THREAT}\n`,
    });
    const r = await run(['--format', 'json', 'sms'], { cwd: dir });
    const report = JSON.parse(r.stdout);
    const late = report.results.find((x: { file: string }) => x.file.endsWith('late.txt'));
    expect(late.channel).toBe('sms');
    expect(late.nextAllowedAt).toBe('2026-03-11T08:00:00+08:00');
    expect(late.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['contact-timing/hours']);
    // Offsets still point into the file: the front matter is blanked, not removed.
    const bad = report.results.find((x: { file: string }) => x.file.endsWith('bad.txt'));
    const threat = bad.findings.find((f: { category: string }) => f.category === 'threat');
    expect(threat.start.line).toBe(4);
    expect(report.errors).toEqual([{ file: 'sms/bad.txt', line: null, message: expect.stringContaining('/context/timezone') }]);
  });

  it('reads config paths, ignore patterns and path channels from the config folder, wherever it runs', async () => {
    const dir = fixture({
      'dunlint.config.yaml': 'ignorePatterns: ["templates/partials/**"]\noverrides:\n  - files: "templates/third-party/**"\n    context: { recipient: third-party }\n',
      'templates/sms/zh/no-amount.txt': '【锦程消费金融】您的借款已逾期，请于12月8日前还款。',
      'templates/third-party/ask.txt': '您好，王磊欠款5,000元已逾期，请督促其还款。',
      'templates/partials/footer.txt': THREAT,
    });
    const fromRoot = await runJson(['templates'], { cwd: dir });
    const fromSub = await runJson(['no-amount.txt'], { cwd: join(dir, 'templates/sms/zh') });
    const fromOutside = await runJson([join(dir, 'templates'), '--config', join(dir, 'dunlint.config.yaml')], { cwd: root });
    // The folder says sms, from any working directory.
    expect(fromSub.report.results[0]!.channel).toBe('sms');
    expect(fromSub.report.results[0]!.findings.map((f) => f.ruleId)).toContain('missing-amount/payment-message');
    for (const r of [fromRoot, fromOutside]) {
      const files = r.report.results.map((x) => x.file.replace(/.*templates\//, 'templates/'));
      expect(files).not.toContain('templates/partials/footer.txt'); // ignorePatterns from the config folder
      const ask = r.report.results.find((x) => x.file.endsWith('third-party/ask.txt'))!;
      expect(ask.findings.map((f) => f.category)).toContain('third-party-disclosure'); // override applied
    }
    // Baseline fingerprints do not depend on how the path was typed.
    const prints = (r: typeof fromRoot) => r.report.results.flatMap((x) => x.findings.map((f) => (f as { fingerprint?: string }).fingerprint)).sort();
    expect(prints(fromRoot).length).toBeGreaterThan(0);
    expect(prints(fromRoot).every((x) => typeof x === 'string')).toBe(true);
    expect(prints(fromOutside)).toEqual(prints(fromRoot));
    // A file named on the command line still obeys ignorePatterns (lint-staged passes names).
    const named = await runJson(['templates/partials/footer.txt'], { cwd: dir });
    expect(named.report.results).toEqual([]);
    // --stdin-filename places stdin in the tree: path channel and overrides apply.
    const stdin = await runJson(['--stdin', '--stdin-filename', 'templates/sms/x.txt'], { cwd: dir, input: '【温馨提示】您的借款已逾期，请尽快还款。' });
    expect(stdin.report.results[0]!.channel).toBe('sms');
  }, 30_000); // six CLI runs

  it('reads GB18030 and UTF-16 files instead of passing them unread, and names undecodable ones', async () => {
    const dir = fixture({ 'sms/.keep': '' });
    const threat = '【锦程消费金融】你这个老赖，欠款3,800元再不还就上门，后果自负！';
    writeFileSync(join(dir, 'sms/gbk.txt'), Buffer.from(new TextEncoderGbk().encode(threat)));
    writeFileSync(join(dir, 'sms/utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(threat, 'utf16le')]));
    writeFileSync(join(dir, 'sms/junk.txt'), Buffer.from([0x80, 0x81, 0xff, 0x00, 0xfe, 0x80, 0x30]));
    const { code, report } = await runJson(['sms'], { cwd: dir });
    expect(code).toBe(1);
    for (const name of ['sms/gbk.txt', 'sms/utf16.txt']) {
      const r = report.results.find((x) => x.file === name)!;
      expect(r.findings.map((f) => f.category)).toEqual(expect.arrayContaining(['insult', 'threat']));
      expect(r.findings.find((f) => f.category === 'insult')!.excerpt).toBe('老赖');
    }
    expect(report.errors).toEqual([{ file: 'sms/junk.txt', line: null, message: expect.stringContaining('not text in UTF-8') }]);
  });

  it('reads the channel from folders above the working directory, skips the --config file, and treats partials as pieces', async () => {
    const dir = fixture({
      'ci.dunlint.yaml': 'overrides:\n  - files: "templates/**"\n    context: { daysPastDue: 30 }\n',
      'templates/letters/notice.txt': '还款通知\n\n您的借款已逾期，请尽快处理。',
      'templates/email/partials/footer.txt': 'Acme Recovery LLC is a debt collector. Unsubscribe at acme.example/stop.',
    });
    const sub = await runJson(['.'], { cwd: join(dir, 'templates/letters') });
    expect(sub.report.results.map((r) => [r.file, r.channel])).toEqual([['notice.txt', 'letter']]);
    const all = await runJson(['.', '--config', 'ci.dunlint.yaml'], { cwd: dir });
    expect(all.report.results.map((r) => r.file)).not.toContain('ci.dunlint.yaml');
    const footer = all.report.results.find((r) => r.file.endsWith('partials/footer.txt'))!;
    expect(footer.channel).toBe('email');
    expect(footer.findings.filter((f) => f.category.startsWith('missing-'))).toEqual([]);
  });

  it('exits 2 on a config naming a rule, category or ruleset that does not exist, with the nearest name', async () => {
    const dir = fixture({ 'a.txt': COMPLIANT_SMS, 'typo.yaml': 'rules:\n  threat/arrest-or-seizur: off\n', 'ruleset.yaml': 'rulesets: { en: uk }\n' });
    const typo = await run(['--config', 'typo.yaml', 'a.txt'], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('/rules/threat~1arrest-or-seizur');
    expect(typo.stderr).toContain('did you mean "threat/arrest-or-seizure"');
    const ruleset = await run(['--config', 'ruleset.yaml', 'a.txt'], { cwd: dir });
    expect(ruleset.code).toBe(2);
    expect(ruleset.stderr).toContain('/rulesets/en');
  });
});

/** GBK bytes for a string, via a table built from the GB18030 decoder (Node has no GBK encoder). */
class TextEncoderGbk {
  private static table: Map<string, number[]> | null = null;
  encode(s: string): Uint8Array {
    if (!TextEncoderGbk.table) {
      const t = new Map<string, number[]>();
      const dec = new TextDecoder('gb18030');
      for (let hi = 0x81; hi <= 0xfe; hi++) for (let lo = 0x40; lo <= 0xfe; lo++) if (lo !== 0x7f) t.set(dec.decode(Uint8Array.of(hi, lo)), [hi, lo]);
      TextEncoderGbk.table = t;
    }
    const out: number[] = [];
    for (const ch of s) out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : TextEncoderGbk.table.get(ch)!));
    return Uint8Array.from(out);
  }
}
