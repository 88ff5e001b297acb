/** The CodeMirror 6 editor and the mapping of API findings to @codemirror/lint diagnostics. */
import { forEachDiagnostic, lintGutter, linter, setDiagnostics, type Action, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers, placeholder, tooltips } from '@codemirror/view';
import { minimalSetup } from 'codemirror';
import type { Finding, Locale, RuleInfo } from './api.js';
import { hoverCard } from './card.js';
import type { Fix } from './fixes.js';
import { t } from './i18n.js';

export interface Item {
  finding: Finding;
  rule: RuleInfo | undefined;
  fix: Fix | undefined;
  /** Set once the item is shown in the editor; the lint state maps it through later edits. */
  diagnostic?: Diagnostic;
}

export interface EditorHooks {
  /** The text changed (typing, paste, undo, a fix). */
  onChange(): void;
  /** A "Reschedule" fix: move the send time. */
  onReschedule(at: string): void;
  /** F8 / Shift-F8: go to the next / previous finding. */
  onStep(direction: 1 | -1): boolean;
}

const placeholderSlot = new Compartment();

/** Findings about the whole message (missing amount, due date, identity, opt-out) span all of it. */
const wholeMessage = new WeakSet<Diagnostic>();

// Darker than CodeMirror's defaults, for contrast on white; the wave is thicker too.
const wave = (color: string) =>
  `url('data:image/svg+xml;base64,${btoa(
    `<svg xmlns="http://www.w3.org/2000/svg" width="6" height="4"><path d="m0 3 l2 -2 l1 0 l2 2 l1 0" stroke="${color}" fill="none" stroke-width="1.4"/></svg>`,
  )}')`;
const RED = '#b3261e';
const AMBER = '#a35200';
const BLUE = '#0b57d0';

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '17px', backgroundColor: '#fff', color: '#1b1b1f' },
  '&.cm-focused': { outline: `3px solid ${BLUE}`, outlineOffset: '-3px' },
  '.cm-scroller': { fontFamily: 'inherit', lineHeight: '1.75', overflow: 'auto' },
  '.cm-content': { padding: '12px 4px', caretColor: '#1b1b1f' },
  '.cm-gutters': { backgroundColor: '#f4f5f8', color: '#505461', borderRight: '1px solid #d5d8e0' },
  '.cm-activeLine': { backgroundColor: '#f5f8ff' },
  '.cm-placeholder': { color: '#5f6368' },
  '.cm-lintRange': { backgroundPosition: 'left bottom', paddingBottom: '2px' },
  '.cm-lintRange-error': { backgroundImage: wave(RED), backgroundColor: 'rgba(179, 38, 30, 0.09)' },
  '.cm-lintRange-warning': { backgroundImage: wave(AMBER), backgroundColor: 'rgba(163, 82, 0, 0.07)' },
  '.cm-lintRange-info': { backgroundImage: wave(BLUE) },
  // A finding about the whole message is dotted, so the phrase findings inside it stand out.
  '.cm-lintRange.dl-whole:not(.dl-specific)': {
    backgroundImage: 'none',
    backgroundColor: 'transparent',
    textDecorationLine: 'underline',
    textDecorationStyle: 'dotted',
    textDecorationThickness: '2px',
    textUnderlineOffset: '6px',
  },
  '.cm-lintRange-error.dl-whole:not(.dl-specific)': { textDecorationColor: RED },
  '.cm-lintRange-warning.dl-whole:not(.dl-specific)': { textDecorationColor: AMBER },
  // Zero-length findings (contact timing, at offset 0): a round marker instead of a hairline caret.
  '.cm-lintPoint': { position: 'relative', display: 'inline-block', width: '1.15em', height: '1.15em', margin: '0 3px', verticalAlign: '-0.15em' },
  '.cm-lintPoint:after': {
    content: '"!"',
    position: 'absolute',
    inset: '0',
    left: '0',
    bottom: '0',
    border: 'none',
    borderRadius: '50%',
    backgroundColor: RED,
    color: '#fff',
    fontSize: '0.72em',
    fontWeight: '700',
    lineHeight: '1.6em',
    textAlign: 'center',
  },
  '.cm-lintPoint-warning:after': { backgroundColor: AMBER, borderBottomColor: 'transparent' },
  '.cm-lintPoint-info:after': { backgroundColor: BLUE, borderBottomColor: 'transparent' },
  '.cm-tooltip': { border: '1px solid #9aa0ac', borderRadius: '6px', boxShadow: '0 4px 16px rgba(0,0,0,0.18)', backgroundColor: '#fff' },
  '.cm-tooltip-lint': { maxWidth: '440px', padding: '0' },
  '.cm-diagnostic': { padding: '10px 12px', borderLeftWidth: '5px', fontSize: '14px', lineHeight: '1.5', whiteSpace: 'normal' },
  '.cm-diagnostic + .cm-diagnostic': { borderTop: '1px solid #e1e3e8' },
  '.cm-diagnostic-error': { borderLeftColor: RED },
  '.cm-diagnostic-warning': { borderLeftColor: AMBER },
  '.cm-diagnosticSource': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '12px', color: '#474b55', opacity: '1' },
  '.cm-diagnosticAction': {
    backgroundColor: BLUE,
    color: '#fff',
    border: 'none',
    borderRadius: '4px',
    padding: '4px 10px',
    marginLeft: '0',
    marginTop: '6px',
    font: 'inherit',
    fontSize: '13px',
    cursor: 'pointer',
  },
  '.cm-diagnosticAction:focus-visible': { outline: '3px solid #1b1b1f', outlineOffset: '2px' },
});

