/**
 * Repository benchmark: write a generated template tree to a temp folder and
 * run the real CLI over it in a child process, one thread and with worker
 * threads, then again with a warm --cache. Prints files/s and the child's peak
 * memory (process.resourceUsage().maxRSS covers its worker threads too).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface RepoRun {
  label: string;
  files: number;
  ms: number;
  filesPerSec: number;
  maxRssMb: number;
  code: number;
}

/** Lay out `count` files across channels and formats from the given message texts. */
export function writeRepository(count: number, texts: { zh: string[]; en: string[] }): string {
  const root = mkdtempSync(join(tmpdir(), 'dunlint-repo-'));
  const kinds = ['sms', 'email', 'letters', 'push'];
  for (let i = 0; i < count; i++) {
    const zh = i % 2 === 0;
    const pool = zh ? texts.zh : texts.en;
    const text = pool[i % pool.length]!;
    const kind = kinds[i % kinds.length]!;
    const folder = join(root, 'templates', kind, `team-${i % 25}`);
    const name = `t${String(i).padStart(5, '0')}`;
    let file: string;
    let body: string;
    if (kind === 'email' && i % 3 === 0) {
      file = join(folder, `${name}.html`);
      body = `<!doctype html><html><body><p>${text}</p><p style="font-size:12px">${zh ? '客服热线 400-800-1234' : 'Questions? Call 1-800-555-0100.'}</p></body></html>\n`;
    } else if (kind === 'letters') {
      file = join(folder, `${name}.md`);
      body = `# ${zh ? '还款提醒' : 'Payment reminder'}\n\n${text}\n`;
    } else {
      file = join(folder, `${name}.txt`);
      body = `${text}\n`;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  }
  return root;
}

/** Run the CLI in a child and measure it; the child reports its own peak RSS on exit. */
export function runCli(root: string, args: string[], label: string, files: number): Promise<RepoRun> {
  // The CLI's main() resolves to an exit code; print maxRSS after it finishes.
  const script =
    `import(${JSON.stringify(new URL('../src/cli/main.js', import.meta.url).href)}).then(async (m) => {` +
    `const code = await m.main(${JSON.stringify(args)}, { ...(await import(${JSON.stringify(new URL('../src/cli/usage.js', import.meta.url).href)})).processIo(), stdout: { write() {} } });` +
    `process.stderr.write(JSON.stringify({ code, maxRss: process.resourceUsage().maxRSS }) + '\\n');` +
    `});`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1' } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', () => {
      const ms = performance.now() - t0;
      const line = err.trim().split('\n').pop() ?? '';
      try {
        const { code, maxRss } = JSON.parse(line) as { code: number; maxRss: number };
        // 0 or 1 are reports (the generated tree has violations); anything else is a failed run, not a figure.
        if (code !== 0 && code !== 1) return reject(new Error(`repository run "${label}" exited ${code}: ${err.slice(-2000)}`));
        resolve({ label, files, ms, filesPerSec: (files / ms) * 1000, maxRssMb: maxRss / 1024, code });
      } catch {
        reject(new Error(`repository run failed: ${err.slice(-2000)}`));
      }
    });
  });
}

export async function benchRepository(count: number, texts: { zh: string[]; en: string[] }, threads: number): Promise<RepoRun[]> {
  const root = writeRepository(count, texts);
  try {
    const runs: RepoRun[] = [];
    runs.push(await runCli(root, ['templates', '--format', 'json', '--workers', '1'], '1 thread', count));
    runs.push(await runCli(root, ['templates', '--format', 'json', '--workers', String(threads)], `${threads} worker threads`, count));
    runs.push(await runCli(root, ['templates', '--format', 'json', '--cache'], '--cache, cold', count));
    runs.push(await runCli(root, ['templates', '--format', 'json', '--cache'], '--cache, warm (nothing changed)', count));
    return runs;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
