import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { createLinter, type Linter } from '../linter.js';
import { dunlintVersion } from '../report/json.js';
import { FORMATS } from '../report/index.js';
import { selfTest } from '../rules/self-test.js';
import { ConfigError } from '../rulesets/errors.js';
import { BUILTIN_RULESETS } from '../rulesets/load.js';
import { CHANNELS, type Channel, type Locale, type MessageContext } from '../types.js';
import { runEval } from './eval.js';
import { DEFAULT_CACHE_FILE } from '../run/cache.js';
import { runLint } from './lint.js';
import { parseShard } from '../run/shard.js';
import { runPolicy } from './policy.js';
import { registerServe } from './serve.js';
import { registerLsp } from './lsp.js';
import { processIo, UsageError, type CliIo } from './usage.js';

/** Exit codes (SPEC): 0 clean, 1 violations or input errors, 2 usage or configuration error. */
export const EXIT = { ok: 0, violations: 1, usage: 2 } as const;

interface RootOptions {
  stdin?: boolean;
  stdinFilename?: string;
  ruleset?: string;
  channel?: string;
  locale?: string;
  context?: string;
  config?: string;
  format: string;
  maxWarnings?: string;
  quiet?: boolean;
  outputFile?: string;
  selfTest?: boolean;
  shard?: string;
  cache?: boolean;
  cacheLocation?: string;
  workers?: string;
  reportUnusedDisableDirectives?: boolean;
  baseline?: string;
  baselineWrite?: string;
}

