import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../rulesets/load.js';
import { countSeverities, type Reporter } from './types.js';

interface PackageJson {
  name: string;
  version: string;
  homepage?: string;
  repository?: string | { type?: string; url?: string };
}

let pkg: PackageJson | null = null;
/** dunlint's own package.json (name, version, homepage, repository). */
export function packageInfo(): PackageJson {
  pkg ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageJson;
  return pkg;
}

export function dunlintVersion(): string {
  return packageInfo().version;
}

/**
 * The SPEC's JSON report, field for field, plus `errors` for input problems. The excerpt is
 * re-read from the original text: for markup files the linter saw a masked copy.
 *
 * Additions after the SPEC's fields (present only when they apply, so a SPEC consumer never
 * sees a changed shape): per finding `fingerprint` (the baseline / SARIF partialFingerprints
 * identity); per result `key` (catalogue key path) and `waivers` (findings silenced by an
 * inline directive: rule, category, the directive's reason and expiry, the finding's file line
 * and excerpt); top level `unusedDirectives` (--report-unused-disable-directives) and
 * `baseline` (which baseline file was applied and how many findings it accepted).
 */
export const jsonReporter: Reporter = (report) => {
  const results = report.results.map((r) => ({
    file: r.file,
    id: r.id,
    ...(r.key !== undefined ? { key: r.key } : {}),
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
      fingerprint: f.fingerprint,
      // Catalogue strings and records: where the finding is in the file (start/end are offsets into the message).
      ...(r.key !== undefined || r.fileLine !== undefined ? { region: f.region } : {}),
    })),
    ...(r.waivers?.length
      ? {
          waivers: r.waivers.map((w) => ({
            ruleId: w.finding.ruleId,
            category: w.finding.category,
            reason: w.directive.reason,
            expires: w.directive.expires,
            line: w.finding.region.startLine,
            excerpt: r.source.slice(w.finding.start.offset, w.finding.end.offset),
          })),
        }
      : {}),
  }));
  const summary = { messages: results.length, ...countSeverities(report.results) };
  const errors = report.errors.map((e) => ({ file: e.file, line: e.line, ...(e.column !== undefined ? { column: e.column } : {}), message: e.message }));
  const unusedDirectives = report.unusedDirectives?.map(({ file, directive: d }) => ({
    file,
    line: d.line,
    column: d.column,
    kind: d.kind,
    rules: d.rules,
    reason: d.reason,
    expires: d.expires,
  }));
  return `${JSON.stringify(
    {
      dunlint: dunlintVersion(),
      results,
      summary,
      errors,
      ...(unusedDirectives ? { unusedDirectives } : {}),
      ...(report.baseline ? { baseline: { file: report.baseline.file, matched: report.baseline.matched } } : {}),
      // Files passed over because their type is not supported: a note, not an error.
      ...(report.skipped.length ? { skipped: report.skipped } : {}),
    },
    null,
    2,
  )}\n`;
};
