import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isRepositoryDoc, isToolFile } from '../run/file-kinds.js';
import { globToRegExp } from '../run/globs.js';

/** Folders never worth linting, and repository boilerplate that is not a message template. */
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.github', '.vscode', '.idea']);

export interface WalkOptions {
  /** Path relative to `root` → true when the file must not be linted (.dunlintignore, ignorePatterns). */
  ignored?: (projectPath: string) => boolean;
  /** The folder ignore patterns are relative to: the config file's folder, else the working directory. */
  root?: string;
  /** Lint README, CHANGELOG, LICENSE … too (config `lintRepositoryDocs`). */
  includeDocs?: boolean;
}
const GLOB_CHARS = /[*?]/;

export interface ExpandedPaths {
  /** Absolute paths, de-duplicated, sorted by display path. */
  files: string[];
  /** Arguments that named nothing (no such file, or a glob without matches). */
  unmatched: string[];
}

/**
 * Expand command-line paths: files as given, directories walked recursively, and simple
 * globs (`*`, `**`, `?`) matched by a tiny matcher (Node 20 has no fs.glob). Ignore
 * patterns apply to all; walked and globbed files also skip README/CHANGELOG/LICENSE.
 */
export function expandPaths(args: string[], cwd: string, options: WalkOptions = {}): ExpandedPaths {
  const found = new Set<string>();
  const unmatched: string[] = [];
  const root = options.root ?? cwd;
  const keep = (f: string): boolean => {
    const name = f.split(sep).pop() ?? f;
    if (!options.includeDocs && isRepositoryDoc(name)) return false;
    if (isToolFile(name)) return false;
    return !options.ignored?.(displayPath(f, root));
  };
  const add = (f: string) => {
    if (keep(f)) found.add(f);
  };
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    const st = statSafe(abs);
    // A named file is kept even if it looks like a README, but ignore patterns still apply (lint-staged passes names).
    if (st?.isFile()) {
      if (!options.ignored?.(displayPath(abs, root))) found.add(abs);
    } else if (st?.isDirectory()) walk(abs, add, (d) => !options.ignored?.(`${displayPath(d, root)}/`));
    else if (GLOB_CHARS.test(arg)) {
      const before = found.size;
      for (const f of glob(arg, cwd)) add(f);
      if (found.size === before) unmatched.push(arg);
    } else unmatched.push(arg);
  }
  const files = [...found].sort((a, b) => cmp(displayPath(a, cwd), displayPath(b, cwd)));
  return { files, unmatched };
}

/** A path as reports show it: relative to cwd with forward slashes when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  return shown.split(sep).join('/');
}

function walk(dir: string, add: (file: string) => void, enter: (dir: string) => boolean = () => true): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // an unreadable folder holds nothing we can lint
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && enter(p)) walk(p, add, enter);
    } else if (e.isFile()) add(p);
  }
}

function glob(pattern: string, cwd: string): string[] {
  const posix = pattern.split(sep).join('/');
  const segments = posix.split('/');
  const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
  const baseRel = segments.slice(0, firstGlob).join('/') || (posix.startsWith('/') ? '/' : '.');
  const base = resolve(cwd, baseRel);
  // Match the rest of the pattern against paths relative to the base.
  const re = globToRegExp(segments.slice(firstGlob).join('/'));
  const out: string[] = [];
  if (!statSafe(base)?.isDirectory()) return out;
  walk(base, (f) => {
    if (re.test(relative(base, f).split(sep).join('/'))) out.push(f);
  });
  return out;
}

function statSafe(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/** Code-point order: the same on every machine, unlike localeCompare. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