export function createEditor(parent: HTMLElement, lang: Locale, hooks: EditorHooks): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        minimalSetup,
        lineNumbers(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        placeholderSlot.of(placeholder(t(lang, 'placeholder'))),
        // Labelled by the heading above the editor, described by the help text under it.
        EditorView.contentAttributes.of({ 'aria-labelledby': 'editor-label', 'aria-describedby': 'editor-help', spellcheck: 'false' }),
        // F8 / Shift-F8 select the next / previous finding and show it in the list, for keyboard users.
        keymap.of([
          { key: 'F8', run: () => hooks.onStep(1) },
          { key: 'Shift-F8', run: () => hooks.onStep(-1) },
        ]),
        linter(null, {
          // Where a phrase finding sits inside a whole-message one, the card shows the phrase finding.
          tooltipFilter: (ds) => {
            const specific = ds.filter((d) => !wholeMessage.has(d));
            return specific.length > 0 ? specific : [...ds];
          },
        }),
        lintGutter(),
        // Hover cards stay over the editor, clear of the verdict and the findings list.
        tooltips({ tooltipSpace: (view) => view.dom.getBoundingClientRect() }),
        theme,
        EditorView.updateListener.of((u) => {
          if (u.docChanged) hooks.onChange();
        }),
      ],
    }),
  });
}

export function setPlaceholder(view: EditorView, lang: Locale): void {
  view.dispatch({ effects: placeholderSlot.reconfigure(placeholder(t(lang, 'placeholder'))) });
}

const slug = (ruleId: string) => ruleId.replace(/[^A-Za-z0-9_-]+/g, '-');

/** Show `items` (found in `view`'s current text) as diagnostics; each item gets its `diagnostic`. */
export function showFindings(view: EditorView, items: Item[], lang: Locale, hooks: EditorHooks): void {
  const len = view.state.doc.length;
  const diagnostics = items.map((item) => {
    const f = item.finding;
    const from = Math.max(0, Math.min(len, f.start.offset));
    const to = Math.max(from, Math.min(len, f.end.offset));
    const whole = f.category.startsWith('missing-') || item.rule?.kind === 'requirement';
    const d: Diagnostic = {
      from,
      to,
      severity: f.severity === 'error' || f.severity === 'warning' ? f.severity : 'info',
      source: f.ruleId,
      markClass: `${whole ? 'dl-whole' : 'dl-specific'} dl-cat-${slug(f.category)} dl-rule-${slug(f.ruleId)}`,
      message: f.messages?.[lang] ?? f.message,
      renderMessage: () => hoverCard(f, lang, item.rule),
      actions: item.fix ? [fixAction(item, lang, hooks)] : [],
    };
    if (whole) wholeMessage.add(d);
    item.diagnostic = d;
    return d;
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

/** Where an item's diagnostic is now (the lint state maps it through edits), or null once it is gone. */
export function currentRange(view: EditorView, item: Item): { from: number; to: number } | null {
  let found: { from: number; to: number } | null = null;
  forEachDiagnostic(view.state, (d, from, to) => {
    if (d === item.diagnostic && !found) found = { from, to };
  });
  return found;
}

export function fixLabel(item: Item, lang: Locale): string {
  const fix = item.fix!;
  if (fix.kind === 'reschedule') return t(lang, 'reschedule');
  const what = item.finding.excerpt.length > 24 ? `${item.finding.excerpt.slice(0, 23)}…` : item.finding.excerpt;
  return `${t(lang, fix.kind === 'remove' ? 'remove' : 'mask')} “${what}”`;
}

export function applyFix(view: EditorView, item: Item, range: { from: number; to: number }, hooks: EditorHooks): boolean {
  const fix = item.fix;
  if (!fix) return false;
  if (fix.kind === 'reschedule') {
    hooks.onReschedule(fix.at);
    return true;
  }
  // The text under the finding must still be what was flagged; otherwise wait for the next check.
  if (view.state.sliceDoc(range.from, range.to) !== fix.expect) return false;
  view.dispatch({
    changes: { from: range.from, to: range.to, insert: fix.insert },
    selection: { anchor: range.from + fix.insert.length },
    userEvent: fix.kind === 'remove' ? 'delete' : 'input.replace',
    scrollIntoView: true,
  });
  view.focus();
  return true;
}

function fixAction(item: Item, lang: Locale, hooks: EditorHooks): Action {
  return {
    name: fixLabel(item, lang),
    markClass: `dl-fix dl-fix-${item.fix!.kind}`,
    apply: (view, from, to) => void applyFix(view, item, { from, to }, hooks),
  };
}

export function reveal(view: EditorView, range: { from: number; to: number }): void {
  view.dispatch({ selection: { anchor: range.from, head: range.to }, scrollIntoView: true });
  view.focus();
}
