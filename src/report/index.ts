import { jsonReporter } from './json.js';
import { stylishReporter } from './stylish.js';
import type { Reporter } from './types.js';

export type { MessageReport, Reporter, ReporterOptions, RunReport } from './types.js';

const REPORTERS: Record<string, Reporter> = { stylish: stylishReporter, json: jsonReporter };
/** Named in SPEC but not written yet: a clear usage error rather than "unknown format". */
export const PLANNED_FORMATS = ['sarif', 'junit', 'github'];

export function reporterFor(name: string): Reporter | null {
  return REPORTERS[name] ?? null;
}

export const FORMATS = Object.keys(REPORTERS);
