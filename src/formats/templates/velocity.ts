import type { ParsedInput, ParserOptions } from '../types.js';
import { blockComment, forwardFinder, label, parseTemplate, scanTo, type Token, type TokenError, type Tokens } from './engine.js';

/** Directives that take `( … )`, with their role. */
const WITH_ARGS: Record<string, 'open' | 'branch' | 'plain'> = {
  if: 'open',
  elseif: 'branch',
  foreach: 'open',
  macro: 'open',
  define: 'open',
  set: 'plain',
  parse: 'plain',
  include: 'plain',
  evaluate: 'plain',
};
const BARE = new Set(['else', 'end', 'stop', 'break']);

/**
 * Apache Velocity (`.vm`): references `$amount`, `$!amount`, `${amount}`, `$!{amount}`,
 * `$loan.balance`, `$loan.getBalance()`; directives `#if(…)` / `#elseif(…)` / `#else` / `#end` (also
 * `#{else}`), `#foreach(…)` … `#else`, `#set(…)`, `#macro` / `#define` / `#@block(…)` bodies, macro
 * calls, `#parse` / `#include`; `#[[ … ]]#` literal text; comments `## …` (to the end of the line)
 * and `#* … *#`. An escaped `\$amount` is literal text.
 */
export function tokenizeVelocity(text: string): Tokens {
  const tokens: Token[] = [];
  const errors: TokenError[] = [];
  const find = forwardFinder(text);
  const macros = new Set<string>();
  for (const m of text.matchAll(/#\{?macro\}?\s*\(\s*([A-Za-z][\w-]*)/g)) macros.add(m[1]!.toLowerCase());
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && (text[i + 1] === '$' || text[i + 1] === '#')) {
      // \$amount and \#if are literal: the backslash goes, the rest is text.
      tokens.push({ type: 'tag', role: 'plain', name: '', start: i, end: i + 1 });
      i += 2;
      while (i < text.length && /[\w!{}.]/.test(text[i]!)) i++;
      continue;
    }
    if (c === '#') {
      const next = text[i + 1];
      if (next === '#') {
        let e = i + 2;
        while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
        tokens.push({ type: 'comment', start: i, end: e, bodyStart: i + 2, bodyEnd: e });
        i = e;
        continue;
      }
      if (next === '*') {
        i = blockComment(find, i, '#*', '*#', 'Velocity', tokens, errors);
        continue;
      }
      if (text.startsWith('#[[', i)) {
        const close = find(']]#', i + 3);
        if (close < 0) {
          errors.push({ offset: i, message: 'Velocity: unclosed literal block `#[[` (expected `]]#`)' });
          i += 3;
          continue;
        }
        tokens.push({ type: 'tag', role: 'plain', name: '', start: i, end: i + 3 });
        tokens.push({ type: 'tag', role: 'plain', name: '', start: close, end: close + 3 });
        i = close + 3;
        continue;
      }
      const d = /^#(?:\{(@?[A-Za-z][\w-]*)\}|(@?[A-Za-z][\w-]*))/.exec(text.slice(i, i + 64));
      if (d) {
        const braced = d[1] !== undefined;
        const raw = (d[1] ?? d[2])!;
        const name = raw.toLowerCase();
        let end = i + d[0].length;
        if (BARE.has(name) && (braced || !/[A-Za-z0-9_]/.test(text[end] ?? ''))) {
          if (name === 'else') tokens.push({ type: 'tag', role: 'branch', name, within: ['if', 'foreach'], start: i, end });
          else if (name === 'end') tokens.push({ type: 'tag', role: 'close', name: '*', start: i, end });
          else tokens.push({ type: 'tag', role: 'plain', name, start: i, end });
          i = end;
          continue;
        }
        const isBlockMacro = name.startsWith('@');
        const role = WITH_ARGS[name] ?? (isBlockMacro ? 'open' : macros.has(name) ? 'plain' : undefined);
        if (role) {
          let j = end;
          while (text[j] === ' ' || text[j] === '\t') j++;
          if (text[j] === '(') {
            const close = scanTo(text, j + 1, ')');
            if (close < 0) {
              errors.push({ offset: i, message: `Velocity: unclosed \`${label(text, i, j + 1)}\` (expected \`)\`)` });
              i = j + 1;
              continue;
            }
            end = close + 1;
            if (role === 'open') tokens.push({ type: 'tag', role, name, start: i, end, expect: '#end' });
            else if (role === 'branch') tokens.push({ type: 'tag', role, name, within: ['if'], start: i, end });
            else tokens.push({ type: 'tag', role, name, start: i, end });
            i = end;
            continue;
          }
          if (name in WITH_ARGS && name !== 'set') {
            errors.push({ offset: i, message: `Velocity: \`#${raw}\` needs its arguments in parentheses` });
          }
        }
      }
      i++;
      continue;
    }
    if (c === '$') {
      const ref = reference(text, i);
      if (ref) {
        if (ref.error) errors.push({ offset: i, message: ref.error });
        else tokens.push({ type: 'output', start: i, end: ref.end, expr: text.slice(i, ref.end) });
        i = ref.end;
        continue;
      }
    }
    i++;
  }
  return { tokens, errors };
}

/** A reference starting at `$`: `$x`, `$!x`, `${x}`, `$!{x}`, with `.prop`, `.method(…)` and `[i]` chains. */
function reference(text: string, at: number): { end: number; error?: string } | null {
  let i = at + 1;
  if (text[i] === '!') i++;
  if (text[i] === '{') {
    if (!/[A-Za-z_]/.test(text[i + 1] ?? '')) return null;
    const close = scanTo(text, i + 1, '}', { braces: true });
    if (close < 0) return { end: i + 1, error: `Velocity: unclosed reference \`${label(text, at, i + 1)}\` (expected \`}\`)` };
    return { end: close + 1 };
  }
  const id = /^[A-Za-z_][\w-]*/.exec(text.slice(i, i + 128));
  if (!id) return null;
  i += id[0].replace(/-+$/, '').length;
  for (;;) {
    if (text[i] === '.' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      const p = /^\.[A-Za-z_]\w*/.exec(text.slice(i, i + 128))!;
      i += p[0].length;
      if (text[i] === '(') {
        const close = scanTo(text, i + 1, ')');
        if (close < 0) return { end: i, error: `Velocity: unclosed method call in \`${label(text, at, i + 1)}\`` };
        i = close + 1;
      }
    } else if (text[i] === '[') {
      const close = scanTo(text, i + 1, ']');
      if (close < 0) break;
      i = close + 1;
    } else break;
  }
  return { end: i };
}

export function parseVelocity(file: string, content: string, options: ParserOptions = {}): ParsedInput {
  return parseTemplate(file, content, tokenizeVelocity, { language: 'Velocity', parser: options });
}
