import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, type CodeAction, type Diagnostic, type Hover, type InitializeResult, type MarkupContent, type TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { disableEdit } from '../src/lsp/actions.js';
import { startServer } from '../src/lsp/server.js';
import { BIN } from './helpers.js';

// Most tests drive `dunlint lsp --stdio` the way an editor does: JSON-RPC over the child's stdio.
// One runs the server in this process over in-memory streams, to make linting fail on purpose.

// For the in-process server below: linting a document that says BOOM throws, as a bug in a rule would.
vi.mock('../src/run/lint-file.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/run/lint-file.js')>();
  return {
    ...real,
    lintFile: (...args: Parameters<typeof real.lintFile>) => {
      if (args[2].includes('BOOM')) throw new Error('rule exploded');
      return real.lintFile(...args);
    },
  };
});

const THREAT_SMS = '【XX银行】再不还钱就上门，后果自负。';
const COMPLIANT_SMS = '【招商银行】王先生，您尾号1234的信用卡已逾期5天，应还2,356.40元，请于12月8日前还款。';

const tmpRoot = mkdtempSync(join(tmpdir(), 'dunlint-lsp-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));
let caseNo = 0;

function workspace(files: Record<string, string> = {}): string {
  const dir = join(tmpRoot, `ws-${++caseNo}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) write(dir, name, content);
  return dir;
}

function write(dir: string, name: string, content: string): void {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), content);
}

interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/** An editor-side client: a JSON-RPC connection plus what the server published and logged. */
class Client {
  readonly published: Published[] = [];
  readonly logs: string[] = [];
  private waiters: { test: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  private versions = new Map<string, number>();
  settings: unknown = {};

  constructor(
    readonly conn: MessageConnection,
    readonly root: string,
    readonly child: ChildProcess | null,
  ) {
    conn.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true));
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    conn.listen();
  }

  uri(name: string): string {
    return pathToFileURL(join(this.root, name)).href;
  }

  async initialize(initializationOptions?: unknown): Promise<InitializeResult> {
    const rootUri = pathToFileURL(this.root).href;
    const result = await this.conn.sendRequest<InitializeResult>('initialize', {
      processId: null,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      initializationOptions,
      capabilities: {
        workspace: { workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true }, configuration: false },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, hover: { contentFormat: ['markdown'] }, codeAction: {} },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  /** The next publication for `uri` that passes `test` (or one already received after `since`). */
  diagnostics(name: string, test: (d: Diagnostic[], p: Published) => boolean = () => true, since = 0): Promise<Diagnostic[]> {
    const uri = this.uri(name);
    const match = (p: Published) => p.uri === uri && test(p.diagnostics, p);
    const seen = this.published.slice(since).filter(match).pop();
    if (seen) return Promise.resolve(seen.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${name}; got ${JSON.stringify(this.published.filter((p) => p.uri === uri).at(-1))}; log: ${this.logs.join('\n')}`)), 15_000);
      this.waiters.push({ test: match, resolve: (p) => (clearTimeout(timer), resolve(p.diagnostics)) });
    });
  }

  async open(name: string, text: string, languageId = 'plaintext'): Promise<Diagnostic[]> {
    const since = this.published.length;
    this.versions.set(name, 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(name), languageId, version: 1, text } });
    return this.diagnostics(name, (_, p) => p.version === 1, since);
  }

  /** Send edits (full text or ranged changes) without waiting; returns the new version. */
  async change(name: string, changes: ({ text: string } | { range: TextEdit['range']; text: string })[]): Promise<number> {
    const version = (this.versions.get(name) ?? 1) + 1;
    this.versions.set(name, version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(name), version }, contentChanges: changes });
    return version;
  }

  async changed(name: string, changes: Parameters<Client['change']>[1]): Promise<Diagnostic[]> {
    const since = this.published.length;
    const version = await this.change(name, changes);
    return this.diagnostics(name, (_, p) => p.version === version, since);
  }

  hover(name: string, line: number, character: number): Promise<Hover | null> {
    return this.conn.sendRequest('textDocument/hover', { textDocument: { uri: this.uri(name) }, position: { line, character } });
  }

  codeActions(name: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: this.uri(name) },
      range: diagnostics[0]!.range,
      context: { diagnostics, triggerKind: 1 },
    });
  }

  async close(): Promise<number | null> {
    await this.conn.sendRequest('shutdown');
    if (!this.child) {
      this.conn.dispose(); // in-process: `exit` would end the test worker
      return null;
    }
    const exited = this.child ? new Promise<number | null>((resolve) => this.child!.once('exit', (code) => resolve(code))) : Promise.resolve(null);
    await this.conn.sendNotification('exit');
    const code = await exited;
    this.conn.dispose();
    return code;
  }
}

