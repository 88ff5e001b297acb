import { RE2JS } from 're2js';

/**
 * Patterns are RE2 syntax. A pattern from a user's config or ruleset runs on
 * re2js: linear time, so it cannot hang the linter. The patterns shipped in the
 * built-in rulesets are reviewed with the code and also valid RE2, so they run
 * on V8's RegExp, which is about 100× faster here (bench: re2js matching was
 * the largest single cost of an English SMS).
 */
export interface CompiledPattern {
  source: string;
  re: RE2JS | RegExp;
  /** Literals one of which every match starts with; null when the pattern's start is not that simple. */
  needles: string[] | null;
}

/** Sources of the patterns in the built-in rulesets, registered when they load. */
const trustedSources = new Set<string>();

export function trustPatterns(sources: Iterable<string>): void {
  for (const s of sources) trustedSources.add(s);
}

export function compilePattern(source: string): CompiledPattern {
  if (trustedSources.has(source)) {
    try {
      return { source, re: new RegExp(source, 'gi'), needles: registerNeedles(source, leadingLiterals(source)) };
    } catch {
      // RE2-only syntax (\pL, [[:alpha:]] …): fall through to re2js.
    }
  }
  return { source, re: RE2JS.compile(source, RE2JS.CASE_INSENSITIVE), needles: registerNeedles(source, leadingLiterals(source)) };
}

/**
 * Every pattern's leading literals, found in a text with one scan: at each position the
 * longest literal and the literals that are its prefixes, and from them the patterns that
 * can match. Patterns run one after another on the same text, so the last text's answer is
 * kept. Checking sixty patterns' literals one `includes` at a time cost more than running
 * the patterns; one scan costs about one pattern.
 */
/** needle → sources of the patterns that start with it. */
const byNeedle = new Map<string, Set<string>>();
let index: { re: RegExp | null; prefixes: Map<string, string[]> } | null = null;
let lastText: string | null = null;
let lastEnabled = new Set<string>();

function registerNeedles(source: string, needles: string[] | null): string[] | null {
  // Short starts (a, we, not) are in nearly every message, and a pattern with dozens of starting words
  // is about as quick to run as to screen: scanning for those costs more than it saves (measured on the corpus).
  if (!needles || needles.length > 12 || needles.some((n) => n.length < (/[\u4e00-\u9fff]/.test(n) ? 2 : 3))) return null;
  for (const n of needles) {
    let sources = byNeedle.get(n);
    if (!sources) {
      byNeedle.set(n, (sources = new Set()));
      index = null;
    }
    if (!sources.has(source)) {
      sources.add(source);
      lastText = null;
    }
  }
  return needles;
}

/** Sources of the patterns whose leading literals occur in `text`. */
function enabledIn(text: string): Set<string> {
  if (text === lastText) return lastEnabled;
  if (!index) {
    const sorted = [...byNeedle.keys()].sort((a, b) => b.length - a.length);
    const prefixes = new Map<string, string[]>();
    for (const n of sorted) {
      const list: string[] = [];
      for (let k = 1; k <= n.length; k++) if (byNeedle.has(n.slice(0, k))) list.push(n.slice(0, k));
      prefixes.set(n, list);
    }
    index = { re: sorted.length ? new RegExp(sorted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : null, prefixes };
  }
  const seen = new Set<string>();
  const enabled = new Set<string>();
  const re = index.re;
  if (re) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      for (const n of index.prefixes.get(m[0])!) {
        if (seen.has(n)) continue;
        seen.add(n);
        for (const src of byNeedle.get(n)!) enabled.add(src);
      }
      re.lastIndex = m.index + 1;
    }
  }
  lastText = text;
  lastEnabled = enabled;
  return enabled;
}

const META = new Set([...'\\^$.|?*+()[]{}']);

