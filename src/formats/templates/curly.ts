import { blockComment, closingNames, forwardFinder, label, type Token, type TokenError, type Tokens } from './engine.js';

/**
 * The `{{ output }}` / `{% tag %}` family shared by Jinja, Django, Nunjucks, Twig and Liquid.
 * A dialect says which tags branch, which hold raw text or comments, and how comments look.
 */
export interface CurlyDialect {
  language: string;
  /** `{# … #}` comments (Jinja, Django, Twig). */
  hashComments: boolean;
  /** `{%# … %}` / `{% # … %}` inline comments (Liquid). */
  inlineComments: boolean;
  /** Block tags whose content is a comment (`{% comment %}…{% endcomment %}`). */
  commentBlocks: string[];
  /** Block tags whose content is literal text (`{% raw %}`). */
  rawBlocks: string[];
  /** Branch tag → the blocks it may appear in. */
  branches: Record<string, string[]>;
  /** Tags that always open a block; other tags open one only when their `end…` tag exists in the file. */
  blocks: string[];
  /** Blocks whose text before the first branch is never rendered (`case` … `when`). */
  preamble: string[];
  /** Tags that open a block only without `=` (`{% set x %}…{% endset %}` vs `{% set x = 1 %}`). */
  assignments: string[];
  /** Standalone tags whose string argument is message text (`{% trans "…" %}`). */
  translateTags: string[];
  /** Output calls whose string argument is message text (`{{ _("…") }}`). */
  translateCalls: string[];
}

const TAG_NAME = /^[-+]?\s*(#|[A-Za-z_][\w]*)/;

export function tokenizeCurly(text: string, d: CurlyDialect): Tokens {
  const tokens: Token[] = [];
  const errors: TokenError[] = [];
  const ends = closingNames(text, /\{%[-+]?\s*end([A-Za-z_]\w*)/g);
  const re = d.hashComments ? /\{\{|\{%|\{#/g : /\{\{|\{%/g;
  const find = forwardFinder(text);
  /** Block name → offset from which its end tag is known to be absent. */
  const noEnd = new Map<string, number>();
  /** The next `{{` or `{%` from `from` before `to`, or -1. */
  const reopen = (from: number, to: number) => {
    const hits = [find('{{', from), find('{%', from)].filter((x) => x >= 0 && (to < 0 || x < to));
    return hits.length > 0 ? Math.min(...hits) : -1;
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const i = m.index;
    if (m[0] === '{#') {
      re.lastIndex = blockComment(find, i, '{#', '#}', d.language, tokens, errors);
      continue;
    }
    if (m[0] === '{{') {
      const close = find('}}', i + 2);
      const reopened = reopen(i + 2, close);
      if (close < 0 || reopened >= 0) {
        errors.push({ offset: i, message: `${d.language}: unclosed \`{{\` (expected \`}}\`)` });
        re.lastIndex = reopened >= 0 ? reopened : i + 2;
        continue;
      }
      const end = close + 2;
      const inner = text.slice(i + 2, close).replace(/^[-+~]/, '').replace(/[-+~]$/, '');
      const tr = translated(text, i + 2, close, d.translateCalls);
      tokens.push(tr ? { type: 'tag', role: 'plain', name: '', start: i, end, keep: [tr] } : { type: 'output', start: i, end, expr: inner.trim() });
      re.lastIndex = end;
      continue;
    }
    // {% tag %}
    const close = find('%}', i + 2);
    const reopened = reopen(i + 2, close);
    if (close < 0 || reopened >= 0) {
      errors.push({ offset: i, message: `${d.language}: unclosed \`{%\` (expected \`%}\`)` });
      re.lastIndex = reopened >= 0 ? reopened : i + 2;
      continue;
    }
    const end = close + 2;
    const inner = text.slice(i + 2, close);
    const nameMatch = TAG_NAME.exec(inner);
    const name = (nameMatch?.[1] ?? '').toLowerCase();
    re.lastIndex = end;
    if (name === '#' && d.inlineComments) {
      const bodyStart = i + 2 + nameMatch![0].length;
      const bodyEnd = /[-+]$/.test(inner) ? close - 1 : close;
      tokens.push({ type: 'comment', start: i, end, bodyStart, bodyEnd });
      continue;
    }
    if (d.commentBlocks.includes(name) || d.rawBlocks.includes(name)) {
      const endRe = new RegExp(String.raw`\{%[-+]?\s*end${name}\s*[-+]?%\}`, 'gi');
      endRe.lastIndex = end;
      const e = end >= (noEnd.get(name) ?? Infinity) ? null : endRe.exec(text);
      if (!e) {
        noEnd.set(name, Math.min(noEnd.get(name) ?? Infinity, end));
        errors.push({ offset: i, message: `${d.language}: \`${label(text, i, end)}\` is never closed (expected \`{% end${name} %}\`)` });
        tokens.push({ type: 'tag', role: 'plain', name: '', start: i, end });
        continue;
      }
      if (d.commentBlocks.includes(name)) {
        tokens.push({ type: 'comment', start: i, end: e.index + e[0].length, bodyStart: end, bodyEnd: e.index });
      } else {
        tokens.push({ type: 'tag', role: 'plain', name: '', start: i, end });
        tokens.push({ type: 'tag', role: 'plain', name: '', start: e.index, end: e.index + e[0].length });
      }
      re.lastIndex = e.index + e[0].length;
      continue;
    }
    const args = inner.slice(nameMatch?.[0].length ?? 0).replace(/[-+]$/, '');
    if (name.startsWith('end') && name.length > 3) {
      tokens.push({ type: 'tag', role: 'close', name: name.slice(3), start: i, end });
    } else if (name in d.branches) {
      tokens.push({ type: 'tag', role: 'branch', name, within: d.branches[name]!, start: i, end });
    } else if (d.blocks.includes(name) || (ends.has(name) && !(d.assignments.includes(name) && args.includes('=')))) {
      tokens.push({ type: 'tag', role: 'open', name, start: i, end, expect: `{% end${name} %}`, ...(d.preamble.includes(name) ? { preamble: true } : {}) });
    } else {
      const tr = d.translateTags.includes(name) ? stringLiteral(text, i + 2 + (nameMatch?.[0].length ?? 0), close) : null;
      tokens.push({ type: 'tag', role: 'plain', name, start: i, end, ...(tr ? { keep: [tr] } : {}) });
    }
  }
  return { tokens, errors };
}

/** The first string literal in text[from, to): its content span. */
function stringLiteral(text: string, from: number, to: number): [number, number] | null {
  const m = /(["'])((?:\\.|(?!\1)[^\\])*)\1/.exec(text.slice(from, to));
  if (!m) return null;
  const s = from + m.index + 1;
  return [s, s + m[2]!.length];
}

/** `_("…")`, `gettext('…')`: the translated string is message text, not a placeholder. */
function translated(text: string, from: number, to: number, calls: string[]): [number, number] | null {
  if (calls.length === 0) return null;
  const inner = text.slice(from, to);
  const m = new RegExp(String.raw`^[-+~]?\s*(?:${calls.map((c) => c.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')).join('|')})\s*\(\s*(?=["'])`).exec(inner);
  if (!m) return null;
  return stringLiteral(text, from + m[0].length, to);
}
