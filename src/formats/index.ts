import { extname } from 'node:path';
import { parseHtml } from './html.js';
import { parseJsonl } from './jsonl.js';
import { parseMarkdown } from './markdown.js';
import { parseText } from './text.js';
import { CATALOG_FORMATS } from './catalogs/index.js';
import { TEMPLATE_FORMATS } from './templates/index.js';
import type { Parser } from './types.js';

export type { CommentSpan, InputError, InputMessage, ParsedInput, Parser, ParserOptions } from './types.js';

/** Formats by name; a config's `formats` maps extra extensions to these names. */
export const FORMATS: Record<string, Parser> = {
  text: parseText,
  markdown: parseMarkdown,
  html: parseHtml,
  jsonl: parseJsonl,
};

/** File extensions each format reads by default. */
export const EXTENSIONS: Record<string, string> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.jsonl': 'jsonl',
};

for (const { name, parser, extensions } of [...TEMPLATE_FORMATS, ...CATALOG_FORMATS]) {
  FORMATS[name] = parser;
  for (const ext of extensions) EXTENSIONS[ext.toLowerCase()] = name;
}

/** The format name for a file, honouring a config's extension map (`{".tmpl": "handlebars"}`); null = not a template. */
export function formatNameFor(file: string, extraExtensions: Record<string, string> = {}): string | null {
  const name = file.split(/[\\/]/).pop() ?? file;
  const lower = name.toLowerCase();
  // Longest configured suffix first, so ".sms.tmpl" can beat ".tmpl".
  for (const [ext, format] of Object.entries(extraExtensions).sort((a, b) => b[0].length - a[0].length)) {
    if (lower.endsWith(ext.toLowerCase())) return format;
  }
  return EXTENSIONS[extname(lower)] ?? null;
}

/** The parser for a file name, or null when the file type is not supported (the file is skipped with a note). */
export function parserFor(file: string, extraExtensions: Record<string, string> = {}): Parser | null {
  const name = formatNameFor(file, extraExtensions);
  return name ? (FORMATS[name] ?? null) : null;
}

export function isSupported(file: string): boolean {
  return parserFor(file) !== null;
}
