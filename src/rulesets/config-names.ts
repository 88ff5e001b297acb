import { CATEGORIES } from '../types.js';
import { ConfigError } from './errors.js';
import type { LoadedConfig } from './config.js';
import { loadRuleset } from './load.js';
import type { RulesetDefinition } from './model.js';

const BUILTIN = ['cn', 'us'];
const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Names a config refers to must exist: the rulesets it selects, and the rule ids or
 * categories it configures. A typo (`threat/arrest-or-seizur: off`) would otherwise
 * switch nothing off and say nothing, so it is a config error with the nearest name.
 */
export function checkConfigNames(loaded: LoadedConfig, baseDir: string): void {
  const { config } = loaded;
  const file = loaded.file ?? '<config>';
  const selected: [string, string][] = [];
  if (config.ruleset) selected.push(['/ruleset', config.ruleset]);
  for (const [locale, name] of Object.entries(config.rulesets ?? {})) if (name) selected.push([`/rulesets/${locale}`, name]);
  const keys = Object.keys(config.rules ?? {});
  // The built-in rulesets are read only to check rule names; most configs name none.
  const defs: RulesetDefinition[] = [];
  for (const name of new Set([...(keys.length ? BUILTIN : []), ...selected.map(([, n]) => n)])) {
    try {
      defs.push(loadRuleset(name, baseDir));
    } catch (e) {
      const at = selected.find(([, n]) => n === name);
      if (!at) throw e;
      throw new ConfigError(file, at[0], `cannot load ruleset "${name}": ${e instanceof ConfigError ? e.detail : (e as Error).message}`);
    }
  }
  if (keys.length === 0) return;
  const known = new Set<string>([...CATEGORIES, ...defs.flatMap((d) => d.rules.map((r) => r.id)), ...(config.addRules ?? []).map((r) => r.id)]);
  for (const key of keys) {
    if (known.has(key)) continue;
    const near = nearest(key, [...known]);
    throw new ConfigError(file, `/rules/${escape(key)}`, `no rule or category is called "${key}"${near ? ` (did you mean "${near}"?)` : ''}`);
  }
}

/** The known name within a few edits of `s`, if any. */
function nearest(s: string, names: string[]): string | null {
  let best: string | null = null;
  let bestD = Math.max(3, Math.floor(s.length / 4)) + 1;
  for (const n of names) {
    const d = distance(s, n);
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
