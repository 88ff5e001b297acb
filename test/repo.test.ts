import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPLIANT_SMS, fixture, run, runJson, THREAT } from './helpers.js';

/** Template repositories in CI: suppressions, overrides, ignore files, shards, cache, workers, baselines. */
describe.concurrent('template repositories', { timeout: 60_000 }, () => {
  it('a disable-next-line directive with a reason waives the finding and the waiver is listed', async () => {
    const dir = fixture({
      'letters/notice.md': `# 通知\n\n<!-- dunlint-disable-next-line threat -- 引用法院文书原文，法务已审 -->\n${THREAT}\n\n${THREAT}\n`,
    });
    const { report } = await runJson(['.'], { cwd: dir });
    const r = report.results[0]!;
    // The second copy is not covered: only the line after the directive is.
    expect(r.findings.filter((f) => f.category === 'threat').map((f) => f.start.line)).toEqual([6, 6]);
    const waivers = (r as unknown as { waivers: { ruleId: string; reason: string; line: number }[] }).waivers;
    expect(waivers.length).toBeGreaterThan(0);
    expect(waivers.every((w) => w.reason === '引用法院文书原文，法务已审')).toBe(true);
  });

  it('a directive without a reason, or past its expiry date, is an error and waives nothing', async () => {
    const dir = fixture({
      'a.html': `<p><!-- dunlint-disable-next-line threat --></p>\n<p>${THREAT}</p>\n`,
      'b.md': `<!-- dunlint-disable threat -- approved expires=2020-01-31 -->\n${THREAT}\n`,
    });
    const { code, report } = await runJson(['.'], { cwd: dir });
    expect(code).toBe(1);
    expect(report.errors.map((e) => [e.file, e.line, /needs a reason|expired on 2020-01-31/.test(e.message)])).toEqual([
      ['a.html', 1, true],
      ['b.md', 1, true],
    ]);
    expect(report.results.every((r) => r.findings.some((f) => f.category === 'threat'))).toBe(true);
  });

  it('disable … enable ranges, and --report-unused-disable-directives', async () => {
    const dir = fixture({
      'c.md': `<!-- dunlint-disable threat -- quoted statute -->\n${THREAT}\n<!-- dunlint-enable threat -->\n${THREAT}\n<!-- dunlint-disable insult -- nothing to silence -->\n`,
    });
    const plain = await runJson(['.'], { cwd: dir });
    expect(plain.report.results[0]!.findings.filter((f) => f.category === 'threat').map((f) => f.start.line)).toEqual([4, 4]);
    const strict = await runJson(['.', '--report-unused-disable-directives'], { cwd: dir });
    expect((strict.report as unknown as { unusedDirectives: { file: string }[] }).unusedDirectives).toHaveLength(1);
    expect(strict.code).toBe(1);
    // The stylish report says why it failed.
    const stylish = await run(['.', '--report-unused-disable-directives'], { cwd: dir });
    expect(stylish.stdout).toMatch(/c\.md:5:\d+\s+error\s+dunlint-disable insult/);
  });

  it('config overrides by glob set the channel; front matter wins over them', async () => {
    const dir = fixture({
      'dunlint.config.yaml': 'overrides:\n  - files: "notices/**"\n    channel: letter\n  - files: "notices/urgent-*.txt"\n    context: { recipient: third-party }\n',
      'notices/a.txt': COMPLIANT_SMS,
      'notices/urgent-b.txt': COMPLIANT_SMS,
      'notices/c.txt': `---\nchannel: push\n---\n${COMPLIANT_SMS}\n`,
    });
    const { report } = await runJson(['.'], { cwd: dir });
    expect(report.results.map((r) => [r.file, r.channel])).toEqual([
      ['notices/a.txt', 'letter'],
      ['notices/c.txt', 'push'],
      ['notices/urgent-b.txt', 'letter'],
    ]);
    // The override's context made it a third-party message: the debt is disclosed.
    expect(report.results[2]!.findings.some((f) => f.category === 'third-party-disclosure')).toBe(true);
  });

  it('.dunlintignore and ignorePatterns; tool files and README are not messages', async () => {
    const dir = fixture({
      '.dunlintignore': '# drafts are not sent\ndrafts/\n*.bak.txt\n',
      'dunlint.config.json': JSON.stringify({ ignorePatterns: ['legacy/**'] }),
      'drafts/x.txt': THREAT,
      'sms/old.bak.txt': THREAT,
      'legacy/y.txt': THREAT,
      'README.md': THREAT,
      'package.json': '{"name": "templates", "description": "再不还钱就上门"}',
      'sms/ok.txt': COMPLIANT_SMS,
    });
    const { report } = await runJson(['.'], { cwd: dir });
    expect(report.results.map((r) => r.file)).toEqual(['sms/ok.txt']);
  });

  it('--shard i/n puts every file in exactly one shard', async () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`sms/t${i}.txt`, COMPLIANT_SMS]));
    const dir = fixture(files);
    const shards = await Promise.all([1, 2, 3].map((i) => runJson(['.', '--shard', `${i}/3`], { cwd: dir })));
    const seen = shards.flatMap((s) => s.report.results.map((r) => r.file)).sort();
    expect(seen).toEqual(Object.keys(files).sort());
    expect(shards.every((s) => s.report.results.length < 12)).toBe(true);
    expect((await run(['.', '--shard', '4/3'], { cwd: dir })).code).toBe(2);
  });

  it('--cache reuses outcomes of unchanged files and relints changed ones', async () => {
    const dir = fixture({ 'sms/a.txt': COMPLIANT_SMS, 'sms/b.txt': THREAT });
    const first = await runJson(['.', '--cache'], { cwd: dir });
    expect(existsSync(join(dir, '.dunlintcache'))).toBe(true);
    const cached = JSON.parse(readFileSync(join(dir, '.dunlintcache'), 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(cached.files).sort()).toEqual(['sms/a.txt', 'sms/b.txt']);
    const second = await runJson(['.', '--cache'], { cwd: dir });
    expect(second.report.results).toEqual(first.report.results);
    writeFileSync(join(dir, 'sms/a.txt'), THREAT);
    const third = await runJson(['.', '--cache'], { cwd: dir });
    expect(third.report.results.find((r) => r.file === 'sms/a.txt')!.findings.some((f) => f.category === 'threat')).toBe(true);
  });

  it('worker threads give the same report as one thread', async () => {
    const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`sms/t${String(i).padStart(2, '0')}.txt`, i % 3 ? COMPLIANT_SMS : THREAT]));
    const dir = fixture(files);
    const one = await runJson(['.', '--workers', '1'], { cwd: dir });
    const two = await runJson(['.', '--workers', '2'], { cwd: dir });
    expect(two.report).toEqual(one.report);
  });

  it('a baseline accepts existing findings by fingerprint and survives edits elsewhere in the file', async () => {
    const dir = fixture({ 'letters/a.md': `# 通知\n\n${THREAT}\n` });
    const write = await run(['.', '--baseline-write', 'dunlint-baseline.json'], { cwd: dir });
    expect(write.code).toBe(0); // recording today's findings is a success; the report still lists them
    expect(write.stderr).toMatch(/wrote \d+ findings to dunlint-baseline.json/);
    const accepted = await runJson(['.', '--baseline', 'dunlint-baseline.json'], { cwd: dir });
    expect(accepted.code).toBe(0);
    // Lines added above move the finding; it is still the accepted one. A new threat is not.
    writeFileSync(join(dir, 'letters/a.md'), `# 通知\n\n新增一段说明。\n\n${THREAT}\n\n明天上门找你。\n`);
    const after = await runJson(['.', '--baseline', 'dunlint-baseline.json'], { cwd: dir });
    expect(after.code).toBe(1);
    const threats = after.report.results[0]!.findings.filter((f) => f.category === 'threat');
    expect(threats.map((f) => f.excerpt)).toEqual(['上门']);
    expect(threats[0]!.start.line).toBe(7);
  });
});
