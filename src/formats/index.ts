import { extname } from 'node:path';
import { parseHtml } from './html.js';
import { parseJsonl } from './jsonl.js';
import { parseMarkdown } from './markdown.js';
import { parseText } from './text.js';
import type { ParsedInput } from './types.js';

export type { InputError, InputMessage, ParsedInput } from './types.js';

type Parser = (file: string, content: string) => ParsedInput;

const PARSERS: Record<string, Parser> = {
  '.txt': parseText,
  '.md': parseMarkdown,
  '.markdown': parseMarkdown,
  '.html': parseHtml,
  '.htm': parseHtml,
  '.jsonl': parseJsonl,
};

/** The parser for a file name, or null when the extension is not supported (the file is skipped). */
export function parserFor(file: string): Parser | null {
  return PARSERS[extname(file).toLowerCase()] ?? null;
}

export function isSupported(file: string): boolean {
  return parserFor(file) !== null;
}

export const SUPPORTED_EXTENSIONS = Object.keys(PARSERS);
