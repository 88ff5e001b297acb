import { parserFor, type InputError, type InputMessage } from '../formats/index.js';
import { parseText } from '../formats/text.js';
import type { Linter } from '../linter.js';
import { fingerprint } from '../report/fingerprint.js';
import type { Directive, MessageReport, Region, ReportedFinding, Waiver } from '../report/types.js';
import { ConfigError } from '../rulesets/errors.js';
import { applyDirectives } from '../suppress/apply.js';
import { parseDirectives } from '../suppress/directives.js';
import { LineIndex } from '../text/positions.js';
import type { Channel, Finding, LintResult, Locale, MessageContext } from '../types.js';
import { verdictOf } from '../linter.js';
import { inferChannel } from './channel.js';
import { overridesFor, type CompiledOverride } from './overrides.js';

/** Message fields every file gets unless it says otherwise (command-line flags). */
export interface FileDefaults {
  channel?: Channel;
  locale?: Locale;
  ruleset?: string;
  context?: MessageContext;
}

export interface FileOptions {
  defaults: FileDefaults;
  overrides: CompiledOverride[];
  /** Config's extra extension → format map. */
  formats: Record<string, string>;
  lintHiddenText: boolean;
  /** YYYY-MM-DD: waivers that expired before this day are errors. */
  today: string;
  /** Report errors only (warnings still counted by the caller). */
  quiet: boolean;
}

/** What one file produced: plain data, so it can cross a worker thread or sit in the cache. */
export interface FileOutcome {
  results: MessageReport[];
  errors: InputError[];
  /** Every directive in the file and whether it silenced anything. */
  directives: { directive: Directive; used: boolean }[];
  /** Warnings seen, including ones --quiet hides (they still count toward --max-warnings). */
  warnings: number;
  /** The file's type is not supported (skipped with a note). */
  skipped: boolean;
}

/**
 * Lint one file end to end: parse its format, resolve each message's fields
 * (front matter or record > command line > config overrides > path), lint every
 * rendering of each message, place findings in the file, apply the file's
 * suppression directives.
 */
/**
 * `projectPath` is the file's path from the project root (the config's folder): overrides,
 * the channel a folder implies and baseline fingerprints read it, so they do not depend on
 * where dunlint was started. Default: `file`. Null for stdin without a file name.
 */
export function lintFile(linter: Linter, file: string, content: string, opts: FileOptions, isStdin = false, projectPath: string | null = file, absPath?: string): FileOutcome {
  const parse = parserFor(file, opts.formats) ?? (isStdin ? parseText : null);
  if (!parse) return { results: [], errors: [], directives: [], warnings: 0, skipped: true };
  const parsed = parse(file, content, { lintHiddenText: opts.lintHiddenText });
  const errors: InputError[] = [...parsed.errors];
  const { directives, errors: directiveErrors } = parseDirectives(file, content, parsed.comments ?? [], opts.today);
  errors.push(...directiveErrors);
  const fileLines = new LineIndex(content);
  const fromOverrides = projectPath === null ? {} : overridesFor(opts.overrides, projectPath);
  // The folder names above the project root say it too when dunlint runs inside templates/letters/.
  const pathChannel = projectPath === null ? null : (inferChannel(projectPath) ?? (absPath ? inferChannel(absPath) : null));
  // Partials and layouts (partials/, layouts/, _footer.hbs) are pieces of messages, like a catalogue's subject line.
  const filePart = projectPath !== null && isPartialPath(projectPath);

  const results: MessageReport[] = [];
  const used = new Set<Directive>();
  let warnings = 0;
  for (const input of parsed.messages) {
    const m = input.message;
    // In a catalogue the key path says more than the file path (reminders.sms.late).
    const keyChannel = input.key ? inferChannel(`${input.key.replace(/[.[\]]+/g, '/')}/x`) : null;
    const channel = m.channel ?? opts.defaults.channel ?? fromOverrides.channel ?? keyChannel ?? pathChannel ?? undefined;
    const context = mergeContext(opts.defaults.context, fromOverrides.context, m.context);
    // A catalogue's subject line or button text is part of a message, not a message: it is checked
    // for threats and the like, but not for the amount, date, identity and opt-out a whole message needs.
    const part = (filePart && m.channel === undefined) || (input.key !== undefined && m.channel === undefined && isMessagePart(input.key, m.text));
    const request = { channel: part ? undefined : channel, locale: m.locale ?? opts.defaults.locale ?? fromOverrides.locale, ruleset: m.ruleset ?? opts.defaults.ruleset ?? fromOverrides.ruleset, context };
    let lintResults: LintResult[];
    try {
      lintResults = [m.text, ...(input.variants ?? [])].map((text) => linter.lint({ text, ...request }));
    } catch (e) {
      // A message naming a bad ruleset is that message's problem; the other messages are still linted.
      if (e instanceof ConfigError) {
        errors.push({ file, line: input.fileLine ?? null, message: e.message });
        continue;
      }
      throw e;
    }
    const first = lintResults[0]!;
    for (const p of first.contextErrors ?? []) {
      errors.push({ file, line: input.fileLine ?? null, message: `bad context ${p.pointer}: ${p.message} (ignored; the rest was linted)` });
    }
    const findings = place(mergeRenderings(lintResults), input, fileLines, projectPath ?? file);
    const { kept, waived, used: usedHere } = applyDirectives(findings, directives);
    for (const d of usedHere) used.add(d);
    warnings += kept.filter((f) => f.severity === 'warning').length;
    const shown = opts.quiet ? kept.filter((f) => f.severity === 'error') : kept;
    const report: MessageReport = {
      file,
      id: input.id,
      fileLine: input.fileLine,
      source: input.source,
      channel: part ? (channel ?? null) : first.channel,
      locale: first.locale,
      ruleset: first.ruleset,
      verdict: verdictOf(shown),
      findings: shown,
    };
    if (input.key !== undefined) report.key = input.key;
    const next = lintResults.find((r) => r.nextAllowedAt !== undefined)?.nextAllowedAt;
    if (next !== undefined && shown.some((f) => f.category === 'contact-timing')) report.nextAllowedAt = next;
    if (waived.length > 0) report.waivers = waived as Waiver[];
    results.push(report);
  }
  // An enable only closes a range: it never silences anything itself, so it is never "unused".
  return { results, errors, directives: directives.map((d) => ({ directive: d, used: d.kind === 'enable' || used.has(d) })), warnings, skipped: false };
}

