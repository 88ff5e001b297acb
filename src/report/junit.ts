import type { InputError } from '../formats/index.js';
import type { MessageReport, ReportedFinding, Reporter, RunReport } from './types.js';

/**
 * JUnit XML for CI test tabs (GitLab, Jenkins, Azure, test-reporter actions).
 *
 * - One `<testsuite>` per file, one `<testcase>` per message (name: the file, plus `#key` for a
 *   catalogue string or `:line (id …)` for a .jsonl record).
 * - Every error finding is a `<failure type="error">` of its message's test case.
 * - Warnings do not fail a test case: they are listed in its `<system-out>`, so the test tab is
 *   red exactly when the exit code says the run failed. When `--max-warnings` was exceeded (the run
 *   failed because of warnings), each warning becomes a `<failure type="warning">` instead.
 * - Waived findings are listed in `<system-out>` with the directive's reason (they do not fail).
 * - An input error is a test case of its own with an `<error type="input-error">`.
 * - A file skipped for its type is a test case with `<skipped>`.
 * - Counts follow JUnit's meaning: `tests` test cases, `failures` / `errors` / `skipped` the test
 *   cases that failed / errored / were skipped (a test case with three error findings counts once).
 * - XML 1.0: `& < > " '` escaped, characters XML cannot carry (C0 controls other than tab and
 *   line breaks, U+FFFE/U+FFFF, lone surrogates) removed; CJK is written as is (UTF-8).
 */
export const junitReporter: Reporter = (report) => {
  const warningsFail = report.maxWarningsExceeded !== undefined;
  const suites = new Map<string, Suite>();
  const suite = (file: string): Suite => {
    let s = suites.get(file);
    if (!s) suites.set(file, (s = { file, cases: [], out: [] }));
    return s;
  };

  for (const r of report.results) suite(r.file).cases.push(messageCase(r, warningsFail));
  for (const e of report.errors) suite(e.file).cases.push(inputErrorCase(e));
  for (const file of report.skipped) suite(file).cases.push({ name: file, classname: className(file), body: ['<skipped message="unsupported file type"/>'], failed: false, errored: false, skipped: true });
  for (const { file, directive: d } of report.unusedDirectives ?? []) {
    suite(file).out.push(`${d.line}:${d.column}  unused dunlint-${d.kind} directive${d.rules.length ? ` (${d.rules.join(', ')})` : ''}: it silenced nothing`);
  }

  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const body: string[] = [];
  for (const s of suites.values()) {
    uniqueNames(s.cases);
    const counts = {
      tests: s.cases.length,
      failures: s.cases.filter((c) => c.failed).length,
      errors: s.cases.filter((c) => c.errored).length,
      skipped: s.cases.filter((c) => c.skipped).length,
    };
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += counts[k];
    body.push(`  <testsuite name="${attr(s.file)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}">`);
    for (const c of s.cases) {
      const open = `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}"`;
      if (c.body.length === 0) body.push(`${open}/>`);
      else body.push(`${open}>`, ...c.body.map((l) => `      ${l}`), '    </testcase>');
    }
    if (s.out.length) body.push(`    <system-out>${text(s.out.join('\n'))}</system-out>`);
    body.push('  </testsuite>');
  }
  const head = `<testsuites name="dunlint" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}">`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...body, '</testsuites>', ''].join('\n');
};

interface Suite {
  file: string;
  cases: Case[];
  /** Suite-level notes (unused directives). */
  out: string[];
}

interface Case {
  name: string;
  classname: string;
  /** Child elements, already serialised. */
  body: string[];
  failed: boolean;
  errored: boolean;
  skipped: boolean;
}

function messageCase(r: MessageReport, warningsFail: boolean): Case {
  const body: string[] = [];
  const out: string[] = [];
  let failed = false;
  for (const f of r.findings) {
    if (f.severity === 'error' || warningsFail) {
      failed = true;
      body.push(`<failure type="${f.severity}" message="${attr(`${f.ruleId}: ${f.message}`)}">${text(details(r, f))}</failure>`);
    } else out.push(details(r, f));
  }
  for (const w of r.waivers ?? []) {
    const d = w.directive;
    out.push(`${details(r, w.finding)}\n  waived by dunlint-${d.kind} at line ${d.line}: ${d.reason}${d.expires ? ` (expires ${d.expires})` : ''}`);
  }
  if (r.nextAllowedAt !== undefined) out.push(`next allowed: ${r.nextAllowedAt ?? 'none by waiting'}`);
  if (out.length) body.push(`<system-out>${text(out.join('\n'))}</system-out>`);
  return { name: caseName(r), classname: className(r.file), body, failed, errored: false, skipped: false };
}

function inputErrorCase(e: InputError): Case {
  const where = e.line === null ? e.file : `${e.file}:${e.line}${e.column !== undefined ? `:${e.column}` : ''}`;
  return {
    name: `${where} (input error)`,
    classname: className(e.file),
    body: [`<error type="input-error" message="${attr(e.message)}">${text(`${where}  ${e.message}`)}</error>`],
    failed: false,
    errored: true,
    skipped: false,
  };
}

/** A finding as text: position in the file, severity, rule, message, excerpt, citation, suggestion. */
function details(r: MessageReport, f: ReportedFinding): string {
  const lines = [`${f.region.startLine}:${f.region.startColumn}  ${f.severity}  ${f.ruleId}  ${f.message}`];
  const excerpt = r.source.slice(f.start.offset, f.end.offset);
  if (excerpt) lines.push(`  excerpt: ${excerpt}`);
  if (f.citation) lines.push(`  citation: ${f.citation}`);
  if (f.suggestion) lines.push(`  suggestion: ${f.suggestion}`);
  return lines.join('\n');
}

function caseName(r: MessageReport): string {
  if (r.key !== undefined) return `${r.file}#${r.key}`;
  if (r.fileLine !== undefined) return `${r.file}:${r.fileLine}${r.id !== null ? ` (id ${r.id})` : ''}`;
  if (r.id !== null) return `${r.file} (id ${r.id})`;
  return r.file;
}

/** ESLint's convention: the path without its extension (Jenkins splits class names at the last dot). */
function className(file: string): string {
  return file.replace(/\\/g, '/').replace(/\.[^./]*$/, '');
}

/** Several renderings of one template share a name: number the repeats. */
function uniqueNames(cases: Case[]): void {
  const seen = new Map<string, number>();
  for (const c of cases) {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    if (n > 1) c.name = `${c.name} [${n}]`;
  }
}

// Characters XML 1.0 cannot carry: C0 controls except tab, LF and CR; U+FFFE, U+FFFF; lone surrogates.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttr(s: string): string {
  // Line breaks and tabs as references: a parser would otherwise normalise them to spaces.
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

const text = xmlText;
const attr = xmlAttr;
