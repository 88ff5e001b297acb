import { findPlaceholders, sigilPlaceholder } from '../../text/placeholders.js';
import { LineIndex } from '../../text/positions.js';
import { readFrontMatter } from '../front-matter.js';
import { readHtml } from '../html.js';
import type { CommentSpan, InputError, ParsedInput, ParserOptions } from '../types.js';

/**
 * The shared machinery of the template formats. A language module only tokenizes: it says where
 * its outputs (`{{ amount }}`), comments and control tags are, and which tags open, branch and
 * close blocks. This module turns that into what the linter reads:
 *
 * - the file with template syntax blanked (same length, line breaks kept), outputs left in a
 *   syntax findPlaceholders knows or rewritten to a same-length stand-in (sigilPlaceholder);
 * - one text per possible rendering (`variants`), see `renderings` below;
 * - comments with file offsets (suppression directives live there), HTML comments included;
 * - errors with 1-based line and column for malformed templates, with the best-effort text still returned.
 */

/**
 * At most this many renderings per file (message.text plus 15 variants). A file needs as many
 * renderings as its widest conditional has branches (nested conditionals add up, see `need`);
 * past the cap the last renderings fold several branches together and some branches of very
 * wide or deeply nested conditionals are not linted on their own.
 */
export const MAX_RENDERINGS = 16;

export interface OutputToken {
  type: 'output';
  start: number;
  end: number;
  /** The expression without delimiters (`amount | money`, `loan.balance`): its name types the placeholder. */
  expr: string;
}

export interface CommentToken {
  type: 'comment';
  start: number;
  end: number;
  /** Offsets of the comment's text without delimiters. */
  bodyStart: number;
  bodyEnd: number;
}

export interface TagToken {
  type: 'tag';
  start: number;
  end: number;
  /** open: starts a block; branch: else / elif / when; close: ends a block; plain: anything else (blanked). */
  role: 'open' | 'branch' | 'close' | 'plain';
  /** Block name (`if`, `each`); for a close the name it closes, `*` for any (Velocity `#end`). */
  name: string;
  /** open: how the closing tag is written, for messages (`{{/if}}`). */
  expect?: string;
  /** branch: the block names it may appear in (`*`: any). */
  within?: string[];
  /** open: text before the first branch tag is not a branch (`{% case x %}` … `{% when 1 %}`). */
  preamble?: boolean;
  /** open: a mustache section and an adjacent inverted section of the same key are one conditional. */
  pair?: { key: string; inverted: boolean };
  /** Spans inside the tag kept as text (a translated string literal: `{% trans "…" %}`). */
  keep?: [number, number][];
}

export type Token = OutputToken | CommentToken | TagToken;

export interface TokenError {
  offset: number;
  message: string;
}

export interface Tokens {
  tokens: Token[];
  errors: TokenError[];
}

export type Tokenizer = (text: string) => Tokens;

export interface TemplateOptions {
  /** `auto`: mask HTML (tags, comments, style, script) when the file looks like HTML; `never`: plain text (.txt). */
  html?: 'auto' | 'never';
  /** Language name for messages (`Handlebars`). */
  language: string;
  /** The caller's parser options (HTML: `lintHiddenText`). */
  parser?: ParserOptions;
}

interface Branch {
  start: number;
  end: number;
  children: Block[];
}

interface Block {
  open: TagToken;
  branches: Branch[];
  sawBranch: boolean;
  /** Offset just past the closing tag (the end of the file when unclosed). */
  closeEnd: number;
  merged: boolean;
}

const HTML_HINT =
  /<!--|<!doctype\b|<\/[a-z][a-z0-9]*\s*>|<(?:html|head|body|div|p|br|hr|table|tbody|thead|tr|td|th|span|a|img|strong|em|b|i|u|ul|ol|li|h[1-6]|center|font|style|script|meta|title|section|header|footer|small|blockquote)\b[^<>]*>/i;

