import type { ParsedInput, ParserOptions } from '../types.js';
import { blockComment, closingNames, forwardFinder, label, parseTemplate, scanTo, type Token, type TokenError, type Tokens } from './engine.js';

const BRANCHES: Record<string, string[]> = {
  elseif: ['if'],
  else: ['if', 'foreach', 'section', 'for', 'while'],
  foreachelse: ['foreach'],
  sectionelse: ['section'],
  forelse: ['for'],
};
const BLOCKS = new Set(['if', 'foreach', 'section', 'for', 'while', 'capture', 'block', 'function', 'strip', 'nocache', 'textformat']);

/**
 * Smarty (`.tpl`, default `{ }` delimiters, Smarty 3 auto-literal: `{` followed by white space is
 * text): outputs `{$amount}`, `{$loan.balance|number_format:2}`, `{$loan->balance}`, `{#configVar#}`;
 * `{if}` / `{elseif}` / `{else}` / `{/if}`, `{foreach}` … `{foreachelse}`, `{section}` …
 * `{sectionelse}`, `{for}` … `{forelse}`, other block functions closed by `{/name}`; `{literal}` (text);
 * comments `{* … *}`. Custom delimiters are not followed.
 */
export function tokenizeSmarty(text: string): Tokens {
  const tokens: Token[] = [];
  const errors: TokenError[] = [];
  const find = forwardFinder(text);
  const ends = closingNames(text, /\{\/([A-Za-z_]\w*)\s*\}/g);
  let i = 0;
  while ((i = find('{', i)) !== -1) {
    const next = text[i + 1] ?? '';
    if (next === '*') {
      i = blockComment(find, i, '{*', '*}', 'Smarty', tokens, errors);
      continue;
    }
    // A tag starts with a variable, a config variable, a closing slash or a function name.
    if (!/[$#/A-Za-z_]/.test(next)) {
      i++;
      continue;
    }
    const close = scanTo(text, i + 1, '}', { braces: true });
    if (close < 0) {
      if (/[$#/]/.test(next) || /^\{(?:if|foreach|section|for|while|else|elseif|literal|capture|block)\b/.test(text.slice(i, i + 12))) {
        errors.push({ offset: i, message: `Smarty: unclosed tag \`${label(text, i, Math.min(text.length, i + 20))}\` (expected \`}\`)` });
      }
      i++;
      continue;
    }
    const end = close + 1;
    const inner = text.slice(i + 1, close).trim();
    if (next === '$' || next === '#') {
      tokens.push({ type: 'output', start: i, end, expr: inner.replace(/^#|#$/g, '').replace(/#(?=\|)/, '') });
      i = end;
      continue;
    }
    if (next === '/') {
      tokens.push({ type: 'tag', role: 'close', name: (/^\/\s*([A-Za-z_]\w*)/.exec(inner)?.[1] ?? '').toLowerCase(), start: i, end });
      i = end;
      continue;
    }
    const name = (/^[A-Za-z_]\w*/.exec(inner)?.[0] ?? '').toLowerCase();
    if (name === 'literal') {
      const endRe = /\{\/literal\s*\}/g;
      endRe.lastIndex = end;
      const e = endRe.exec(text);
      tokens.push({ type: 'tag', role: 'plain', name, start: i, end });
      if (!e) {
        errors.push({ offset: i, message: 'Smarty: `{literal}` is never closed (expected `{/literal}`)' });
        i = end;
        continue;
      }
      tokens.push({ type: 'tag', role: 'plain', name, start: e.index, end: e.index + e[0].length });
      i = e.index + e[0].length;
      continue;
    }
    if (name === 'else' && /^else\s+if\b/.test(inner)) {
      tokens.push({ type: 'tag', role: 'branch', name: 'elseif', within: BRANCHES['elseif']!, start: i, end });
    } else if (name in BRANCHES) {
      tokens.push({ type: 'tag', role: 'branch', name, within: BRANCHES[name]!, start: i, end });
    } else if (BLOCKS.has(name) || ends.has(name)) {
      tokens.push({ type: 'tag', role: 'open', name, start: i, end, expect: `{/${name}}` });
    } else {
      tokens.push({ type: 'tag', role: 'plain', name, start: i, end });
    }
    i = end;
  }
  return { tokens, errors };
}

export function parseSmarty(file: string, content: string, options: ParserOptions = {}): ParsedInput {
  return parseTemplate(file, content, tokenizeSmarty, { language: 'Smarty', parser: options });
}
