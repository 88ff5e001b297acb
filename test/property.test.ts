import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLinter } from '../src/index.js';

const linter = createLinter();
// Strings that stress the pipeline: CJK, astral characters, lone surrogates, controls, placeholders.
const piece = fc.constantFrom('老赖', '上门', '后果自负', '¥1,280.00', '{{amount}}', '😀', '\uD800', '\uDC00', '\u200b', '\n', '\r', '\u0000', 'arrest', 'Reply STOP', '【XX银行】', ' ', '，', '110101199003074477', '4111 1111 1111 1111');
const messy = fc.array(fc.oneof(piece, fc.string({ unit: 'binary', maxLength: 20 })), { maxLength: 40 }).map((a) => a.join(''));

describe('lint on any string', () => {
  it('never throws; offsets lie within the text and excerpts equal the original slice', () => {
    fc.assert(
      fc.property(messy, fc.constantFrom(undefined, 'sms', 'email', 'letter', 'push', 'phone' as const), (text, channel) => {
        const r = linter.lint({ text, channel: channel as never });
        for (const f of r.findings) {
          expect(f.start.offset).toBeGreaterThanOrEqual(0);
          expect(f.end.offset).toBeLessThanOrEqual(text.length);
          expect(f.start.offset).toBeLessThanOrEqual(f.end.offset);
          expect(f.excerpt).toBe(text.slice(f.start.offset, f.end.offset));
        }
      }),
      { numRuns: 300 },
    );
  });
  it('is deterministic', () => {
    fc.assert(
      fc.property(messy, (text) => {
        expect(linter.lint({ text, channel: 'sms' })).toEqual(linter.lint({ text, channel: 'sms' }));
      }),
      { numRuns: 100 },
    );
  });
  it('handles 100 kB of text', () => {
    const big = '再不还钱就上门，后果自负。Pay now or we will call your employer. 😀\uD800'.repeat(2000).slice(0, 100_000);
    const r = linter.lint({ text: big, channel: 'letter' });
    expect(r.findings.length).toBeGreaterThan(0);
    for (const f of r.findings.slice(0, 50)) expect(big.slice(f.start.offset, f.end.offset)).toBe(f.excerpt);
  });
});
