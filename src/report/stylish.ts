import { codeFrame, splitLines } from './frame.js';
import { countSeverities, type MessageReport, type Reporter, type ReportedFinding } from './types.js';
import { padEndWidth } from './width.js';

type Paint = (s: string) => string;
const ansi = (open: number, close: number): Paint => (s) => `\u001b[${open}m${s}\u001b[${close}m`;

function palette(color: boolean) {
  const id: Paint = (s) => s;
  return color
    ? { red: ansi(31, 39), yellow: ansi(33, 39), dim: ansi(2, 22), bold: ansi(1, 22), underline: ansi(4, 24), cyan: ansi(36, 39) }
    : { red: id, yellow: id, dim: id, bold: id, underline: id, cyan: id };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** ESLint-stylish output: a header per file (per record for .jsonl), a row and a code frame per finding. */
export const stylishReporter: Reporter = (report, { color }) => {
  const c = palette(color);
  const out: string[] = [];
  const errorsByFile = new Map<string, typeof report.errors>();
  for (const e of report.errors) errorsByFile.set(e.file, [...(errorsByFile.get(e.file) ?? []), e]);
  const files = [...new Set([...report.results.filter((r) => r.findings.length > 0).map((r) => r.file), ...errorsByFile.keys()])];

  for (const file of files) {
    // Input errors first: they explain why a record has no result.
    const errs = errorsByFile.get(file) ?? [];
    if (errs.length) {
      out.push('', c.underline(file));
      for (const e of errs) out.push(`  ${e.line === null ? '-' : e.column ? `${e.line}:${e.column}` : `line ${e.line}`}  ${c.red('error')}  ${e.message}  ${c.dim('input-error')}`);
    }
    for (const r of report.results.filter((x) => x.file === file && x.findings.length > 0)) {
      const label = r.key !== undefined ? ` (key ${r.key})` : r.id !== null ? ` (id ${r.id})` : '';
      const where = r.fileLine === undefined ? file : `${file}:${r.fileLine}${label}`;
      out.push('', c.underline(where));
      const posWidth = Math.max(...r.findings.map((f) => position(r, f).length));
      for (const f of r.findings) out.push(...findingLines(r, f, posWidth, c));
      if (r.nextAllowedAt !== undefined) {
        out.push(`  ${c.dim('next allowed:')} ${r.nextAllowedAt ?? 'none by waiting (stage, opt-out or an uncovered calendar year)'}`);
      }
    }
  }

  // --report-unused-disable-directives makes these errors: show them, or the exit code has no reason.
  const unused = report.unusedDirectives ?? [];
  if (unused.length) {
    out.push('', c.underline('Unused dunlint directives (they silenced nothing):'));
    for (const { file, directive: d } of unused) {
      const rules = d.rules.length ? ` ${d.rules.join(', ')}` : '';
      out.push(`  ${file}:${d.line}:${d.column}  ${c.red('error')}  dunlint-${d.kind}${rules}  ${c.dim('unused-directive')}`);
    }
  }

  const { errors, warnings } = countSeverities(report.results);
  const allErrors = errors + report.errors.length + unused.length;
  const problems = allErrors + warnings;
  if (problems > 0) {
    const paint = allErrors > 0 ? c.red : c.yellow;
    out.push('', paint(c.bold(`✖ ${plural(problems, 'problem')} (${plural(allErrors, 'error')}, ${plural(warnings, 'warning')})`)));
  }
  if (report.maxWarningsExceeded) {
    const { limit, found } = report.maxWarningsExceeded;
    out.push(c.red(`dunlint found too many warnings (maximum: ${limit}, found: ${found}).`));
  }
  if (report.skipped.length) {
    out.push('', c.dim(`Skipped ${plural(report.skipped.length, 'file')} of an unsupported type:`));
    for (const s of report.skipped) out.push(c.dim(`  ${s}`));
  }
  return out.length ? `${out.join('\n')}\n` : '';
};

/** Where to point a reader: the file position for catalogue strings and records, else the message's own. */
function position(r: MessageReport, f: ReportedFinding): string {
  return r.key !== undefined || r.fileLine !== undefined ? `${f.region.startLine}:${f.region.startColumn}` : `${f.start.line}:${f.start.column}`;
}

function findingLines(r: MessageReport, f: ReportedFinding, posWidth: number, c: ReturnType<typeof palette>): string[] {
  const pos = position(r, f);
  const sev = f.severity === 'error' ? c.red('error  ') : c.yellow('warning');
  const lines = [`  ${padEndWidth(pos, posWidth)}  ${sev}  ${f.message}  ${c.dim(f.ruleId)}`];
  const indent = ' '.repeat(posWidth + 4);
  // A finding about the whole message (a missing amount, say) has nothing useful to underline.
  const whole = r.source.slice(0, f.start.offset).trim() === '' && r.source.slice(f.end.offset).trim() === '';
  if (!whole) {
    const text = splitLines(r.source)[f.start.line - 1] ?? '';
    const endCol = f.end.line === f.start.line ? f.end.column - 1 : text.length;
    const { code, underline } = codeFrame(text, f.start.column - 1, endCol);
    const gutter = String(f.start.line);
    lines.push(`${indent}${c.dim(`${gutter} |`)} ${code}`, `${indent}${c.dim(`${' '.repeat(gutter.length)} |`)} ${c.red(underline)}`);
  }
  if (f.citation) lines.push(`${indent}${c.dim(f.citation)}`);
  if (f.suggestion) lines.push(`${indent}${c.cyan('→')} ${f.suggestion}`);
  return lines;
}
