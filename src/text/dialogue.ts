import { maskSpans } from './mask.js';

/**
 * Call transcripts and scripts ("催收员：… 客户：…", "Agent: … Consumer: …"): what the
 * other party says is not the collector's message. A customer who calls the agent
 * 骗子 or asks "你们还会一直打电话吗" is not the collector insulting or threatening,
 * and the speaker label 催收员 is not a disclosure. This finds the spans to blank:
 * every speaker label, and the turns of speakers who are not the collector.
 *
 * Conservative by design: only a text with two or more labelled lines, at least one
 * label naming the collector's side, is read as a dialogue, and only turns whose label
 * names the other side (客户, 对方, 王先生, Consumer, Debtor …) are blanked; a turn
 * under a label it does not know stays in.
 */

const COLLECTOR = /^(?:催收员|催收人员|催收专员|催收|坐席|坐席员|客服|客服专员|客服人员|工作人员|专员|调解员|调解专员|员工|我方|业务员|外访员|外访人员|法务|法务专员|话务员|agent|collector|debt collector|rep|representative|csr|specialist|account specialist|operator|us|caller)$/;
const OTHER = /^(?:客户|借款人|债务人|对方|用户|本人|家属|同事|联系人|紧急联系人|接听人|接听者|母亲|父亲|妈妈|爸爸|妻子|丈夫|爱人|邻居|朋友|领导|老板|房东|consumer|customer|debtor|borrower|client|recipient|called party|third party|cardholder|account holder|neighbor|neighbour|mother|father|mom|dad|sister|brother|spouse|wife|husband|friend|employer|coworker|roommate|landlord|respondent)$/;
/** A person addressed by title (王先生, 李女士, 张阿姨): the other side when the collector has a label too. */
const PERSON = /(?:先生|女士|小姐|阿姨|叔叔|大爷|大妈|大哥|大姐|师傅)$|^(?:mr|mrs|ms|miss)\.? [a-z]+$/;

/** A speaker label at the start of a line (the text is normalised: full-width colons are ':'). */
const LABEL = /^[ \t]*(?:[(\[][^)\]\n]{0,12}[)\]][ \t]*)?([\u4e00-\u9fffa-z][\u4e00-\u9fffa-z .'’-]{0,20}?)[ \t]*:/gm;

export function dialogueMask(text: string): { start: number; end: number }[] {
  if (text.indexOf(':') === -1) return [];
  const labels: { start: number; labelEnd: number; side: 'collector' | 'other' | 'unknown' }[] = [];
  LABEL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LABEL.exec(text)) !== null) {
    const name = m[1]!.trim();
    if (name.length > 12 || name.split(' ').length > 3) continue;
    const side = COLLECTOR.test(name) ? 'collector' : OTHER.test(name) || PERSON.test(name) ? 'other' : 'unknown';
    labels.push({ start: m.index + m[0].indexOf(m[1]!), labelEnd: m.index + m[0].length, side });
  }
  if (labels.length < 2 || !labels.some((l) => l.side === 'collector') || !labels.some((l) => l.side === 'other')) return [];
  const out: { start: number; end: number }[] = [];
  labels.forEach((l, i) => {
    if (l.side === 'unknown') return;
    if (l.side === 'collector') return void out.push({ start: l.start, end: l.labelEnd });
    // The other side's turn runs to the next label, or to a blank line (a stage direction or a new section).
    const next = labels[i + 1]?.start ?? text.length;
    const blank = text.indexOf('\n\n', l.labelEnd);
    out.push({ start: l.start, end: blank !== -1 && blank < next ? blank : next });
  });
  return out;
}

/** The text with those spans blanked (line breaks kept, so offsets and lines hold). */
export function blankDialogue(text: string): string {
  return maskSpans(text, dialogueMask(text), (span) => span.replace(/[^\n]/g, ' '));
}
