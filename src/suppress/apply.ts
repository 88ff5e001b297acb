import type { Directive, ReportedFinding } from '../report/types.js';

function covers(d: Directive, f: ReportedFinding): boolean {
  return d.rules.length === 0 || d.rules.includes(f.ruleId) || d.rules.includes(f.category);
}

/**
 * Split a file's findings into kept and waived, ESLint-style:
 * `disable-next-line` covers the line after the comment, `disable-line` its own
 * line, `disable` … `enable` a range (to the end of the file when not re-enabled).
 * Returns which directives silenced something, for --report-unused-disable-directives.
 */
export function applyDirectives<F extends ReportedFinding>(
  findings: F[],
  directives: Directive[],
): { kept: F[]; waived: { finding: F; directive: Directive }[]; used: Set<Directive> } {
  const kept: F[] = [];
  const waived: { finding: F; directive: Directive }[] = [];
  const used = new Set<Directive>();
  const ordered = [...directives].sort((a, b) => a.line - b.line || a.column - b.column);
  for (const f of findings) {
    const line = f.region.startLine;
    let by: Directive | null = null;
    for (const d of ordered) {
      if (!covers(d, f)) continue;
      if (d.kind === 'disable-next-line' && d.line + 1 === line) by = d;
      else if (d.kind === 'disable-line' && d.line === line) by = d;
      else if (d.kind === 'disable' && d.line <= line) {
        // Open until an enable for the same rules (or all rules) after it and not after the finding.
        const closed = ordered.some((e) => e.kind === 'enable' && e.line > d.line && e.line <= line && (e.rules.length === 0 || d.rules.every((r) => e.rules.includes(r))));
        if (!closed) by = d;
      }
      if (by) break;
    }
    if (by) {
      used.add(by);
      waived.push({ finding: f, directive: by });
    } else kept.push(f);
  }
  return { kept, waived, used };
}
