import type { CommentSpan } from '../types.js';

/**
 * A small JSON parser that keeps positions (JSON.parse keeps none). Every node records its raw span in
 * the text; a string node can map each decoded UTF-16 code unit back to the escape or character it came
 * from, so a finding inside a catalogue string is reported at its real line and column.
 *
 * Strict RFC 8259 JSON, with two opt-in leniencies for catalogue files: a leading BOM, and `//` and
 * `/* … *\/` comments (JSONC, as VS Code and many i18n tools accept), which are collected as
 * CommentSpans because suppression directives live in comments.
 */

interface Span {
  /** Offset of the node's first character in the text. */
  start: number;
  /** Offset just past the node's last character. */
  end: number;
}

export interface JsonString extends Span {
  kind: 'string';
  value: string;
  /** Offset in the text of decoded code unit `o` of `value`; `o = value.length` maps to the closing quote. */
  offsetOf(o: number): number;
}
export interface JsonObject extends Span {
  kind: 'object';
  members: { key: JsonString; value: JsonNode }[];
}
export interface JsonArray extends Span {
  kind: 'array';
  items: JsonNode[];
}
export interface JsonLiteral extends Span {
  kind: 'number' | 'boolean' | 'null';
  value: number | boolean | null;
}
export type JsonNode = JsonObject | JsonArray | JsonString | JsonLiteral;

/** A syntax error at `offset` (an offset in the whole text, not in the parsed range). */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export interface JsonParseOptions {
  /** Parse only text[start, end) (a .jsonl line); offsets stay offsets into the whole text. */
  start?: number;
  end?: number;
  /** Skip a leading U+FEFF. */
  allowBom?: boolean;
  /** When given, `//` and `/* *\/` comments are allowed and pushed here; otherwise they are syntax errors. */
  comments?: CommentSpan[];
}

