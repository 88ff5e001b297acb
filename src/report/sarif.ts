import { ruleAnchor } from '../rulesets/docs.js';
import { BUILTIN_RULESETS, loadRuleset } from '../rulesets/load.js';
import type { RuleDefinition, RulesetDefinition } from '../rulesets/model.js';
import type { InputError } from '../formats/index.js';
import { dunlintVersion, packageInfo } from './json.js';
import type { Directive, MessageReport, ReportedFinding, Reporter, RunReport } from './types.js';

/**
 * SARIF 2.1.0 (OASIS), one run, checked against the official schema in test/reporters.test.ts.
 *
 * - `tool.driver.rules` lists the rules that appear in this run's results (findings and waived
 *   findings), sorted by id, one descriptor per rule id. cn and us share many ids
 *   (`threat/violence` …); when both contribute the same id to one run, the descriptor takes its
 *   text from the ruleset seen first and its help lists every contributing ruleset's explanation,
 *   citation, suggestion and documentation link. Each result also carries its own ruleset and
 *   citation in `properties`.
 * - `helpUri` must be an absolute URI (schema `format: uri`), so it is written only when a
 *   documentation base is known: `createSarifReporter({ docsBaseUri })`, else the
 *   `DUNLINT_DOCS_BASE_URI` environment variable (e.g. `https://github.com/acme/dunlint/blob/v0.1.0/`),
 *   else a GitHub `repository` in package.json (`…/blob/HEAD/`). The repository-relative path
 *   (`docs/rules.md#cn-threat-violence`) is always in `properties.helpPath` and in the help text.
 *   Only built-in rulesets have a section in docs/rules.md.
 * - Waived findings are results with an `inSource` suppression; input errors are
 *   `toolExecutionNotifications` (level error, `executionSuccessful: false`); skipped files are
 *   notes; unused directives are `toolConfigurationNotifications` (warning).
 * - Regions are the finding's file coordinates, 1-based, columns in UTF-16 code units
 *   (`columnKind: utf16CodeUnits`, SARIF's default).
 */
export interface SarifOptions {
  /** Absolute URI the repository-relative `docs/rules.md` resolves against; null: no helpUri. */
  docsBaseUri?: string | null;
  /** tool.driver.informationUri; default: package.json homepage, repository, else the npm page. */
  informationUri?: string;
}

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const FINGERPRINT_KEY = 'dunlint/v1';
const RULES_DOC = 'docs/rules.md';

export function createSarifReporter(options: SarifOptions = {}): Reporter {
  return (report) => `${JSON.stringify(sarifLog(report, options), null, 2)}\n`;
}

export const sarifReporter: Reporter = createSarifReporter();

type Json = Record<string, unknown>;

export function sarifLog(report: RunReport, options: SarifOptions = {}): Json {
  const docsBase = options.docsBaseUri === undefined ? defaultDocsBase() : absoluteBase(options.docsBaseUri);
  const rules = new RuleTable(docsBase);

  const results: Json[] = [];
  for (const r of report.results) {
    for (const f of r.findings) results.push(sarifResult(r, f, null, rules));
    for (const w of r.waivers ?? []) results.push(sarifResult(r, w.finding, w.directive, rules));
  }
  // Descriptors are sorted by id, so result indexes are filled in once the table is complete.
  const { descriptors, indexOf } = rules.finish();
  for (const res of results) res.ruleIndex = indexOf(res.ruleId as string);

  const executionNotifications = [
    ...report.errors.map(inputErrorNotification),
    ...report.skipped.map((file) => ({
      level: 'note',
      message: { text: `Skipped: ${file} is not of a supported type.` },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) } } }],
    })),
  ];
  const configurationNotifications = (report.unusedDirectives ?? []).map(({ file, directive: d }) => ({
    level: 'warning',
    message: { text: `Unused dunlint-${d.kind} directive${d.rules.length ? ` (${d.rules.join(', ')})` : ''}: it silenced nothing.` },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region: { startLine: d.line, startColumn: d.column } } }],
    properties: { reason: d.reason, expires: d.expires },
  }));
  const invocation: Json = {
    executionSuccessful: report.errors.length === 0,
    ...(executionNotifications.length ? { toolExecutionNotifications: executionNotifications } : {}),
    ...(configurationNotifications.length ? { toolConfigurationNotifications: configurationNotifications } : {}),
    ...(report.maxWarningsExceeded ? { properties: { maxWarningsExceeded: { ...report.maxWarningsExceeded } } } : {}),
  };

  const version = dunlintVersion();
  const run: Json = {
    tool: {
      driver: {
        name: 'dunlint',
        version,
        semanticVersion: version,
        informationUri: options.informationUri ?? defaultInformationUri(docsBase),
        rules: descriptors,
      },
    },
    invocations: [invocation],
    columnKind: 'utf16CodeUnits',
    results,
    ...(report.baseline ? { properties: { baseline: { file: report.baseline.file, matched: report.baseline.matched } } } : {}),
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

function sarifResult(r: MessageReport, f: ReportedFinding, directive: Directive | null, rules: RuleTable): Json {
  rules.use(r, f);
  const uri = artifactUri(r.file);
  const logical = r.key !== undefined ? { name: r.key, fullyQualifiedName: r.key, kind: 'property' } : r.id !== null ? { name: r.id, fullyQualifiedName: r.id, kind: 'object' } : null;
  const { startLine, startColumn, endLine, endColumn } = f.region;
  const excerpt = r.source.slice(f.start.offset, f.end.offset);
  return {
    ruleId: f.ruleId,
    ruleIndex: -1,
    level: f.severity,
    message: { text: f.message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri }, region: { startLine, startColumn, endLine, endColumn } },
        ...(logical ? { logicalLocations: [logical] } : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(directive
      ? {
          suppressions: [
            {
              kind: 'inSource',
              state: 'accepted',
              justification: directive.reason,
              location: { physicalLocation: { artifactLocation: { uri }, region: { startLine: directive.line, startColumn: directive.column } } },
              properties: { expires: directive.expires, directiveLine: directive.line, directive: directive.kind, rules: directive.rules },
            },
          ],
        }
      : {}),
    properties: {
      category: f.category,
      ruleset: r.ruleset,
      channel: r.channel,
      locale: r.locale,
      excerpt,
      citation: f.citation,
      suggestion: f.suggestion,
      messages: { zh: f.messages.zh, en: f.messages.en },
      ...(f.nextAllowedAt !== undefined ? { nextAllowedAt: f.nextAllowedAt } : {}),
    },
  };
}

function inputErrorNotification(e: InputError): Json {
  const region = e.line === null ? null : { startLine: e.line, ...(e.column !== undefined ? { startColumn: e.column } : {}) };
  return {
    level: 'error',
    message: { text: e.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(e.file) }, ...(region ? { region } : {}) } }],
  };
}

