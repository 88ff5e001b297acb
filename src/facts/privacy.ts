/** Unmasked sensitive numbers. Masked forms (尾号1234, 6222 **** 1234) never match: they lack digits. */

export interface NumberSpan {
  start: number;
  end: number;
  digits: string;
}

const ID_RE = /(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9x](?![0-9a-z])/g;
const ID_SHAPE = new RegExp(`^${ID_RE.source.replace('(?<![0-9])', '').replace('(?![0-9a-z])', '')}$`);
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10x98765432';

/** GB 11643 check digit (ISO 7064 MOD 11-2). */
export function validNationalId(id: string): boolean {
  if (!/^\d{17}[\dx]$/i.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17]!.toLowerCase();
}

/**
 * 18-digit numbers shaped like a resident ID (region, a real birth date, sequence,
 * check character). The check digit is not required: a made-up or mistyped ID in
 * a message is still an ID shown in full, and the shape alone is specific enough.
 */
export function findNationalIds(text: string): NumberSpan[] {
  const out: NumberSpan[] = [];
  for (const m of text.matchAll(ID_RE)) out.push({ start: m.index!, end: m.index! + m[0].length, digits: m[0] });
  return out;
}

/** A word right before a number that says it is a card: 卡号, 信用卡, card (number). */
const CARD_CONTEXT = /(?:卡号|卡|card|card (?:number|no\.?|#))[\s:：#号为是]{0,4}$/i;

// 15–19 digits in groups of up to 4–6 separated by single spaces or dashes.
const CARD_RE = /(?<![0-9])[3-6]\d{3}(?:[ -]?\d{2,6}){2,5}(?![0-9])/g;
const MIN_CARD_DIGITS = 13;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function findCardNumbers(text: string): NumberSpan[] {
  const out: NumberSpan[] = [];
  for (const m of text.matchAll(CARD_RE)) {
    const digits = m[0].replace(/[ -]/g, '');
    if (digits.length < MIN_CARD_DIGITS || digits.length > 19) continue;
    if (digits.length === 18 && ID_SHAPE.test(digits)) continue; // an ID number, reported as such
    // Luhn alone, or any card-length number the text calls a card (a mistyped card is still a card).
    if (luhnValid(digits) || CARD_CONTEXT.test(text.slice(Math.max(0, m.index! - 16), m.index!))) out.push({ start: m.index!, end: m.index! + m[0].length, digits });
  }
  return out;
}

/**
 * US Social Security numbers: 123-45-6789 or 123 45 6789 (the groups SSA never
 * issues excluded), or nine digits right after "SSN" / "social security".
 */
const SSN_GROUPED_RE = /(?<![0-9-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![0-9-])/g;
// The keyword first: a lookbehind tried at every position made this the slowest pattern of an English SMS.
const SSN_AFTER_WORD_RE = /\b(?:ssn|social security)\b[^0-9\n]{0,20}((?!000|666|9\d\d)\d{3}(?!00)\d{2}(?!0000)\d{4})(?![0-9])/g;

export function findSsns(text: string): NumberSpan[] {
  const out: NumberSpan[] = [];
  for (const m of text.matchAll(SSN_GROUPED_RE)) out.push({ start: m.index!, end: m.index! + m[0].length, digits: m[0].replace(/\D/g, '') });
  for (const m of text.matchAll(SSN_AFTER_WORD_RE)) {
    const end = m.index! + m[0].length;
    out.push({ start: end - m[1]!.length, end, digits: m[1]! });
  }
  return out;
}

const CODE_RE =
  /(验证码|校验码|动态码|动态密码|短信码|verification code|security code|confirmation code|one[- ]time (?:pass)?code|one[- ]time password|otp|passcode|auth(?:entication)? code|(?<!zip |area |postal |promo |reference |case |discount |coupon |country |swift |sort |tracking )\bcode)[^0-9\n]{0,10}?(\d{4,8})(?![0-9])/g;
// The value must hold a digit or a symbol, so "password reset" is not a password.
// "Your password for the payment portal is Qz7!maple": a few words may sit between the word and "is".
const PASSWORD_RE = /(密码|口令|password|\bpin\b)(?:[^\n\d.!?。]{0,30}?\s(?:is|was)\s|[^\s\d]{0,6}?\s*(?:is|为|是|:|：|=)?)\s*((?=[^\s,，。;；]*[0-9!@#$%^&*])[^\s,，。;；]{4,32})/gi;
const SHARE_CODE_RE =
  /(?:告诉|提供|发给|发送给|报给|念给|转发|回复|告知|报一下|输入)[^。！？!?\n]{0,12}(?:验证码|校验码|动态码|密码)|(?:验证码|校验码|动态码|密码)[^。！？!?\n]{0,8}(?:告诉|提供|发给|报给|告知|念给|回复给|回复本|回复至|发送给|报一下|报给我|说一下|念一下|读一下|发过来|发我|报出|说出)|\b(?:share|tell|give|send|read|provide|confirm|reply (?:to this (?:text|message|email) )?with|replying with|respond with|text us|need|what's|what is|enter)\b[^.!?\n]{0,60}\b(?:verification code|security code|one[- ]time (?:pass)?code|otp|passcode|password|pin|the code|(?:\d|four|five|six|eight)[- ]digit code|full card number|card number|cvv|cvc|code on the back)\b|\bread (?:it|the code|them) (?:to|out to) me\b|\b(?:code|otp|pin|passcode)\b[^.!?\n]{0,60}?\b(?:reply with it|respond with it|(?:send|text|read) it (?:back|to us|to me))\b/g;

export function findVerificationCodes(text: string): NumberSpan[] {
  return [...text.matchAll(CODE_RE)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, digits: m[2]! }));
}

export function findPasswords(text: string): NumberSpan[] {
  return [...text.matchAll(PASSWORD_RE)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, digits: m[2]! }));
}

/** Asking the recipient to hand over a code or password: the classic account-takeover script. */
export function findSecretRequests(text: string): NumberSpan[] {
  return [...text.matchAll(SHARE_CODE_RE)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, digits: '' }));
}