function spawnServer(root: string): Client {
  const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr!.resume();
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return new Client(conn, root, child);
}

/** The server in this process, over a pair of in-memory streams (to inject a failure with vi.mock). */
function inProcessServer(root: string): Client {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), { cwd: root });
  const conn = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  return new Client(conn, root, null);
}

/** The edits a code action makes, flattened (documentChanges or changes). */
function editsOf(action: CodeAction): TextEdit[] {
  const e = action.edit!;
  if (e.documentChanges) return e.documentChanges.flatMap((c) => ('edits' in c ? c.edits : [])) as TextEdit[];
  return Object.values(e.changes ?? {}).flat();
}

/** A code action's edits as the didChange content changes an editor sends after applying them. */
function asChanges(action: CodeAction): { range: TextEdit['range']; text: string }[] {
  return editsOf(action).map((e) => ({ range: e.range, text: e.newText }));
}

/** A diagnostic's message as text (LSP 3.18 allows Markdown content there; dunlint sends plain strings). */
function text(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function byRule(diags: Diagnostic[], ruleId: string): Diagnostic {
  const d = diags.find((x) => x.code === ruleId);
  if (!d) throw new Error(`no ${ruleId} in ${JSON.stringify(diags.map((x) => x.code))}`);
  return d;
}

describe('dunlint lsp --stdio', { timeout: 20_000 }, () => {
  let client: Client;
  beforeAll(async () => {
    client = spawnServer(workspace());
  });
  afterAll(async () => {
    // shutdown/exit are tested below; make sure the child never outlives the file.
    if (client.child && client.child.exitCode === null) client.child.kill();
  });

  it('initializes with diagnostics, hover and quick-fix capabilities', async () => {
    const result = await client.initialize();
    expect(result.serverInfo?.name).toBe('dunlint');
    expect(result.capabilities.hoverProvider).toBe(true);
    expect(result.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix'] });
    expect(result.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
  });

  it('publishes findings of a Chinese SMS threat on open, with range, severity, code and documentation link', async () => {
    const diags = await client.open('sms/x.txt', THREAT_SMS);
    const visit = byRule(diags, 'threat/visit');
    const col = THREAT_SMS.indexOf('上门');
    expect(visit.range).toEqual({ start: { line: 0, character: col }, end: { line: 0, character: col + 2 } });
    expect(visit.severity).toBe(1);
    expect(visit.source).toBe('dunlint');
    expect(visit.message).toBe('以上门、到单位或家中找人相威胁，属于恐吓。'); // the message's locale
    expect(visit.codeDescription?.href).toMatch(/^file:\/\/.*\/docs\/rules\.md#cn-threat-visit$/);
    expect(byRule(diags, 'threat/veiled').range.start.character).toBe(THREAT_SMS.indexOf('后果自负'));
    // The path says sms/: SMS requirements apply (warnings in cn).
    expect(byRule(diags, 'missing-amount/payment-message').severity).toBe(2);
  });

  it('infers the channel from the workspace-relative path: no SMS requirements outside sms/', async () => {
    const diags = await client.open('notes/x.txt', THREAT_SMS);
    expect(diags.map((d) => d.code)).toContain('threat/visit');
    expect(diags.map((d) => d.code)).not.toContain('missing-amount/payment-message');
  });

  it('shows the bilingual explanation, citation and suggestion on hover', async () => {
    const hover = await client.hover('sms/x.txt', 0, THREAT_SMS.indexOf('上门') + 1);
    const md = (hover!.contents as MarkupContent).value;
    expect((hover!.contents as MarkupContent).kind).toBe('markdown');
    expect(md).toContain('threat/visit');
    expect(md).toContain('以上门、到单位或家中找人相威胁，属于恐吓。');
    expect(md).toContain("Threatens to turn up at the debtor's home or workplace to intimidate.");
    expect(md).toMatch(/\*\*Citation:\*\* \S+/);
    expect(md).toContain('**Suggestion:** Drop the visit');
    expect(md).toContain('**建议：**');
    expect(hover!.range).toEqual(byRule(client.published.filter((p) => p.uri === client.uri('sms/x.txt')).at(-1)!.diagnostics, 'threat/visit').range);
  });

  it('clears the diagnostics when the text becomes compliant, and debounces edits to the latest version', async () => {
    const since = client.published.length;
    // Several quick edits: only the last version is linted and published.
    await client.change('sms/x.txt', [{ text: `${THREAT_SMS}1` }]);
    await client.change('sms/x.txt', [{ text: `${THREAT_SMS}12` }]);
    const last = await client.change('sms/x.txt', [{ text: COMPLIANT_SMS }]);
    const diags = await client.diagnostics('sms/x.txt', (_, p) => p.version === last, since);
    expect(diags).toEqual([]);
    const versions = client.published.slice(since).filter((p) => p.uri === client.uri('sms/x.txt')).map((p) => p.version);
    expect(versions).toEqual([last]);
  });

  it('applies incremental edits at UTF-16 positions', async () => {
    // Insert a threat after the signature, as a ranged change (what editors send).
    const at = COMPLIANT_SMS.indexOf('】') + 1;
    const diags = await client.changed('sms/x.txt', [{ range: { start: { line: 0, character: at }, end: { line: 0, character: at } }, text: '🙂再不还钱就上门，' }]);
    const visit = byRule(diags, 'threat/visit');
    const text = `${COMPLIANT_SMS.slice(0, at)}🙂再不还钱就上门，${COMPLIANT_SMS.slice(at)}`;
    expect(visit.range.start).toEqual({ line: 0, character: text.indexOf('上门') });
  });

  it('places findings after emoji (surrogate pairs) and CJK text, with LF and CRLF line endings', async () => {
    for (const [name, eol] of [['sms/emoji-lf.txt', '\n'], ['sms/emoji-crlf.txt', '\r\n']] as const) {
      const lines = ['【XX银行】尊敬的客户😀您好', '👍🏽💰 中文𠀀字 再不还钱就上门，后果自负'];
      const diags = await client.open(name, lines.join(eol) + eol);
      const visit = byRule(diags, 'threat/visit');
      const col = lines[1]!.indexOf('上门'); // UTF-16 code units, as LSP counts them
      expect(col).toBe(18);
      expect(visit.range).toEqual({ start: { line: 1, character: col }, end: { line: 1, character: col + 2 } });
      expect(byRule(diags, 'threat/veiled').range.start).toEqual({ line: 1, character: lines[1]!.indexOf('后果自负') });
    }
  });

  it('offers a disable-next-line directive in Markdown comment syntax, with the line\'s indentation, that silences the finding', async () => {
    const name = 'email/reminder.md';
    const text = '# 还款提醒\n\n- 尊敬的客户：\n  再不还钱就上门。\n';
    const diags = await client.open(name, text);
    const visit = byRule(diags, 'threat/visit');
    const actions = await client.codeActions(name, [visit]);
    const disable = actions.find((a) => a.title === 'Disable threat/visit for this line')!;
    expect(disable.kind).toBe('quickfix');
    expect(disable.diagnostics).toEqual([visit]);
    expect(editsOf(disable)).toEqual([{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '  <!-- dunlint-disable-next-line threat/visit -- TODO: reason -->\n' }]);
    // The rule suggests dropping the phrase: a mechanical edit is offered too.
    const remove = actions.find((a) => a.title === "Remove '上门'")!;
    expect(remove.isPreferred).toBe(true);
    expect(editsOf(remove)).toEqual([{ range: visit.range, newText: '' }]);
    // Applying the directive (as the editor would) silences the finding.
    const after = await client.changed(name, asChanges(disable));
    expect(after.map((d) => d.code)).not.toContain('threat/visit');
  });

  it('writes the directive as a Handlebars comment in .hbs, and as a Jinja comment in .txt', async () => {
    const hbs = 'sms/reminder.hbs';
    const diags = await client.open(hbs, '{{#if overdue}}\n    【XX银行】{{name}}，再不还钱就上门。\n{{/if}}\n');
    const visit = byRule(diags, 'threat/visit');
    expect(visit.range.start.line).toBe(1);
    const disable = (await client.codeActions(hbs, [visit])).find((a) => a.title === 'Disable threat/visit for this line')!;
    expect(editsOf(disable)[0]!.newText).toBe('    {{!-- dunlint-disable-next-line threat/visit -- TODO: reason --}}\n');
    const after = await client.changed(hbs, asChanges(disable));
    expect(after.map((d) => d.code)).not.toContain('threat/visit');

    const txt = 'notes/crlf.txt';
    const txtDiags = await client.open(txt, '您好\r\n再不还钱就上门\r\n');
    const txtAction = (await client.codeActions(txt, [byRule(txtDiags, 'threat/visit')])).find((a) => a.title.startsWith('Disable'))!;
    expect(editsOf(txtAction)[0]!.newText).toBe('{# dunlint-disable-next-line threat/visit -- TODO: reason #}\r\n');
    expect((await client.changed(txt, asChanges(txtAction))).map((d) => d.code)).not.toContain('threat/visit');
  });

  it('offers no directive where a comment cannot go (JSON) and keeps the quick fix', async () => {
    const name = 'catalog/messages.json';
    const diags = await client.open(name, '{\n  "sms": {\n    "overdue": "再不还钱就上门"\n  }\n}\n');
    const visit = byRule(diags, 'threat/visit');
    expect(visit.range.start).toEqual({ line: 2, character: 16 + '再不还钱就'.length });
    const actions = await client.codeActions(name, [visit]);
    expect(actions.map((a) => a.title)).toEqual(["Remove '上门'"]);
  });

  it('reports input errors at their line and column: template syntax, expired waivers, bad front-matter context', async () => {
    const broken = await client.open('sms/broken.hbs', '【XX银行】您好\n{{#if overdue}}\n  请还款\n');
    const unclosed = broken.find((d) => /never closed/.test(text(d)))!;
    expect(unclosed.range.start).toEqual({ line: 1, character: 0 });
    expect(unclosed.severity).toBe(1);

    const waiver = await client.open('letters/w.md', 'Hello\n\n<!-- dunlint-disable-next-line threat/visit -- approved expires=2020-01-31 -->\n再不还钱就上门\n');
    const expired = waiver.find((d) => /expired on 2020-01-31/.test(text(d)))!;
    expect(expired.range.start).toEqual({ line: 2, character: 0 });
    expect(waiver.map((d) => d.code)).toContain('threat/visit'); // an expired waiver silences nothing

    const fm = await client.open('sms/fm.txt', '---\nchannel: sms\ncontext: { timezone: Mars/Base }\n---\n【XX银行】再不还钱就上门\n');
    const bad = fm.find((d) => /bad context \/context\/timezone/.test(text(d)))!;
    expect(bad.range.start).toEqual({ line: 2, character: 21 });
  });

  it('shows nextAllowedAt on hover for timing findings, and offers no directive above front matter', async () => {
    const name = 'sms/late.md';
    const diags = await client.open(name, '---\ncontext: { sendAt: "2026-03-10T22:30:00+08:00" }\n---\n【XX银行】您好\n');
    const hours = byRule(diags, 'contact-timing/hours');
    expect(hours.message).toContain('22:30');
    const hover = await client.hover(name, hours.range.start.line, hours.range.start.character);
    expect((hover!.contents as MarkupContent).value).toContain('**Next allowed:** `2026-03-11T08:00:00+08:00`');
    // A comment above the front matter would break it: no directive there.
    expect(await client.codeActions(name, [hours])).toEqual([]);
  });

  it('masks an unmasked card number as a mechanical fix', async () => {
    const name = 'notes/card.txt';
    const text = '【XX银行】您的卡号6222021234567890128已逾期。';
    const card = byRule(await client.open(name, text), 'privacy/card-number');
    const mask = (await client.codeActions(name, [card])).find((a) => a.title.startsWith('Mask'))!;
    expect(editsOf(mask)).toEqual([{ range: card.range, newText: '***************0128' }]);
    expect((await client.changed(name, asChanges(mask))).map((d) => d.code)).not.toContain('privacy/card-number');
  });

  it('gives files the CLI does not read no diagnostics', async () => {
    expect(await client.open('notes/data.csv', '再不还钱就上门')).toEqual([]);
    expect(await client.open('package.json', '{"description": "再不还钱就上门"}')).toEqual([]);
  });

  it('re-lints open documents when the configuration changes (settings and dunlint.config.*)', async () => {
    let since = client.published.length;
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { dunlint: { docsBaseUrl: 'https://example.test/dunlint/docs/' } } });
    let diags = await client.diagnostics('notes/x.txt', (d) => d.some((x) => x.codeDescription?.href.startsWith('https://')), since);
    expect(byRule(diags, 'threat/visit').codeDescription?.href).toBe('https://example.test/dunlint/docs/rules.md#cn-threat-visit');

    since = client.published.length;
    write(client.root, 'dunlint.config.json', JSON.stringify({ rules: { threat: 'warning' } }));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('dunlint.config.json'), type: 1 }] });
    diags = await client.diagnostics('notes/x.txt', (d) => d.some((x) => x.code === 'threat/visit' && x.severity === 2), since);
    expect(byRule(diags, 'threat/veiled').severity).toBe(2);
  });

  it("applies the config's overrides to workspace-relative paths", async () => {
    const since = client.published.length;
    write(client.root, 'dunlint.config.json', JSON.stringify({ overrides: [{ files: 'drafts/**', channel: 'sms' }] }));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('dunlint.config.json'), type: 2 }] });
    await client.diagnostics('notes/x.txt', (d) => d.some((x) => x.code === 'threat/visit' && x.severity === 1), since);
    const codes = (await client.open('drafts/a.txt', THREAT_SMS)).map((d) => d.code);
    expect(codes).toContain('missing-amount/payment-message');
  });

  it('shuts down and exits with code 0', async () => {
    expect(await client.close()).toBe(0);
  });
});

