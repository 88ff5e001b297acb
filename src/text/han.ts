/** Character classes shared by the text stage. */

/** CJK unified ideographs (BMP blocks and extension A); enough for SMS-length routing. */
export function isHanCode(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}

export function isLatinLetterCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

export function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Letters and digits: what an English word boundary must not touch. */
export function isWordCode(code: number): boolean {
  return isLatinLetterCode(code) || isDigitCode(code);
}
