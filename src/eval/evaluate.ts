import type { Linter } from '../linter.js';
import { CATEGORIES, type Category } from '../types.js';
import type { CorpusRecord } from './corpus.js';

export interface CategoryScore {
  category: Category;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  messages: number;
  perCategory: CategoryScore[];
  micro: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number };
  clean: { messages: number; withFindings: number; falseAlarmRate: number };
  /** Per record: what was missed and what was flagged wrongly. */
  errors: { id: string; source: string; missed: Category[]; extra: Category[] }[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Per message and per category, as SPEC defines; `tolerate` counts neither way. */
export function evaluate(linter: Linter, records: CorpusRecord[]): Evaluation {
  const counts = new Map<Category, { tp: number; fp: number; fn: number }>(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  let clean = 0;
  let cleanFlagged = 0;
  const errors: Evaluation['errors'] = [];
  for (const r of records) {
    const result = linter.lint({ text: r.text, channel: r.channel, locale: r.locale, ruleset: r.ruleset, context: r.context });
    const found = new Set(result.findings.map((f) => f.category));
    const expected = new Set(r.expect);
    const tolerated = new Set(r.tolerate ?? []);
    const missed: Category[] = [];
    const extra: Category[] = [];
    for (const c of CATEGORIES) {
      if (tolerated.has(c) && !expected.has(c)) continue;
      const n = counts.get(c)!;
      if (expected.has(c) && found.has(c)) n.tp++;
      else if (expected.has(c)) {
        n.fn++;
        missed.push(c);
      } else if (found.has(c)) {
        n.fp++;
        extra.push(c);
      }
    }
    if (expected.size === 0) {
      clean++;
      if ([...found].some((c) => !tolerated.has(c))) cleanFlagged++;
    }
    if (missed.length || extra.length) errors.push({ id: r.id, source: r.source, missed, extra });
  }
  const perCategory = CATEGORIES.map((category) => {
    const { tp, fp, fn } = counts.get(category)!;
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    return { category, tp, fp, fn, precision, recall, f1: f1(precision, recall) };
  }).filter((s) => s.tp + s.fp + s.fn > 0);
  const tp = perCategory.reduce((a, s) => a + s.tp, 0);
  const fp = perCategory.reduce((a, s) => a + s.fp, 0);
  const fn = perCategory.reduce((a, s) => a + s.fn, 0);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    messages: records.length,
    perCategory,
    micro: { tp, fp, fn, precision, recall, f1: f1(precision, recall) },
    clean: { messages: clean, withFindings: cleanFlagged, falseAlarmRate: ratio(cleanFlagged, clean) },
    errors,
  };
}

export function formatEvaluation(e: Evaluation, title: string): string {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6);
  const rows = e.perCategory.map(
    (s) => `${s.category.padEnd(24)}${String(s.tp).padStart(5)}${String(s.fp).padStart(5)}${String(s.fn).padStart(5)}${pct(s.precision)}${pct(s.recall)}${pct(s.f1)}`,
  );
  return [
    `${title}: ${e.messages} messages`,
    `${'category'.padEnd(24)}${'tp'.padStart(5)}${'fp'.padStart(5)}${'fn'.padStart(5)}${'P%'.padStart(6)}${'R%'.padStart(6)}${'F1%'.padStart(6)}`,
    ...rows,
    `${'micro (overall)'.padEnd(24)}${String(e.micro.tp).padStart(5)}${String(e.micro.fp).padStart(5)}${String(e.micro.fn).padStart(5)}${pct(e.micro.precision)}${pct(e.micro.recall)}${pct(e.micro.f1)}`,
    `clean messages with a finding: ${e.clean.withFindings}/${e.clean.messages} (${(e.clean.falseAlarmRate * 100).toFixed(1)}%)`,
  ].join('\n');
}
