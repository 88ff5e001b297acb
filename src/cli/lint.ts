import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FORMATS, type InputError } from '../formats/index.js';
import { stripBom } from '../formats/types.js';
import type { Linter } from '../linter.js';
import { dunlintVersion } from '../report/json.js';
import { reporterFor, type MessageReport, type RunReport } from '../report/index.js';
import { ConfigError } from '../rulesets/errors.js';
import { hashOf, ResultCache } from '../run/cache.js';
import { loadIgnore } from '../run/ignore.js';
import { lintFile, type FileDefaults, type FileOptions, type FileOutcome } from '../run/lint-file.js';
import { compileOverrides } from '../run/overrides.js';
import { EncodingError, readText } from '../run/read-text.js';
import { lintInWorkers } from '../run/pool.js';
import { progressBar } from '../run/progress.js';
import { inShard } from '../run/shard.js';
import type { Directive } from '../report/types.js';
import { applyBaseline, writeBaseline } from './baseline.js';
import { displayPath, expandPaths } from './files.js';
import { UsageError, useColor, type CliIo } from './usage.js';

export interface LintRunOptions extends FileDefaults {
  paths: string[];
  stdin: boolean;
  stdinFilename?: string;
  format: string;
  maxWarnings: number;
  quiet: boolean;
  outputFile?: string;
  shard?: { index: number; count: number };
  cache?: string;
  /** Worker threads: a number, or undefined for automatic (on for large runs). */
  workers?: number;
  reportUnusedDirectives: boolean;
  baseline?: string;
  baselineWrite?: string;
  /** YYYY-MM-DD for waiver expiry; default today (UTC). */
  today?: string;
}

/** Below this many files, one thread wins: each worker compiles the rulesets again (~0.4 s) before it helps. */
const WORKER_THRESHOLD = 1500;

