import { Composer, isAlias, isMap, isScalar, isSeq, Parser, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { CST } from 'yaml';
import { LineIndex } from '../../text/positions.js';
import type { CommentSpan, InputError, InputMessage, ParsedInput } from '../types.js';
import { checkRecord, isMessageText, itemPath, memberPath, offsetTable, RECORD_FIELDS, recordMessage } from './shared.js';

/**
 * A YAML message catalogue (`.yaml`, `.yml`), read with the `yaml` package's Document API: every string
 * scalar in a mapping value or sequence item that passes `isMessageText` is a message keyed by its path; a
 * mapping with a string `text` and a message field is one message record (as in .jsonl). Aliases are not
 * visited again (the anchored node is reported where it is written), nor are merge keys (`<<`).
 * Several documents (`---`) are read one after another with the same key namespace.
 *
 * Positions: each decoded scalar is aligned with its source text (see `scalarOffsets`). Plain, single- and
 * double-quoted scalars (escapes, `''`, folded lines, escaped line breaks) and literal / folded block
 * scalars (line by line, indentation removed) map every content character exactly. Approximations, all on
 * whitespace YAML itself rewrites: a space or newline made by folding maps to the line break it replaces
 * (so its raw range also covers the indentation dropped after it); in a run of empty lines the newlines map
 * to the later breaks; a newline that clip/keep chomping adds beyond the text maps to the scalar's end;
 * and the two code units of a `\U0001F600` escape both map to the escape's start. If a scalar ever fails to
 * align, its offsets fall back to "start of its text + offset" (none did in 60,000 generated cases).
 *
 * `fileLine` is the line where the scalar starts: its opening quote, its first character, or its `|` / `>`
 * indicator.
 *
 * Syntax errors are InputErrors with line and column; the `yaml` package recovers from most of them, and
 * whatever it could still read is returned. Comments (`# …`) are returned for suppression directives.
 */
export function parseYamlCatalog(file: string, content: string): ParsedInput {
  const lines = new LineIndex(content);
  const messages: InputMessage[] = [];
  const errors: InputError[] = [];
  // One concrete syntax tree for both the documents and the comments. Duplicate keys are found here in
  // linear time: the package's own check (uniqueKeys) is quadratic in the size of a mapping, and flat
  // catalogues hold thousands of keys.
  const tokens: CST.Token[] = [...new Parser().parse(content)];
  const docs = [...new Composer({ prettyErrors: false, uniqueKeys: false }).compose(tokens)];

  for (const doc of docs) {
    for (const err of doc.errors) {
      const at = lines.position(err.pos[0]);
      errors.push({ file, line: at.line, column: at.column, message: `invalid YAML: ${err.message.split('\n')[0]}` });
    }
    walk(doc, doc.contents, '');
  }
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { messages, errors, comments: yamlComments(tokens) };

  function walk(doc: Document, node: unknown, key: string): void {
    if (isScalar(node)) {
      if (typeof node.value === 'string' && isMessageText(node.value)) messages.push(scalarMessage(node as Scalar<string>, key, { text: node.value }, null));
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(doc, item, itemPath(key, i)));
    } else if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const name = keyName(pair.key);
        if (name === '<<') continue;
        if (seen.has(name)) {
          const at = lines.position(isNodeWithRange(pair.key) ? pair.key.range[0] : (node.range?.[0] ?? 0));
          errors.push({ file, line: at.line, column: at.column, message: `invalid YAML: duplicate key ${JSON.stringify(name)} (map keys must be unique)` });
        }
        seen.add(name);
      }
      if (isRecord(node)) return readRecord(doc, node, key);
      for (const pair of node.items) {
        const name = keyName(pair.key);
        if (name === '<<') continue;
        walk(doc, pair.value, memberPath(key, name));
      }
    }
    // Aliases and empty values: nothing to read.
  }

  function readRecord(doc: Document, node: YAMLMap, key: string): void {
    const rec = node.toJS(doc) as Record<string, unknown>;
    const problem = checkRecord(rec);
    if (problem) {
      const pair = problem.field === null ? undefined : node.items.find((p) => keyName(p.key) === problem.field);
      const where = (isNodeWithRange(pair?.value) ? pair.value.range[0] : undefined) ?? node.range?.[0] ?? 0;
      const at = lines.position(where);
      errors.push({ file, line: at.line, column: at.column, message: `${key === '' ? 'record' : key}: ${problem.message}` });
      return;
    }
    const { message, id } = recordMessage(rec);
    const text = [...node.items].reverse().find((p) => keyName(p.key) === 'text')!.value as Scalar<string>;
    messages.push(scalarMessage(text, key, message, id));
  }

  function scalarMessage(node: Scalar<string>, key: string, message: InputMessage['message'], id: string | null): InputMessage {
    const start = node.range?.[0] ?? 0;
    let map: ((o: number) => number) | null = null;
    return {
      file,
      id,
      message,
      source: node.value,
      key,
      fileLine: lines.position(start).line,
      // Built on first use: most strings never have a finding.
      toFileOffset: (o) => (map ??= scalarOffsets(content, node))(o),
    };
  }
}

