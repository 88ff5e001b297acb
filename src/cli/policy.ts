import { verdictOf, type Linter } from '../linter.js';
import type { Channel, Locale, MessageContext } from '../types.js';
import { UsageError, type CliIo } from './usage.js';

export interface PolicyOptions {
  context: MessageContext;
  channel?: Channel;
  locale?: Locale;
  ruleset?: string;
  format: 'stylish' | 'json';
}

/**
 * `dunlint policy`: judge a planned send by the contact policy alone (no text):
 * verdict, the timing findings and nextAllowedAt, for a scheduler to act on.
 * Exit 0 when the send may go (warnings included), 1 when it must not, or when the context is bad.
 */
export function runPolicy(linter: Linter, opts: PolicyOptions, io: CliIo): number {
  if (opts.context.sendAt === undefined && opts.context.daysPastDue === undefined && opts.context.optedOut === undefined && opts.context.ceaseCommunication === undefined) {
    throw new UsageError('policy: --context needs at least one of sendAt, daysPastDue, optedOut, ceaseCommunication');
  }
  const result = linter.lint({ text: '', channel: opts.channel, locale: opts.locale ?? 'zh', ruleset: opts.ruleset, context: opts.context });
  const findings = result.findings.filter((f) => f.category === 'contact-timing');
  const nextAllowedAt = findings.length > 0 ? (result.nextAllowedAt ?? null) : null;
  const verdict = verdictOf(findings);
  const contextErrors = result.contextErrors ?? [];
  if (opts.format === 'json') {
    const out = {
      verdict,
      sendAt: opts.context.sendAt ?? null,
      nextAllowedAt,
      ruleset: result.ruleset,
      channel: result.channel,
      findings: findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, citation: f.citation })),
      contextErrors,
    };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const lines = [`${verdict}  (${result.ruleset}${result.channel ? `, ${result.channel}` : ''})`];
    for (const e of contextErrors) lines.push(`  error    bad context ${e.pointer}: ${e.message}`);
    for (const f of findings) lines.push(`  ${f.severity.padEnd(7)}  ${f.message}  ${f.ruleId}`);
    if (findings.length > 0) lines.push(`next allowed: ${nextAllowedAt ?? 'none by waiting (stage, opt-out or an uncovered calendar year)'}`);
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return verdict === 'block' || contextErrors.length > 0 ? 1 : 0;
}
