import type { Command } from 'commander';
import type { ServeOptions } from '../server/settings.js';
import { UsageError, type CliIo } from './usage.js';

interface ServeFlags {
  port?: string;
  host?: string;
  config?: string;
  ledger?: string;
  auth: boolean;
  workers?: string;
  bodyLimit?: string;
  maxTextLength?: string;
  maxBatch?: string;
  logLevel?: string;
}

/** Register `dunlint serve` on the root command; `setCode` receives the exit code when the server stops. */
export function registerServe(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('serve')
    .description('run the pre-send HTTP API (docs/server.md)')
    .option('--port <n>', 'port to listen on (0: any free port)', undefined)
    .option('--host <addr>', 'address to bind (default 127.0.0.1)')
    .option('--config <file>', 'config file (default: nearest dunlint.config.* upward)')
    .option('--ledger <url>', `contact ledger: sqlite:<path>, postgres://… or off (default sqlite:./dunlint-ledger.db)`)
    .option('--no-auth', 'no API keys: local use only, binds 127.0.0.1')
    .option('--workers <n>', 'processes sharing the port (default: one per core)')
    .option('--body-limit <bytes>', 'largest request body')
    .option('--max-text-length <n>', 'longest message text, in characters')
    .option('--max-batch <n>', 'most messages in one batch')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | silent')
    .action(async (flags: ServeFlags) => {
      const opts: ServeOptions = {
        cwd: io.cwd,
        env: io.env,
        config: flags.config ?? program.opts<{ config?: string }>().config,
        port: intFlag('--port', flags.port, 0, 65535),
        host: flags.host,
        ledger: flags.ledger,
        auth: flags.auth,
        workers: intFlag('--workers', flags.workers, 1, 256),
        limits: {
          bodyBytes: intFlag('--body-limit', flags.bodyLimit, 1024),
          textLength: intFlag('--max-text-length', flags.maxTextLength, 1),
          batchSize: intFlag('--max-batch', flags.maxBatch, 1),
        },
        logLevel: flags.logLevel,
      };
      if (opts.logLevel !== undefined && !['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(opts.logLevel)) {
        throw new UsageError(`--log-level must be fatal, error, warn, info, debug, trace or silent, not "${opts.logLevel}"`);
      }
      // Loaded on use: fastify, pg and better-sqlite3 would cost every other command ~0.4 s at start.
      const { runServe } = await import('../server/process.js');
      const { ServeError } = await import('../server/server.js');
      try {
        setCode(await runServe(opts));
      } catch (e) {
        if (e instanceof ServeError) throw new UsageError(e.message);
        throw e;
      }
    });
}

function intFlag(name: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}
