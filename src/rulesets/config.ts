import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Channel, Severity } from '../types.js';
import { ConfigError } from './errors.js';
import { checkRule, PACKAGE_ROOT, rulesetSchema } from './load.js';
import type { RuleDefinition, RulesetDefinition, Vocabulary } from './model.js';
import { isValidZone } from '../policy/zoned-time.js';
import { readDataFile, validateData, type DataFile } from './read-data.js';

/** Contact-policy parameters a config may replace, by the rule kind that owns them. */
const POLICY_PARAMS: Record<string, string[]> = {
  'contact-hours': ['windows'],
  'contact-calendar': ['holiday', 'weekend', 'years'],
  'contact-stage': ['stages'],
  'contact-frequency': ['limit', 'period'],
  'contact-quiet-period': ['duration'],
};

type RuleOverride =
  | 'off'
  | Severity
  | ({ severity?: 'off' | Severity; channels?: Channel[]; terms?: string[]; patterns?: string[]; unless?: string[] } & Record<string, unknown>);

/** A user's dunlint.config.{json,yaml}: extends the rulesets it selects. */
export interface UserConfig {
  ruleset?: string;
  /** Recipient zone for the contact policy when context.timezone is absent. */
  timezone?: string;
  rulesets?: { zh?: string; en?: string };
  settings?: { gatewayAddsSignature?: boolean };
  rules?: Record<string, RuleOverride>;
  addRules?: RuleDefinition[];
  placeholders?: Record<string, string[]>;
  vocabulary?: Partial<Vocabulary>;
  /** Per-file message fields by glob (ESLint-style `overrides`). */
  overrides?: FileOverride[];
  /** gitignore-style patterns of files not to lint (added to .dunlintignore). */
  ignorePatterns?: string[];
  /** Extra extensions mapped to a format name. */
  formats?: Record<string, string>;
  lintRepositoryDocs?: boolean;
  lintHiddenText?: boolean;
}

export interface FileOverride {
  files: string | string[];
  channel?: Channel;
  locale?: 'zh' | 'en';
  ruleset?: string;
  context?: Record<string, unknown>;
}

export interface LoadedConfig {
  config: UserConfig;
  /** File it came from (null for an inline config); paths in it resolve from its folder. */
  file: string | null;
}

export const CONFIG_NAMES = ['dunlint.config.json', 'dunlint.config.yaml', 'dunlint.config.yml', '.dunlintrc.json', '.dunlintrc.yaml'];

/** The nearest config file at or above `dir`, like ESLint's. */
export function findConfigFile(dir: string): string | null {
  let d = resolve(dir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const f = join(d, name);
      if (existsSync(f)) return f;
    }
    const up = dirname(d);
    if (up === d) return null;
    d = up;
  }
}

let configSchema: object | null = null;

export function readConfigFile(file: string): LoadedConfig {
  configSchema ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, 'rulesets', 'config.schema.json'), 'utf8')) as object;
  const df = readDataFile(file);
  validateData(configSchema, df);
  const config = df.data as UserConfig;
  validateAddedRules(config, df);
  validateTimezone(config, df);
  return { config, file };
}

/** Validate an inline config (from the API) the same way as a file. */
export function checkConfig(config: unknown, name = '<config>'): LoadedConfig {
  configSchema ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, 'rulesets', 'config.schema.json'), 'utf8')) as object;
  const df: DataFile = { file: name, data: config, lineOf: () => undefined };
  validateData(configSchema, df);
  validateAddedRules(config as UserConfig, df);
  validateTimezone(config as UserConfig, df);
  return { config: config as UserConfig, file: null };
}

function validateTimezone(config: UserConfig, df: DataFile): void {
  if (config.timezone !== undefined && !isValidZone(config.timezone)) {
    throw new ConfigError(df.file, '/timezone', `unknown IANA time zone "${config.timezone}"`, df.lineOf('/timezone'));
  }
}

function validateAddedRules(config: UserConfig, df: DataFile): void {
  (config.addRules ?? []).forEach((rule, i) => {
    const sub: DataFile = { file: df.file, data: { rules: [rule] }, lineOf: (p) => df.lineOf(p.replace(/^\/rules\/0/, `/addRules/${i}`)) };
    try {
      validateData(rulesetSchema(), sub);
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigError(df.file, e.pointer.replace(/^\/rules\/0/, `/addRules/${i}`), e.detail, e.line);
      throw e;
    }
    checkRule(rule, df.file, `/addRules/${i}`, df.lineOf);
  });
}

/** Apply a config to a ruleset definition (a copy): severities, switches, added terms and rules. */
export function applyConfig(def: RulesetDefinition, loaded: LoadedConfig): RulesetDefinition {
  const { config } = loaded;
  const out = structuredClone(def);
  Object.assign(out.settings, config.settings ?? {});
  if (config.timezone) out.timezone = config.timezone;
  for (const [meaning, names] of Object.entries(config.placeholders ?? {})) out.placeholders[meaning] = [...(out.placeholders[meaning] ?? []), ...names];
  for (const [k, v] of Object.entries(config.vocabulary ?? {})) {
    const key = k as keyof Vocabulary;
    out.vocabulary[key] = [...(out.vocabulary[key] ?? []), ...(v ?? [])];
  }
  for (const rule of config.addRules ?? []) {
    out.rules = out.rules.filter((r) => r.id !== rule.id);
    out.rules.push(structuredClone(rule));
    out.sources[rule.id] = loaded.file ?? '<config>';
  }
  for (const [key, override] of Object.entries(config.rules ?? {})) {
    // A key is a rule id or a whole category.
    const targets = out.rules.filter((r) => r.id === key || r.category === key);
    for (const rule of targets) {
      applyOverride(rule, override);
      if (POLICY_PARAMS[rule.kind] && typeof override === 'object') checkOverriddenRule(rule, key, loaded);
    }
  }
  return out;
}

/** A policy override can break a rule (a window that ends before it starts): check the result, pointing at the config. */
function checkOverriddenRule(rule: RuleDefinition, key: string, loaded: LoadedConfig): void {
  const file = loaded.file ?? '<config>';
  const at = (p: string) => p.replace(/^\/rules\/0/, `/rules/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  try {
    validateData(rulesetSchema(), { file, data: { rules: [rule] }, lineOf: () => undefined });
    checkRule(rule, file, '/rules/0', () => undefined);
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(file, at(e.pointer), e.detail, e.line);
    throw e;
  }
}

function applyOverride(rule: RuleDefinition, override: RuleOverride): void {
  const o = typeof override === 'string' ? { severity: override } : override;
  if (o.severity === 'off') rule.enabled = false;
  else if (o.severity) {
    rule.severity = o.severity;
    rule.enabled = true;
  }
  const target = rule as unknown as Record<string, unknown>;
  if (o.channels && (rule.kind === 'requirement' || rule.kind.startsWith('contact-'))) target.channels = o.channels;
  for (const param of POLICY_PARAMS[rule.kind] ?? []) {
    if (o[param] === undefined) continue;
    // A year's schedule adds to the ruleset's years; everything else replaces.
    target[param] = param === 'years' ? { ...(target.years as object), ...(o.years as object) } : structuredClone(o[param]);
  }
  if (rule.kind === 'lexicon' || rule.kind === 'disclosure') {
    if (o.terms) rule.terms = [...(rule.terms ?? []), ...o.terms];
    if (o.patterns) rule.patterns = [...(rule.patterns ?? []), ...o.patterns];
  }
  if (o.unless && rule.kind === 'lexicon') rule.unless = [...(rule.unless ?? []), ...o.unless];
}
