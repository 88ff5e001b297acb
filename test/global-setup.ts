import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'dist', 'src', 'cli', 'bin.js');

export function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Build dist when it is missing or older than any source file (tsc rewrites every output). */
export default function setup(): void {
  const sources = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'tsconfig.json')).mtimeMs);
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= sources) return;
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', root], { cwd: root, stdio: 'pipe' });
  } catch (e) {
    // Type errors elsewhere still emit JS; fail only when the binary is missing.
    const out = String((e as { stdout?: Buffer }).stdout ?? e);
    if (!existsSync(BIN)) throw new Error(`build failed:\n${out}`);
    console.warn(`tsc reported errors (dist was still emitted):\n${out}`);
  }
}

/** Build the preview page with Vite when it is missing or older than preview/ (only its browser tests need it). */
export function ensurePreviewBuilt(): void {
  const src = join(root, 'preview');
  const index = join(root, 'dist', 'preview', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(src)) return;
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(src, 'vite.config.ts')], { cwd: root, stdio: 'pipe' });
}
