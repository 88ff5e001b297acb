import type { RuleDefinition } from '../rulesets/model.js';
import { consistency } from './consistency.js';
import { disclosure } from './disclosure.js';
import type { RuleKind } from './kind.js';
import { lexicon } from './lexicon.js';
import { privacy } from './privacy.js';
import { requirement } from './requirement.js';
import { contactCalendar } from './timing/calendar.js';
import { contactConsent } from './timing/consent.js';
import { contactFrequency } from './timing/frequency.js';
import { contactHours } from './timing/hours.js';
import { contactQuietPeriod } from './timing/quiet-period.js';
import { contactStage } from './timing/stage.js';

/** Rule kinds by name. Text kinds read the message; the contact-* kinds read `context` (the contact policy). */
export const RULE_KINDS: Record<RuleDefinition['kind'], RuleKind<any>> = {
  lexicon,
  requirement,
  disclosure,
  consistency,
  privacy,
  'contact-hours': contactHours,
  'contact-calendar': contactCalendar,
  'contact-stage': contactStage,
  'contact-frequency': contactFrequency,
  'contact-quiet-period': contactQuietPeriod,
  'contact-consent': contactConsent,
};

export type { RuleKind, RawFinding, CompileContext, TimingCheck, TimingViolation } from './kind.js';
