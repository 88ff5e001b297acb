import type { ParsedInput, ParserOptions } from '../types.js';
import { tokenizeCurly, type CurlyDialect } from './curly.js';
import { parseTemplate, type Tokens } from './engine.js';

/**
 * Liquid (Shopify, Jekyll, many e-mail services): `{{ amount | money }}`, `{% if %}` / `{% elsif %}` /
 * `{% else %}` / `{% endif %}`, `{% unless %}`, `{% case %}` / `{% when %}` / `{% else %}`, `{% for %}` …
 * `{% else %}`, `{% capture %}`, `{% raw %}`, comments `{% comment %}…{% endcomment %}` and inline
 * `{%# … %}` / `{% # … %}`. The `{% liquid %}` multi-line tag is blanked as a whole.
 */
export const LIQUID: CurlyDialect = {
  language: 'Liquid',
  hashComments: false,
  inlineComments: true,
  commentBlocks: ['comment', 'doc'],
  rawBlocks: ['raw'],
  branches: {
    elsif: ['if', 'unless'],
    else: ['if', 'unless', 'case', 'for'],
    when: ['case'],
  },
  blocks: ['if', 'unless', 'case', 'for', 'tablerow', 'capture'],
  preamble: ['case'],
  assignments: [],
  translateTags: [],
  translateCalls: [],
};

export function tokenizeLiquid(text: string): Tokens {
  return tokenizeCurly(text, LIQUID);
}

export function parseLiquid(file: string, content: string, options: ParserOptions = {}): ParsedInput {
  return parseTemplate(file, content, tokenizeLiquid, { language: 'Liquid', parser: options });
}
