import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RE2JS } from 're2js';
import { Document } from '../src/document.js';
import { readCorpus } from '../src/eval/corpus.js';
import { createLinter } from '../src/index.js';
import { compilePattern, findPattern } from '../src/rules/patterns.js';
import { normalize } from '../src/text/normalize.js';

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

describe('fast paths agree with the general ones', () => {
  // A zero-width space is dropped by normalisation but forces the general (per-character) path.
  const ascii = fc.array(fc.oneof(fc.constantFrom('a r r e s t', 'c0urt', 'l@wsuit', 'Hi!', '$50', 'A.R.R.E.S.T', '1st', '4th', 'x4th', '22nd!a', 'the 3rd5', 'pay', ' ', '\n'), fc.string({ maxLength: 12 })), { maxLength: 20 }).map((a) => a.join(''));
  it('plain ASCII normalises exactly as the general path does', () => {
    fc.assert(
      fc.property(ascii, (s) => {
        const fast = normalize(s);
        const slow = normalize(s + '\u200b');
        expect(fast.text).toBe(slow.text);
        expect(Array.from(fast.origStart)).toEqual(Array.from(slow.origStart));
        expect(Array.from(fast.origEnd)).toEqual(Array.from(slow.origEnd));
      }),
      { numRuns: 500 },
    );
  });

  it('built-in patterns find the same spans on V8 RegExp as on re2js', () => {
    const texts = readCorpus('corpus').records.map((r) => new Document(r.text, null, {}, {}).text);
    for (const name of ['cn', 'us']) {
      for (const rule of linter.ruleset(name).definition.rules) {
        for (const source of 'patterns' in rule ? rule.patterns ?? [] : []) {
          const fast = compilePattern(source);
          expect(fast.re, source).toBeInstanceOf(RegExp);
          const safe = { source, re: RE2JS.compile(source, RE2JS.CASE_INSENSITIVE), needles: null };
          const unfiltered = { ...fast, needles: null };
          for (const t of texts) {
            const spans = findPattern(fast, t);
            expect(spans, `${source} on ${t}`).toEqual(findPattern(safe, t));
            // The leading-literal prefilter only skips texts the pattern cannot match.
            expect(spans, `prefilter of ${source} on ${t}`).toEqual(findPattern(unfiltered, t));
          }
        }
      }
    }
  }, 120_000); // every built-in pattern over the whole corpus, twice

  it('patterns from a user config run on re2js', () => {
    expect(compilePattern('(a+)+$').re).toBeInstanceOf(RE2JS);
  });
});
