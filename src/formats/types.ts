import type { Message } from '../types.js';

/** One message found in an input file. */
export interface InputMessage {
  /** Display path of the file (or `<stdin>`). */
  file: string;
  /** The record's `id` for .jsonl, else null. */
  id: string | null;
  /** What the linter sees. For markup formats `text` is the file with markup blanked out, same length. */
  message: Message;
  /** The text finding offsets point into (the file, or the record's `text`); excerpts and code frames come from here. */
  source: string;
  /** 1-based line of the file the message came from (.jsonl records), so reports can point at it. */
  fileLine?: number;
}

/** A problem with the input itself (bad .jsonl line, unreadable file): reported, not thrown. */
export interface InputError {
  file: string;
  /** 1-based line, or null when the whole file is at fault. */
  line: number | null;
  message: string;
}

export interface ParsedInput {
  messages: InputMessage[];
  errors: InputError[];
}

/** Replace every character except line breaks with a space, so offsets, lines and columns survive. */
export function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}
