import type { ContactStageRule } from '../../rulesets/model.js';
import { appliesTo, timingKind } from './shared.js';

/** Channels allowed at each stage of days past due; the stage does not change by waiting, so there is no retry time. */
export const contactStage = timingKind<ContactStageRule>(
  'contact-stage',
  'Each stage of days past due allows only some channels (early: SMS, push, phone; email and letters later).',
  (rule) => (send) => {
    if (send.daysPastDue === null || send.channel === null || !appliesTo(rule.channels, send.channel)) return null;
    const d = send.daysPastDue;
    const stage = rule.stages.find((s) => d >= s.from && (s.to === undefined || d <= s.to));
    if (!stage || stage.channels.includes(send.channel)) return null;
    const later = rule.stages.filter((s) => s.from > d && s.channels.includes(send.channel!)).sort((a, b) => a.from - b.from)[0];
    const range = stage.to === undefined ? `${stage.from}+` : `${stage.from}–${stage.to}`;
    return {
      retryAt: null,
      detail: {
        zh: `逾期第 ${d} 天处于“${stage.name}”阶段（第 ${range} 天），该阶段只允许 ${stage.channels.join('、')}，不含 ${send.channel}${later ? `；从第 ${later.from} 天起可用` : ''}。`,
        en: `Day ${d} past due is in the ${stage.name} stage (days ${range}), which allows ${stage.channels.join(', ')}, not ${send.channel}${later ? `; allowed from day ${later.from}` : ''}.`,
      },
    };
  },
  (rule) =>
    rule.stages.flatMap((s, i): [string, string][] =>
      s.to !== undefined && s.to < s.from ? [[`/stages/${i}/to`, `stage "${s.name}" ends (day ${s.to}) before it starts (day ${s.from})`]] : [],
    ),
);