/** A tag as written, shortened for messages. */
export function label(text: string, start: number, end: number): string {
  const s = text.slice(start, end).replace(/\s+/g, ' ');
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

export function parseTemplate(file: string, content: string, tokenize: Tokenizer, options: TemplateOptions): ParsedInput {
  const fm = readFrontMatter(file, content);
  const body = fm.body;
  const { tokens, errors: tokenErrors } = tokenize(body);
  tokens.sort((a, b) => a.start - b.start);

  const errors: TokenError[] = [...tokenErrors];
  const comments: CommentSpan[] = [];
  const chars = body.split('');

  const blankRange = (out: string[], start: number, end: number) => {
    for (let i = start; i < end; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
  };

  // 1. Syntax out, outputs in a form the placeholder detector reads after normalisation.
  for (const t of tokens) {
    if (t.type === 'comment') {
      blankRange(chars, t.start, t.end);
      comments.push({ start: t.start, end: t.end, body: content.slice(t.bodyStart, t.bodyEnd) });
    } else if (t.type === 'tag') {
      blankRange(chars, t.start, t.end);
      for (const [s, e] of t.keep ?? []) for (let i = s; i < e; i++) chars[i] = body[i]!;
    } else {
      const written = body.slice(t.start, t.end);
      if (keepsItsSyntax(written)) continue;
      // A stand-in the detector reads; an expression over several lines keeps its line breaks (blank after the first).
      const replacement = sigilPlaceholder(written.length, identifierPath(t.expr));
      let broken = false;
      for (let i = 0; i < replacement.length; i++) {
        const ch = written[i]!;
        if (ch === '\n' || ch === '\r') broken = true;
        chars[t.start + i] = ch === '\n' || ch === '\r' ? ch : broken ? ' ' : replacement[i]!;
      }
    }
  }

  // 2. Blocks and their branches.
  const root: Branch = { start: 0, end: body.length, children: [] };
  const stack: Block[] = [];
  const lines = new LineIndex(content);
  const where = (offset: number) => {
    const p = lines.position(offset);
    return `line ${p.line}, column ${p.column}`;
  };
  const current = () => (stack.length > 0 ? stack[stack.length - 1]!.branches.at(-1)! : root);
  const preambles: [number, number][] = [];
  const finish = (block: Block, at: number, closeEnd: number) => {
    block.branches.at(-1)!.end = at;
    block.closeEnd = closeEnd;
  };
  const unclosed = (block: Block) =>
    errors.push({ offset: block.open.start, message: `${options.language}: \`${label(body, block.open.start, block.open.end)}\` is never closed${block.open.expect ? ` (expected \`${block.open.expect}\`)` : ''}` });

  for (const t of tokens) {
    if (t.type !== 'tag' || t.role === 'plain') continue;
    const tagText = label(body, t.start, t.end);
    if (t.role === 'open') {
      const block: Block = { open: t, branches: [{ start: t.end, end: body.length, children: [] }], sawBranch: false, closeEnd: body.length, merged: false };
      current().children.push(block);
      stack.push(block);
    } else if (t.role === 'branch') {
      const top = stack[stack.length - 1];
      if (!top) {
        errors.push({ offset: t.start, message: `${options.language}: \`${tagText}\` outside any block` });
        continue;
      }
      if (!(t.within ?? ['*']).some((n) => n === '*' || n === top.open.name)) {
        errors.push({ offset: t.start, message: `${options.language}: \`${tagText}\` cannot appear inside \`${label(body, top.open.start, top.open.end)}\` (opened at ${where(top.open.start)})` });
        continue;
      }
      const last = top.branches.at(-1)!;
      last.end = t.start;
      if (top.open.preamble && !top.sawBranch) {
        // Text between {% case x %} and the first {% when %} is never rendered.
        preambles.push([last.start, last.end]);
        top.branches.pop();
      }
      top.sawBranch = true;
      top.branches.push({ start: t.end, end: body.length, children: [] });
    } else {
      let at = -1;
      for (let i = stack.length - 1; i >= 0; i--) {
        if (t.name === '*' || stack[i]!.open.name === t.name) {
          at = i;
          break;
        }
      }
      if (at < 0) {
        const top = stack[stack.length - 1];
        errors.push({
          offset: t.start,
          message: top
            ? `${options.language}: \`${tagText}\` does not close the open \`${label(body, top.open.start, top.open.end)}\` (opened at ${where(top.open.start)})`
            : `${options.language}: \`${tagText}\` has no matching opening tag`,
        });
        continue;
      }
      while (stack.length - 1 > at) {
        const inner = stack.pop()!;
        unclosed(inner);
        finish(inner, t.start, t.start);
      }
      finish(stack.pop()!, t.start, t.end);
    }
  }
  while (stack.length > 0) {
    const block = stack.pop()!;
    unclosed(block);
    finish(block, body.length, body.length);
  }
  for (const [s, e] of preambles) blankRange(chars, s, e);

  // 3. HTML e-mail bodies: read like .html files (tags, style, script, hidden preheaders unless
  //    `lintHiddenText` blanked); their comments are comments too.
  let base = chars.join('');
  if (options.html !== 'never' && HTML_HINT.test(base)) {
    const unclosed = /<!--(?![\s\S]*?-->)/.exec(base);
    if (unclosed) errors.push({ offset: unclosed.index, message: 'HTML: unclosed comment `<!--` (no `-->` before the end of the file)' });
    const html = readHtml(base, options.parser);
    for (const c of html.comments) {
      // `<!-- … -->` only (not the parser's bogus comments such as `</#if>`); the body as written in the
      // file, since template tags inside an HTML comment are blanked in `base`. An unclosed one ends the file.
      if (!content.startsWith('<!--', c.start)) continue;
      const end = Math.min(c.end, content.length);
      const closed = content.startsWith('-->', end - 3) && end - 3 >= c.start + 4;
      comments.push({ start: c.start, end, body: content.slice(c.start + 4, closed ? end - 3 : end) });
    }
    base = html.text;
  }
  comments.sort((a, b) => a.start - b.start);

  // 4. Renderings.
  mergeSections(root, base);
  const texts = renderings(base, root, blankRange);
  const [text, ...rest] = texts;
  const variants = [...new Set(rest)].filter((v) => v !== text);

  const all: InputError[] = [
    ...fm.errors,
    ...errors
      .sort((a, b) => a.offset - b.offset)
      .map((e) => {
        const p = lines.position(e.offset);
        return { file, line: p.line, column: p.column, message: e.message };
      }),
  ];
  const result: ParsedInput = {
    messages: [{ file, id: null, message: { ...fm.fields, text: text! }, source: content, ...(variants.length > 0 ? { variants } : {}) }],
    errors: all,
    comments,
  };
  return result;
}

