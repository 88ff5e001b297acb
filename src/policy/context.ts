import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../rulesets/load.js';
import { schemaProblems } from '../rulesets/read-data.js';
import type { Channel } from '../types.js';
import { isValidZone, parseDateTime } from './zoned-time.js';

/** One earlier contact with the debtor, its time as an instant. */
export interface PastContact {
  channel: Channel;
  at: number;
  conversation: boolean;
}

/** What the contact policy reads about a send, parsed and checked once per message. */
export interface SendFacts {
  /** The instant of the send; null when sendAt is absent or unusable (time rules then stay silent). */
  at: number | null;
  /** The recipient's zone. */
  zone: string;
  channel: Channel | null;
  daysPastDue: number | null;
  history: PastContact[];
  optedOut: ReadonlySet<Channel>;
  ceaseCommunication: boolean;
}

/** A bad context value: named by its JSON pointer, e.g. /context/sendAt. */
export interface ContextProblem {
  pointer: string;
  message: string;
}

let schema: object | null = null;

/**
 * Check `context` against schemas/context.schema.json and the checks a schema
 * cannot make (a real IANA zone, a real date-time), and return what is usable.
 * Bad fields are reported and left out; the rest of the message is still linted.
 */
const NO_HISTORY = Object.freeze([]) as unknown as PastContact[];
const NO_OPT_OUTS: ReadonlySet<Channel> = new Set();

export function readSendFacts(context: unknown, channel: Channel | null, defaultZone: string): { facts: SendFacts; problems: ContextProblem[] } {
  // Most lints carry no context (template files): nothing to check, so skip the schema on this hot path.
  if (context === undefined || (typeof context === 'object' && context !== null && !Array.isArray(context) && Object.keys(context).length === 0)) {
    return { facts: { at: null, zone: defaultZone, channel, daysPastDue: null, history: NO_HISTORY, optedOut: NO_OPT_OUTS, ceaseCommunication: false }, problems: [] };
  }
  schema ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schemas', 'context.schema.json'), 'utf8')) as object;
  const problems: ContextProblem[] = [];
  const ctx = (context && typeof context === 'object' && !Array.isArray(context) ? context : {}) as Record<string, unknown>;
  if (context !== undefined && context !== null && ctx !== context) problems.push({ pointer: '/context', message: 'must be an object' });
  const bad = new Set<string>();
  for (const p of schemaProblems(schema, ctx)) {
    problems.push({ pointer: `/context${p.pointer}`, message: p.message });
    bad.add(p.pointer.split('/')[1] ?? '');
  }
  const ok = (field: string) => ctx[field] !== undefined && !bad.has(field) && !bad.has('');

  let zone = defaultZone;
  let zoneUsable = true;
  if (ok('timezone')) {
    if (isValidZone(ctx.timezone as string)) zone = ctx.timezone as string;
    else {
      zoneUsable = false;
      problems.push({ pointer: '/context/timezone', message: `unknown IANA time zone "${String(ctx.timezone)}"` });
    }
  } else if (bad.has('timezone')) zoneUsable = false;

  let at: number | null = null;
  if (ok('sendAt') && zoneUsable) {
    at = parseDateTime(ctx.sendAt as string, zone);
    if (at === null) problems.push({ pointer: '/context/sendAt', message: `not an ISO 8601 date-time: "${String(ctx.sendAt)}"` });
  }

  const history: PastContact[] = [];
  if (ok('history')) {
    (ctx.history as { channel: Channel; at: string; conversation?: boolean }[]).forEach((h, i) => {
      const t = parseDateTime(h.at, zone);
      if (t === null) problems.push({ pointer: `/context/history/${i}/at`, message: `not an ISO 8601 date-time: "${h.at}"` });
      else history.push({ channel: h.channel, at: t, conversation: h.conversation === true });
    });
  }

  return {
    facts: {
      at,
      zone,
      channel,
      daysPastDue: ok('daysPastDue') ? (ctx.daysPastDue as number) : null,
      history,
      optedOut: new Set(ok('optedOut') ? (ctx.optedOut as Channel[]) : []),
      ceaseCommunication: ok('ceaseCommunication') && ctx.ceaseCommunication === true,
    },
    problems,
  };
}
