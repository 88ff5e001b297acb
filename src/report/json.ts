import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../rulesets/load.js';
import { countSeverities, type Reporter } from './types.js';

let version: string | null = null;
export function dunlintVersion(): string {
  version ??= (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/**
 * The SPEC's JSON report, field for field, plus `errors` for input problems. The excerpt is
 * re-read from the original text: for markup files the linter saw a masked copy.
 */
export const jsonReporter: Reporter = (report) => {
  const results = report.results.map((r) => ({
    file: r.file,
    id: r.id,
    channel: r.channel,
    locale: r.locale,
    ruleset: r.ruleset,
    verdict: r.verdict,
    ...(r.nextAllowedAt !== undefined ? { nextAllowedAt: r.nextAllowedAt } : {}),
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      message: f.message,
      start: f.start,
      end: f.end,
      excerpt: r.source.slice(f.start.offset, f.end.offset),
      citation: f.citation,
      suggestion: f.suggestion,
      ...(f.nextAllowedAt !== undefined ? { nextAllowedAt: f.nextAllowedAt } : {}),
    })),
  }));
  const summary = { messages: results.length, ...countSeverities(report.results) };
  const errors = report.errors.map((e) => ({ file: e.file, line: e.line, message: e.message }));
  return `${JSON.stringify({ dunlint: dunlintVersion(), results, summary, errors }, null, 2)}\n`;
};
