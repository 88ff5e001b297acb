import { phraseSet, type PhraseMatcher } from '../text/phrase-matcher.js';
import { normalize } from '../text/normalize.js';
import type { Vocabulary } from './model.js';

/** The ruleset's vocabulary, compiled once into matchers. */
export interface CompiledVocabulary {
  /** Distinguishes vocabularies in per-message memo keys. */
  id: number;
  payment: PhraseMatcher<true>;
  exempt: PhraseMatcher<true>;
  stillOwed: PhraseMatcher<true>;
  marketing: PhraseMatcher<true>;
  optOut: PhraseMatcher<true>;
  collectorDisclosure: PhraseMatcher<true>;
  negators: PhraseMatcher<true>;
  scopeBreakers: PhraseMatcher<true>;
  institutionSuffixes: PhraseMatcher<true>;
  neutralSignatureWords: string[];
}

function matcher(list: string[] | undefined): PhraseMatcher<true> {
  return phraseSet(list ?? []);
}

let nextId = 1;

export function compileVocabulary(v: Partial<Vocabulary>): CompiledVocabulary {
  return {
    id: nextId++,
    payment: matcher(v.payment),
    exempt: matcher(v.exempt),
    stillOwed: matcher(v.stillOwed),
    marketing: matcher(v.marketing),
    optOut: matcher(v.optOut),
    collectorDisclosure: matcher(v.collectorDisclosure),
    negators: matcher(v.negators),
    scopeBreakers: matcher(v.scopeBreakers),
    institutionSuffixes: matcher(v.institutionSuffixes),
    // Longest first, so 温馨提示 is removed before 提示.
    neutralSignatureWords: (v.neutralSignatureWords ?? []).map((w) => normalize(w).text).sort((a, b) => b.length - a.length),
  };
}
