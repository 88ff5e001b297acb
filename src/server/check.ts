import { debtorKey } from '../ledger/debtor-key.js';
import type { Ledger } from '../ledger/ledger.js';
import { readSendFacts } from '../policy/context.js';
import { isValidZone, parseDateTime } from '../policy/zoned-time.js';
import type { Channel, ContactAttempt, LintResult, Locale, Message, MessageContext } from '../types.js';
import { mayUse, type ApiKey } from './auth.js';
import { ApiError, badRequest, forbidden } from './errors.js';
import type { Metrics } from './metrics.js';
import type { Runtime } from './runtime.js';
import { smsInfo, type SmsInfo } from './sms.js';

const DAY = 86_400_000;

/** A validated /v1/check body (schemas/check-request.schema.json). */
export interface CheckRequest {
  id?: string | number;
  text: string;
  channel?: Channel;
  locale?: Locale;
  ruleset?: string;
  context?: MessageContext;
  debtorId?: string;
  record?: boolean;
}

export interface CheckResponse {
  id?: string | number;
  verdict: LintResult['verdict'];
  findings: LintResult['findings'];
  nextAllowedAt?: string | null;
  locale: Locale;
  channel: Channel | null;
  ruleset: string;
  rulesetHash: string;
  sms?: SmsInfo;
  recorded?: boolean;
  contactId?: string;
}

/** What a check needs besides the request: the runtime of this moment, the ledger, the caller. */
export interface CheckEnv {
  rt: Runtime;
  ledger: Ledger | null;
  pepper: string | null;
  key: ApiKey | null;
  metrics: Metrics;
  now: () => number;
  /** Collects verdicts and rule ids for the request's log line. */
  note: (r: CheckResponse) => void;
}

/**
 * Everything that can be refused about a message, refused before any ledger
 * work: unknown or forbidden rulesets, a debtor without a ledger, and (with
 * `context: true`) bad context values. A batch runs this over all its
 * messages first, so it never records half of itself and then fails; a single
 * check leaves context values to the lint, whose errors abort it just as well.
 */
export function precheck(env: CheckEnv, req: CheckRequest, { context = false } = {}): void {
  const { rt, key } = env;
  if (req.ruleset !== undefined) {
    const info = rt.requestable.get(req.ruleset);
    if (!info) throw badRequest('unknown ruleset', [{ pointer: '/ruleset', message: `not a ruleset of this server (${[...rt.requestable.keys()].join(', ')})` }]);
    if (!mayUse(key, info.name)) throw forbidden(`this API key may not use the ruleset "${info.name}"`);
  } else if (key?.rulesets) {
    // The ruleset follows the text's language: find it the way lint does (cheap, no context).
    const name = rt.linter.lint({ text: req.text, locale: req.locale }).ruleset;
    if (!mayUse(key, name)) throw forbidden(`this API key may not use the ruleset "${name}"`);
  }
  // Values the schema cannot judge (a real zone, a real date): a pre-send check must not guess.
  if (context && req.context !== undefined) {
    const { problems } = readSendFacts(req.context, req.channel ?? null, 'UTC');
    if (problems.length > 0) throw badRequest('invalid context', problems);
  }
  if (req.debtorId !== undefined && !env.ledger) {
    throw badRequest('this server runs without a ledger (--ledger off)', [{ pointer: '/debtorId', message: 'needs a ledger' }]);
  }
}

