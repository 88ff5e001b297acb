import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parserFor } from '../formats/index.js';
import { parseDirectives } from '../suppress/directives.js';
import { commentSyntaxFor, directiveComment } from './comments.js';
import { SOURCE, type DiagnosticData, type FindingItem } from './diagnostics.js';

/** The reason a writer replaces: the directive is valid as inserted, and reviewers can grep for it. */
export const REASON_PLACEHOLDER = 'TODO: reason';

export interface ActionContext {
  document: TextDocument;
  /** Path the parsers see (workspace-relative), and the format and extension map that read the file. */
  file: string;
  format: string;
  formats: Record<string, string>;
  /** Findings of the last lint, to recover data a client did not send back. */
  items: FindingItem[];
  /** Use versioned `documentChanges` (client capability). */
  documentChanges: boolean;
  /** Memo for directive checks, per document version. */
  memo: Map<string, boolean>;
}

/** Quick fixes for dunlint diagnostics: apply a mechanical suggestion, and disable the rule for the line. */
export function codeActions(ctx: ActionContext, diagnostics: Diagnostic[], only?: string[]): CodeAction[] {
  if (only && only.length > 0 && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty)) return [];
  const out: CodeAction[] = [];
  const disabled = new Set<string>();
  for (const diag of diagnostics) {
    if (diag.source !== SOURCE || typeof diag.code !== 'string' || diag.code === 'config') continue;
    const ruleId = diag.code;
    const data = (diag.data as DiagnosticData | undefined) ?? findItem(ctx.items, diag)?.diagnostic.data as DiagnosticData | undefined;
    const fix = data?.fix;
    if (fix && ctx.document.getText(diag.range) === fix.expect) {
      out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: true, edit: edit(ctx, [{ range: removalRange(ctx.document, diag.range, fix.newText), newText: fix.newText }]) });
    }
    const key = `${diag.range.start.line}|${ruleId}`;
    if (disabled.has(key)) continue;
    disabled.add(key);
    const insert = disableEdit(ctx, diag.range.start.line, ruleId);
    if (insert) out.push({ title: `Disable ${ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diag], edit: edit(ctx, [insert]) });
  }
  return out;
}

function findItem(items: FindingItem[], diag: Diagnostic): FindingItem | undefined {
  const same = (a: Range, b: Range) => a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
  return items.find((i) => i.diagnostic.code === diag.code && same(i.diagnostic.range, diag.range));
}

function edit(ctx: ActionContext, edits: TextEdit[]): WorkspaceEdit {
  const { uri, version } = ctx.document;
  return ctx.documentChanges ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
}

/** Deleting a word between spaces takes one of the spaces with it (`will arrest you` → `will you`). */
function removalRange(doc: TextDocument, range: Range, newText: string): Range {
  if (newText !== '' || range.start.line !== range.end.line || range.start.character === 0) return range;
  const line = doc.getText({ start: { line: range.start.line, character: 0 }, end: { line: range.start.line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
  const before = line[range.start.character - 1];
  const after = line[range.end.character];
  if (before === ' ' && (after === undefined || after === ' ' || /[.,;:!?)]/.test(after))) return { start: { line: range.start.line, character: range.start.character - 1 }, end: range.end };
  return range;
}

/**
 * `dunlint-disable-next-line <rule> -- TODO: reason` in the file's own comment syntax, on a new line above
 * `line` with that line's indentation. Offered only when the file's parser reads the inserted comment as a
 * directive for that line and the messages are otherwise unchanged (not inside a YAML block scalar, not
 * above front matter).
 */
export function disableEdit(ctx: ActionContext, line: number, ruleId: string): TextEdit | null {
  const text = ctx.document.getText();
  const syntax = commentSyntaxFor(ctx.format, text);
  if (!syntax) return null;
  const lineText = ctx.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(lineText)![0];
  const eol = /\r\n/.test(text) ? '\r\n' : /\r(?!\n)/.test(text) && !/\n/.test(text) ? '\r' : '\n';
  const newText = `${indent}${directiveComment(syntax, ruleId, REASON_PLACEHOLDER)}${eol}`;
  const at = { line, character: 0 };
  const key = `${ctx.document.version}|${line}|${ruleId}`;
  let ok = ctx.memo.get(key);
  if (ok === undefined) {
    const offset = ctx.document.offsetAt(at);
    ok = directiveWorks(ctx, text, text.slice(0, offset) + newText + text.slice(offset), line + 1, ruleId);
    ctx.memo.set(key, ok);
  }
  return ok ? { range: { start: at, end: at }, newText } : null;
}

function directiveWorks(ctx: ActionContext, before: string, after: string, directiveLine: number, ruleId: string): boolean {
  const parse = parserFor(ctx.file, ctx.formats);
  if (!parse) return false;
  try {
    const old = parse(ctx.file, before);
    const now = parse(ctx.file, after);
    const { directives } = parseDirectives(ctx.file, after, now.comments ?? [], '0000-00-00');
    if (!directives.some((d) => d.kind === 'disable-next-line' && d.line === directiveLine && d.rules.includes(ruleId))) return false;
    const shape = (p: typeof old) => JSON.stringify(p.messages.map((m) => [m.key ?? null, m.message.text.replace(/\s+/g, '')]));
    return shape(old) === shape(now);
  } catch {
    return false;
  }
}
