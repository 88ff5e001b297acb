import { Document } from './document.js';
import { readSendFacts } from './policy/context.js';
import { nextAllowedAt } from './policy/next-allowed.js';
import { isoInZone } from './policy/zoned-time.js';
import type { RawFinding } from './rules/kind.js';
import { CompiledRuleset } from './rulesets/compile.js';
import { checkConfigNames } from './rulesets/config-names.js';
import { applyConfig, findConfigFile, readConfigFile, checkConfig, type LoadedConfig, type UserConfig } from './rulesets/config.js';
import { loadRuleset } from './rulesets/load.js';
import type { RuleDefinition } from './rulesets/model.js';
import { dominantLocale } from './text/language.js';
import { toOriginal } from './text/normalize.js';
import { LineIndex } from './text/positions.js';
import { warmSegmenter } from './text/segmenter.js';
import { CHANNELS, type Channel, type Finding, type LintResult, type Locale, type Message, type Verdict } from './types.js';

export interface LinterOptions {
  /** A config object, or the path of a config file. */
  config?: UserConfig | string;
  /** Where relative ruleset paths resolve and where config discovery starts. */
  cwd?: string;
  /** Look for dunlint.config.* upward from `cwd` when no config is given (default false for the API). */
  discoverConfig?: boolean;
}

export interface Linter {
  lint(message: Message): LintResult;
  /** The compiled ruleset a message would use (for rule listings and docs). */
  ruleset(name: string): CompiledRuleset;
  /** Pay start-up costs (segmenter dictionary) now rather than on the first message that needs them. */
  warm(): void;
  /** The user config in effect (file and contents), or null; the CLI reads its file-level settings (overrides, ignorePatterns). */
  readonly config: LoadedConfig | null;
}

const DEFAULT_RULESET: Record<Locale, string> = { zh: 'cn', en: 'us' };
/** Rule kinds that read content only, so they also run for the other script of a mixed message. */
const CONTENT_KINDS = new Set<RuleDefinition['kind']>(['lexicon', 'privacy']);

export function createLinter(options: LinterOptions = {}): Linter {
  const cwd = options.cwd ?? process.cwd();
  const loaded = resolveConfig(options, cwd);
  const compiled = new Map<string, CompiledRuleset>();
  const baseDir = loaded?.file ? dirnameOf(loaded.file) : cwd;
  if (loaded) checkConfigNames(loaded, baseDir);

  function ruleset(name: string): CompiledRuleset {
    let rs = compiled.get(name);
    if (!rs) {
      let def = loadRuleset(name, baseDir);
      if (loaded) def = applyConfig(def, loaded);
      rs = new CompiledRuleset(def);
      compiled.set(name, rs);
    }
    return rs;
  }

  function rulesetFor(locale: Locale, requested: string | undefined): string {
    return requested ?? loaded?.config.ruleset ?? loaded?.config.rulesets?.[locale] ?? DEFAULT_RULESET[locale];
  }

  function lint(message: Message): LintResult {
    if (typeof message?.text !== 'string') throw new TypeError('message.text must be a string');
    const channel: Channel | null = message.channel && (CHANNELS as readonly string[]).includes(message.channel) ? message.channel : null;
    const context = message.context && typeof message.context === 'object' ? message.context : {};
    // Placeholder names come from the primary ruleset, which depends on the locale: detect first with defaults.
    const probe = ruleset(rulesetFor(message.locale ?? 'zh', message.ruleset));
    let doc = new Document(message.text, channel, context, probe.definition.placeholders);
    const locale: Locale = message.locale ?? (doc.language === 'mixed' ? dominantLocale(doc.text) : doc.language);
    const primary = ruleset(rulesetFor(locale, message.ruleset));
    if (primary !== probe) doc = new Document(message.text, channel, context, primary.definition.placeholders);

    const { facts, problems } = readSendFacts(message.context, channel, primary.timezone);
    doc.send = facts;

    const raw = primary.run(doc);
    // Content rules of the other language run whenever its script is present (mixed or code-switched text).
    if (!message.ruleset && hasOtherScript(doc.text, locale)) {
      const other = ruleset(rulesetFor(locale === 'zh' ? 'en' : 'zh', undefined));
      if (other !== primary) raw.push(...other.run(doc, (r) => CONTENT_KINDS.has(r.kind)));
    }
    const findings = toFindings(doc, raw, locale);
    const result: LintResult = { verdict: verdictOf(findings), findings, locale, channel, ruleset: primary.name };
    if (findings.some((f) => f.category === 'contact-timing')) {
      const next = nextAllowedAt(primary.timingChecks, facts, doc);
      result.nextAllowedAt = next === null ? null : isoInZone(next, facts.zone);
      for (const f of findings) if (f.category === 'contact-timing') f.nextAllowedAt = result.nextAllowedAt;
    }
    if (problems.length > 0) result.contextErrors = problems;
    return result;
  }

  return {
    lint,
    ruleset,
    config: loaded,
    warm() {
      ruleset('cn');
      ruleset('us');
      warmSegmenter();
    },
  };
}

function hasOtherScript(text: string, locale: Locale): boolean {
  return locale === 'zh' ? /[a-z]{3,}/.test(text) : /[\u4e00-\u9fff]/.test(text);
}

function resolveConfig(options: LinterOptions, cwd: string): LoadedConfig | null {
  if (typeof options.config === 'string') return readConfigFile(options.config);
  if (options.config) return checkConfig(options.config);
  if (options.discoverConfig) {
    const file = findConfigFile(cwd);
    return file ? readConfigFile(file) : null;
  }
  return null;
}

function dirnameOf(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i >= 0 ? file.slice(0, i) : '.';
}

function toFindings(doc: Document, raw: { rule: RuleDefinition; raw: RawFinding }[], locale: Locale): Finding[] {
  if (raw.length === 0) return [];
  const lines = new LineIndex(doc.original);
  const spans = raw.map(({ rule, raw: r }) => {
    const span = r.space === 'orig' ? { start: r.start, end: r.end } : toOriginal(doc.normalized, r.start, r.end);
    return { rule, ...span, detail: r.detail, severity: r.severity };
  });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof spans = [];
  for (const s of spans) {
    // One finding per rule per place, and one per category for the same span.
    const dup = kept.some(
      (k) =>
        (k.rule.id === s.rule.id && s.start < k.end && k.start < s.end) ||
        // Timing findings all sit at offset 0 and each states a different fact: keep them all.
        (!s.detail && k.rule.category === s.rule.category && k.start === s.start && k.end === s.end),
    );
    if (!dup) kept.push(s);
  }
  return kept.map(({ rule, start, end, detail, severity }) => {
    // Timing findings state their fact first: "22:30 in Asia/Shanghai is outside 08:00–22:00. <explanation>"
    const messages = detail ? { zh: `${detail.zh}${rule.message.zh}`, en: `${detail.en} ${rule.message.en}` } : rule.message;
    return {
      ruleId: rule.id,
      category: rule.category,
      severity: severity ?? rule.severity,
      message: messages[locale],
      messages,
      start: lines.position(start),
      end: lines.position(end),
      excerpt: doc.original.slice(start, end),
      citation: rule.citation,
      suggestion: rule.suggestion ? rule.suggestion[locale] : null,
    };
  });
}

export function verdictOf(findings: Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'block';
  return findings.length > 0 ? 'review' : 'allow';
}
