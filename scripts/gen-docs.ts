/** Writes docs/rules.md from the built-in rulesets (`npm run docs`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesDoc } from '../src/rulesets/docs.js';
import { PACKAGE_ROOT } from '../src/rulesets/load.js';

const file = join(PACKAGE_ROOT, 'docs', 'rules.md');
mkdirSync(join(PACKAGE_ROOT, 'docs'), { recursive: true });
writeFileSync(file, renderRulesDoc());
console.log(`wrote ${file}`);
