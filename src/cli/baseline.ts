import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { verdictOf } from '../linter.js';
import { dunlintVersion } from '../report/json.js';
import type { MessageReport } from '../report/types.js';
import { UsageError } from './usage.js';

interface BaselineFile {
  dunlint: string;
  /** One entry per accepted finding; the fingerprint is what matches, the rest helps a reviewer read the file. */
  findings: { fingerprint: string; ruleId: string; file: string; key?: string; excerpt: string }[];
}

/** `--baseline-write`: record every current finding by fingerprint (not line), sorted so the file diffs well. */
export function writeBaseline(path: string, results: MessageReport[]): void {
  const findings = results.flatMap((r) =>
    r.findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: r.file, ...(r.key ?? r.id ? { key: (r.key ?? r.id)! } : {}), excerpt: f.excerpt })),
  );
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.fingerprint < b.fingerprint ? -1 : 1));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ dunlint: dunlintVersion(), findings } satisfies BaselineFile, null, 2)}\n`);
}

/**
 * `--baseline`: drop findings the baseline already accepted, so only new ones
 * fail the run. Matching is by fingerprint and counts duplicates: a second copy
 * of an accepted threat in the same message is new.
 */
export function applyBaseline(path: string, results: MessageReport[], shownPath: string): { results: MessageReport[]; matched: number } {
  if (!existsSync(path)) throw new UsageError(`baseline file not found: ${shownPath} (create it with --baseline-write)`);
  let data: BaselineFile;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as BaselineFile;
    if (!Array.isArray(data.findings)) throw new Error('no "findings" array');
  } catch (e) {
    throw new UsageError(`baseline file ${shownPath} is not a dunlint baseline: ${(e as Error).message}`);
  }
  const remaining = new Map<string, number>();
  for (const f of data.findings) remaining.set(f.fingerprint, (remaining.get(f.fingerprint) ?? 0) + 1);
  let matched = 0;
  const out = results.map((r) => {
    const findings = r.findings.filter((f) => {
      const n = remaining.get(f.fingerprint) ?? 0;
      if (n === 0) return true;
      remaining.set(f.fingerprint, n - 1);
      matched++;
      return false;
    });
    return findings.length === r.findings.length ? r : { ...r, findings, verdict: verdictOf(findings) };
  });
  return { results: out, matched };
}
