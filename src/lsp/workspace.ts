import { basename, dirname, isAbsolute, relative, sep } from 'node:path';
import { FORMATS, formatNameFor } from '../formats/index.js';
import { createLinter, type Linter } from '../linter.js';
import { isRepositoryDoc, isToolFile } from '../run/file-kinds.js';
import type { FileOptions } from '../run/lint-file.js';
import { loadIgnore } from '../run/ignore.js';
import { compileOverrides, type CompiledOverride } from '../run/overrides.js';
import { CONFIG_NAMES, findConfigFile } from '../rulesets/config.js';
import { ConfigError } from '../rulesets/errors.js';

/**
 * Repository boilerplate and tool files that the CLI's directory walk never treats as messages
 * (kept in step with src/cli/files.ts): an editor opening package.json or dunlint.config.yaml
 * must not see them linted as message catalogues.
 */

/** What the server needs to lint one document. */
export type Resolution =
  | {
      kind: 'lint';
      linter: Linter;
      /** Config file in effect, or null. */
      configFile: string | null;
      /** Path relative to the workspace folder (forward slashes): overrides, ignore patterns and channel inference read it. */
      displayPath: string;
      /** Format name (src/formats), for the comment syntax of directives. */
      format: string;
      options: Omit<FileOptions, 'today'>;
    }
  /** Not a message file: unsupported type, ignored, or repository boilerplate. */
  | { kind: 'skip'; reason: string }
  /** The config that applies is broken: one diagnostic at the top of the document. */
  | { kind: 'config-error'; configFile: string; error: ConfigError };

type LinterEntry = { linter: Linter; overrides: CompiledOverride[] } | { error: ConfigError };

/**
 * Config discovery and linter reuse for the language server: the nearest dunlint.config.* above the
 * document (as the CLI finds it from its working folder), one linter per config file so rulesets compile
 * once, and paths relative to the workspace folder that holds the document.
 */
export class Workspace {
  private roots: string[] = [];
  private readonly linters = new Map<string, LinterEntry>();
  private readonly ignores = new Map<string, (displayPath: string) => boolean>();

  /** Workspace folders (absolute paths); the longest one containing a document is its root. */
  setRoots(roots: string[]): void {
    this.roots = [...new Set(roots)].sort((a, b) => b.length - a.length);
    this.ignores.clear();
  }

  /** Forget every linter and ignore list (a config, ignore file or setting changed). */
  invalidate(): void {
    this.linters.clear();
    this.ignores.clear();
  }

  /** Number of cached linters (for tests and logs). */
  get size(): number {
    return this.linters.size;
  }

  resolve(file: string): Resolution {
    const name = basename(file);
    if (isToolFile(name)) return { kind: 'skip', reason: 'tool file' };
    const configFile = findConfigFile(dirname(file));
    const root = this.rootFor(file) ?? (configFile ? dirname(configFile) : null);
    const displayPath = root ? toDisplay(relative(root, file)) ?? toDisplay(file)! : toDisplay(file)!;
    const cwd = root ?? dirname(file);
    const entry = this.linterFor(configFile, cwd);
    if ('error' in entry) {
      // The config's own `formats` map is unknown while it is broken: judge the type by the built-in extensions.
      if (formatNameFor(file) === null) return { kind: 'skip', reason: 'unsupported file type' };
      return { kind: 'config-error', configFile: configFile ?? '<config>', error: entry.error };
    }
    const config = entry.linter.config?.config ?? {};
    const formats = config.formats ?? {};
    const format = formatNameFor(file, formats);
    if (format === null || !FORMATS[format]) return { kind: 'skip', reason: 'unsupported file type' };
    if (config.lintRepositoryDocs !== true && isRepositoryDoc(name)) return { kind: 'skip', reason: 'repository document' };
    if (this.ignoredBy(cwd, configFile, config.ignorePatterns)(displayPath)) return { kind: 'skip', reason: 'ignored' };
    return {
      kind: 'lint',
      linter: entry.linter,
      configFile,
      displayPath,
      format,
      options: { defaults: {}, overrides: entry.overrides, formats, lintHiddenText: config.lintHiddenText !== false, quiet: false },
    };
  }

  /** Compile the rulesets and load the segmenter for each workspace folder's config now, not on the first keystroke. */
  warm(): void {
    for (const root of this.roots) {
      const entry = this.linterFor(findConfigFile(root), root);
      if ('linter' in entry) entry.linter.warm();
    }
  }

  private rootFor(file: string): string | null {
    for (const r of this.roots) {
      const rel = relative(r, file);
      if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return r;
    }
    return null;
  }

  private linterFor(configFile: string | null, cwd: string): LinterEntry {
    // Without a config file, relative ruleset paths (front matter `ruleset: ./x`) resolve from the folder.
    const key = configFile ?? `\0${cwd}`;
    let entry = this.linters.get(key);
    if (!entry) {
      try {
        const linter = configFile ? createLinter({ config: configFile, cwd }) : createLinter({ cwd });
        const config = linter.config?.config ?? {};
        for (const [ext, name] of Object.entries(config.formats ?? {})) {
          if (!FORMATS[name]) throw new ConfigError(configFile ?? '<config>', `/formats/${ext.replace(/~/g, '~0').replace(/\//g, '~1')}`, `unknown format "${name}" (known: ${Object.keys(FORMATS).join(', ')})`);
        }
        entry = { linter, overrides: compileOverrides(config.overrides) };
      } catch (e) {
        // An unreadable config (removed between lookup and read, no permission) is a config problem too.
        const error = e instanceof ConfigError ? e : new ConfigError(configFile ?? '<config>', '', `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        entry = { error };
      }
      this.linters.set(key, entry);
    }
    return entry;
  }

  private ignoredBy(cwd: string, configFile: string | null, patterns: string[] | undefined): (displayPath: string) => boolean {
    const key = `${cwd}\0${configFile ?? ''}`;
    let match = this.ignores.get(key);
    if (!match) {
      match = loadIgnore(cwd, patterns);
      this.ignores.set(key, match);
    }
    return match;
  }
}

/** Files whose change means cached linters are stale. */
export function isConfigFile(file: string): boolean {
  const name = basename(file);
  return CONFIG_NAMES.includes(name) || name === '.dunlintignore';
}

function toDisplay(rel: string): string | null {
  if (rel === '' || rel.startsWith('..')) return null;
  return rel.split(sep).join('/');
}