/** Run the command line; resolves to the exit code instead of exiting, so it can be embedded. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('dunlint')
    .description('Compliance linter for debt-collection messages (Chinese and English).')
    .version(dunlintVersion(), '-v, --version')
    .argument('[paths...]', 'files, directories or globs: .txt .md .html, templates (.hbs .mustache .liquid .ftl .vm .j2 .jinja .tpl), catalogues (.json .yaml .yml .properties), .jsonl records')
    .option('--stdin', 'lint text read from standard input')
    .option('--stdin-filename <name>', 'file name for --stdin input (format and channel inference)')
    .option('--ruleset <name|path>', `ruleset for every message (built-in: ${BUILTIN_RULESETS.join(', ')})`)
    .option('--channel <channel>', `channel for every message: ${CHANNELS.join(' | ')} (default: inferred from the path)`)
    .option('--locale <locale>', 'zh | en (default: detected)')
    .option('--context <json>', 'message context as a JSON object, e.g. \'{"daysPastDue": 12}\'')
    .option('--config <file>', 'config file (default: nearest dunlint.config.* upward)')
    .option('-f, --format <name>', `report format: ${FORMATS.join(' | ')}`, 'stylish')
    .option('--max-warnings <n>', 'fail when there are more warnings than this')
    .option('--quiet', 'report errors only')
    .option('-o, --output-file <file>', 'write the report to a file')
    .option('--self-test', "check every rule against its ruleset's own examples")
    .option('--shard <i/n>', 'lint only shard i of n (files split by a hash of their path), for CI job matrices')
    .option('--cache', 'skip files whose content and effective config are unchanged since the last run')
    .option('--cache-location <file>', `cache file (default ${DEFAULT_CACHE_FILE})`)
    .option('--workers <n>', 'worker threads (default: with 4+ cores and 1,500+ files, cores − 1 up to 4; else 1 = in-process)')
    .option('--report-unused-disable-directives', 'report dunlint-disable comments that silence nothing (as errors)')
    .option('--baseline <file>', 'fail only on findings not recorded in this baseline')
    .option('--baseline-write <file>', 'record the current findings as the accepted baseline')
    .showHelpAfterError('(run dunlint --help for usage)')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .action(async (paths: string[], opts: RootOptions) => {
      code = await lintCommand(paths, opts, io);
    });

  program
    .command('eval')
    .description('score the linter on a labelled corpus (per language folder and overall)')
    .argument('[dir]', 'corpus folder or .jsonl file', 'corpus')
    .option('--min-f1 <x>', 'fail below this overall micro F1', '0.95')
    .option('--max-false-alarm-rate <x>', 'fail above this share of clean messages with a finding', '0.03')
    .option('--config <file>', 'config file (default: nearest dunlint.config.* upward)')
    .option('--show-errors', 'list every misclassified record')
    .action((dir: string, opts: { minF1: string; maxFalseAlarmRate: string; config?: string; showErrors?: boolean }) => {
      const linter = makeLinter(opts.config ?? program.opts<RootOptions>().config, io);
      code = runEval(linter, { dir, minF1: ratioOption('--min-f1', opts.minF1), maxFalseAlarmRate: ratioOption('--max-false-alarm-rate', opts.maxFalseAlarmRate), showErrors: !!opts.showErrors }, io);
    });

  program
    .command('policy')
    .description('judge a planned send by the contact policy alone: verdict and nextAllowedAt')
    .requiredOption('--context <json>', 'send context, e.g. \'{"sendAt":"2026-03-10T22:30:00+08:00","daysPastDue":12}\'')
    .option('--channel <channel>', `channel of the send: ${CHANNELS.join(' | ')}`)
    .option('--ruleset <name|path>', `ruleset (default: cn, or us with --locale en)`)
    .option('--locale <locale>', 'zh | en: picks the default ruleset')
    .option('--config <file>', 'config file (default: nearest dunlint.config.* upward)')
    .option('-f, --format <name>', 'stylish | json', 'stylish')
    .action((opts: { context: string; channel?: string; ruleset?: string; locale?: string; config?: string; format: string }) => {
      if (opts.format !== 'stylish' && opts.format !== 'json') throw new UsageError(`policy: --format must be stylish or json, not "${opts.format}"`);
      const channel = checkChannel(opts.channel);
      const locale = checkLocale(opts.locale);
      const linter = makeLinter(opts.config ?? program.opts<RootOptions>().config, io);
      const ruleset = opts.ruleset === undefined ? undefined : resolveRuleset(opts.ruleset, io.cwd);
      code = runPolicy(linter, { context: parseContext(opts.context), channel, locale, ruleset, format: opts.format }, io);
    });

  registerServe(program, io, (c) => (code = c));
  registerLsp(program, io);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander already printed its message; help and version are not failures.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`dunlint: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof ConfigError) {
      io.stderr.write(`dunlint: configuration error: ${e.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`dunlint: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.usage;
  }
}

async function lintCommand(paths: string[], opts: RootOptions, io: CliIo): Promise<number> {
  if (!FORMATS.includes(opts.format)) throw new UsageError(`unknown --format "${opts.format}" (supported: ${FORMATS.join(', ')})`);
  checkChannel(opts.channel);
  checkLocale(opts.locale);
  const maxWarnings = opts.maxWarnings === undefined ? -1 : Number(opts.maxWarnings);
  if (!Number.isInteger(maxWarnings) || (opts.maxWarnings !== undefined && maxWarnings < 0))
    throw new UsageError(`--max-warnings must be a whole number >= 0, not "${opts.maxWarnings}"`);
  const context = opts.context === undefined ? undefined : parseContext(opts.context);

  // One linter for the whole run: rulesets compile once.
  const linter = makeLinter(opts.config, io);
  const ruleset = opts.ruleset === undefined ? undefined : resolveRuleset(opts.ruleset, io.cwd);
  if (ruleset !== undefined) linter.ruleset(ruleset); // a bad ruleset is a configuration error before any output

  if (opts.selfTest) {
    const { ok, report } = selfTest(linter, ruleset !== undefined ? [ruleset] : [...BUILTIN_RULESETS]);
    io.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
    return ok ? EXIT.ok : EXIT.violations;
  }
  if (!opts.stdin && paths.length === 0) throw new UsageError('nothing to lint: give files, directories or globs, or --stdin');

  return runLint(
    linter,
    {
      paths,
      stdin: !!opts.stdin,
      stdinFilename: opts.stdinFilename,
      ruleset,
      channel: opts.channel as Channel | undefined,
      locale: opts.locale as Locale | undefined,
      context,
      format: opts.format,
      maxWarnings,
      quiet: !!opts.quiet,
      outputFile: opts.outputFile,
      shard: opts.shard === undefined ? undefined : shardOption(opts.shard),
      cache: opts.cache || opts.cacheLocation ? (opts.cacheLocation ?? DEFAULT_CACHE_FILE) : undefined,
      workers: opts.workers === undefined ? undefined : workersOption(opts.workers),
      reportUnusedDirectives: !!opts.reportUnusedDisableDirectives,
      baseline: opts.baseline,
      baselineWrite: opts.baselineWrite,
    },
    io,
  );
}

function checkChannel(channel: string | undefined): Channel | undefined {
  if (channel !== undefined && !(CHANNELS as readonly string[]).includes(channel)) throw new UsageError(`--channel must be one of ${CHANNELS.join(', ')}, not "${channel}"`);
  return channel as Channel | undefined;
}

function checkLocale(locale: string | undefined): Locale | undefined {
  if (locale !== undefined && locale !== 'zh' && locale !== 'en') throw new UsageError(`--locale must be zh or en, not "${locale}"`);
  return locale as Locale | undefined;
}

function makeLinter(config: string | undefined, io: CliIo): Linter {
  if (config !== undefined) {
    const file = resolve(io.cwd, config);
    if (!existsSync(file)) throw new UsageError(`config file not found: ${config}`);
    return createLinter({ config: file, cwd: io.cwd });
  }
  return createLinter({ discoverConfig: true, cwd: io.cwd });
}

/** Built-in names stay names; an existing path is taken from the current folder (not the config's). */
function resolveRuleset(value: string, cwd: string): string {
  if ((BUILTIN_RULESETS as readonly string[]).includes(value)) return value;
  const abs = resolve(cwd, value);
  return existsSync(abs) ? abs : value; // left as typed so the error names what the user wrote
}

function parseContext(json: string): MessageContext {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new UsageError(`--context is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError('--context must be a JSON object');
  return value as MessageContext;
}

function shardOption(value: string): { index: number; count: number } {
  try {
    return parseShard(value);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function workersOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--workers must be a whole number >= 1, not "${value}"`);
  return n;
}

function ratioOption(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${name} must be a number from 0 to 1, not "${value}"`);
  return n;
}
