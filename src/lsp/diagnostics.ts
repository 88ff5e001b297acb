import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { InputError } from '../formats/index.js';
import type { Linter } from '../linter.js';
import type { MessageReport, Region, ReportedFinding } from '../report/types.js';
import type { FileOutcome } from '../run/lint-file.js';
import { ruleAnchor } from '../rulesets/docs.js';
import type { ConfigError } from '../rulesets/errors.js';
import { BUILTIN_RULESETS, PACKAGE_ROOT } from '../rulesets/load.js';
import type { RuleDefinition } from '../rulesets/model.js';

export const SOURCE = 'dunlint';

/** A finding as the server keeps it for hovers and quick fixes. */
export interface FindingItem {
  diagnostic: Diagnostic;
  finding: ReportedFinding;
  report: Pick<MessageReport, 'ruleset' | 'locale' | 'channel' | 'key' | 'fileLine' | 'nextAllowedAt'>;
  /** The rule's definition when it could be found (bilingual suggestion, kind). */
  rule: RuleDefinition | null;
  /** Link to the rule's documentation, when there is one. */
  href: string | undefined;
}

/** What `diagnostic.data` carries, so a code action request can be answered from the diagnostic alone. */
export interface DiagnosticData {
  ruleId: string;
  /** A mechanical edit for the suggestion: replace the diagnostic's range (which held `expect`) with `newText`. */
  fix?: { title: string; newText: string; expect: string };
}

/** Our 1-based region → LSP range: 0-based lines, UTF-16 characters (columns are UTF-16 already). */
export function regionToRange(r: Region): Range {
  return { start: { line: r.startLine - 1, character: r.startColumn - 1 }, end: { line: r.endLine - 1, character: r.endColumn - 1 } };
}

/** Where a rule's documentation lives: docs/rules.md#anchor in the installed package, or under `docsBaseUrl`. */
export function docsHref(ruleset: string, ruleId: string, docsBaseUrl: string | undefined): string | undefined {
  const anchor = ruleAnchor(ruleset, ruleId);
  if (docsBaseUrl) {
    // A folder URL gets rules.md appended; anything else is taken as the rules page itself.
    const base = docsBaseUrl.replace(/#.*$/, '');
    return `${base.endsWith('/') ? `${base}rules.md` : base}#${anchor}`;
  }
  return localRulesDoc() ? `${localRulesDoc()}#${anchor}` : undefined;
}

let rulesDoc: string | null | undefined;
function localRulesDoc(): string | null {
  if (rulesDoc === undefined) {
    const file = join(PACKAGE_ROOT, 'docs', 'rules.md');
    rulesDoc = existsSync(file) ? pathToFileURL(file).href : null;
  }
  return rulesDoc;
}

const BUILTIN_DIR = join(PACKAGE_ROOT, 'rulesets') + sep;
const unloadable = new WeakMap<Linter, Set<string>>();

/**
 * The definition of a finding's rule and whether it is documented in docs/rules.md (a built-in rule, not one a
 * config added). A mixed-language message runs the other language's content rules too, so the rule may come
 * from another ruleset than the message's.
 */
export function lookupRule(linter: Linter, ruleset: string, ruleId: string): { rule: RuleDefinition | null; documentedIn: string | null } {
  const config = linter.config?.config;
  const names = [...new Set([ruleset, config?.ruleset, config?.rulesets?.zh, config?.rulesets?.en, ...BUILTIN_RULESETS].filter((n): n is string => typeof n === 'string'))];
  let failed = unloadable.get(linter);
  if (!failed) unloadable.set(linter, (failed = new Set()));
  for (const name of names) {
    if (failed.has(name)) continue;
    let def;
    try {
      def = linter.ruleset(name).definition;
    } catch {
      failed.add(name); // not loadable by that name (a custom ruleset's display name): try the next
      continue;
    }
    const rule = def.rules.find((r) => r.id === ruleId);
    if (!rule) continue;
    const source = def.sources[ruleId] ?? '';
    const builtin = (BUILTIN_RULESETS as readonly string[]).includes(def.name) && source.startsWith(BUILTIN_DIR);
    return { rule, documentedIn: builtin ? def.name : null };
  }
  return { rule: null, documentedIn: null };
}

/** Suggestions that can be applied mechanically, from the rule's kind and suggestion. */
export function mechanicalFix(f: ReportedFinding, rule: RuleDefinition | null, fileText: string): DiagnosticData['fix'] | undefined {
  if (!rule || f.excerpt === '' || fileText === '') return undefined;
  if (rule.kind === 'privacy' && (rule.detect === 'national-id' || rule.detect === 'card-number')) {
    const masked = maskNumber(fileText, rule.detect === 'national-id');
    return masked === fileText ? undefined : { title: `Mask '${short(f.excerpt)}' as ${masked}`, newText: masked, expect: fileText };
  }
  const advice = rule.suggestion?.en ?? f.suggestion ?? '';
  if (['lexicon', 'disclosure', 'privacy'].includes(rule.kind) && /^(remove|drop|delete)\b/i.test(advice)) {
    return { title: `Remove '${short(f.excerpt)}'`, newText: '', expect: fileText };
  }
  return undefined;
}

/** Keep the last four digits (and, for an 18-digit Chinese ID, the first three, as the rule suggests). */
function maskNumber(text: string, nationalId: boolean): string {
  const digits = [...text].filter((c) => /[0-9Xx]/.test(c)).length;
  const keepHead = nationalId && digits >= 15 ? 3 : 0;
  let seen = 0;
  return [...text]
    .map((c) => {
      if (!/[0-9Xx]/.test(c)) return c;
      seen++;
      return seen <= keepHead || seen > digits - 4 ? c : '*';
    })
    .join('');
}

function short(s: string): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > 30 ? `${flat.slice(0, 29)}…` : flat;
}