describe('a broken config', { timeout: 20_000 }, () => {
  it('shows one diagnostic at the top of each open document naming the file and pointer, then recovers', async () => {
    const root = workspace({ 'dunlint.config.yaml': 'rules:\n  threat/visit: loud\n' });
    const client = spawnServer(root);
    try {
      await client.initialize();
      for (const name of ['sms/a.txt', 'letters/b.md']) {
        const diags = await client.open(name, `${THREAT_SMS}\n`);
        expect(diags).toHaveLength(1);
        expect(diags[0]!.range.start).toEqual({ line: 0, character: 0 });
        expect(diags[0]!.severity).toBe(1);
        expect(diags[0]!.message).toContain(join(root, 'dunlint.config.yaml'));
        expect(diags[0]!.message).toContain('/rules/threat~1visit');
        expect(diags[0]!.relatedInformation?.[0]?.location.uri).toBe(client.uri('dunlint.config.yaml'));
      }
      const since = client.published.length;
      write(root, 'dunlint.config.yaml', 'rules:\n  threat/visit: warning\n');
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('dunlint.config.yaml'), type: 2 }] });
      const fixed = await client.diagnostics('sms/a.txt', (d) => d.some((x) => x.code === 'threat/visit'), since);
      expect(byRule(fixed, 'threat/visit').severity).toBe(2);
    } finally {
      await client.close();
    }
  });
});

