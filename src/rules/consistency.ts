import type { ConsistencyRule } from '../rulesets/model.js';
import type { RuleKind, RawFinding } from './kind.js';

/** Amounts that are not the debt itself: a minimum payment, an instalment, a discount. */
const PARTIAL_AMOUNT = /(最低|至少|减免|优惠|分期|每期|每月|首期|首付|手续费|利息|罚息|违约金|本金|已还|已支付|减少|节省|立减|minimum|at least|instal+ment|monthly|per month|a month|discount|save|waive|settle(?:ment)? for|offer|interest|fee|principal|paid|credit of|down payment|first payment)[^。！？.!?\n]{0,12}$/;
/** Words that make a qualified amount the total after all (本金及利息合计, total of). */
const TOTAL_WORDS = /合计|共计|总计|一共|总额|总欠款|in total|total of|totaling|totalling|\btotal\b/;
/** A labelled due date: "Original payment due date: April 18, 2025" / 最后还款日：2026年12月8日. */
const DUE_LABEL = /(?:due date|payment due|date due|还款日|到期日|最后还款日|应还款日)[^:\n]{0,8}:\s*$/;
/** Words that make a nearby date a deadline to pay by. */
const DEADLINE_WORDS = /(\bby\b|\bbefore\b|no later than|\buntil\b|请于|须于|务必于|之前|以前|前还|前缴|前支付|前处理|前结清)/;
/** Words that make a nearby date the due date (not a new deadline). */
const DUE_WORDS = /(到期日?|还款日|应还款日|最后还款日|账单日|应还日|于[^，。]{0,12}到期|due date|was due|were due|payment due|due on|came due|fell due|due since|\bdue\b)/;

/**
 * A stated amount or due date that contradicts `context.amountDue` /
 * `context.dueDate` misrepresents the debt (deception).
 */
export const consistency: RuleKind<ConsistencyRule> = {
  kind: 'consistency',
  meta: { description: 'Flags a stated amount or due date that contradicts the context.' },
  create(rule) {
    return (doc) => {
      const out: RawFinding[] = [];
      if (rule.check === 'amount') {
        const due = doc.context.amountDue;
        if (typeof due !== 'number' || !Number.isFinite(due)) return out;
        const currency = typeof doc.context.currency === 'string' ? doc.context.currency.toUpperCase() : null;
        const amounts = doc.money.filter((m) => m.currency === null || currency === null || m.currency === currency);
        if (amounts.some((m) => Math.abs(m.value - due) < 0.01)) return out;
        for (const m of amounts) {
          // The qualifier must be in the same clause: 分期借款已逾期6天，欠款3,800元 states the whole debt.
          const before = doc.text.slice(Math.max(0, m.start - 16), m.start).split(/[，,。；;！!？?\n]/).pop()!;
          // ...but 本金及利息合计 / "principal and interest total" states the whole debt.
          if (PARTIAL_AMOUNT.test(before) && !TOTAL_WORDS.test(before)) continue;
          out.push({ start: m.start, end: m.end, space: 'norm' });
        }
        return out;
      }
      const dueDate = doc.context.dueDate;
      if (typeof dueDate !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(dueDate)) return out;
      const day = dueDate.slice(0, 10);
      for (const d of doc.dates) {
        if (!d.iso || d.iso === day) continue;
        const around = doc.text.slice(Math.max(doc.clauseStart(d.start), d.start - 14), Math.min(doc.clauseEnd(d.end), d.end + 10));
        // A later pay-by date is a new deadline; one before the real due date demands money not yet due.
        // The clause stops at a colon, so a label in front of the date is read on its own.
        const label = doc.text.slice(Math.max(0, d.start - 40), d.start);
        if (DUE_WORDS.test(around) || DUE_LABEL.test(label) || (d.iso < day && DEADLINE_WORDS.test(around))) out.push({ start: d.start, end: d.end, space: 'norm' });
      }
      return out;
    };
  },
};
