import { LineIndex } from '../../text/positions.js';
import type { CommentSpan, InputError, InputMessage, ParsedInput } from '../types.js';
import { JsonSyntaxError, parseJson, toValue, type JsonNode, type JsonObject, type JsonString } from './json-scan.js';
import { checkRecord, isMessageText, itemPath, memberPath, RECORD_FIELDS, recordMessage } from './shared.js';

/**
 * A JSON message catalogue: every string leaf (object values and array items, not keys) that passes
 * `isMessageText` is a message, keyed by its path (`reminders.sms.overdue`, `items[2].body`). An object with
 * a string `text` and any of `channel`, `locale`, `ruleset`, `context`, `id` is one message record, as in
 * .jsonl. `//` and `/* *\/` comments are accepted (JSONC) and returned for suppression directives.
 * dunlint's own JSON output (reports, baselines, SARIF) yields no messages.
 * A syntax error is one InputError with line and column, and no messages.
 */
export function parseJsonCatalog(file: string, content: string): ParsedInput {
  const comments: CommentSpan[] = [];
  const lines = new LineIndex(content);
  let root: JsonNode;
  try {
    root = parseJson(content, { allowBom: true, comments });
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const at = lines.position(e.offset);
    return { messages: [], errors: [{ file, line: at.line, column: at.column, message: `invalid JSON: ${e.message}` }], comments };
  }
  const messages: InputMessage[] = [];
  const errors: InputError[] = [];
  if (isToolOutput(root)) return { messages, errors, comments };

  const stringMessage = (node: JsonString, key: string, message: InputMessage['message'], id: string | null): InputMessage => ({
    file,
    id,
    message,
    source: node.value,
    key,
    fileLine: lines.position(node.start).line,
    toFileOffset: (o) => node.offsetOf(o),
  });

  function walk(node: JsonNode, key: string): void {
    if (node.kind === 'string') {
      if (isMessageText(node.value)) messages.push(stringMessage(node, key, { text: node.value }, null));
    } else if (node.kind === 'array') {
      node.items.forEach((item, i) => walk(item, itemPath(key, i)));
    } else if (node.kind === 'object') {
      if (isRecord(node)) return readRecord(node, key);
      for (const { key: k, value } of node.members) walk(value, memberPath(key, k.value));
    }
  }

  function readRecord(node: JsonObject, key: string): void {
    const rec = toValue(node) as Record<string, unknown>;
    const problem = checkRecord(rec);
    if (problem) {
      // The last member of a name wins, as in JSON.parse.
      const member = problem.field === null ? undefined : lastMember(node, problem.field);
      const at = lines.position(member ? member.value.start : node.start);
      errors.push({ file, line: at.line, column: at.column, message: `${key === '' ? 'record' : key}: ${problem.message}` });
      return;
    }
    const { message, id } = recordMessage(rec);
    const text = lastMember(node, 'text')!.value as JsonString;
    messages.push(stringMessage(text, key, message, id));
  }

  walk(root, '');
  return { messages, errors, comments };
}

/**
 * dunlint's own output is not a catalogue, whatever it is named: a JSON report or baseline (`"dunlint":
 * "<version>"` with `results` or `findings`) or a SARIF log (`"version": "2.1.0"` with `runs`). Linting it
 * would report the excerpts of earlier findings as new ones.
 */
function isToolOutput(root: JsonNode): boolean {
  if (root.kind !== 'object') return false;
  const kind = (name: string): string | undefined => lastMember(root, name)?.value.kind;
  const version = lastMember(root, 'version')?.value;
  return (kind('dunlint') === 'string' && (kind('results') === 'array' || kind('findings') === 'array')) || (version?.kind === 'string' && version.value === '2.1.0' && kind('runs') === 'array');
}

/** An object with a string `text` and at least one message field is a message record. */
function isRecord(node: JsonObject): boolean {
  const text = lastMember(node, 'text');
  return text?.value.kind === 'string' && node.members.some((m) => (RECORD_FIELDS as readonly string[]).includes(m.key.value));
}

/** The member of that name that JSON.parse would keep (the last one). */
function lastMember(node: JsonObject, name: string): JsonObject['members'][number] | undefined {
  for (let i = node.members.length - 1; i >= 0; i--) if (node.members[i]!.key.value === name) return node.members[i];
  return undefined;
}
