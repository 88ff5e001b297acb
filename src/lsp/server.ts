import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { dunlintVersion } from '../report/json.js';
import { lintFile } from '../run/lint-file.js';
import { CONFIG_NAMES } from '../rulesets/config.js';
import { codeActions } from './actions.js';
import { configErrorDiagnostic, toDiagnostics, type FindingItem } from './diagnostics.js';
import { hoverAt } from './hover.js';
import { isConfigFile, Workspace } from './workspace.js';

export interface ServerOptions {
  /** Quiet time after the last keystroke before a document is linted again. */
  debounceMs?: number;
  /** Workspace root when the client names none (no workspaceFolders, rootUri or rootPath). */
  cwd?: string;
}

/** Settings under `dunlint` (initializationOptions, workspace/configuration or didChangeConfiguration). */
export interface LspSettings {
  /** Base of the rule documentation links: a folder URL (rules.md is appended) or the rules page URL. */
  docsBaseUrl?: string;
}

interface DocState {
  /** Version the findings belong to. */
  version: number;
  items: FindingItem[];
  /** Set when the document is linted: what code actions need to re-parse it. */
  file: string | null;
  format: string | null;
  formats: Record<string, string>;
  memo: Map<string, boolean>;
}

const WATCH_GLOB = `**/{${[...CONFIG_NAMES, '.dunlintignore'].join(',')}}`;

