import type { InputError } from '../formats/index.js';
import type { Channel, Finding, Locale, Verdict } from '../types.js';

/** One linted message, with what a reporter needs to point back into the input. */
export interface MessageReport {
  file: string;
  id: string | null;
  /** 1-based line of the file the message came from (.jsonl), else undefined. */
  fileLine?: number;
  /** The text the finding offsets point into. */
  source: string;
  channel: Channel | null;
  locale: Locale;
  ruleset: string;
  verdict: Verdict;
  findings: Finding[];
  /** Set when a contact-timing rule fired: when the send would pass (null: waiting does not help). */
  nextAllowedAt?: string | null;
}

export interface RunReport {
  results: MessageReport[];
  errors: InputError[];
  /** Files passed over because their type is not supported. */
  skipped: string[];
  /** Set when --max-warnings was exceeded, so the reporter can say why the run failed. */
  maxWarningsExceeded?: { limit: number; found: number };
}

export interface ReporterOptions {
  color: boolean;
}

export type Reporter = (report: RunReport, options: ReporterOptions) => string;

export function countSeverities(results: MessageReport[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const r of results) for (const f of r.findings) f.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}
