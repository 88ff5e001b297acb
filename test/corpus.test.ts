import { describe, expect, it } from 'vitest';
import { createLinter } from '../src/index.js';
import { readCorpus } from '../src/eval/corpus.js';
import { evaluate, formatEvaluation } from '../src/eval/evaluate.js';

/** The evaluation gate: overall micro-F1 ≥ 0.95 and clean false alarms ≤ 3% on the labelled corpus. */
describe('labelled corpus', () => {
  const { records, problems } = readCorpus('corpus');
  it('parses, with enough records per language and category', () => {
    expect(problems).toEqual([]);
    for (const locale of ['zh', 'en']) {
      const mine = records.filter((r) => r.locale === locale);
      expect(mine.length).toBeGreaterThanOrEqual(400);
      expect(mine.filter((r) => r.expect.length === 0).length / mine.length).toBeGreaterThanOrEqual(0.4);
      for (const c of ['threat', 'insult', 'third-party-disclosure', 'deception', 'privacy', 'missing-amount', 'missing-due-date', 'missing-identity', 'missing-opt-out']) {
        expect(mine.filter((r) => r.expect.includes(c as never)).length, `${locale} ${c}`).toBeGreaterThanOrEqual(25);
      }
    }
  });
  it('meets the evaluation gate', () => {
    const e = evaluate(createLinter(), records);
    const report = formatEvaluation(e, 'corpus');
    expect(e.micro.f1, report).toBeGreaterThanOrEqual(0.95);
    expect(e.clean.falseAlarmRate, report).toBeLessThanOrEqual(0.03);
  });
});