/**
 * The literal text every match must start with, one per alternative: `\b(?:pay|paid)\b…`
 * gives [pay, paid], `we['’]ll…` gives [we]. A message holding none of them cannot match,
 * and `includes` answers that far faster than running the pattern — with some sixty
 * patterns in a ruleset, most of them absent from most messages, this is most of their cost.
 * Null (always run the pattern) when the start is a class, an optional group or anything
 * this small reader does not follow.
 */
export function leadingLiterals(source: string): string[] | null {
  let s = source;
  while (s.startsWith('\\b') || s.startsWith('^')) s = s.slice(s.startsWith('^') ? 1 : 2);
  const top = splitTopLevel(s);
  if (top.length > 1) return unionOf(top);
  if (s.startsWith('(')) {
    if (s.startsWith('(?') && !s.startsWith('(?:')) return null; // lookarounds, named groups, flags
    const close = matchingParen(s);
    if (close < 0) return null;
    const group = unionOf(splitTopLevel(s.slice(s.startsWith('(?:') ? 3 : 1, close)));
    // An optional group: a match starts either with it or with what follows it.
    const optional = /^(?:\?|\*|\{0,\d*\})\??/.exec(s.slice(close + 1));
    if (!optional) return group;
    const after = leadingLiterals(s.slice(close + 1 + optional[0].length));
    return group && after ? [...group, ...after] : null;
  }
  let lit = '';
  let i = 0;
  for (; i < s.length && !META.has(s[i]!); i++) lit += s[i];
  // A quantifier after the last literal character makes that character optional.
  if (i < s.length && /[?*{]/.test(s[i]!)) lit = lit.slice(0, -1);
  return lit === '' ? null : [lit.toLowerCase()];
}

function unionOf(alternatives: string[]): string[] | null {
  const out: string[] = [];
  for (const alt of alternatives) {
    const lits = leadingLiterals(alt);
    if (!lits) return null;
    out.push(...lits);
  }
  return out;
}

/**
 * Walks a pattern's structural characters — escapes and [classes] skipped — with the group
 * depth around each one (for `(` before it opens, for `)` after it closes), until `stop` says so.
 * Returns the index where it stopped, or -1.
 */
function walkPattern(s: string, stop: (c: string, i: number, depth: number) => boolean | void): number {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (stop(c, i, c === ')' ? --depth : c === '(' ? depth++ : depth)) return i;
  }
  return -1;
}

function matchingParen(s: string): number {
  return walkPattern(s, (c, _i, depth) => c === ')' && depth === 0);
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let from = 0;
  walkPattern(s, (c, i, depth) => {
    if (c !== '|' || depth !== 0) return;
    out.push(s.slice(from, i));
    from = i + 1;
  });
  out.push(s.slice(from));
  return out;
}

/** Returns an error message when the pattern is not valid RE2 syntax. */
export function patternError(source: string): string | null {
  try {
    RE2JS.compile(source);
    return null;
  } catch (e) {
    return `not a valid RE2 pattern (${(e as Error).message}); lookarounds and backreferences are not supported`;
  }
}

export function findPattern(p: CompiledPattern, text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (p.needles && !enabledIn(text).has(p.source)) return out;
  if (p.re instanceof RegExp) {
    const re = p.re;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      else out.push({ start: m.index, end: m.index + m[0].length });
    }
    return out;
  }
  // Most messages match no pattern, so `test` (RE2's DFA) runs first.
  if (!p.re.test(text)) return out;
  const m = p.re.matcher(text);
  while (m.find()) {
    if (m.end() === m.start()) continue;
    out.push({ start: m.start(), end: m.end() });
  }
  return out;
}

/** Schema-independent check shared by the kinds that accept `patterns`: each must be valid RE2. */
export function validatePatterns(patterns: string[] | undefined): [string, string][] {
  return (patterns ?? []).flatMap((p, i) => {
    const err = patternError(p);
    return err ? [[`/patterns/${i}`, err] as [string, string]] : [];
  });
}
