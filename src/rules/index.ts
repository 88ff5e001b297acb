import type { RuleDefinition } from '../rulesets/model.js';
import { consistency } from './consistency.js';
import { disclosure } from './disclosure.js';
import type { RuleKind } from './kind.js';
import { lexicon } from './lexicon.js';
import { privacy } from './privacy.js';
import { requirement } from './requirement.js';

/**
 * Rule kinds by name. Timing rules (contact-timing) will join here as the
 * `timing` kind, reading `context` instead of the text.
 */
export const RULE_KINDS: Record<RuleDefinition['kind'], RuleKind<any>> = {
  lexicon,
  requirement,
  disclosure,
  consistency,
  privacy,
};

export type { RuleKind, RawFinding, CompileContext } from './kind.js';