/** What one ruleset says about a rule (from its definition, or from a finding when the ruleset cannot be loaded). */
interface RuleText {
  ruleset: string;
  category: string;
  severity: string;
  enabled: boolean;
  en: string;
  zh: string;
  citation: string;
  /** Either language may be missing when the text came from a finding (which has the message's language only). */
  suggestion: { en: string | null; zh: string | null } | null;
  /** `docs/rules.md#…` for built-in rulesets. */
  helpPath: string | null;
}

class RuleTable {
  private readonly byId = new Map<string, RuleText[]>();
  private readonly rulesets = new Map<string, RulesetDefinition | null>();

  constructor(private readonly docsBase: string | null) {}

  use(r: MessageReport, f: ReportedFinding): void {
    const texts = this.byId.get(f.ruleId) ?? [];
    if (!this.byId.has(f.ruleId)) this.byId.set(f.ruleId, texts);
    // A message's findings can come from the other-language ruleset (mixed text): look there too.
    const found = this.lookup(r.ruleset, f.ruleId);
    const text = found ? fromDefinition(found.rs, found.rule) : fromFinding(r, f);
    if (!texts.some((t) => t.ruleset === text.ruleset)) texts.push(text);
  }

  finish(): { descriptors: Json[]; indexOf: (id: string) => number } {
    const ids = [...this.byId.keys()].sort();
    const descriptors = ids.map((id) => this.descriptor(id, this.byId.get(id)!));
    return { descriptors, indexOf: (id) => ids.indexOf(id) };
  }

  private lookup(ruleset: string, ruleId: string): { rs: RulesetDefinition; rule: RuleDefinition } | null {
    for (const name of [ruleset, ...BUILTIN_RULESETS]) {
      const rs = this.ruleset(name);
      const rule = rs?.rules.find((x) => x.id === ruleId);
      if (rs && rule) return { rs, rule };
    }
    return null;
  }

  private ruleset(name: string): RulesetDefinition | null {
    if (!this.rulesets.has(name)) {
      let rs: RulesetDefinition | null = null;
      try {
        rs = loadRuleset(name);
      } catch {
        rs = null; // a custom ruleset the reporter cannot see: fall back to the finding's own text
      }
      this.rulesets.set(name, rs);
    }
    return this.rulesets.get(name)!;
  }