/** Every finding of a linted file as a diagnostic, plus its input errors. */
export function toDiagnostics(
  outcome: FileOutcome,
  content: string,
  linter: Linter,
  docsBaseUrl: string | undefined,
): { items: FindingItem[]; diagnostics: Diagnostic[] } {
  const lines = content.split(/\r\n|\r|\n/);
  const items: FindingItem[] = [];
  for (const report of outcome.results) {
    for (const f of report.findings) {
      const { rule, documentedIn } = lookupRule(linter, report.ruleset, f.ruleId);
      const href = documentedIn ? docsHref(documentedIn, f.ruleId, docsBaseUrl) : undefined;
      const range = regionToRange(f.region);
      const fix = mechanicalFix(f, rule, textIn(lines, range));
      const data: DiagnosticData = { ruleId: f.ruleId, ...(fix ? { fix } : {}) };
      const diagnostic: Diagnostic = {
        range,
        severity: f.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        code: f.ruleId,
        ...(href ? { codeDescription: { href } } : {}),
        source: SOURCE,
        message: f.message,
        data,
      };
      const { ruleset, locale, channel, key, fileLine, nextAllowedAt } = report;
      items.push({ diagnostic, finding: f, report: { ruleset, locale, channel, key, fileLine, nextAllowedAt }, rule, href });
    }
  }
  const diagnostics = [...items.map((i) => i.diagnostic), ...outcome.errors.map((e) => inputErrorDiagnostic(e, content, lines))];
  return { items, diagnostics };
}

/** A problem with the input (template syntax, expired waiver, bad context) at its line and column. */
export function inputErrorDiagnostic(e: InputError, content: string, lines = content.split(/\r\n|\r|\n/)): Diagnostic {
  let line = e.line === null ? null : e.line - 1;
  let character = (e.column ?? 1) - 1;
  const bad = /^bad context (\S*): /.exec(e.message);
  if (bad && line === null) {
    const at = frontMatterPosition(content, bad[1]!);
    if (at) ({ line, character } = at);
  }
  if (line === null) return { range: lineRange(lines, 0), severity: DiagnosticSeverity.Error, source: SOURCE, message: e.message };
  const text = lines[line] ?? '';
  character = Math.min(character, text.length);
  const end = Math.max(character, text.trimEnd().length);
  return { range: { start: { line, character }, end: { line, character: end } }, severity: DiagnosticSeverity.Error, source: SOURCE, message: e.message };
}

/** The configuration that applies to a document is broken: one diagnostic at its top, naming file and pointer. */
export function configErrorDiagnostic(error: ConfigError, content: string): Diagnostic {
  const lines = content.split(/\r\n|\r|\n/);
  const diagnostic: Diagnostic = {
    range: lineRange(lines, 0),
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: 'config',
    message: `dunlint configuration error in ${error.file}${error.line ? `:${error.line}` : ''} at ${error.pointer || '/'}: ${error.detail} (this file is not linted until the config is fixed)`,
  };
  if (error.file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(error.file)) {
    const line = Math.max(0, (error.line ?? 1) - 1);
    diagnostic.relatedInformation = [{ location: { uri: pathToFileURL(error.file).href, range: { start: { line, character: 0 }, end: { line, character: 0 } } }, message: `${error.pointer || '/'}: ${error.detail}` }];
  }
  return diagnostic;
}

function lineRange(lines: string[], line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: (lines[line] ?? '').length } };
}

function textIn(lines: string[], r: Range): string {
  if (r.start.line !== r.end.line) return ''; // only single-line spans get a mechanical edit
  return (lines[r.start.line] ?? '').slice(r.start.character, r.end.character);
}

/**
 * Where a context value named by a JSON pointer sits in the file's YAML front matter
 * (`context: { timezone: Mars/Base }`), 0-based; null when it is not there (it came from the config).
 */
export function frontMatterPosition(content: string, pointer: string): { line: number; character: number } | null {
  const open = /^---[ \t]*\r?\n/.exec(content);
  if (!open) return null;
  const rest = content.slice(open[0].length);
  const close = /^---[ \t]*$/m.exec(rest);
  if (!close) return null;
  const doc = parseDocument(rest.slice(0, close.index));
  // The pointer is into the message (`/context/timezone`); front matter holds the same fields.
  const path = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (path[0] !== 'context') path.unshift('context');
  for (let n = path.length; n >= 1; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      const offset = open[0].length + node.range[0];
      const before = content.slice(0, offset);
      const line = (before.match(/\r\n|\r|\n/g) ?? []).length;
      return { line, character: offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) - 1 };
    }
  }
  return null;
}
