import { format } from 'node:util';
import type { Command } from 'commander';
import type { CliIo } from './usage.js';

/** Register `dunlint lsp --stdio` on the root command. */
export function registerLsp(program: Command, io: CliIo): void {
  program
    .command('lsp')
    .description('run the language server for editors (diagnostics, hovers, quick fixes); docs/editors.md')
    .option('--stdio', 'speak LSP over standard input and output (the default, and the only transport)')
    // Clients add their own flags (vscode-languageclient passes --clientProcessId=<pid>).
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(() => runLsp(io));
}

/**
 * Serve LSP on stdin/stdout until the client sends `exit` or closes stdin (the connection then ends the
 * process: 0 after `shutdown`, 1 otherwise). Stdout carries only protocol messages, so console output from
 * any library goes to stderr, which editors show in their server log. The server's modules load only here,
 * so other commands do not pay for them.
 */
export async function runLsp(io: CliIo): Promise<never> {
  const toStderr = (...args: unknown[]) => void process.stderr.write(`${format(...args)}\n`);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  console.warn = toStderr;
  console.trace = toStderr;
  const [{ createConnection }, { startServer }] = await Promise.all([import('vscode-languageserver/node'), import('../lsp/server.js')]);
  startServer(createConnection(process.stdin, process.stdout), { cwd: io.cwd });
  return new Promise<never>(() => {});
}
