import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { readCorpus, type CorpusRecord } from '../eval/corpus.js';
import { evaluate, formatEvaluation, type Evaluation } from '../eval/evaluate.js';
import type { Linter } from '../linter.js';
import type { LintResult, Message } from '../types.js';
import { UsageError, type CliIo } from './usage.js';

export interface EvalRunOptions {
  dir: string;
  minF1: number;
  maxFalseAlarmRate: number;
  showErrors: boolean;
}

const LANGUAGES = ['zh', 'en'];

/** Score the linter on the labelled corpus, per language folder and overall; exit 1 below the bar. */
export function runEval(linter: Linter, opts: EvalRunOptions, io: CliIo): number {
  const dir = resolve(io.cwd, opts.dir);
  if (!existsSync(dir)) throw new UsageError(`no corpus at ${opts.dir}`);
  const { records, problems } = readCorpus(dir);
  // The overall score re-lints the per-language records: remember results instead.
  const cached = memoize(linter);
  const out: string[] = [];
  if (statSync(dir).isDirectory()) {
    for (const lang of LANGUAGES) {
      const prefix = join(dir, lang) + sep;
      const subset = records.filter((r) => r.source.startsWith(prefix));
      if (subset.length) out.push(formatEvaluation(evaluate(cached, subset), lang), '');
    }
  }
  const overall = evaluate(cached, records);
  out.push(formatEvaluation(overall, 'overall'));
  if (opts.showErrors) out.push('', ...misclassified(overall, records));

  const failures = [...problems.map((p) => `corpus problem: ${p}`), ...thresholdFailures(overall, opts)];
  out.push('', failures.length ? `FAIL\n${failures.map((f) => `  ${f}`).join('\n')}` : 'PASS');
  io.stdout.write(`${out.join('\n')}\n`);
  return failures.length ? 1 : 0;
}

function thresholdFailures(e: Evaluation, opts: EvalRunOptions): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const out: string[] = [];
  if (e.messages === 0) out.push('no records');
  if (e.micro.f1 < opts.minF1) out.push(`micro F1 ${pct(e.micro.f1)} is below ${pct(opts.minF1)}`);
  // With no clean records there is no false-alarm rate to judge (evaluate reports 100%).
  if (e.clean.messages > 0 && e.clean.falseAlarmRate > opts.maxFalseAlarmRate)
    out.push(`clean false-alarm rate ${pct(e.clean.falseAlarmRate)} is above ${pct(opts.maxFalseAlarmRate)}`);
  return out;
}

function misclassified(e: Evaluation, records: CorpusRecord[]): string[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  return e.errors.map((x) => {
    const parts = [x.missed.length ? `missed ${x.missed.join(', ')}` : '', x.extra.length ? `extra ${x.extra.join(', ')}` : ''].filter(Boolean);
    return `${x.source} ${x.id}: ${parts.join('; ')}\n    ${byId.get(x.id)?.text ?? ''}`;
  });
}

function memoize(linter: Linter): Linter {
  const cache = new Map<string, LintResult>();
  return {
    ...linter,
    lint(message: Message) {
      const key = JSON.stringify([message.text, message.channel, message.locale, message.ruleset, message.context]);
      let r = cache.get(key);
      if (!r) cache.set(key, (r = linter.lint(message)));
      return r;
    },
  };
}