/** Lint the inputs, write the report, return the exit code (0 clean, 1 violations or input errors). */
export async function runLint(linter: Linter, opts: LintRunOptions, io: CliIo): Promise<number> {
  const reporter = reporterFor(opts.format)!;
  const config = linter.config?.config ?? {};
  for (const [ext, name] of Object.entries(config.formats ?? {})) {
    if (!FORMATS[name]) throw new ConfigError(linter.config?.file ?? '<config>', `/formats/${ext.replace(/~/g, '~0').replace(/\//g, '~1')}`, `unknown format "${name}" (known: ${Object.keys(FORMATS).join(', ')})`);
  }
  const fileOptions: FileOptions = {
    defaults: { channel: opts.channel, locale: opts.locale, ruleset: opts.ruleset, context: opts.context },
    overrides: compileOverrides(config.overrides),
    formats: config.formats ?? {},
    lintHiddenText: config.lintHiddenText !== false,
    today: opts.today ?? new Date().toISOString().slice(0, 10),
    quiet: opts.quiet,
  };

  const outcomes: { file: string; outcome: FileOutcome }[] = [];
  const errors: InputError[] = [];
  // Paths in the config (overrides, ignorePatterns) and the folders that imply a channel are read from
  // the config's folder, so results do not depend on where dunlint is started.
  const root = linter.config?.file ? dirname(resolve(io.cwd, linter.config.file)) : io.cwd;
  if (opts.stdin) {
    const text = stripBom(await io.readStdin());
    const name = opts.stdinFilename ?? '<stdin>';
    const projectPath = opts.stdinFilename ? displayPath(resolve(io.cwd, opts.stdinFilename), root) : null;
    outcomes.push({ file: name, outcome: lintFile(linter, name, text, fileOptions, true, projectPath) });
  }

  const ignored = loadIgnore(root, config.ignorePatterns);
  const { files, unmatched } = expandPaths(opts.paths, io.cwd, { ignored, root, includeDocs: config.lintRepositoryDocs === true });
  if (unmatched.length) throw new UsageError(`no files match ${unmatched.map((p) => `"${p}"`).join(', ')}`);
  // The config file itself is settings, not a message catalogue, whatever it is called.
  const configAbs = linter.config?.file ? resolve(io.cwd, linter.config.file) : null;
  const jobs = files
    .filter((abs) => abs !== configAbs)
    .map((abs) => ({ abs, file: displayPath(abs, io.cwd), project: displayPath(abs, root) }))
    .filter((j) => !opts.shard || inShard(j.project, opts.shard));

  const cache = opts.cache ? new ResultCache(resolve(io.cwd, opts.cache), settingsHash(linter, opts, fileOptions)) : null;
  const slots: (FileOutcome | null)[] = new Array(jobs.length).fill(null);
  const pending: number[] = [];
  // Read each file once: the cache needs its content, and the in-process path lints it.
  const contents: (string | null)[] = new Array(jobs.length).fill(null);
  jobs.forEach((job, i) => {
    if (!cache) return pending.push(i);
    const content = readSafe(job.abs, job.file, errors);
    if (content === null) return;
    contents[i] = content;
    const hit = cache.get(job.file, content);
    if (hit) slots[i] = hit;
    else pending.push(i);
  });

  const progress = progressBar(pending.length, io.stderr as NodeJS.WriteStream);
  // Measured on 2 cores (npm run bench): two workers were no faster than one thread for 10,000 files — the main
  // thread's share (walk, read, report) and copying outcomes between threads ate the gain. So workers start on
  // their own only with 4+ cores, leaving one core to the main thread.
  const cores = cpus().length;
  const threads = opts.workers ?? (pending.length >= WORKER_THRESHOLD && cores >= 4 ? Math.min(cores - 1, 4) : 1);
  let done = 0;
  if (threads > 1 && pending.length > 1) {
    const setup = {
      config: linter.config?.file ?? null,
      cwd: io.cwd,
      options: { ...fileOptions, overrides: config.overrides ?? [] },
    };
    await lintInWorkers(
      // Files the cache check already read travel with their content rather than being read again.
      pending.map((i) => ({ ...jobs[i]!, content: contents[i] ?? undefined })),
      threads,
      setup,
      (k, answer) => {
        const i = pending[k]!;
        if ('error' in answer) errors.push({ file: jobs[i]!.file, line: null, message: `cannot read file: ${answer.error}` });
        else {
          slots[i] = answer.outcome;
          cache?.set(jobs[i]!.file, answer.content, answer.outcome);
        }
        progress.tick(++done);
      },
    );
  } else {
    for (const i of pending) {
      const job = jobs[i]!;
      const content = contents[i] ?? readSafe(job.abs, job.file, errors);
      if (content !== null) {
        slots[i] = lintFile(linter, job.file, content, fileOptions, false, job.project, job.abs);
        cache?.set(job.file, content, slots[i]!);
      }
      progress.tick(++done);
    }
  }
  progress.done();
  cache?.save();
  jobs.forEach((job, i) => {
    if (slots[i]) outcomes.push({ file: job.file, outcome: slots[i]! });
  });

  // Assemble the run in file order.
  let results: MessageReport[] = [];
  const skipped: string[] = [];
  const unused: { file: string; directive: Directive }[] = [];
  let warningsSeen = 0;
  for (const { file, outcome } of outcomes) {
    if (outcome.skipped) skipped.push(file);
    results.push(...outcome.results);
    errors.push(...outcome.errors);
    warningsSeen += outcome.warnings;
    for (const d of outcome.directives) if (!d.used) unused.push({ file, directive: d.directive });
  }

  if (opts.baselineWrite) {
    writeBaseline(resolve(io.cwd, opts.baselineWrite), results);
  }
  let baselineInfo: RunReport['baseline'];
  if (opts.baseline) {
    const applied = applyBaseline(resolve(io.cwd, opts.baseline), results, opts.baseline);
    results = applied.results;
    baselineInfo = { file: opts.baseline, matched: applied.matched };
    warningsSeen = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  }

  // Warnings count toward --max-warnings even when --quiet hides them, so CI cannot pass by hiding.
  const exceeded = opts.maxWarnings >= 0 && warningsSeen > opts.maxWarnings;
  const report: RunReport = { results, errors, skipped };
  if (exceeded) report.maxWarningsExceeded = { limit: opts.maxWarnings, found: warningsSeen };
  if (opts.reportUnusedDirectives && unused.length) report.unusedDirectives = unused;
  if (baselineInfo) report.baseline = baselineInfo;
  const output = reporter(report, { color: !opts.outputFile && useColor(io) });
  if (opts.outputFile) {
    const target = resolve(io.cwd, opts.outputFile);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  } else io.stdout.write(output);

  // Writing a baseline records today's findings: it succeeds unless some input could not be read.
  if (opts.baselineWrite) {
    io.stderr.write(`dunlint: wrote ${results.reduce((n, r) => n + r.findings.length, 0)} findings to ${opts.baselineWrite}\n`);
    return errors.length > 0 ? 1 : 0;
  }
  const hasErrors = errors.length > 0 || results.some((r) => r.findings.some((f) => f.severity === 'error')) || (report.unusedDirectives?.length ?? 0) > 0;
  return hasErrors || exceeded ? 1 : 0;
}

/** Everything besides a file's content that decides its outcome, for the cache key. */
function settingsHash(linter: Linter, opts: LintRunOptions, fileOptions: FileOptions): string {
  const rulesets = ['cn', 'us', ...(opts.ruleset ? [opts.ruleset] : [])].map((n) => linter.ruleset(n).definition);
  return hashOf(
    JSON.stringify({
      version: dunlintVersion(),
      config: linter.config?.config ?? null,
      rulesets,
      defaults: fileOptions.defaults,
      today: fileOptions.today,
      quiet: opts.quiet,
    }),
  );
}

function readSafe(abs: string, file: string, errors: InputError[]): string | null {
  try {
    return readText(abs);
  } catch (e) {
    errors.push({ file, line: null, message: `cannot read file: ${e instanceof EncodingError ? e.message : ((e as NodeJS.ErrnoException).code ?? (e as Error).message)}` });
    return null;
  }
}


