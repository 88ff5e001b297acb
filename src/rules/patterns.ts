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
}

/** Sources of the patterns in the built-in rulesets, registered when they load. */
const trustedSources = new Set<string>();

export function trustPatterns(sources: Iterable<string>): void {
  for (const s of sources) trustedSources.add(s);
}

export function compilePattern(source: string): CompiledPattern {
  if (trustedSources.has(source)) {
    try {
      return { source, re: new RegExp(source, 'gi') };
    } catch {
      // RE2-only syntax (\pL, [[:alpha:]] …): fall through to re2js.
    }
  }
  return { source, re: RE2JS.compile(source, RE2JS.CASE_INSENSITIVE) };
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
