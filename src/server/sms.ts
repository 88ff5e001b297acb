/**
 * SMS encoding and segment count (3GPP TS 23.038 / 23.040), for a sender that
 * wants to know what a message costs before it goes out.
 */

export interface SmsInfo {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
}

// GSM 03.38 default alphabet (one septet each) and its extension table (escape + one septet: two).
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';

const SEPTETS = new Map<string, number>();
for (const ch of BASIC) SEPTETS.set(ch, 1);
for (const ch of EXTENSION) SEPTETS.set(ch, 2);

const GSM_SINGLE = 160;
const GSM_PART = 153; // 7 septets go to the concatenation header
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

export function smsInfo(text: string): SmsInfo {
  const septets: number[] = [];
  for (const ch of text) {
    const n = SEPTETS.get(ch);
    if (n === undefined) return { encoding: 'UCS-2', segments: ucs2Segments(text) };
    septets.push(n);
  }
  return { encoding: 'GSM-7', segments: pack(septets, GSM_SINGLE, GSM_PART) };
}

/** UCS-2 counts UTF-16 code units; a surrogate pair (an emoji) never straddles two parts. */
function ucs2Segments(text: string): number {
  const units: number[] = [];
  for (const ch of text) units.push(ch.length);
  return pack(units, UCS2_SINGLE, UCS2_PART);
}

/** Greedy packing of indivisible characters (an escape pair, a surrogate pair) into parts. */
function pack(sizes: number[], single: number, part: number): number {
  let total = 0;
  for (const s of sizes) total += s;
  if (total <= single) return 1;
  let parts = 1;
  let used = 0;
  for (const s of sizes) {
    if (used + s > part) {
      parts++;
      used = 0;
    }
    used += s;
  }
  return parts;
}