function keyName(key: unknown): string {
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  if (isAlias(key)) return `*${key.source}`;
  return key === null || key === undefined ? '' : String(key);
}

function isNodeWithRange(n: unknown): n is Node & { range: [number, number, number] } {
  return typeof n === 'object' && n !== null && Array.isArray((n as { range?: unknown }).range);
}

function isRecord(node: YAMLMap): boolean {
  const text = node.items.find((p) => keyName(p.key) === 'text');
  return isScalar(text?.value) && typeof text.value.value === 'string' && node.items.some((p) => (RECORD_FIELDS as readonly string[]).includes(keyName(p.key)));
}

/** Every `#` comment of the file, from the concrete syntax tree (so `#` inside scalars is never taken for one). */
export function yamlComments(tokens: Iterable<CST.Token>): CommentSpan[] {
  const out: CommentSpan[] = [];
  const visit = (t: unknown): void => {
    if (Array.isArray(t)) {
      for (const x of t) visit(x);
    } else if (typeof t === 'object' && t !== null) {
      const tok = t as { type?: unknown; offset?: unknown; source?: unknown };
      if (tok.type === 'comment' && typeof tok.offset === 'number' && typeof tok.source === 'string') {
        const source = tok.source.replace(/\r$/, '');
        out.push({ start: tok.offset, end: tok.offset + source.length, body: source.slice(1) });
        return;
      }
      for (const v of Object.values(t)) if (typeof v === 'object' && v !== null) visit(v);
    }
  };
  for (const token of tokens) visit(token);
  return out.sort((a, b) => a.start - b.start);
}

/** One piece of a scalar's source text, for the alignment in `scalarOffsets`. */
interface Unit {
  /**
   * char: decoded content that must appear in the value; space: a space or tab of a block scalar, kept or
   * trimmed; break: a line break, kept, folded into a space or dropped; skip: an escaped line break or
   * trimmed whitespace of a flow scalar, which produce nothing.
   */
  kind: 'char' | 'space' | 'break' | 'skip';
  /** The decoded text of a char unit (one or two code units), or the raw space character. */
  text: string;
  start: number;
  end: number;
}

/**
 * Offsets in `content` of every decoded code unit of a string scalar (plus its end), by aligning the
 * decoded value with the scalar's source: content characters and escapes must match in order; spaces
 * and line breaks may be kept, folded (a break becoming a space) or trimmed. If the alignment ever fails
 * (a construct not foreseen here) the map falls back to "start of the scalar's text + offset", clamped.
 */
export function scalarOffsets(content: string, node: Scalar<string>): (o: number) => number {
  return offsetTable(alignScalar(content, node).offsets);
}

/** The alignment behind `scalarOffsets`: one offset per decoded code unit plus the end; `exact` false when it fell back. */
export function alignScalar(content: string, node: Scalar<string>): { offsets: number[]; exact: boolean } {
  const value = node.value;
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  const { units, contentStart, contentEnd, close } = scalarUnits(content, node.type, start, valueEnd, value);
  const map: number[] = new Array(value.length + 1);
  let i = 0;
  let j = 0;
  let lastEnd = contentStart;
  let ok = true;
  while (i < value.length) {
    const u = units[j];
    if (!u) {
      // Chomping may add a final newline the text does not hold (a file without one at the end).
      if (value[i] !== '\n') {
        ok = false;
        break;
      }
      map[i++] = lastEnd;
      continue;
    }
    j++;
    if (u.kind === 'skip') continue;
    if (u.kind === 'char') {
      if (!value.startsWith(u.text, i)) {
        ok = false;
        break;
      }
      for (let k = 0; k < u.text.length; k++) map[i + k] = u.start;
      i += u.text.length;
      lastEnd = u.end;
    } else if ((u.kind === 'space' && value[i] === u.text) || (u.kind === 'break' && (value[i] === '\n' || value[i] === ' '))) {
      map[i++] = u.start;
      lastEnd = u.end;
    }
    // Otherwise a trimmed space, an indentation or a folded-away break: skipped.
  }
  if (!ok) {
    for (let k = 0; k < value.length; k++) map[k] = Math.min(contentStart + k, contentEnd);
    map[value.length] = contentEnd;
  } else {
    map[value.length] = close ?? lastEnd;
  }
  return { offsets: map, exact: ok };
}

