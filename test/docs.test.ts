import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderRulesDoc } from '../src/rulesets/docs.js';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules.md');

describe('docs/rules.md', () => {
  it('is up to date with the rulesets', () => {
    expect(existsSync(file), 'docs/rules.md is missing: run npm run docs').toBe(true);
    expect(readFileSync(file, 'utf8'), 'docs/rules.md is out of date: run npm run docs').toBe(renderRulesDoc());
  });

  it('has an anchor and a section for every rule', () => {
    const doc = renderRulesDoc();
    expect(doc).toContain('npm run docs');
    expect(doc).toMatch(/<a id="cn-threat-violence"><\/a>\n\n### threat\/violence/);
    expect(doc).toContain('](#cn-threat-violence)');
  });
});