export async function check(env: CheckEnv, req: CheckRequest): Promise<CheckResponse> {
  const { rt, ledger } = env;
  const message: Message = { text: req.text, channel: req.channel, locale: req.locale, ruleset: req.ruleset, context: req.context };
  if (req.debtorId === undefined || !ledger) return finish(env, req, rt.linter.lint(message), null);

  const key = debtorKey(env.pepper!, req.debtorId);
  // A send to a known debtor happens at a known instant: now, unless the caller schedules it.
  const context: MessageContext = { ...req.context, sendAt: req.context?.sendAt ?? new Date(env.now()).toISOString() };
  const approx = Date.parse(context.sendAt!);
  const since = (Number.isNaN(approx) ? env.now() : approx) - rt.lookbackMs - DAY;

  const decide = (history: ContactAttempt[]) => {
    const result = rt.linter.lint({ ...message, context: { ...context, history: mergeHistory(req.context?.history, history) } });
    checkResult(env, result); // throws: nothing is recorded
    const at = req.record && result.verdict !== 'block' ? sendInstant(rt, context, result.ruleset) : null;
    return {
      value: result,
      record:
        at === null
          ? null
          : {
              channel: req.channel!,
              at,
              conversation: false,
              source: 'check' as const,
              verdict: result.verdict,
              ruleset: result.ruleset,
              rulesetHash: hashOf(rt, result.ruleset),
              text: rt.settings.storeText ? req.text : undefined,
            },
    };
  };

  if (!req.record) return finish(env, req, decide(await ledger.history(key, since)).value, null);
  const { value, id } = await ledger.checkAndRecord(key, since, decide);
  if (id !== null) env.metrics.inc('dunlint_ledger_records_total', { source: 'check' });
  return finish(env, req, value, id);
}

function checkResult(env: CheckEnv, result: LintResult): void {
  if (result.contextErrors?.length) throw badRequest('invalid context', result.contextErrors);
  if (!mayUse(env.key, result.ruleset)) throw forbidden(`this API key may not use the ruleset "${result.ruleset}"`);
}

function finish(env: CheckEnv, req: CheckRequest, result: LintResult, contactId: string | null): CheckResponse {
  checkResult(env, result);
  const out: CheckResponse = {
    ...(req.id !== undefined ? { id: req.id } : {}),
    verdict: result.verdict,
    findings: result.findings,
    ...(result.nextAllowedAt !== undefined ? { nextAllowedAt: result.nextAllowedAt } : {}),
    locale: result.locale,
    channel: result.channel,
    ruleset: result.ruleset,
    rulesetHash: hashOf(env.rt, result.ruleset),
  };
  if (result.channel === 'sms') out.sms = smsInfo(req.text);
  if (req.record) {
    out.recorded = contactId !== null;
    if (contactId !== null) out.contactId = contactId;
  }
  env.metrics.inc('dunlint_checks_total', { verdict: result.verdict, ruleset: result.ruleset });
  for (const f of result.findings) env.metrics.inc('dunlint_findings_total', { category: f.category, severity: f.severity });
  env.note(out);
  return out;
}

function hashOf(rt: Runtime, name: string): string {
  const info = rt.byName.get(name);
  if (info) return info.hash;
  throw new ApiError(500, 'internal', `ruleset "${name}" has no hash`);
}

/** The instant the linter judged: sendAt read in the recipient's zone, as the contact policy reads it. */
function sendInstant(rt: Runtime, context: MessageContext, ruleset: string): number {
  const zone = context.timezone && isValidZone(context.timezone) ? context.timezone : (rt.byName.get(ruleset)?.compiled.timezone ?? 'UTC');
  return parseDateTime(context.sendAt!, zone) ?? Date.parse(context.sendAt!);
}

/**
 * The caller's history first (so its JSON pointers stay right), then the
 * ledger's contacts the caller did not already send: a caller that mirrors
 * the ledger does not make a contact count twice.
 */
function mergeHistory(sent: ContactAttempt[] | undefined, ledger: ContactAttempt[]): ContactAttempt[] {
  if (!sent?.length) return ledger;
  const seen = new Set<string>();
  for (const h of sent) {
    const t = Date.parse(h.at);
    if (!Number.isNaN(t)) seen.add(`${h.channel}@${t}`);
  }
  return [...sent, ...ledger.filter((h) => !seen.has(`${h.channel}@${Date.parse(h.at)}`))];
}
