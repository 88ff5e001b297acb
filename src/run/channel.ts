import type { Channel } from '../types.js';

/** Folder and file-name words that say which channel a template is for. */
const WORDS: Record<string, Channel> = {
  sms: 'sms',
  email: 'email',
  emails: 'email',
  letter: 'letter',
  letters: 'letter',
  push: 'push',
  phone: 'phone',
  scripts: 'phone',
};

/**
 * The channel a template's path implies: a name part (`reminder.sms.txt`) first, then the
 * nearest folder (`templates/sms/…`). Null when nothing says; channel checks are then skipped.
 */
export function inferChannel(path: string): Channel | null {
  const segments = path.split(/[\\/]/).filter(Boolean);
  const name = segments.pop() ?? '';
  const parts = name.toLowerCase().split('.');
  for (const p of parts.slice(0, Math.max(1, parts.length - 1))) if (WORDS[p]) return WORDS[p]!;
  for (const seg of segments.reverse()) {
    const c = WORDS[seg.toLowerCase()];
    if (c) return c;
  }
  return null;
}
