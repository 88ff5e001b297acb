import type { Message } from '../types.js';

/** One message found in an input file. */
export interface InputMessage {
  /** Display path of the file (or `<stdin>`). */
  file: string;
  /** The record's `id` for .jsonl, else null. */
  id: string | null;
  /** What the linter sees. For markup and template formats `text` is the file with markup blanked out, same length. */
  message: Message;
  /** The text finding offsets point into (the file, a record's `text`, a catalogue string); excerpts and code frames come from here. */
  source: string;
  /** 1-based line of the file the message came from (.jsonl records, catalogue strings), so reports can point at it. */
  fileLine?: number;
  /** Catalogue key path of the string (`reminders.sms.overdue`, `items[2].body`), for JSON / YAML / .properties messages. */
  key?: string;
  /**
   * Other possible renderings of a template (one per conditional branch), each the same length as
   * `message.text` with the other branches blanked. Every rendering is linted and the findings are merged,
   * so a threat hidden in an `{{else}}` branch is found.
   */
  variants?: string[];
  /**
   * Maps an offset in `source` to the offset in the file's content it came from (catalogue strings, whose
   * escapes change lengths). Absent when `source` is the file content itself (offsets are already file offsets).
   * For .jsonl records absent too: positions are reported by `fileLine`.
   */
  toFileOffset?: (offset: number) => number;
}

/** A comment in the file's own syntax, where suppression directives (`dunlint-disable …`) live. */
export interface CommentSpan {
  /** Offset in the file content of the comment's first character (its opening delimiter). */
  start: number;
  /** Offset just past the comment's closing delimiter. */
  end: number;
  /** The comment's text without delimiters, e.g. ` dunlint-disable-next-line threat -- quoted from the law `. */
  body: string;
}

/** A problem with the input itself (bad .jsonl line, unreadable file): reported, not thrown. */
export interface InputError {
  file: string;
  /** 1-based line, or null when the whole file is at fault. */
  line: number | null;
  /** 1-based column when known. */
  column?: number;
  message: string;
}

export interface ParsedInput {
  messages: InputMessage[];
  errors: InputError[];
  /** Comments of the file (for suppression directives); formats without comments leave it out. */
  comments?: CommentSpan[];
}

/** Parse a file's content into messages. `file` is the display path, used in messages and errors. */
export type Parser = (file: string, content: string, options?: ParserOptions) => ParsedInput;

export interface ParserOptions {
  /** HTML: lint hidden preheader text (display:none) too; default true, since inboxes show preheaders in their previews. */
  lintHiddenText?: boolean;
}

/** Replace every character except line breaks with a space, so offsets, lines and columns survive. */
export function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}

/** A file's text without the byte-order mark some editors write (it is not part of any message). */
export function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
