import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathMatcher } from './globs.js';

export const IGNORE_FILE = '.dunlintignore';

/**
 * Patterns from `.dunlintignore` (in the project root: the config's folder, else the working directory) and the config's
 * `ignorePatterns`, gitignore-style: `#` comments, blank lines, `!` re-includes;
 * the last matching pattern decides.
 */
export function loadIgnore(root: string, configPatterns: string[] = []): (projectPath: string) => boolean {
  const file = join(root, IGNORE_FILE);
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split(/\r?\n/) : [];
  const rules = [...lines, ...configPatterns]
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => (l.startsWith('!') ? { negate: true, match: pathMatcher(l.slice(1)) } : { negate: false, match: pathMatcher(l) }));
  if (rules.length === 0) return () => false;
  return (path) => {
    let ignored = false;
    for (const r of rules) if (r.match(path)) ignored = !r.negate;
    return ignored;
  };
}
