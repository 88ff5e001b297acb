import { createLinter, type Linter } from '../linter.js';
import { clearRulesetCache } from '../rulesets/load.js';
import type { CompiledRuleset } from '../rulesets/compile.js';
import { ConfigError } from '../rulesets/errors.js';
import { BUILTIN_RULESETS } from '../rulesets/load.js';
import { durationMs } from '../rules/timing/shared.js';
import { KeyStore } from './auth.js';
import { rulesetHash } from './ruleset-hash.js';
import { requestValidators, type Validator } from './schemas.js';
import { loadServerConfig, type ServeOptions, type ServerSettings } from './settings.js';

const DAY = 86_400_000;

export interface RulesetInfo {
  /** The ruleset's own name (what results report). */
  name: string;
  compiled: CompiledRuleset;
  hash: string;
}

/**
 * Everything a request reads that a reload may change: built whole, then
 * swapped in one assignment, so a request sees either the old or the new
 * configuration, never a mix.
 */
export interface Runtime {
  generation: number;
  linter: Linter;
  settings: ServerSettings;
  keys: KeyStore;
  validators: { check: Validator; batch: Validator; contact: Validator };
  /** Ruleset names a request may ask for (built-in and configured) → their info. */
  requestable: Map<string, RulesetInfo>;
  /** By the ruleset's own name, for results. */
  byName: Map<string, RulesetInfo>;
  /** How far back the ledger must read for every timing rule to see what it counts. */
  lookbackMs: number;
}

/** `warm: false` skips loading the segmenter (a cluster primary only validates; its workers serve). */
export function buildRuntime(opts: ServeOptions, generation: number, warm = true): Runtime {
  // A reload must see edited ruleset files, not the copies loaded at start.
  if (generation > 0) clearRulesetCache();
  const loaded = loadServerConfig(opts);
  let linter: Linter;
  try {
    linter = loaded.linterConfig ? createLinter({ config: loaded.linterConfig, cwd: loaded.baseDir }) : createLinter({ cwd: opts.cwd });
    if (warm) linter.warm();
  } catch (e) {
    // An inline config's errors say "<config>": name the file.
    if (e instanceof ConfigError && e.file === '<config>' && loaded.file) throw new ConfigError(loaded.file, e.pointer, e.detail, e.line);
    throw e;
  }
  const cfg = loaded.linterConfig;
  const names = new Set<string>([...BUILTIN_RULESETS, ...[cfg?.ruleset, cfg?.rulesets?.zh, cfg?.rulesets?.en].filter((n): n is string => !!n)]);
  const requestable = new Map<string, RulesetInfo>();
  const byName = new Map<string, RulesetInfo>();
  let lookbackMs = 2 * DAY;
  for (const n of names) {
    const compiled = linter.ruleset(n);
    const info = { name: compiled.name, compiled, hash: rulesetHash(compiled.definition) };
    requestable.set(n, info);
    byName.set(info.name, info);
    lookbackMs = Math.max(lookbackMs, timingLookback(compiled));
  }
  return {
    generation,
    linter,
    settings: loaded.settings,
    keys: new KeyStore(loaded.settings.keys),
    validators: requestValidators(loaded.settings.limits),
    requestable,
    byName,
    lookbackMs: lookbackMs + DAY,
  };
}

/** The longest period any enabled timing rule looks back over (a calendar day is at most two days in any zone). */
function timingLookback(rs: CompiledRuleset): number {
  let ms = 0;
  for (const r of rs.rules) {
    const def = r.def;
    if (def.kind === 'contact-frequency') ms = Math.max(ms, def.period === 'calendar-day' ? 2 * DAY : durationMs(def.period));
    if (def.kind === 'contact-quiet-period') ms = Math.max(ms, durationMs(def.duration));
  }
  return ms;
}
