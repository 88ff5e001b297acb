/** Globs the way users write them in configs and ignore files: `*`, `**`, `?`, `{a,b}`. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      // `**/` is zero or more folders; a trailing `**` is anything.
      if (glob[i + 2] === '/') {
        re += '(?:[^/]*/)*';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '{') {
      const close = glob.indexOf('}', i);
      if (close > i) {
        re += `(?:${glob.slice(i + 1, close).split(',').map((alt) => globToRegExp(alt).source.slice(1, -1)).join('|')})`;
        i = close;
      } else re += '\\{';
    } else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}


/**
 * gitignore-style matching for ignore files and `overrides[].files`: a pattern
 * without a slash matches a name at any depth (`*.bak`, `drafts`), one with a
 * slash is anchored at the root (`sms/legacy/**`); a match on a folder covers
 * everything inside it.
 */
export function pathMatcher(pattern: string): (path: string) => boolean {
  let p = pattern.trim().replace(/^\.\//, '');
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.slice(0, -1);
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  const body = globToRegExp(p).source.slice(1, -1);
  const re = new RegExp(`${anchored ? '^' : '(?:^|/)'}${body}(?:/.*)?$`);
  return (path) => re.test(path.replace(/^\.\//, ''));
}
