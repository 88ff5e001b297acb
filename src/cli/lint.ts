import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parserFor, type InputError, type InputMessage } from '../formats/index.js';
import { parseText } from '../formats/text.js';
import { verdictOf, type Linter } from '../linter.js';
import { reporterFor, type MessageReport, type RunReport } from '../report/index.js';
import { ConfigError } from '../rulesets/errors.js';
import type { Channel, Locale, MessageContext } from '../types.js';
import { inferChannel } from './channel.js';
import { displayPath, expandPaths } from './files.js';
import { UsageError, useColor, type CliIo } from './usage.js';

export interface LintRunOptions {
  paths: string[];
  stdin: boolean;
  stdinFilename?: string;
  ruleset?: string;
  channel?: Channel;
  locale?: Locale;
  context?: MessageContext;
  format: string;
  maxWarnings: number;
  quiet: boolean;
  outputFile?: string;
}

/** Lint the inputs, write the report, return the exit code (0 clean, 1 violations or input errors). */
export async function runLint(linter: Linter, opts: LintRunOptions, io: CliIo): Promise<number> {
  const reporter = reporterFor(opts.format)!;
  const inputs: InputMessage[] = [];
  const errors: InputError[] = [];
  const skipped: string[] = [];

  if (opts.stdin) {
    const text = stripBom(await io.readStdin());
    const name = opts.stdinFilename ?? '<stdin>';
    const parse = (opts.stdinFilename && parserFor(opts.stdinFilename)) || parseText;
    collect(parse(name, text), inputs, errors);
  }
  const { files, unmatched } = expandPaths(opts.paths, io.cwd);
  if (unmatched.length) throw new UsageError(`no files match ${unmatched.map((p) => `"${p}"`).join(', ')}`);
  for (const abs of files) {
    const file = displayPath(abs, io.cwd);
    const parse = parserFor(abs);
    if (!parse) {
      skipped.push(file);
      continue;
    }
    let content: string;
    try {
      content = stripBom(readFileSync(abs, 'utf8'));
    } catch (e) {
      errors.push({ file, line: null, message: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    collect(parse(file, content), inputs, errors);
  }

  const results: MessageReport[] = [];
  let warningsSeen = 0;
  for (const input of inputs) {
    const m = input.message;
    const pathChannel = input.file === '<stdin>' ? null : inferChannel(input.file);
    // The record's own fields win, then the command line, then what the path says.
    const channel = m.channel ?? opts.channel ?? pathChannel ?? undefined;
    const context = opts.context || m.context ? { ...opts.context, ...m.context } : undefined;
    let result;
    try {
      result = linter.lint({ text: m.text, channel, locale: m.locale ?? opts.locale, ruleset: m.ruleset ?? opts.ruleset, context });
    } catch (e) {
      // A record naming a bad ruleset is that record's problem; a bad configured ruleset stops the run.
      if (e instanceof ConfigError && m.ruleset !== undefined) {
        errors.push({ file: input.file, line: input.fileLine ?? null, message: e.message });
        continue;
      }
      throw e;
    }
    for (const problem of result.contextErrors ?? []) {
      errors.push({ file: input.file, line: input.fileLine ?? null, message: `bad context ${problem.pointer}: ${problem.message} (ignored; the rest was linted)` });
    }
    warningsSeen += result.findings.filter((f) => f.severity === 'warning').length;
    const findings = opts.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
    results.push({
      file: input.file,
      id: input.id,
      fileLine: input.fileLine,
      source: input.source,
      channel: result.channel,
      locale: result.locale,
      ruleset: result.ruleset,
      verdict: opts.quiet ? verdictOf(findings) : result.verdict,
      findings,
      ...(result.nextAllowedAt !== undefined ? { nextAllowedAt: result.nextAllowedAt } : {}),
    });
  }

  // Warnings count toward --max-warnings even when --quiet hides them, so CI cannot pass by hiding.
  const exceeded = opts.maxWarnings >= 0 && warningsSeen > opts.maxWarnings;
  const report: RunReport = { results, errors, skipped };
  if (exceeded) report.maxWarningsExceeded = { limit: opts.maxWarnings, found: warningsSeen };
  const output = reporter(report, { color: !opts.outputFile && useColor(io) });
  if (opts.outputFile) {
    const target = resolve(io.cwd, opts.outputFile);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  } else io.stdout.write(output);

  const hasErrors = errors.length > 0 || results.some((r) => r.findings.some((f) => f.severity === 'error'));
  return hasErrors || exceeded ? 1 : 0;
}

function collect(parsed: { messages: InputMessage[]; errors: InputError[] }, inputs: InputMessage[], errors: InputError[]): void {
  inputs.push(...parsed.messages);
  errors.push(...parsed.errors);
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
