import { hostname } from 'node:os';

/**
 * What the server logs, and what it must never log. Request lines carry only
 * method, route template, status, latency, key id, verdicts and rule ids;
 * bodies, URLs with query strings, headers and error messages from clients
 * (a JSON syntax error quotes the body) stay out. These paths are redacted as
 * a second line of defence should anything log a request object anyway
 * (plain paths: wildcard redaction costs on every line).
 */
export const REDACT = ['req.headers.authorization', 'req.body', 'req.url', 'body', 'text', 'context', 'debtorId'];

/** An internal error for the log: its type and where it happened, without its message (which may quote input). */
export function errorForLog(err: unknown): Record<string, unknown> {
  const e = err as { name?: string; code?: string; stack?: string };
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 12).map((l) => l.trim());
  return { type: e.name ?? typeof err, ...(e.code ? { code: e.code } : {}), stack: frames };
}

const LEVELS = { error: 50, warn: 40, info: 30 } as const;

/** pino-compatible JSON lines for the cluster primary, which runs no fastify. */
export function primaryLogger(write: (line: string) => void = (l) => process.stdout.write(l)) {
  const log = (level: keyof typeof LEVELS) => (fields: Record<string, unknown>, msg: string) =>
    write(`${JSON.stringify({ level: LEVELS[level], time: Date.now(), pid: process.pid, hostname: hostname(), role: 'primary', ...fields, msg })}\n`);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
