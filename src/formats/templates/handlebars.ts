import type { ParsedInput, ParserOptions } from '../types.js';
import { forwardFinder, parseTemplate, type Token, type TokenError, type Tokens } from './engine.js';

/** Block helpers that are not mustache sections (so `{{#if x}}` never pairs with `{{^if x}}`). */
const HELPERS = new Set(['if', 'unless', 'each', 'with', 'let', 'each-in', 'in']);

/**
 * Handlebars and Mustache: `{{x}}`, `{{{x}}}`, `{{&x}}` outputs; `{{#if}}…{{else if}}…{{else}}…{{/if}}`,
 * `{{#unless}}`, `{{#each}}…{{else}}`, `{{^}}` (else), mustache sections `{{#x}}…{{/x}}` and inverted
 * sections `{{^x}}…{{/x}}` (a section and its inverted section side by side are one conditional);
 * partials `{{> x}}` and partial blocks `{{#> x}}…{{/x}}`; comments `{{!-- --}}` and `{{! }}`;
 * whitespace control `~`. Changed delimiters (`{{=<% %>=}}`) are not followed.
 */
export function tokenizeHandlebars(text: string): Tokens {
  const tokens: Token[] = [];
  const errors: TokenError[] = [];
  const find = forwardFinder(text);
  /** No `--}}` from here on (keeps a file of unclosed comments linear). */
  let noCommentEnd = Infinity;
  let i = 0;
  while ((i = find('{{', i)) !== -1) {
    // \{{x}} renders "{{x}}" literally: drop the backslash, keep the rest as text.
    if (i > 0 && text[i - 1] === '\\' && text[i - 2] !== '\\') {
      tokens.push({ type: 'tag', role: 'plain', name: '', start: i - 1, end: i });
      const close = find('}}', i + 2);
      i = close < 0 ? i + 2 : close + 2;
      continue;
    }
    const tilde = text[i + 2] === '~' ? 1 : 0;
    const after = i + 2 + tilde;
    if (text.startsWith('!--', after)) {
      const re = /--~?\}\}/g;
      re.lastIndex = after + 3;
      const m = after + 3 >= noCommentEnd ? null : re.exec(text);
      if (!m) {
        noCommentEnd = Math.min(noCommentEnd, after + 3);
        errors.push({ offset: i, message: 'Handlebars: unclosed comment `{{!--` (expected `--}}`)' });
        tokens.push({ type: 'tag', role: 'plain', name: '', start: i, end: after + 3 });
        i = after + 3;
        continue;
      }
      tokens.push({ type: 'comment', start: i, end: m.index + m[0].length, bodyStart: after + 3, bodyEnd: m.index });
      i = m.index + m[0].length;
      continue;
    }
    if (text[after] === '!') {
      const close = find('}}', after);
      if (close < 0) {
        errors.push({ offset: i, message: 'Handlebars: unclosed comment `{{!` (expected `}}`)' });
        tokens.push({ type: 'tag', role: 'plain', name: '', start: i, end: after + 1 });
        i = after + 1;
        continue;
      }
      const bodyEnd = text[close - 1] === '~' ? close - 1 : close;
      tokens.push({ type: 'comment', start: i, end: close + 2, bodyStart: after + 1, bodyEnd });
      i = close + 2;
      continue;
    }
    if (text.startsWith('{{{{', i)) {
      // Raw block delimiters {{{{raw}}}} … {{{{/raw}}}}: the delimiters go, the content stays as text.
      const close = find('}}}}', i);
      if (close < 0) {
        errors.push({ offset: i, message: 'Handlebars: unclosed `{{{{` (expected `}}}}`)' });
        i += 4;
        continue;
      }
      tokens.push({ type: 'tag', role: 'plain', name: '', start: i, end: close + 4 });
      i = close + 4;
      continue;
    }
    const triple = text[after] === '{';
    const closeWith = triple ? '}}}' : '}}';
    const close = find(closeWith, after);
    const reopened = find('{{', after + (triple ? 1 : 0));
    if (close < 0 || (reopened >= 0 && reopened < close)) {
      errors.push({ offset: i, message: `Handlebars: unclosed \`${triple ? '{{{' : '{{'}\` (expected \`${closeWith}\`)` });
      i = close < 0 ? i + 2 : reopened;
      continue;
    }
    const end = close + closeWith.length;
    let inner = text.slice(after + (triple ? 1 : 0), close);
    if (inner.endsWith('~')) inner = inner.slice(0, -1);
    if (triple && inner.endsWith('~')) inner = inner.slice(0, -1);
    inner = inner.trim();
    tokens.push(classify(inner, i, end));
    i = end;
  }
  return { tokens, errors };
}

function firstWord(s: string): string {
  return (/^[^\s}~()]+/.exec(s.trim())?.[0] ?? '').toLowerCase();
}

function classify(inner: string, start: number, end: number): Token {
  const sigil = inner[0];
  const rest = inner.slice(1).trim();
  if (sigil === '#') {
    if (rest.startsWith('>')) {
      const name = firstWord(rest.slice(1).replace(/^["']|["']$/g, '')).replace(/["']/g, '');
      return { type: 'tag', role: 'open', name, start, end, expect: `{{/${name}}}` };
    }
    const name = firstWord(rest.replace(/^\*/, ''));
    const pair = HELPERS.has(name) ? undefined : { key: rest.toLowerCase().replace(/\s+/g, ' '), inverted: false };
    return { type: 'tag', role: 'open', name, start, end, expect: `{{/${name}}}`, ...(pair ? { pair } : {}) };
  }
  if (sigil === '^') {
    if (rest === '') return { type: 'tag', role: 'branch', name: 'else', within: ['*'], start, end };
    const name = firstWord(rest);
    return { type: 'tag', role: 'open', name, start, end, expect: `{{/${name}}}`, pair: { key: rest.toLowerCase().replace(/\s+/g, ' '), inverted: true } };
  }
  if (sigil === '/') return { type: 'tag', role: 'close', name: firstWord(rest), start, end };
  if (sigil === '>' || sigil === '=') return { type: 'tag', role: 'plain', name: '', start, end };
  if (/^else\b/.test(inner)) return { type: 'tag', role: 'branch', name: 'else', within: ['*'], start, end };
  return { type: 'output', start, end, expr: sigil === '&' ? rest : inner };
}

export function parseHandlebars(file: string, content: string, options: ParserOptions = {}): ParsedInput {
  return parseTemplate(file, content, tokenizeHandlebars, { language: 'Handlebars', parser: options });
}
