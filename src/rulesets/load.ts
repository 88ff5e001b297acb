import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_KINDS } from '../rules/index.js';
import { trustPatterns } from '../rules/patterns.js';
import { ConfigError } from './errors.js';
import type { RuleDefinition, RulesetDefinition, Vocabulary } from './model.js';
import { readDataFile, validateData } from './read-data.js';

/** The package root: the folder that holds rulesets/schema.json (works from src/ and dist/src/). */
export const PACKAGE_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'rulesets', 'schema.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('dunlint: cannot find rulesets/schema.json');
    dir = up;
  }
  return dir;
})();

export const BUILTIN_RULESETS = ['cn', 'us'] as const;

let schemaCache: object | null = null;
export function rulesetSchema(): object {
  schemaCache ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, 'rulesets', 'schema.json'), 'utf8')) as object;
  return schemaCache;
}

const DATA_FILE = /\.(ya?ml|json)$/;

/** Resolve a ruleset name or path to its files (a folder's files merge in name order). */
export function rulesetFiles(nameOrPath: string, baseDir = process.cwd()): string[] {
  const builtin = (BUILTIN_RULESETS as readonly string[]).includes(nameOrPath);
  const target = builtin ? join(PACKAGE_ROOT, 'rulesets', nameOrPath) : resolve(baseDir, nameOrPath);
  if (!existsSync(target)) throw new ConfigError(nameOrPath, '', `no such ruleset (built-in: ${BUILTIN_RULESETS.join(', ')})`);
  if (statSync(target).isDirectory()) {
    return readdirSync(target)
      .filter((f) => DATA_FILE.test(f))
      .sort()
      .map((f) => join(target, f));
  }
  return [target];
}

const cache = new Map<string, RulesetDefinition>();

/** Forget loaded ruleset files, so the next linter reads them again (the server's SIGHUP reload). */
export function clearRulesetCache(): void {
  cache.clear();
}

export function loadRuleset(nameOrPath: string, baseDir = process.cwd()): RulesetDefinition {
  const files = rulesetFiles(nameOrPath, baseDir);
  const builtin = (BUILTIN_RULESETS as readonly string[]).includes(nameOrPath);
  const key = files.join('\0');
  const cached = cache.get(key);
  if (cached) return structuredClone(cached);
  const def: RulesetDefinition = {
    name: basename(nameOrPath).replace(DATA_FILE, ''),
    locale: 'zh',
    description: '',
    settings: {},
    placeholders: {},
    vocabulary: emptyVocabulary(),
    rules: [],
    sources: {},
  };
  let localeSet = false;
  for (const file of files) {
    const df = readDataFile(file);
    validateData(rulesetSchema(), df);
    const part = df.data as Partial<RulesetDefinition> & { rules?: RuleDefinition[] };
    if (part.name) def.name = part.name;
    if (part.locale) {
      def.locale = part.locale;
      localeSet = true;
    }
    if (part.description) def.description = part.description;
    if (part.timezone) def.timezone = part.timezone;
    Object.assign(def.settings, part.settings ?? {});
    mergeLists(def.placeholders, part.placeholders ?? {});
    mergeLists(def.vocabulary as unknown as Record<string, string[]>, (part.vocabulary ?? {}) as Record<string, string[]>);
    (part.rules ?? []).forEach((rule, i) => {
      const pointer = `/rules/${i}`;
      if (def.sources[rule.id]) {
        throw new ConfigError(file, `${pointer}/id`, `duplicate rule id "${rule.id}" (also in ${def.sources[rule.id]})`, df.lineOf(`${pointer}/id`));
      }
      checkRule(rule, file, pointer, df.lineOf);
      if (builtin) trustPatterns(rulePatterns(rule));
      def.sources[rule.id] = file;
      def.rules.push(rule);
    });
  }
  if (!localeSet) throw new ConfigError(files[0] ?? nameOrPath, '/locale', 'a ruleset must declare its locale (zh or en)');
  cache.set(key, def);
  return structuredClone(def);
}

/** Checks the schema cannot express: the id's category prefix, kind-specific validation (RE2 syntax). */
export function checkRule(rule: RuleDefinition, file: string, pointer: string, lineOf: (p: string) => number | undefined): void {
  if (!rule.id.startsWith(`${rule.category}/`)) {
    throw new ConfigError(file, `${pointer}/id`, `rule id must start with its category "${rule.category}/"`, lineOf(`${pointer}/id`));
  }
  const kind = RULE_KINDS[rule.kind];
  for (const [suffix, message] of kind.validate?.(rule) ?? []) {
    throw new ConfigError(file, pointer + suffix, message, lineOf(pointer + suffix));
  }
}

function rulePatterns(rule: RuleDefinition): string[] {
  return 'patterns' in rule && Array.isArray(rule.patterns) ? rule.patterns : [];
}

function mergeLists(into: Record<string, string[]>, from: Record<string, string[]>): void {
  for (const [k, v] of Object.entries(from)) into[k] = [...(into[k] ?? []), ...v];
}

export function emptyVocabulary(): Vocabulary {
  return {
    payment: [], exempt: [], stillOwed: [], marketing: [], optOut: [], collectorDisclosure: [],
    neutralSignatureWords: [], institutionSuffixes: [], negators: [], scopeBreakers: [],
  };
}