/** Nesting deeper than this is reported as an error rather than overflowing the stack. */
const MAX_DEPTH = 2000;

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Parse one JSON value covering the whole range; throws JsonSyntaxError. */
export function parseJson(text: string, options: JsonParseOptions = {}): JsonNode {
  const end = options.end ?? text.length;
  const comments = options.comments;
  let pos = options.start ?? 0;
  if (options.allowBom && text.charCodeAt(pos) === 0xfeff) pos++;

  function fail(message: string, at = pos): never {
    throw new JsonSyntaxError(message, at);
  }
  const found = (at = pos): string => (at >= end ? 'the end of the input' : describeChar(text, at));

  function skipSpace(): void {
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else if (c === 0x2f /* / */ && comments) {
        const next = text.charCodeAt(pos + 1);
        if (next === 0x2f) {
          const start = pos;
          let stop = pos + 2;
          while (stop < end && text[stop] !== '\n' && text[stop] !== '\r') stop++;
          comments.push({ start, end: stop, body: text.slice(start + 2, stop) });
          pos = stop;
        } else if (next === 0x2a /* * */) {
          const close = text.indexOf('*/', pos + 2);
          if (close < 0 || close + 2 > end) fail('unterminated /* comment');
          comments.push({ start: pos, end: close + 2, body: text.slice(pos + 2, close) });
          pos = close + 2;
        } else return;
      } else return;
    }
  }

  function parseValue(depth: number): JsonNode {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`);
    skipSpace();
    if (pos >= end) fail('unexpected end of input: expected a value');
    const c = text[pos]!;
    if (c === '{') return parseObject(depth);
    if (c === '[') return parseArray(depth);
    if (c === '"') return parseString();
    if (c === '-' || (c >= '0' && c <= '9')) return parseNumber();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos) && pos + word.length <= end) {
        const start = pos;
        pos += word.length;
        if (pos < end && /[\w$]/.test(text[pos]!)) fail(`unexpected ${found()} after ${word}`);
        return { kind: value === null ? 'null' : 'boolean', value, start, end: pos };
      }
    }
    if (c === "'") fail('strings must use double quotes');
    return fail(`unexpected ${found()}: expected a value`);
  }

  function parseObject(depth: number): JsonObject {
    const start = pos++;
    const members: JsonObject['members'] = [];
    skipSpace();
    if (text[pos] === '}' && pos < end) {
      pos++;
      return { kind: 'object', members, start, end: pos };
    }
    for (;;) {
      skipSpace();
      if (pos >= end) fail("unexpected end of input: expected a property name or '}'");
      if (text[pos] !== '"') {
        if (text[pos] === '}' && members.length > 0) fail("trailing comma before '}'");
        fail(`expected a property name in double quotes, found ${found()}`);
      }
      const key = parseString();
      skipSpace();
      if (pos >= end || text[pos] !== ':') fail(`expected ':' after property name ${JSON.stringify(key.value)}, found ${found()}`);
      pos++;
      const value = parseValue(depth + 1);
      members.push({ key, value });
      skipSpace();
      if (pos < end && text[pos] === ',') {
        pos++;
        continue;
      }
      if (pos < end && text[pos] === '}') {
        pos++;
        return { kind: 'object', members, start, end: pos };
      }
      fail(`expected ',' or '}' after a property value, found ${found()}`);
    }
  }

  function parseArray(depth: number): JsonArray {
    const start = pos++;
    const items: JsonNode[] = [];
    skipSpace();
    if (text[pos] === ']' && pos < end) {
      pos++;
      return { kind: 'array', items, start, end: pos };
    }
    for (;;) {
      skipSpace();
      if (text[pos] === ']' && pos < end && items.length > 0) fail("trailing comma before ']'");
      items.push(parseValue(depth + 1));
      skipSpace();
      if (pos < end && text[pos] === ',') {
        pos++;
        continue;
      }
      if (pos < end && text[pos] === ']') {
        pos++;
        return { kind: 'array', items, start, end: pos };
      }
      fail(`expected ',' or ']' after an array item, found ${found()}`);
    }
  }

  function parseNumber(): JsonLiteral {
    const start = pos;
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = pos;
    const match = m.exec(text);
    if (!match || start + match[0].length > end) fail(`invalid number`);
    pos = start + match![0].length;
    if (pos < end && /[\w.+-]/.test(text[pos]!)) fail(`invalid number: unexpected ${found()}`);
    return { kind: 'number', value: Number(match![0]), start, end: pos };
  }

  function parseString(): JsonString {
    const start = pos;
    const { value, close } = decodeString(text, start, end, null);
    pos = close + 1;
    return stringNode(text, start, pos, value);
  }

  const root = parseValue(0);
  skipSpace();
  if (pos < end) fail(`unexpected ${found()} after the JSON value`);
  return root;
}

function stringNode(text: string, start: number, end: number, value: string): JsonString {
  let offsets: number[] | null = null;
  // Without escapes decoded and raw characters correspond one to one.
  const plain = value.length === end - start - 2;
  return {
    kind: 'string',
    value,
    start,
    end,
    offsetOf(o: number): number {
      const i = Math.max(0, Math.min(value.length, Math.floor(o)));
      if (plain) return start + 1 + i;
      if (!offsets) {
        offsets = [];
        decodeString(text, start, end, offsets);
      }
      return offsets[i]!;
    },
  };
}

/**
 * Decode the string whose opening quote is at `open`. When `offsets` is given, pushes the text offset of
 * every decoded code unit, then the closing quote's offset. Throws JsonSyntaxError on a bad string.
 */
function decodeString(text: string, open: number, end: number, offsets: number[] | null): { value: string; close: number } {
  let out = '';
  let pos = open + 1;
  let runStart = pos;
  for (;;) {
    if (pos >= end) throw new JsonSyntaxError('unterminated string', open);
    const c = text.charCodeAt(pos);
    if (c === 0x22 /* " */) {
      out += text.slice(runStart, pos);
      if (offsets) for (let k = runStart; k < pos; k++) offsets.push(k);
      if (offsets) offsets.push(pos);
      return { value: out, close: pos };
    }
    if (c < 0x20) {
      const what = c === 0x0a || c === 0x0d ? 'a line break' : `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
      throw new JsonSyntaxError(`${what} inside a string (unterminated string, or write it as an escape such as \\n)`, pos);
    }
    if (c !== 0x5c /* \ */) {
      pos++;
      continue;
    }
    out += text.slice(runStart, pos);
    if (offsets) for (let k = runStart; k < pos; k++) offsets.push(k);
    const e = text[pos + 1];
    if (e === undefined || pos + 1 >= end) throw new JsonSyntaxError('unterminated string', open);
    if (e === 'u') {
      const hex = text.slice(pos + 2, pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex) || pos + 6 > end) throw new JsonSyntaxError('invalid \\u escape: expected four hex digits', pos);
      out += String.fromCharCode(parseInt(hex, 16));
      if (offsets) offsets.push(pos);
      pos += 6;
    } else {
      const decoded = ESCAPES[e];
      if (decoded === undefined) throw new JsonSyntaxError(`invalid escape \\${e}`, pos);
      out += decoded;
      if (offsets) offsets.push(pos);
      pos += 2;
    }
    runStart = pos;
  }
}

function describeChar(text: string, at: number): string {
  const cp = text.codePointAt(at)!;
  const ch = String.fromCodePoint(cp);
  return cp < 0x20 || cp === 0x7f ? `character U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `'${ch}'`;
}

/** The plain JS value of a node, as JSON.parse would build it (a `__proto__` key is an own property). */
export function toValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const obj: Record<string, unknown> = {};
      for (const { key, value } of node.members) {
        Object.defineProperty(obj, key.value, { value: toValue(value), enumerable: true, writable: true, configurable: true });
      }
      return obj;
    }
    case 'array':
      return node.items.map(toValue);
    default:
      return node.value;
  }
}
