import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

// These tests run the built binary (test/global-setup.ts builds dist when stale).
export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'cli', 'bin.js');

export const THREAT = '再不还钱就上门，后果自负。';
export const COMPLIANT_SMS = '【招商银行】王先生，您尾号1234的信用卡已逾期5天，应还2,356.40元，请于12月8日前还款。';
export const NO_AMOUNT_SMS = '【招商银行】王先生，您的信用卡已逾期，请尽快还款。'; // warnings only (cn)

export const root = mkdtempSync(join(tmpdir(), 'dunlint-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh fixture folder with the given files. */
export function fixture(files: Record<string, string>): string {
  const dir = join(root, `case-${++n}`);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(args: string[], opts: { cwd: string; input?: string }): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
    child.stdin!.end(opts.input ?? '');
  });
}

export async function runJson(args: string[], opts: { cwd: string; input?: string }) {
  const r = await run([...args, '--format', 'json'], opts);
  return { ...r, report: JSON.parse(r.stdout) as JsonReport };
}

interface JsonPos {
  offset: number;
  line: number;
  column: number;
}
export interface JsonFinding {
  ruleId: string;
  category: string;
  severity: string;
  start: JsonPos;
  end: JsonPos;
  excerpt: string;
}
export interface JsonResult {
  file: string;
  id: string | null;
  channel: string | null;
  locale: string;
  ruleset: string;
  verdict: string;
  findings: JsonFinding[];
}
export interface JsonReport {
  dunlint: string;
  results: JsonResult[];
  summary: { messages: number; errors: number; warnings: number };
  errors: { file: string; line: number | null; message: string }[];
}
