import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

/**
 * End to end: the built CLI over the bundled examples and over a fixture tree
 * holding every format (waivers in each comment syntax, a malformed file of each
 * format), compared with expected reports. Set UPDATE_EXPECTED=1 to rewrite the
 * expected files after an intended change, and review the diff.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXPECTED = join(ROOT, 'test', 'fixtures', 'expected');

interface Report {
  results: { file: string; id: string | null; key?: string; verdict: string; findings: { ruleId: string; start: { line: number; column: number }; region?: { startLine: number; startColumn: number } }[]; waivers?: { ruleId: string; reason: string }[] }[];
  errors: { file: string; line: number | null; column?: number; message: string }[];
}

/** What must not change: per message its file, key, verdict, and each finding's place in the file and rule. */
function project(report: Report) {
  return {
    results: report.results.map((r) => ({
      file: r.file,
      key: r.key ?? r.id,
      verdict: r.verdict,
      findings: r.findings.map((f) => `${f.region?.startLine ?? f.start.line}:${f.region?.startColumn ?? f.start.column} ${f.ruleId}`),
      ...(r.waivers ? { waived: r.waivers.map((w) => `${w.ruleId} -- ${w.reason}`) } : {}),
    })),
    errors: report.errors.map((e) => `${e.file}:${e.line ?? '-'}${e.column ? `:${e.column}` : ''} ${e.message}`),
  };
}

async function compare(args: string[], name: string) {
  const r = await run([...args, '--format', 'json'], { cwd: ROOT });
  expect(r.stderr).toBe('');
  const actual = project(JSON.parse(r.stdout) as Report);
  const file = join(EXPECTED, `${name}.json`);
  if (process.env.UPDATE_EXPECTED || !existsSync(file)) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  return { code: r.code, actual };
}

describe('end to end', { timeout: 60_000 }, () => {
  it('the bundled example templates give the expected report', async () => {
    const { code, actual } = await compare(['examples/templates'], 'examples');
    expect(code).toBe(1); // some examples are deliberately non-compliant
    // Every format the examples hold was read (none skipped, none an input error).
    const exts = new Set(actual.results.map((r) => r.file.replace(/^.*(\.[a-z0-9]+)$/, '$1')));
    expect([...exts].sort()).toEqual(['.ftl', '.hbs', '.html', '.j2', '.json', '.jsonl', '.liquid', '.md', '.properties', '.tpl', '.txt', '.vm', '.yaml']);
    expect(actual.errors).toEqual([]);
  });

  it('every format: waivers in its comment syntax, malformed files reported with their position, the rest still linted', async () => {
    const { actual } = await compare(['test/fixtures/formats'], 'formats');
    const waived = actual.results.filter((r) => r.file.includes('/waived.'));
    expect(waived).toHaveLength(10);
    for (const r of waived) {
      expect(r.waived, r.file).toBeDefined();
      expect(r.waived!.every((w) => w.endsWith('quoted from a court notice'))).toBe(true);
    }
    const broken = ['broken.ftl', 'broken.hbs', 'broken.j2', 'broken.json', 'broken.jsonl', 'broken.properties', 'broken.yaml'];
    for (const b of broken) expect(actual.errors.some((e) => e.startsWith(`test/fixtures/formats/${b}:`)), b).toBe(true);
    // A broken template is still linted for what it says; plain.txt is untouched by its neighbours.
    expect(actual.results.find((r) => r.file.endsWith('broken.hbs'))!.findings.some((f) => f.endsWith('threat/visit'))).toBe(true);
    expect(actual.results.find((r) => r.file.endsWith('plain.txt'))!.findings.length).toBeGreaterThan(0);
  });
});