/** Outputs whose own syntax survives normalisation and is read whole by findPlaceholders stay as written. */
function keepsItsSyntax(written: string): boolean {
  if (!/^(?:\{\{|\$\{|#\{)/.test(written)) return false;
  const found = findPlaceholders(written.toLowerCase(), {});
  return found.length === 1 && found[0]!.start === 0 && found[0]!.end === written.length;
}

/**
 * The variable an output names, for the placeholder stand-in: `$!{loan.balance}` → loan.balance,
 * `$loan->getBalance()` → loan.getBalance, `{$amount|escape}` → amount, `$esc.html($amount)` → amount.
 */
export function identifierPath(expr: string): string {
  const s = expr.trim();
  const inner = /\(\s*\$!?\{?([\p{L}_][\p{L}\p{N}_.]*)/u.exec(s);
  const head = s.replace(/^[\s$!{(#@&~*]+/, '').replace(/->/g, '.');
  const m = /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*|\[[^\]]*\])*/u.exec(head);
  const path = m ? m[0].replace(/\[[^\]]*\]/g, '') : '';
  const call = m ? head.slice(m[0].length).trimStart().startsWith('(') : false;
  if (call && inner) return inner[1]!;
  return path;
}

/** `{{#x}}…{{/x}}{{^x}}…{{/x}}`: a section and its inverted section, side by side, are one conditional. */
function mergeSections(branch: Branch, base: string): void {
  const kept: Block[] = [];
  for (const block of branch.children) {
    const prev = kept[kept.length - 1];
    const a = prev?.open.pair;
    const b = block.open.pair;
    if (prev && a && b && !prev.merged && a.key === b.key && a.inverted !== b.inverted && prev.branches.length === 1 && block.branches.length === 1 && base.slice(prev.closeEnd, block.open.start).trim() === '') {
      prev.branches.push(...block.branches);
      prev.merged = true;
    } else {
      kept.push(block);
    }
  }
  branch.children = kept;
  for (const block of branch.children) for (const b of block.branches) mergeSections(b, base);
}

/**
 * Every possible rendering the linter must see, as texts the length of the file.
 *
 * A conditional with branches b1…bn needs need(b1)+…+need(bn) renderings (its branches are
 * mutually exclusive, so they cannot share one), where a branch needs as many as its widest
 * nested conditional (at least 1); conditionals side by side share renderings. Rendering k
 * keeps, in every conditional, the branch whose share of renderings contains k (for flat
 * conditionals: the k-th branch, or the last when there are fewer) and blanks the others, so every
 * branch is in some rendering and two branches of one conditional never appear together.
 * Rendering 0 keeps the first branch everywhere. A block with one branch (`{% if %}` without
 * `{% else %}`, a loop) is always kept: its "empty" alternative is not a rendering of its own.
 */
function renderings(base: string, root: Branch, blankRange: (out: string[], s: number, e: number) => void): string[] {
  const memo = new Map<Block | Branch, number>();
  const needBranch = (b: Branch): number => {
    let n = memo.get(b);
    if (n === undefined) {
      n = 1;
      for (const c of b.children) n = Math.max(n, needBlock(c));
      memo.set(b, n);
    }
    return n;
  };
  const needBlock = (block: Block): number => {
    let n = memo.get(block);
    if (n === undefined) {
      n = 0;
      for (const b of block.branches) n = Math.min(n + needBranch(b), 1 << 20);
      n = Math.max(n, 1);
      memo.set(block, n);
    }
    return n;
  };
  const total = Math.min(needBranch(root), MAX_RENDERINGS);
  const out: string[] = [];
  for (let k = 0; k < total; k++) {
    const chars = base.split('');
    const applyBranch = (b: Branch, kk: number) => {
      for (const c of b.children) applyBlock(c, kk);
    };
    const applyBlock = (block: Block, kk: number) => {
      const j = Math.min(kk, needBlock(block) - 1);
      let off = 0;
      let chosen = false;
      for (const b of block.branches) {
        const n = needBranch(b);
        if (!chosen && j < off + n) {
          chosen = true;
          applyBranch(b, j - off);
        } else {
          blankRange(chars, b.start, b.end);
        }
        off += n;
      }
    };
    applyBranch(root, k);
    out.push(chars.join(''));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scanning helpers shared by the tokenizers.

/**
 * Index of `close` at nesting depth 0 from `from`, skipping quoted strings and balanced
 * (), [] and {} (so `${x?string("}")}` and `#if($a > (1))` end where they should); -1 if none.
 */
export function scanTo(text: string, from: number, close: string, opts: { braces?: boolean; stopAtNewline?: boolean; limit?: number } = {}): number {
  let depth = 0;
  // A tag or interpolation longer than this is taken as unclosed (keeps malformed files linear).
  const stop = Math.min(text.length, from + (opts.limit ?? 2000));
  for (let i = from; i < stop; i++) {
    const c = text[i]!;
    if (depth === 0 && text.startsWith(close, i)) return i;
    if (c === '"' || c === "'") {
      const q = c;
      let j = i + 1;
      while (j < stop && text[j] !== q) {
        if (text[j] === '\\') j++;
        if (text[j] === '\n' && opts.stopAtNewline) return -1;
        j++;
      }
      if (j >= stop) return -1;
      i = j;
    } else if (c === '(' || c === '[' || (opts.braces && c === '{')) depth++;
    else if ((c === ')' || c === ']' || (opts.braces && c === '}')) && depth > 0) depth--;
    else if (c === '\n' && opts.stopAtNewline) return -1;
  }
  return -1;
}

/**
 * `text.indexOf(needle, from)` for a scan that only moves forward: each needle's last answer is
 * reused, so a file full of unclosed openers is still read in linear time.
 */
/**
 * A comment from `start` whose opener is `open` and closer `close` (`{*` … `*}`): pushes the comment
 * token, or for an unclosed one an error plus a token blanking just the opener, and returns where
 * scanning resumes. One place for what every engine's block comments share.
 */
export function blockComment(
  find: (needle: string, from: number) => number,
  start: number,
  open: string,
  close: string,
  language: string,
  tokens: Token[],
  errors: TokenError[],
): number {
  const bodyStart = start + open.length;
  const at = find(close, bodyStart);
  if (at < 0) {
    errors.push({ offset: start, message: `${language}: unclosed comment \`${open}\` (expected \`${close}\`)` });
    tokens.push({ type: 'tag', role: 'plain', name: '', start, end: bodyStart });
    return bodyStart;
  }
  tokens.push({ type: 'comment', start, end: at + close.length, bodyStart, bodyEnd: at });
  return at + close.length;
}

export function forwardFinder(text: string): (needle: string, from: number) => number {
  const cache = new Map<string, { from: number; at: number }>();
  return (needle, from) => {
    const c = cache.get(needle);
    if (c && from >= c.from && (c.at === -1 || from <= c.at)) return c.at;
    const at = text.indexOf(needle, from);
    cache.set(needle, { from, at });
    return at;
  };
}

/** Names that have a closing tag somewhere in the text (`end<name>`, `/name`), to tell block tags from standalone ones. */
export function closingNames(text: string, re: RegExp): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(re)) names.add(m[1]!.toLowerCase());
  return names;
}