  private descriptor(id: string, texts: RuleText[]): Json {
    const main = texts[0]!;
    const several = texts.length > 1;
    const helpUri = main.helpPath && this.docsBase ? new URL(main.helpPath, this.docsBase).href : null;
    const link = (t: RuleText) => (t.helpPath && this.docsBase ? new URL(t.helpPath, this.docsBase).href : t.helpPath);
    const textSections = texts.map((t) => {
      const lines = [several ? `[${t.ruleset}] ${t.en}` : t.en, t.zh, `Citation: ${t.citation}`];
      if (t.suggestion?.en) lines.push(`Suggestion: ${t.suggestion.en}`);
      if (t.suggestion?.zh) lines.push(`建议：${t.suggestion.zh}`);
      if (t.helpPath) lines.push(`Reference: ${link(t)}`);
      return lines.join('\n');
    });
    const mdSections = texts.map((t) => {
      const parts = [];
      if (several) parts.push(`### Ruleset \`${t.ruleset}\``);
      parts.push(md(t.en), md(t.zh), `**Citation:** ${md(t.citation)}`);
      if (t.suggestion?.en) parts.push(`**Suggestion:** ${md(t.suggestion.en)}`);
      if (t.suggestion?.zh) parts.push(`**建议：** ${md(t.suggestion.zh)}`);
      if (t.helpPath) parts.push(`[${md(t.helpPath)}](${link(t)})`);
      return parts.join('\n\n');
    });
    return {
      id,
      shortDescription: { text: firstSentence(main.en) },
      fullDescription: { text: main.en },
      help: { text: textSections.join('\n\n'), markdown: mdSections.join('\n\n') },
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: main.severity === 'error' ? 'error' : 'warning', enabled: main.enabled },
      properties: {
        category: main.category,
        citation: main.citation,
        ruleset: main.ruleset,
        ...(several ? { rulesets: texts.map((t) => t.ruleset) } : {}),
        ...(main.helpPath ? { helpPath: main.helpPath } : {}),
        descriptionZh: main.zh,
        ...(main.suggestion?.en ? { suggestionEn: main.suggestion.en } : {}),
        ...(main.suggestion?.zh ? { suggestionZh: main.suggestion.zh } : {}),
        tags: [main.category],
      },
    };
  }
}

function fromDefinition(rs: RulesetDefinition, rule: RuleDefinition): RuleText {
  const builtin = (BUILTIN_RULESETS as readonly string[]).includes(rs.name);
  return {
    ruleset: rs.name,
    category: rule.category,
    severity: rule.severity,
    enabled: rule.enabled !== false,
    en: rule.message.en.trim(),
    zh: rule.message.zh.trim(),
    citation: rule.citation,
    suggestion: rule.suggestion ? { en: rule.suggestion.en.trim(), zh: rule.suggestion.zh.trim() } : null,
    helpPath: builtin ? `${RULES_DOC}#${ruleAnchor(rs, rule)}` : null,
  };
}

function fromFinding(r: MessageReport, f: ReportedFinding): RuleText {
  return {
    ruleset: r.ruleset,
    category: f.category,
    severity: f.severity,
    enabled: true,
    en: f.messages.en,
    zh: f.messages.zh,
    citation: f.citation,
    suggestion: f.suggestion ? (r.locale === 'zh' ? { en: null, zh: f.suggestion } : { en: f.suggestion, zh: null }) : null,
    helpPath: null,
  };
}

/** The first sentence of an English explanation (a full stop followed by a capital: `8:00 a.m. or` is not an end). */
function firstSentence(s: string): string {
  const m = /^.+?[.!?](?=\s+[A-Z]|\s*$)/su.exec(s);
  return (m ? m[0] : s).trim();
}

/** Escape text from rulesets so Markdown renders it literally. */
function md(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').replace(/([\\`*_[\]{}<>#|!~])/g, '\\$1');
}

/**
 * A file path as a SARIF artifact URI: forward slashes, each segment percent-encoded (spaces,
 * CJK, `#`, `%`, and a `:` that would otherwise read as a scheme); relative paths stay relative.
 */
export function artifactUri(file: string): string {
  const p = file.replace(/\\/g, '/');
  const enc = (segments: string[]) => segments.map((s) => encodeURIComponent(s)).join('/');
  const drive = /^([A-Za-z]):\//.exec(p);
  if (drive) return `file:///${drive[1]}:/${enc(p.slice(3).split('/'))}`;
  if (p.startsWith('/')) return `file://${enc(p.split('/'))}`;
  return enc(p.split('/'));
}

function absoluteBase(base: string | null): string | null {
  if (!base) return null;
  try {
    const u = new URL(base);
    return u.href.endsWith('/') ? u.href : `${u.href}/`;
  } catch {
    return null;
  }
}

/** https://github.com/<owner>/<repo> from package.json `repository`, if it is on GitHub. */
function githubRepository(): string | null {
  const repo = packageInfo().repository;
  const url = typeof repo === 'string' ? repo : repo?.url;
  if (!url) return null;
  const short = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(url);
  if (short) return `https://github.com/${short[1]}/${short[2]!.replace(/\.git$/, '')}`;
  const long = /github\.com[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  return long ? `https://github.com/${long[1]}/${long[2]}` : null;
}

function defaultDocsBase(): string | null {
  const env = absoluteBase(process.env.DUNLINT_DOCS_BASE_URI ?? null);
  if (env) return env;
  const gh = githubRepository();
  return gh ? `${gh}/blob/HEAD/` : null;
}

function defaultInformationUri(docsBase: string | null): string {
  const { name, homepage } = packageInfo();
  const candidates = [homepage, githubRepository(), docsBase];
  for (const c of candidates) if (c && absoluteBase(c)) return c;
  return `https://www.npmjs.com/package/${encodeURIComponent(name)}`;
}
