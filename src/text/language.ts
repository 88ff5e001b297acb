import type { Locale } from '../types.js';
import { isHanCode, isLatinLetterCode } from './han.js';

export type DetectedLanguage = Locale | 'mixed';

/**
 * Han-ratio heuristic: Han characters against Latin words. On SMS-length text it
 * beat every statistical detector measured (research/libs.md §6) and is the only
 * one that can answer "mixed". Placeholder names should be removed by the caller.
 */
export function detectLanguage(text: string): DetectedLanguage {
  let han = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHanCode(c)) {
      han++;
      inWord = false;
    } else if (isLatinLetterCode(c)) {
      if (!inWord) words++;
      inWord = true;
    } else {
      inWord = false;
    }
  }
  if (han === 0 && words === 0) return 'en';
  const ratio = han / (han + words);
  if (ratio >= 0.6) return 'zh';
  if (ratio <= 0.35) return 'en';
  return 'mixed';
}

/** The locale a mixed message is reported in: whichever script carries more of it. */
export function dominantLocale(text: string): Locale {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHanCode(c)) han++;
    else if (isLatinLetterCode(c)) latin++;
  }
  // A Han character carries about as much as a four-letter word.
  return han * 4 >= latin ? 'zh' : 'en';
}
