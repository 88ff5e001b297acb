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
  findings: ReportedFinding[];
  /** Catalogue key path of the message (JSON / YAML / .properties). */
  key?: string;
  /** Findings silenced by a suppression directive in the file: listed so an auditor sees what was waived and why. */
  waivers?: Waiver[];
  /** Set when a contact-timing rule fired: when the send would pass (null: waiting does not help). */
  nextAllowedAt?: string | null;
}

/** Where a finding sits in the file, 1-based (for catalogue strings, inside the file, not the decoded string). */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface ReportedFinding extends Finding {
  region: Region;
  /** Content fingerprint (src/report/fingerprint.ts), for baselines and SARIF partialFingerprints. */
  fingerprint: string;
}

/** A suppression directive found in a file. */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  /** Rule ids or categories; empty = every rule. */
  rules: string[];
  /** The justification after `--` (required). */
  reason: string;
  /** YYYY-MM-DD after which the waiver no longer applies, or null. */
  expires: string | null;
  /** 1-based line and column of the comment in the file. */
  line: number;
  column: number;
}

export interface Waiver {
  finding: ReportedFinding;
  directive: Directive;
}

export interface RunReport {
  results: MessageReport[];
  errors: InputError[];
  /** Files passed over because their type is not supported. */
  skipped: string[];
  /** Directives that silenced nothing (with --report-unused-disable-directives). */
  unusedDirectives?: { file: string; directive: Directive }[];
  /** Set when a baseline was applied: findings it accepted are left out of `results`. */
  baseline?: { file: string; matched: number };
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
