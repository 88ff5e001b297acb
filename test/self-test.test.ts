import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinter } from '../src/index.js';
import { selfTest } from '../src/rules/self-test.js';

describe('rule self-test', () => {
  it('every built-in rule holds on its own examples', () => {
    const { ok, report } = selfTest(createLinter(), ['cn', 'us']);
    expect(ok, `\n${report}\n`).toBe(true);
    expect(report).toMatch(/^\d+ rules, \d+ examples checked$/m);
  }, 60_000);

  describe('a ruleset whose example does not hold', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dunlint-selftest-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'rules.yaml'),
      `name: broken
locale: en
description: A ruleset with a wrong example.
rules:
  - id: threat/test-word
    kind: lexicon
    category: threat
    severity: error
    message:
      zh: 测试规则。
      en: Test rule.
    citation: test citation
    examples:
      flag:
        - We will break your windows tonight.
        - This message has nothing bad in it.
      pass:
        - Please pay your balance of $120 by May 5.
        - We will break your windows.
    terms: [break your windows]
`,
    );

    it('fails and names the failing examples', () => {
      const linter = createLinter({ config: { ruleset: dir } });
      const { ok, report } = selfTest(linter, [dir]);
      expect(ok).toBe(false);
      expect(report).toContain(`${dir} threat/test-word: flag example 2 not flagged: "This message has nothing bad in it."`);
      expect(report).toContain(`${dir} threat/test-word: pass example 2 flagged: "We will break your windows."`);
      expect(report).not.toContain('flag example 1');
      expect(report).toMatch(/1 rules, 4 examples checked$/);
    });
  });
});
