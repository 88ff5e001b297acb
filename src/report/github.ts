import type { MessageReport, ReportedFinding, Reporter } from './types.js';
import { countSeverities } from './types.js';

/**
 * GitHub Actions workflow commands: one `::error` / `::warning` annotation per finding, titled
 * with the rule id, at the finding's region in the file; one `::error` per input error; a
 * `::warning` per unused directive; an `::error` when --max-warnings was exceeded; then a plain
 * summary line.
 *
 * Escaping follows the runner: in the message `%`, CR and LF become `%25`, `%0D`, `%0A` (so a
 * message can span lines and can never start a command of its own); property values (file, title)
 * additionally escape `:` and `,`. Columns are given only for single-line regions: GitHub drops
 * column information from annotations that span lines. Waived findings are not annotated (the
 * summary counts them).
 */
export const githubReporter: Reporter = (report) => {
  const out: string[] = [];
  for (const r of report.results) for (const f of r.findings) out.push(annotation(r, f));
  for (const e of report.errors) {
    const props: [string, string | number][] = [['file', e.file.replace(/\\/g, '/')]];
    if (e.line !== null) props.push(['line', e.line]);
    if (e.line !== null && e.column !== undefined) props.push(['col', e.column]);
    props.push(['title', 'dunlint: input error']);
    out.push(command('error', props, e.message));
  }
  for (const { file, directive: d } of report.unusedDirectives ?? []) {
    const rules = d.rules.length ? ` (${d.rules.join(', ')})` : '';
    out.push(command('warning', [['file', file.replace(/\\/g, '/')], ['line', d.line], ['col', d.column], ['title', 'dunlint: unused directive']], `Unused dunlint-${d.kind} directive${rules}: it silenced nothing.`));
  }
  if (report.maxWarningsExceeded) {
    const { limit, found } = report.maxWarningsExceeded;
    out.push(command('error', [['title', 'dunlint']], `Too many warnings (maximum: ${limit}, found: ${found}).`));
  }
  out.push(summary(report));
  return `${out.join('\n')}\n`;
};

function annotation(r: MessageReport, f: ReportedFinding): string {
  const { startLine, startColumn, endLine, endColumn } = f.region;
  const props: [string, string | number][] = [['file', r.file.replace(/\\/g, '/')], ['line', startLine]];
  if (startLine === endLine) props.push(['col', startColumn], ['endLine', endLine], ['endColumn', endColumn]);
  else props.push(['endLine', endLine]);
  props.push(['title', f.ruleId]);
  const where = r.key !== undefined ? ` [${r.key}]` : r.id !== null ? ` [id ${r.id}]` : '';
  const lines = [`${f.message}${where}`];
  if (f.suggestion) lines.push(`→ ${f.suggestion}`);
  if (f.citation) lines.push(f.citation);
  return command(f.severity === 'error' ? 'error' : 'warning', props, lines.join('\n'));
}

function command(name: string, props: [string, string | number][], message: string): string {
  const p = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${name}${p ? ` ${p}` : ''}::${escapeData(message)}`;
}

/** Workflow-command data: `%`, CR, LF. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values: as data, plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summary(report: Parameters<Reporter>[0]): string {
  const { errors, warnings } = countSeverities(report.results);
  const files = new Set(report.results.map((r) => r.file)).size;
  const problems = errors + warnings + report.errors.length;
  const head =
    problems === 0
      ? `dunlint: no problems in ${plural(report.results.length, 'message')} (${plural(files, 'file')})`
      : `dunlint: ${plural(problems, 'problem')} (${plural(errors + report.errors.length, 'error')}, ${plural(warnings, 'warning')}) in ${plural(report.results.length, 'message')} (${plural(files, 'file')})`;
  const extra: string[] = [];
  if (report.errors.length) extra.push(`${plural(report.errors.length, 'input error')}`);
  const waived = report.results.reduce((n, r) => n + (r.waivers?.length ?? 0), 0);
  if (waived) extra.push(`${waived} waived by directives`);
  if (report.baseline) extra.push(`${report.baseline.matched} accepted by baseline ${report.baseline.file}`);
  if (report.skipped.length) extra.push(`${plural(report.skipped.length, 'file')} skipped (unsupported type)`);
  // Plain text, one line: a line break in a path must not open a line the runner reads as a command.
  return (extra.length ? `${head}; ${extra.join('; ')}` : head).replace(/[\r\n]+/g, ' ');
}
