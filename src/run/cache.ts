import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FileOutcome } from './lint-file.js';

export const DEFAULT_CACHE_FILE = '.dunlintcache';

interface CacheData {
  settings: string;
  files: Record<string, { content: string; outcome: FileOutcome }>;
}

export function hashOf(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 32);
}

/**
 * `--cache`: remembers each file's outcome under a hash of its content and of
 * everything else that decides the outcome (dunlint version, effective rulesets
 * and config, command-line message fields, the day — waivers expire). Any change
 * to those settings empties the cache; a changed file is simply linted again.
 */
export class ResultCache {
  private data: CacheData;
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly settings: string,
  ) {
    let loaded: CacheData | null = null;
    try {
      if (existsSync(file)) loaded = JSON.parse(readFileSync(file, 'utf8')) as CacheData;
    } catch {
      loaded = null; // a corrupt cache is just a cold cache
    }
    this.data = loaded && loaded.settings === settings && loaded.files ? loaded : { settings, files: {} };
    if (this.data !== loaded) this.dirty = true;
  }

  get(path: string, content: string): FileOutcome | null {
    const hit = this.data.files[path];
    return hit && hit.content === hashOf(content) ? hit.outcome : null;
  }

  set(path: string, content: string, outcome: FileOutcome): void {
    this.data.files[path] = { content: hashOf(content), outcome };
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(this.data));
  }
}