function mergeContext(...parts: (MessageContext | Record<string, unknown> | undefined)[]): MessageContext | undefined {
  const present = parts.filter((p): p is MessageContext => p !== undefined && p !== null);
  return present.length === 0 ? undefined : Object.assign({}, ...present);
}

/** Findings of every rendering, each once (a finding outside the branches shows up in all of them). */
function mergeRenderings(results: LintResult[]): Finding[] {
  if (results.length === 1) return results[0]!.findings;
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const key = `${f.ruleId}|${f.start.offset}|${f.end.offset}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  }
  return out.sort((a, b) => a.start.offset - b.start.offset || a.end.offset - b.end.offset);
}

const PARTIAL_DIRS = new Set(['partials', 'partial', 'layouts', 'layout', 'includes', 'include', '_includes', '_layouts', 'components', 'snippets', 'macros']);

/** A template that other templates include: in a partials/layouts folder, or named with a leading underscore. */
export function isPartialPath(path: string): boolean {
  const segments = path.split(/[\\/]/);
  const name = segments.pop() ?? '';
  return name.startsWith('_') || segments.some((s) => PARTIAL_DIRS.has(s.toLowerCase()));
}

/** Keys that name a piece of a message rather than a message: subject, title, button, label… */
const PART_KEY = /(?:^|[.[\]_-])(?:subject|title|heading|header|headline|button|buttons|cta|label|labels|link|link_?text|preheader|preview|preview_?text|tag|tags|name|alt|tooltip|placeholder|hint|caption|greeting|salutation|signature|sign_?off|footer)(?:[\]\d.]*|_\w+)?$/i;

/**
 * A catalogue string that is a piece of a message: its key says so (email.subject,
 * buttons[0]), or it is a short phrase with no sentence in it ("Pay now", 立即还款).
 */
export function isMessagePart(key: string, text: string): boolean {
  if (PART_KEY.test(key)) return true;
  const t = text.trim();
  const han = (t.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const short = han > 0 ? t.length <= 8 : t.split(/\s+/).length <= 4;
  return short && !/[。！？!?.]\s*$|[，,；;：:]/.test(t);
}

/** Give each finding its place in the file and its fingerprint. */
function place(findings: Finding[], input: InputMessage, fileLines: LineIndex, fingerprintPath: string): ReportedFinding[] {
  const occurrences = new Map<string, number>();
  const messageKey = input.key ?? input.id ?? null;
  return findings.map((f) => {
    const excerpt = input.source.slice(f.start.offset, f.end.offset);
    const k = `${f.ruleId}|${excerpt}`;
    const occurrence = occurrences.get(k) ?? 0;
    occurrences.set(k, occurrence + 1);
    return { ...f, excerpt, region: regionOf(f, input, fileLines), fingerprint: fingerprint({ file: fingerprintPath, messageKey, ruleId: f.ruleId, excerpt, occurrence }) };
  });
}

function regionOf(f: Finding, input: InputMessage, fileLines: LineIndex): Region {
  if (input.toFileOffset) {
    const s = fileLines.position(input.toFileOffset(f.start.offset));
    const e = fileLines.position(input.toFileOffset(f.end.offset));
    return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
  }
  if (input.fileLine !== undefined) {
    // A record without an offset map: point at its line.
    return { startLine: input.fileLine, startColumn: 1, endLine: input.fileLine, endColumn: 1 };
  }
  return { startLine: f.start.line, startColumn: f.start.column, endLine: f.end.line, endColumn: f.end.column };
}
