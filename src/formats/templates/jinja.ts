import type { ParsedInput, ParserOptions } from '../types.js';
import { tokenizeCurly, type CurlyDialect } from './curly.js';
import { parseTemplate, type Tokens } from './engine.js';

/**
 * Jinja, Django, Nunjucks and Twig templates: `{{ output }}` (filters `| money`), `{% if %}` /
 * `{% elif %}` / `{% else %}` / `{% endif %}`, `{% for %}` … `{% else %}` / `{% empty %}`,
 * `{% trans %}` … `{% pluralize %}` and `{% blocktrans %}` … `{% plural %}` (each form a rendering),
 * `{% raw %}` / `{% verbatim %}` (literal text), comments `{# … #}` and Django `{% comment %}`.
 * A translated literal (`{% trans "…" %}`, `{{ _("…") }}`) stays as text: it is what gets sent.
 * Line statements (`# for x in y`) are not read.
 */
export const JINJA: CurlyDialect = {
  language: 'Jinja',
  hashComments: true,
  inlineComments: false,
  commentBlocks: ['comment'],
  rawBlocks: ['raw', 'verbatim'],
  branches: {
    elif: ['if'],
    else: ['if', 'for', 'ifchanged', 'ifequal', 'ifnotequal'],
    empty: ['for'],
    pluralize: ['trans'],
    plural: ['blocktrans', 'blocktranslate'],
  },
  blocks: ['if', 'for'],
  preamble: [],
  assignments: ['set'],
  translateTags: ['trans', 'translate', '_'],
  translateCalls: ['_', 'gettext', 'ngettext', 'pgettext', 'npgettext', 'trans'],
};

export function tokenizeJinja(text: string): Tokens {
  return tokenizeCurly(text, JINJA);
}

export function parseJinja(file: string, content: string, options: ParserOptions = {}): ParsedInput {
  return parseTemplate(file, content, tokenizeJinja, { language: 'Jinja', parser: options });
}

/** A `.txt` message that holds Jinja/Django tags (`{% if %}`, `{# … #}`): read as Jinja, without HTML masking. */
export function hasJinjaTags(content: string): boolean {
  return /\{%[-+]?\s*[A-Za-z_#][\s\S]*?%\}|\{#[\s\S]*?#\}/.test(content);
}

export function parseJinjaText(file: string, content: string): ParsedInput {
  return parseTemplate(file, content, tokenizeJinja, { language: 'Jinja', html: 'never' });
}