/**
 * The dunlint language server: diagnostics for every file type the CLI reads (debounced on change), hovers with
 * the bilingual explanation and citation, quick fixes (mechanical suggestions, disable-next-line directives),
 * and re-linting when configuration changes. Wire it to any connection (stdio in `dunlint lsp`); it starts listening.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const debounceMs = options.debounceMs ?? 150;
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace();
  const state = new Map<string, DocState>();
  const timers = new Map<string, NodeJS.Timeout>();
  let settings: LspSettings = {};
  let initSettings: LspSettings = {};
  const client = { configuration: false, documentChanges: false, watchDynamic: false, configDynamic: false, workspaceFolders: false };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    client.configuration = caps.workspace?.configuration === true;
    client.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    client.watchDynamic = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    client.configDynamic = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    client.workspaceFolders = caps.workspace?.workspaceFolders === true;
    initSettings = readSettings(params.initializationOptions);
    settings = { ...initSettings };
    const roots = rootsOf(params);
    workspace.setRoots(roots.length > 0 ? roots : options.cwd ? [options.cwd] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'dunlint', version: dunlintVersion() },
    };
  });

  connection.onInitialized(async () => {
    if (client.watchDynamic) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCH_GLOB }] }).catch(logError('registering file watchers'));
    }
    if (client.configDynamic) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'dunlint' }).catch(logError('registering for configuration'));
    if (client.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        workspace.setRoots(folders.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri)));
        relintAll();
      });
    }
    if (client.configuration) {
      await pullSettings();
      relintAll();
    }
    // Rulesets compile and the segmenter loads while the editor is still opening files.
    setTimeout(() => {
      try {
        workspace.warm();
      } catch (e) {
        logError('warming up')(e);
      }
    }, 0);
  });

  connection.onDidChangeConfiguration(async (params) => {
    const pushed = (params.settings as { dunlint?: unknown } | null | undefined)?.dunlint;
    if (pushed !== undefined) settings = { ...initSettings, ...readSettings(pushed) };
    else if (client.configuration) await pullSettings();
    workspace.invalidate();
    relintAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (!params.changes.some((c) => c.uri.startsWith('file:') && isConfigFile(fileURLToPath(c.uri)))) return;
    workspace.invalidate();
    relintAll();
  });

  documents.onDidChangeContent(({ document }) => {
    // The first content (didOpen) is linted at once; edits wait for a pause in typing.
    schedule(document.uri, state.has(document.uri) ? debounceMs : 0);
  });

  documents.onDidSave(({ document }) => {
    if (document.uri.startsWith('file:') && isConfigFile(fileURLToPath(document.uri))) {
      workspace.invalidate();
      relintAll();
    }
  });

  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    state.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onHover(({ textDocument, position }) => {
    const s = state.get(textDocument.uri);
    const doc = documents.get(textDocument.uri);
    if (!s || !doc || s.version !== doc.version) return null;
    return hoverAt(s.items, position);
  });

  connection.onCodeAction(({ textDocument, context }) => {
    const s = state.get(textDocument.uri);
    const document = documents.get(textDocument.uri);
    if (!s || !document || s.file === null || s.format === null) return [];
    return codeActions(
      { document, file: s.file, format: s.format, formats: s.formats, items: s.version === document.version ? s.items : [], documentChanges: client.documentChanges, memo: s.memo },
      context.diagnostics,
      context.only,
    );
  });

  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    const version = documents.get(uri)?.version;
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        // A newer edit has its own run scheduled: this one is stale.
        if (documents.get(uri)?.version !== version) return;
        lint(uri);
      }, delay),
    );
  }

  function relintAll(): void {
    for (const doc of documents.all()) schedule(doc.uri, 0);
  }

  function lint(uri: string): void {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const previous = state.get(uri);
    const keep = (patch: Partial<DocState>): DocState => ({ version, items: [], file: null, format: null, formats: {}, memo: new Map(), ...patch });
    if (!uri.startsWith('file:')) {
      state.set(uri, keep({}));
      return void connection.sendDiagnostics({ uri, version, diagnostics: [] });
    }
    const file = fileURLToPath(uri);
    const text = doc.getText();
    try {
      const res = workspace.resolve(file);
      if (res.kind === 'skip') {
        state.set(uri, keep({}));
        return void connection.sendDiagnostics({ uri, version, diagnostics: [] });
      }
      if (res.kind === 'config-error') {
        state.set(uri, keep({}));
        return void connection.sendDiagnostics({ uri, version, diagnostics: [configErrorDiagnostic(res.error, text)] });
      }
      const outcome = lintFile(res.linter, res.displayPath, text, { ...res.options, today: new Date().toISOString().slice(0, 10) });
      const { items, diagnostics } = toDiagnostics(outcome, text, res.linter, settings.docsBaseUrl);
      if (documents.get(uri)?.version !== version) return; // edited meanwhile: its own run will publish
      state.set(uri, keep({ items, file: res.displayPath, format: res.format, formats: res.options.formats }));
      void connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (e) {
      // Keep what the document showed before; the log says why it was not updated.
      connection.console.error(`dunlint: linting ${file} failed, keeping its previous diagnostics: ${(e as Error).stack ?? String(e)}`);
      if (previous) state.set(uri, previous);
    }
  }

  async function pullSettings(): Promise<void> {
    try {
      const pulled: unknown = await connection.workspace.getConfiguration({ section: 'dunlint' });
      settings = { ...initSettings, ...readSettings(pulled) };
    } catch (e) {
      logError('reading settings')(e);
    }
  }

  function logError(what: string): (e: unknown) => void {
    return (e) => connection.console.error(`dunlint: ${what} failed: ${(e as Error).message ?? String(e)}`);
  }
}

function readSettings(value: unknown): LspSettings {
  if (typeof value !== 'object' || value === null) return {};
  // initializationOptions may nest the settings under `dunlint` like workspace settings do.
  const v = (value as { dunlint?: unknown }).dunlint ?? value;
  if (typeof v !== 'object' || v === null) return {};
  const out: LspSettings = {};
  const base = (v as LspSettings).docsBaseUrl;
  if (typeof base === 'string' && base.trim() !== '') out.docsBaseUrl = base.trim();
  return out;
}

function rootsOf(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const roots = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  const rootPath = (params as { rootPath?: string | null }).rootPath;
  if (roots.length === 0 && rootPath) roots.push(rootPath);
  return roots;
}
