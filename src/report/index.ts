import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { sarifReporter } from './sarif.js';
import { stylishReporter } from './stylish.js';
import type { Reporter } from './types.js';

export type { MessageReport, Reporter, ReporterOptions, RunReport } from './types.js';
export { createSarifReporter, type SarifOptions } from './sarif.js';

const REPORTERS: Record<string, Reporter> = {
  stylish: stylishReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  junit: junitReporter,
  github: githubReporter,
};

export function reporterFor(name: string): Reporter | null {
  return Object.hasOwn(REPORTERS, name) ? REPORTERS[name]! : null;
}

export const FORMATS = Object.keys(REPORTERS);
