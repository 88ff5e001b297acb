import { LineIndex } from '../text/positions.js';
import { JsonSyntaxError, parseJson, toValue, type JsonNode, type JsonString } from './catalogs/json-scan.js';
import { checkRecord, recordMessage } from './catalogs/shared.js';
import type { InputError, InputMessage, ParsedInput } from './types.js';

/**
 * A .jsonl file holds one message record per line (SPEC: message fields plus `id`).
 * A bad line is an input error naming its line (and column, for a syntax error or a bad field); the other
 * lines are still linted. Extra fields (a corpus's `expect`, `note`) are ignored, so corpus files lint as-is.
 * Each record's `toFileOffset` maps offsets in its decoded `text` to offsets in the file (through escapes),
 * so a finding can be reported at its real line and column.
 */
export function parseJsonl(file: string, content: string): ParsedInput {
  const messages: InputMessage[] = [];
  const errors: InputError[] = [];
  const lines = new LineIndex(content);
  let lineStart = 0;
  let line = 0;
  while (lineStart <= content.length) {
    line++;
    const nl = content.indexOf('\n', lineStart);
    const next = nl < 0 ? content.length + 1 : nl + 1;
    let end = nl < 0 ? content.length : nl;
    if (content[end - 1] === '\r' && end > lineStart) end--;
    const start = lineStart;
    lineStart = next;
    if (content.slice(start, end).trim() === '') continue;

    const columnOf = (offset: number): number => lines.position(offset).column;
    let root: JsonNode;
    try {
      root = parseJson(content, { start, end, allowBom: start === 0 });
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      errors.push({ file, line, column: columnOf(e.offset), message: `invalid JSON: ${e.message}` });
      continue;
    }
    const rec = toValue(root);
    const problem = checkRecord(rec);
    if (problem) {
      const member = root.kind === 'object' && problem.field !== null ? lastMember(root.members, problem.field) : undefined;
      errors.push({ file, line, column: columnOf(member ? member.value.start : root.start), message: problem.message });
      continue;
    }
    const { message, id } = recordMessage(rec as Record<string, unknown>);
    const text = lastMember((root as Extract<JsonNode, { kind: 'object' }>).members, 'text')!.value as JsonString;
    messages.push({ file, id, message, source: message.text, fileLine: line, toFileOffset: (o) => text.offsetOf(o) });
  }
  return { messages, errors };
}

function lastMember<M extends { key: JsonString }>(members: M[], name: string): M | undefined {
  for (let i = members.length - 1; i >= 0; i--) if (members[i]!.key.value === name) return members[i];
  return undefined;
}
