/**
 * The character count shown next to the server's SMS encoding and segment count: what the
 * encoding counts (GSM-7 septets, an extension character taking two; UCS-2 UTF-16 units), against
 * the limit of one part, or of all parts once the message is split. The server is the authority on
 * segments (src/server/sms.ts); this only explains the number.
 */
const EXTENSION = new Set('\f^{}\\[~]|€');

export interface SmsCount {
  used: number;
  limit: number;
}

export function smsCount(text: string, encoding: 'GSM-7' | 'UCS-2', segments: number): SmsCount {
  let used = 0;
  if (encoding === 'GSM-7') for (const ch of text) used += EXTENSION.has(ch) ? 2 : 1;
  else used = text.length;
  const [single, part] = encoding === 'GSM-7' ? [160, 153] : [70, 67];
  return { used, limit: segments <= 1 ? single : part * segments };
}
