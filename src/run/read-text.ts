import { readFileSync } from 'node:fs';

/**
 * A template file's text, whatever it was saved as: UTF-8 (with or without a BOM),
 * UTF-16 with a BOM (Windows editors), or GB18030/GBK (older Chinese tooling).
 * Reading GBK bytes as UTF-8 would turn 老赖 into replacement characters and let the
 * file pass unread, so anything that is not valid UTF-8 is tried as GB18030, and
 * bytes that are neither are an error rather than a silent pass.
 */
export function readText(path: string): string {
  return decodeText(readFileSync(path));
}

export class EncodingError extends Error {}

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(body);
    } catch {
      throw new EncodingError('not text in UTF-8, UTF-16 (with a BOM) or GB18030');
    }
  }
}
