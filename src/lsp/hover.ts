import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver/node';
import type { FindingItem } from './diagnostics.js';

/** Escape text from rulesets and messages so Markdown renders it literally. */
export function md(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').replace(/([\\`*_[\]<>#|{}])/g, '\\$1');
}

function code(s: string): string {
  const flat = s.replace(/\s+/g, ' ');
  const fence = flat.includes('`') ? '``' : '`';
  return `${fence}${flat.startsWith('`') || flat.endsWith('`') ? ` ${flat} ` : flat}${fence}`;
}

export function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** One finding's hover: both explanations, the citation, the suggestion, nextAllowedAt for timing. */
export function hoverMarkdown(item: FindingItem): string {
  const f = item.finding;
  const out: string[] = [];
  const id = item.href ? `[${code(f.ruleId)}](${item.href})` : code(f.ruleId);
  out.push(`**dunlint** ${id} · ${f.severity} · ${f.category}${item.report.key ? ` · key ${code(item.report.key)}` : ''}`);
  out.push('');
  if (f.excerpt && f.excerpt.length <= 80 && !f.category.startsWith('missing-')) {
    out.push(`Found: ${code(f.excerpt)}`);
    out.push('');
  }
  out.push(`**English:** ${md(f.messages.en)}`);
  out.push('');
  out.push(`**中文：** ${md(f.messages.zh)}`);
  out.push('');
  out.push(`**Citation:** ${md(f.citation)}`);
  const suggestion = item.rule?.suggestion;
  if (suggestion) {
    out.push('');
    out.push(`**Suggestion:** ${md(suggestion.en)}`);
    out.push('');
    out.push(`**建议：** ${md(suggestion.zh)}`);
  } else if (f.suggestion) {
    out.push('');
    out.push(`**Suggestion:** ${md(f.suggestion)}`);
  }
  if (f.category === 'contact-timing') {
    const next = f.nextAllowedAt !== undefined ? f.nextAllowedAt : item.report.nextAllowedAt;
    if (next !== undefined) {
      out.push('');
      out.push(
        next === null
          ? '**Next allowed:** none — waiting does not help (wrong stage, opted out, or no official calendar for that year). · **下次可发送时间：** 无'
          : `**Next allowed:** ${code(next)} · **下次可发送时间：** ${code(next)}`,
      );
    }
  }
  return out.join('\n');
}

/** Hover for the findings under the cursor (several can overlap), or null. */
export function hoverAt(items: FindingItem[], position: Position): Hover | null {
  const here = items.filter((i) => contains(i.diagnostic.range, position));
  if (here.length === 0) return null;
  // The innermost range first: the phrase under the cursor before a whole-message requirement.
  here.sort((a, b) => size(a.diagnostic.range) - size(b.diagnostic.range));
  const range = here[0]!.diagnostic.range;
  return { contents: { kind: MarkupKind.Markdown, value: here.map(hoverMarkdown).join('\n\n---\n\n') }, range };
}

function size(r: Range): number {
  return (r.end.line - r.start.line) * 1e6 + (r.end.character - r.start.character);
}
