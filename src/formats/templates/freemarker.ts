import type { ParsedInput, ParserOptions } from '../types.js';
import { blockComment, closingNames, forwardFinder, label, parseTemplate, scanTo, type Token, type TokenError, type Tokens } from './engine.js';

const BRANCHES: Record<string, string[]> = {
  elseif: ['if'],
  else: ['if', 'list'],
  case: ['switch'],
  on: ['switch'],
  default: ['switch'],
  recover: ['attempt'],
};
const BLOCKS = new Set(['if', 'list', 'switch', 'attempt', 'macro', 'function', 'compress', 'escape', 'noescape', 'autoesc', 'noautoesc', 'outputformat', 'items']);
const ASSIGNMENTS = new Set(['assign', 'local', 'global']);

/**
 * FreeMarker (`.ftl`, angle-bracket syntax): interpolations `${amount}`, `${x?string("0.00")}`,
 * `${(loan.balance)!0}`, `#{x}`; directives `<#if>` / `<#elseif>` / `<#else>` / `</#if>`,
 * `<#list>` … `<#else>` … `</#list>`, `<#switch>` / `<#case>` / `<#on>` / `<#default>`, `<#attempt>` /
 * `<#recover>`, `<#assign>` (a capture when closed), `<#noparse>` (literal text), user directives
 * `<@x>` … `</@x>`; comments `<#-- -->`. The square-bracket syntax (`[#if]`) is not read.
 */
export function tokenizeFreemarker(text: string): Tokens {
  const tokens: Token[] = [];
  const errors: TokenError[] = [];
  const find = forwardFinder(text);
  const ends = closingNames(text, /<\/#([A-Za-z_]\w*)/g);
  const userEnds = closingNames(text, /<\/@([\w.:-]*)\s*>/g);
  const re = /<#--|<\/?#[A-Za-z]|<\/?@|\$\{|#\{/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const i = m.index;
    const at = m[0];
    if (at === '<#--') {
      re.lastIndex = blockComment(find, i, '<#--', '-->', 'FreeMarker', tokens, errors);
      continue;
    }
    if (at === '${' || at === '#{') {
      const close = scanTo(text, i + 2, '}', { braces: true });
      if (close < 0) {
        errors.push({ offset: i, message: `FreeMarker: unclosed interpolation \`${at}\` (expected \`}\`)` });
        re.lastIndex = i + 2;
        continue;
      }
      tokens.push({ type: 'output', start: i, end: close + 1, expr: text.slice(i + 2, close).trim() });
      re.lastIndex = close + 1;
      continue;
    }
    const closing = at.startsWith('</');
    const user = at.endsWith('@');
    const nameStart = i + (closing ? 2 : 1) + 1;
    const close = scanTo(text, nameStart, '>');
    if (close < 0) {
      errors.push({ offset: i, message: `FreeMarker: unclosed directive \`${label(text, i, Math.min(text.length, i + 20))}\` (expected \`>\`)` });
      re.lastIndex = nameStart;
      continue;
    }
    const end = close + 1;
    re.lastIndex = end;
    const inner = text.slice(nameStart, close);
    const name = (/^[\w.:-]*/.exec(inner)?.[0] ?? '').toLowerCase();
    const selfClosing = inner.trimEnd().endsWith('/');
    if (user) {
      const key = `@${name}`;
      if (closing) tokens.push({ type: 'tag', role: 'close', name: name === '' ? '*' : key, start: i, end });
      else if (!selfClosing && (userEnds.has(name) || userEnds.has(''))) tokens.push({ type: 'tag', role: 'open', name: key, start: i, end, expect: `</@${name}>` });
      else tokens.push({ type: 'tag', role: 'plain', name: key, start: i, end });
      continue;
    }
    if (closing) {
      tokens.push({ type: 'tag', role: 'close', name, start: i, end });
      continue;
    }
    if (name === 'noparse') {
      const endRe = /<\/#noparse\s*>/g;
      endRe.lastIndex = end;
      const e = endRe.exec(text);
      if (!e) {
        errors.push({ offset: i, message: 'FreeMarker: `<#noparse>` is never closed (expected `</#noparse>`)' });
        tokens.push({ type: 'tag', role: 'plain', name, start: i, end });
        continue;
      }
      tokens.push({ type: 'tag', role: 'plain', name, start: i, end });
      tokens.push({ type: 'tag', role: 'plain', name, start: e.index, end: e.index + e[0].length });
      re.lastIndex = e.index + e[0].length;
      continue;
    }
    if (name in BRANCHES) {
      tokens.push({ type: 'tag', role: 'branch', name, within: BRANCHES[name]!, start: i, end });
    } else if (!selfClosing && (BLOCKS.has(name) || (ends.has(name) && !(ASSIGNMENTS.has(name) && inner.includes('='))))) {
      tokens.push({ type: 'tag', role: 'open', name, start: i, end, expect: `</#${name}>`, ...(name === 'switch' ? { preamble: true } : {}) });
    } else {
      tokens.push({ type: 'tag', role: 'plain', name, start: i, end });
    }
  }
  return { tokens, errors };
}

export function parseFreemarker(file: string, content: string, options: ParserOptions = {}): ParsedInput {
  return parseTemplate(file, content, tokenizeFreemarker, { language: 'FreeMarker', parser: options });
}
