/** What a finding says, as DOM: shared by the hover card in the editor and the findings list. */
import type { Finding, Locale, RuleInfo } from './api.js';
import { htmlLang, t, tOr } from './i18n.js';

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

export const categoryName = (lang: Locale, category: string) => tOr(lang, `category.${category}`, category);

/** "2026-03-11T08:00:00+08:00" → "2026-03-11 08:00 (UTC+08:00)": the recipient's wall time, as the server wrote it. */
export function formatInstant(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(iso);
  if (!m) return iso;
  const zone = m[3] === undefined ? '' : m[3] === 'Z' ? ' (UTC)' : ` (UTC${m[3]})`;
  return `${m[1]} ${m[2]}${zone}`;
}

export function severityBadge(lang: Locale, severity: string): HTMLElement {
  return el('span', { class: `sev-badge sev-${severity}` }, tOr(lang, `severity.${severity}`, severity));
}

/** The explanation in the interface language (the other language underneath), citation, suggestion, next allowed time. */
export function findingBody(f: Finding, lang: Locale, rule: RuleInfo | undefined): DocumentFragment {
  const other: Locale = lang === 'zh' ? 'en' : 'zh';
  const frag = document.createDocumentFragment();
  frag.append(el('p', { class: 'finding-msg', lang: htmlLang(lang) }, f.messages?.[lang] ?? f.message));
  const alt = f.messages?.[other];
  if (alt && alt !== f.messages?.[lang]) frag.append(el('p', { class: 'finding-msg-alt', lang: htmlLang(other) }, alt));
  const suggestion = rule?.suggestion?.[lang] ?? f.suggestion;
  const dl = el('dl', { class: 'finding-facts' });
  if (suggestion) dl.append(el('dt', {}, t(lang, 'suggestion')), el('dd', {}, suggestion));
  if (f.citation) dl.append(el('dt', {}, t(lang, 'citation')), el('dd', { class: 'citation' }, f.citation));
  if (f.nextAllowedAt !== undefined) {
    dl.append(
      el('dt', {}, t(lang, 'nextAllowed')),
      el('dd', {}, f.nextAllowedAt === null ? t(lang, 'nextAllowedNull') : el('time', { datetime: f.nextAllowedAt }, formatInstant(f.nextAllowedAt))),
    );
  }
  frag.append(dl);
  return frag;
}

/** The hover card of one finding (CodeMirror adds the fix button and the rule id after it). */
export function hoverCard(f: Finding, lang: Locale, rule: RuleInfo | undefined): HTMLElement {
  return el(
    'div',
    { class: 'dl-card', 'data-rule': f.ruleId },
    el('div', { class: 'dl-card-head' }, severityBadge(lang, f.severity), ' ', el('span', { class: 'dl-card-cat' }, categoryName(lang, f.category))),
    findingBody(f, lang, rule),
  );
}
