import type { FileOverride } from '../rulesets/config.js';
import type { Channel, Locale, MessageContext } from '../types.js';
import { pathMatcher } from './globs.js';

export interface CompiledOverride {
  matches: (path: string) => boolean;
  set: { channel?: Channel; locale?: Locale; ruleset?: string; context?: MessageContext };
}

export function compileOverrides(overrides: FileOverride[] = []): CompiledOverride[] {
  return overrides.map((o) => {
    const globs = (Array.isArray(o.files) ? o.files : [o.files]).map(pathMatcher);
    const { files: _files, ...set } = o;
    return { matches: (path) => globs.some((g) => g(path)), set: set as CompiledOverride['set'] };
  });
}

/** Fields the config's `overrides` give a file: every matching entry applies, later ones win; contexts merge. */
export function overridesFor(overrides: CompiledOverride[], path: string): CompiledOverride['set'] {
  const out: CompiledOverride['set'] = {};
  for (const o of overrides) {
    if (!o.matches(path)) continue;
    const { context, ...rest } = o.set;
    Object.assign(out, rest);
    if (context) out.context = { ...out.context, ...context };
  }
  return out;
}
