/** The two server calls the page makes: POST /v1/check and GET /v1/rules (docs/server.md). */

// The engine's own contracts (type-only: nothing from src/ is bundled into the page).
import type { Channel, Finding as EngineFinding, Locale, Position, Verdict } from '../../src/types.js';

export type { Channel, Locale, Position, Verdict };
export type Severity = 'error' | 'warning' | 'info';

/** A finding as the API sends it (the engine's, with `suggestion` possibly absent). */
export interface Finding extends Omit<EngineFinding, 'severity' | 'suggestion' | 'category'> {
  category: string;
  severity: Severity;
  suggestion?: string | null;
}

export interface CheckResponse {
  verdict: Verdict;
  findings: Finding[];
  nextAllowedAt?: string | null;
  locale: Locale;
  channel: Channel | null;
  ruleset: string;
  rulesetHash: string;
  sms?: { encoding: 'GSM-7' | 'UCS-2'; segments: number };
}

export interface CheckContext {
  recipient?: 'debtor' | 'third-party';
  sendAt?: string;
  timezone?: string;
  daysPastDue?: number;
}

export interface CheckRequest {
  text: string;
  channel?: Channel;
  locale?: Locale;
  ruleset?: string;
  context?: CheckContext;
}

export interface RuleInfo {
  id: string;
  kind: string;
  category: string;
  severity: Severity;
  enabled: boolean;
  message: Record<Locale, string>;
  citation: string;
  suggestion?: Record<Locale, string>;
}

export interface RulesetInfo {
  name: string;
  locale: Locale;
  description?: string;
  timezone: string;
  rulesetHash: string;
  rules: RuleInfo[];
}

export interface ErrorDetail {
  pointer: string;
  message: string;
}

/** A non-2xx answer in the API's one error shape, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

// Relative to the page, so the preview also works behind a path prefix.
const url = (path: string) => new URL(path, document.baseURI).toString();

async function request<T>(method: 'GET' | 'POST', path: string, apiKey: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  let res: Response;
  try {
    res = await fetch(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store' });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', (e as Error).message);
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: reported below
  }
  if (!res.ok) {
    const err = (parsed as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'http', err?.message ?? `HTTP ${res.status}`, err?.details ?? []);
  }
  if (parsed === null) throw new ApiError(res.status, 'bad_response', 'the server did not answer with JSON');
  return parsed as T;
}

export const postCheck = (body: CheckRequest, apiKey: string, signal?: AbortSignal) => request<CheckResponse>('POST', 'v1/check', apiKey, body, signal);

export const getRules = (apiKey: string) => request<{ rulesets: RulesetInfo[] }>('GET', 'v1/rules', apiKey);
