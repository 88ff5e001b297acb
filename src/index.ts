export { createLinter, verdictOf, type Linter, type LinterOptions } from './linter.js';
export { ConfigError } from './rulesets/errors.js';
export type { UserConfig } from './rulesets/config.js';
export type { RuleDefinition, RulesetDefinition } from './rulesets/model.js';
export * from './types.js';