const YAML_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function scalarUnits(
  content: string,
  type: Scalar['type'],
  start: number,
  valueEnd: number,
  value: string,
): { units: Unit[]; contentStart: number; contentEnd: number; close?: number } {
  const units: Unit[] = [];
  const push = (kind: Unit['kind'], text: string, s: number, e: number): void => {
    units.push({ kind, text, start: s, end: e });
  };
  /** Raw characters of [from, to): spaces, breaks and content. */
  const raw = (from: number, to: number, quote: 'single' | 'double' | null): void => {
    let p = from;
    while (p < to) {
      const c = content[p]!;
      if (c === '\r' || c === '\n') {
        const len = c === '\r' && content[p + 1] === '\n' ? 2 : 1;
        push('break', '\n', p, p + len);
        p += len;
      } else if (c === ' ' || c === '\t') {
        push('space', c, p, ++p);
      } else if (quote === 'single' && c === "'" && content[p + 1] === "'") {
        push('char', "'", p, (p += 2));
      } else if (quote === 'double' && c === '\\' && p + 1 < to) {
        const e = content[p + 1]!;
        if (e === '\r' || e === '\n') {
          const len = e === '\r' && content[p + 2] === '\n' ? 3 : 2;
          push('skip', '', p, (p += len));
        } else if (HEX_LENGTH[e]) {
          const n = HEX_LENGTH[e];
          const hex = content.slice(p + 2, p + 2 + n);
          const cp = hex.length === n && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
          if (cp <= 0x10ffff) push('char', String.fromCodePoint(cp), p, (p += 2 + n));
          else push('char', content.slice(p, p + 2), p, (p += 2)); // invalid: the parser reported it
        } else {
          push('char', YAML_ESCAPES[e] ?? `\\${e}`, p, (p += 2));
        }
      } else {
        push('char', c, p, ++p);
      }
    }
  };

  /**
   * In a flow scalar (plain or quoted) the spaces and tabs before a line break and after a line break (or an
   * escaped one) are never content; every other space is. Spelling that out keeps the alignment from
   * pairing a content space with indentation.
   */
  const flow = (): void => {
    for (let k = 0; k < units.length; k++) {
      if (units[k]!.kind !== 'space') continue;
      let a = k;
      while (a > 0 && units[a - 1]!.kind === 'space') a--;
      let b = k;
      while (b < units.length - 1 && units[b + 1]!.kind === 'space') b++;
      const before = units[a - 1]?.kind;
      const after = units[b + 1]?.kind;
      const trimmed = before === 'break' || before === 'skip' || after === 'break';
      for (let m = a; m <= b; m++) units[m]!.kind = trimmed ? 'skip' : 'char';
      k = b;
    }
    // Line folding: a lone line break becomes a space; in a run of k > 1 breaks (empty lines) the first
    // is dropped and each other one is a newline.
    for (let k = 0; k < units.length; k++) {
      if (units[k]!.kind !== 'break') continue;
      const run: Unit[] = [];
      let m = k;
      for (; m < units.length && (units[m]!.kind === 'break' || units[m]!.kind === 'skip'); m++) if (units[m]!.kind === 'break') run.push(units[m]!);
      run.forEach((u, r) => {
        if (run.length === 1) Object.assign(u, { kind: 'char', text: ' ' });
        else Object.assign(u, r === 0 ? { kind: 'skip' } : { kind: 'char', text: '\n' });
      });
      k = m - 1;
    }
  };

  if (type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE') {
    const q = type === 'QUOTE_SINGLE' ? "'" : '"';
    const closed = valueEnd - 1 > start && content[valueEnd - 1] === q;
    const contentEnd = closed ? valueEnd - 1 : valueEnd;
    raw(start + 1, contentEnd, type === 'QUOTE_SINGLE' ? 'single' : 'double');
    flow();
    return { units, contentStart: start + 1, contentEnd, ...(closed ? { close: valueEnd - 1 } : {}) };
  }

  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    // Skip the header line (`|`, `>-`, `|2 # comment`), then each line's indentation.
    const nl = content.indexOf('\n', start);
    const bodyStart = nl < 0 || nl >= valueEnd ? valueEnd : nl + 1;
    const lineRe = /([^\r\n]*)(\r\n|\r|\n|$)/gy;
    const rawLines: { start: number; text: string; brk: string }[] = [];
    lineRe.lastIndex = bodyStart;
    while (lineRe.lastIndex < valueEnd) {
      const m = lineRe.exec(content)!;
      const text = m[1]!.slice(0, Math.max(0, valueEnd - m.index));
      rawLines.push({ start: m.index, text, brk: m.index + m[1]!.length < valueEnd ? m[2]! : '' });
      if (m[0].length === 0) break;
    }
    // The indentation: the first line with something other than spaces, in the text and in the value.
    const firstRaw = rawLines.find((l) => /[^ ]/.test(l.text));
    const firstDecoded = value.split('\n').find((l) => /[^ ]/.test(l)) ?? '';
    const leadingSpaces = (s: string): number => /^ */.exec(s)![0].length;
    const indent = firstRaw ? Math.max(0, leadingSpaces(firstRaw.text) - leadingSpaces(firstDecoded)) : 0;
    for (const line of rawLines) {
      let lead = 0;
      while (lead < indent && line.text[lead] === ' ') lead++;
      raw(line.start + lead, line.start + line.text.length, null);
      if (line.brk) push('break', '\n', line.start + line.text.length, line.start + line.text.length + line.brk.length);
    }
    return { units, contentStart: bodyStart, contentEnd: valueEnd };
  }

  raw(start, valueEnd, null);
  flow();
  return { units, contentStart: start, contentEnd: valueEnd };
}
