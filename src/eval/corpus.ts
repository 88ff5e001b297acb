import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Category, Message } from '../types.js';

/** A labelled corpus record (SPEC: labelled corpus format). */
export interface CorpusRecord extends Message {
  id: string;
  expect: Category[];
  tolerate?: Category[];
  note?: string;
  /** Where it came from, for reports. */
  source: string;
}

/** Every record of every .jsonl file under `dir`. Bad lines are returned as problems, not thrown. */
export function readCorpus(dir: string): { records: CorpusRecord[]; problems: string[] } {
  const records: CorpusRecord[] = [];
  const problems: string[] = [];
  for (const file of listJsonl(dir)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.trim() === '') return;
        try {
          const r = JSON.parse(line) as CorpusRecord;
          if (typeof r.text !== 'string' || !Array.isArray(r.expect)) throw new Error('needs "text" and "expect"');
          records.push({ ...r, source: `${file}:${i + 1}` });
        } catch (e) {
          problems.push(`${file}:${i + 1}: ${(e as Error).message}`);
        }
      });
  }
  return { records, problems };
}

function listJsonl(dir: string): string[] {
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => (d.isDirectory() ? listJsonl(join(dir, d.name)) : d.name.endsWith('.jsonl') ? [join(dir, d.name)] : []));
}
