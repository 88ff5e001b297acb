import type { Linter } from '../linter.js';
import type { RuleDefinition, RuleExample } from '../rulesets/model.js';

export interface SelfTestResult {
  ok: boolean;
  report: string;
}

/**
 * Check every enabled rule against its own examples, like ESLint's RuleTester but
 * driven by the data: each `flag` example must produce a finding with the rule's id,
 * each `pass` example must not, and every rule needs at least one of each.
 */
export function selfTest(linter: Linter, rulesetNames: string[]): SelfTestResult {
  const failures: string[] = [];
  let rules = 0;
  let examples = 0;

  for (const name of rulesetNames) {
    let defs: RuleDefinition[];
    try {
      defs = linter.ruleset(name).definition.rules;
    } catch (e) {
      failures.push(`${name}: cannot load ruleset: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    for (const rule of defs) {
      if (rule.enabled === false) continue;
      rules++;
      const flag = rule.examples?.flag ?? [];
      const pass = rule.examples?.pass ?? [];
      if (flag.length === 0) failures.push(`${name} ${rule.id}: no flag example`);
      if (pass.length === 0) failures.push(`${name} ${rule.id}: no pass example`);

      const check = (example: RuleExample, index: number, expectFlag: boolean): void => {
        examples++;
        const { text, channel, context } = typeof example === 'string' ? { text: example, channel: undefined, context: undefined } : example;
        const label = `${expectFlag ? 'flag' : 'pass'} example ${index + 1}`;
        let hit: boolean;
        let others: string[] = [];
        try {
          const result = linter.lint({ text, channel, context, ruleset: name });
          hit = result.findings.some((f) => f.ruleId === rule.id);
          others = [...new Set(result.findings.map((f) => f.ruleId).filter((id) => id !== rule.id))];
        } catch (e) {
          failures.push(`${name} ${rule.id}: ${label} threw ${e instanceof Error ? e.message : String(e)}: ${quote(text)}`);
          return;
        }
        if (expectFlag && !hit) {
          const note = others.length ? ` (found instead: ${others.join(', ')})` : '';
          failures.push(`${name} ${rule.id}: ${label} not flagged: ${quote(text)}${describe(channel, context)}${note}`);
        } else if (!expectFlag && hit) {
          failures.push(`${name} ${rule.id}: ${label} flagged: ${quote(text)}${describe(channel, context)}`);
        }
      };
      flag.forEach((ex, i) => check(ex, i, true));
      pass.forEach((ex, i) => check(ex, i, false));
    }
  }

  const summary = `${rules} rules, ${examples} examples checked`;
  const report = failures.length
    ? `${failures.length} failure${failures.length === 1 ? '' : 's'}:\n${failures.map((f) => `  ${f}`).join('\n')}\n${summary}`
    : summary;
  return { ok: failures.length === 0, report };
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function describe(channel: string | undefined, context: object | undefined): string {
  const parts: string[] = [];
  if (channel) parts.push(`channel ${channel}`);
  if (context && Object.keys(context).length) parts.push(`context ${JSON.stringify(context)}`);
  return parts.length ? ` [${parts.join(', ')}]` : '';
}
