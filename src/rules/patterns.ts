import { RE2JS } from 're2js';

/**
 * Ruleset patterns run on re2js: linear time, so a pattern from a user config
 * cannot hang the linter, and lookarounds/backreferences are refused when the
 * ruleset loads. Most messages match no pattern, so `test` (RE2's DFA) runs first.
 */
export interface CompiledPattern {
  source: string;
  re: RE2JS;
}

export function compilePattern(source: string): CompiledPattern {
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