describe('a failure while linting', { timeout: 20_000 }, () => {
  it('is logged to the client and the document keeps its previous diagnostics', async () => {
    const client = inProcessServer(workspace());
    try {
      await client.initialize();
      const first = await client.open('sms/a.txt', THREAT_SMS);
      expect(first.map((d) => d.code)).toContain('threat/visit');
      const since = client.published.length;
      await client.change('sms/a.txt', [{ text: `${THREAT_SMS} BOOM` }]);
      await vi.waitFor(() => expect(client.logs.join('\n')).toMatch(/linting .*a\.txt failed, keeping its previous diagnostics: Error: rule exploded/), { timeout: 5000 });
      expect(client.published.slice(since)).toEqual([]);
      // It recovers on the next edit.
      expect(await client.changed('sms/a.txt', [{ text: COMPLIANT_SMS }])).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

describe('disable-next-line directives in each format', () => {
  const cases: [file: string, format: string, text: string, line: number, expected: string | null][] = [
    ['a.md', 'markdown', '# x\n  再不还钱就上门\n', 1, '  <!-- dunlint-disable-next-line threat/visit -- TODO: reason -->\n'],
    ['a.html', 'html', '<p>\n  再不还钱就上门\n</p>\n', 1, '  <!-- dunlint-disable-next-line threat/visit -- TODO: reason -->\n'],
    ['a.hbs', 'handlebars', '{{#if x}}\n再不还钱就上门\n{{/if}}\n', 1, '{{!-- dunlint-disable-next-line threat/visit -- TODO: reason --}}\n'],
    ['a.hbs', 'handlebars', '<p>\n  {{#if x}}再不还钱就上门{{/if}}\n</p>\n', 1, '  {{!-- dunlint-disable-next-line threat/visit -- TODO: reason --}}\n'],
    ['a.liquid', 'liquid', '{% if x %}\n再不还钱就上门\n{% endif %}\n', 1, '{% comment %} dunlint-disable-next-line threat/visit -- TODO: reason {% endcomment %}\n'],
    ['a.ftl', 'freemarker', '<#if x>\n再不还钱就上门\n</#if>\n', 1, '<#-- dunlint-disable-next-line threat/visit -- TODO: reason -->\n'],
    ['a.vm', 'velocity', '#if($x)\n再不还钱就上门\n#end\n', 1, '## dunlint-disable-next-line threat/visit -- TODO: reason\n'],
    ['a.j2', 'jinja', '{% if x %}\n再不还钱就上门\n{% endif %}\n', 1, '{# dunlint-disable-next-line threat/visit -- TODO: reason #}\n'],
    ['a.txt', 'text', '您好\r\n再不还钱就上门\r\n', 1, '{# dunlint-disable-next-line threat/visit -- TODO: reason #}\r\n'],
    ['a.tpl', 'smarty', '{if $x}\n再不还钱就上门\n{/if}\n', 1, '{* dunlint-disable-next-line threat/visit -- TODO: reason *}\n'],
    ['a.yaml', 'yaml', 'sms:\n  overdue: 再不还钱就上门\n', 1, '  # dunlint-disable-next-line threat/visit -- TODO: reason\n'],
    ['a.properties', 'properties', 'sms.overdue=再不还钱就上门\n', 0, '# dunlint-disable-next-line threat/visit -- TODO: reason\n'],
    // Where a comment cannot go or would change the message: nothing.
    ['a.yaml', 'yaml', 'sms:\n  overdue: |\n    您好\n    再不还钱就上门\n', 3, null],
    ['a.txt', 'text', '---\nchannel: sms\n---\n再不还钱就上门\n', 1, null],
    ['a.json', 'json', '{"sms": "再不还钱就上门"}\n', 0, null],
    ['a.jsonl', 'jsonl', '{"id": "1", "text": "再不还钱就上门"}\n', 0, null],
  ];
  it.each(cases)('%s (%s) line %i', (file, format, text, line, expected) => {
    const document = TextDocument.create(`file:///w/${file}`, 'plaintext', 1, text);
    const edit = disableEdit({ document, file, format, formats: {}, items: [], documentChanges: false, memo: new Map() }, line, 'threat/visit');
    expect(edit?.newText ?? null).toBe(expected);
    if (edit) expect(edit.range).toEqual({ start: { line, character: 0 }, end: { line, character: 0 } });
  });
});
