/**
 * dunlint browser preview: a CodeMirror editor whose text, with the side controls, is POSTed to
 * /v1/check 200 ms after the last change; the answer becomes underlines, hover cards, a findings
 * list grouped by category, the verdict, the SMS count and the next allowed send time.
 */
import './styles.css';
import { ApiError, getRules, postCheck, type CheckContext, type CheckRequest, type CheckResponse, type Channel, type Locale, type RuleInfo, type RulesetInfo } from './api.js';
import { categoryName, el, findingBody, formatInstant, severityBadge } from './card.js';
import { applyFix, createEditor, currentRange, fixLabel, reveal, setPlaceholder, showFindings, type EditorHooks, type Item } from './editor.js';
import { fixFor, wallTime } from './fixes.js';
import { htmlLang, t, type Key } from './i18n.js';
import { smsCount } from './sms.js';

const DEBOUNCE_MS = 200;
const KEY_STORE = 'dunlint.preview.apiKey';
const LANG_STORE = 'dunlint.preview.uiLang';
const CATEGORY_ORDER = ['threat', 'insult', 'third-party-disclosure', 'deception', 'privacy', 'contact-timing', 'missing-amount', 'missing-due-date', 'missing-identity', 'missing-opt-out'];

const byId = <T extends HTMLElement = HTMLElement>(id: string) => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing from index.html`);
  return node as T;
};

const ui = {
  lang: byId<HTMLSelectElement>('ui-lang'),
  channel: byId<HTMLSelectElement>('channel'),
  ruleset: byId<HTMLSelectElement>('ruleset'),
  recipient: byId<HTMLSelectElement>('recipient'),
  daysPastDue: byId<HTMLInputElement>('days-past-due'),
  sendAt: byId<HTMLInputElement>('send-at'),
  timezone: byId<HTMLInputElement>('timezone'),
  auth: byId<HTMLDetailsElement>('auth'),
  apiKey: byId<HTMLInputElement>('api-key'),
  editor: byId('editor'),
  smsCount: byId('sms-count'),
  status: byId('check-status'),
  error: byId('check-error'),
  verdict: byId('verdict'),
  verdictBadge: byId('verdict-badge'),
  verdictNote: byId('verdict-note'),
  verdictCounts: byId('verdict-counts'),
  verdictNext: byId('verdict-next'),
  nextAllowed: byId('next-allowed'),
  nextAllowedTime: byId('next-allowed-time'),
  useTime: byId<HTMLButtonElement>('use-time'),
  findings: byId('findings'),
  findingsTotal: byId('findings-total'),
  announce: byId('announce'),
};

/** Where a JSON pointer in an error's details points among the controls. */
const FIELDS: [prefix: string, input: HTMLElement, errorId: string][] = [
  ['/context/timezone', ui.timezone, 'timezone-error'],
  ['/context/sendAt', ui.sendAt, 'send-at-error'],
  ['/context/daysPastDue', ui.daysPastDue, 'days-past-due-error'],
  ['/context/recipient', ui.recipient, 'recipient-error'],
  ['/channel', ui.channel, 'channel-error'],
  ['/ruleset', ui.ruleset, 'ruleset-error'],
];

const storage = {
  get(store: Storage, key: string): string {
    try {
      return store.getItem(key) ?? '';
    } catch {
      return ''; // storage disabled
    }
  },
  set(store: Storage, key: string, value: string): void {
    try {
      if (value) store.setItem(key, value);
      else store.removeItem(key);
    } catch {
      // storage disabled: the value lives as long as the page
    }
  },
};

// ---- state -----------------------------------------------------------------------------------

const browserLocale: Locale = navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
let uiPref: 'auto' | Locale = (['zh', 'en'] as const).find((l) => l === storage.get(localStorage, LANG_STORE)) ?? 'auto';
/** The last locale the server reported for the text; the interface follows it in "auto". */
let textLocale: Locale | null = null;
let result: CheckResponse | null = null;
/** The text `result` is about. */
let resultText = '';
let items: Item[] = [];
let error: ApiError | null = null;
let rulesets: RulesetInfo[] = [];
const rulesByName = new Map<string, Map<string, RuleInfo>>();
let shownLang: Locale | null = null;
/** The finding F8 last went to, and each finding's entry in the list. */
let current: Item | null = null;
const itemNodes = new Map<Item, HTMLElement>();

let timer: ReturnType<typeof setTimeout> | undefined;
let inflight: AbortController | null = null;
let seq = 0;
let checks = 0;

const colon = (l: Locale) => (l === 'zh' ? '：' : ': ');
const lang = (): Locale => (uiPref === 'auto' ? (textLocale ?? browserLocale) : uiPref);

// ---- the editor ------------------------------------------------------------------------------

const hooks: EditorHooks = {
  onChange: () => schedule(),
  onReschedule: (at) => {
    ui.sendAt.value = wallTime(at);
    ui.sendAt.focus();
    schedule();
  },
  onStep: (direction) => step(direction),
};

const view = createEditor(ui.editor, lang(), hooks);

// ---- checking --------------------------------------------------------------------------------

function request(text: string): CheckRequest {
  const context: CheckContext = { recipient: ui.recipient.value === 'third-party' ? 'third-party' : 'debtor' };
  const dpd = ui.daysPastDue.value.trim();
  if (dpd !== '') context.daysPastDue = Number(dpd);
  if (ui.sendAt.value) context.sendAt = ui.sendAt.value;
  const zone = ui.timezone.value.trim();
  if (zone) context.timezone = zone;
  const body: CheckRequest = { text, channel: ui.channel.value as Channel, context };
  if (ui.ruleset.value) body.ruleset = ui.ruleset.value;
  return body;
}

function setState(state: 'empty' | 'pending' | 'idle' | 'error'): void {
  document.body.dataset.state = state;
  document.body.dataset.checks = String(checks);
  ui.status.textContent = state === 'pending' ? t(lang(), 'checking') : state === 'idle' && result ? t(lang(), 'checked', { ruleset: result.ruleset, hash: result.rulesetHash.replace(/^sha256:/, '').slice(0, 12) }) : state === 'empty' ? t(lang(), 'empty') : '';
  ui.verdict.setAttribute('aria-busy', String(state === 'pending'));
}

/** Check again `delay` ms after the last call: every edit and every control change comes here. */
function schedule(delay = DEBOUNCE_MS): void {
  clearTimeout(timer);
  setState('pending');
  timer = setTimeout(() => {
    timer = undefined;
    void run();
  }, delay);
}

async function run(): Promise<void> {
  inflight?.abort();
  inflight = null;
  const my = ++seq;
  const doc = view.state.doc;
  const text = doc.toString();
  if (text.trim() === '') {
    result = null;
    resultText = '';
    error = null;
    clearFieldErrors();
    render();
    setState('empty');
    return;
  }
  const ac = new AbortController();
  inflight = ac;
  try {
    const answer = await postCheck(request(text), ui.apiKey.value.trim(), ac.signal);
    // A newer check is queued or running, or the text moved on: that one will answer.
    if (my !== seq || timer !== undefined || view.state.doc !== doc) return;
    result = answer;
    resultText = text;
    textLocale = answer.locale;
    error = null;
    checks++;
    clearFieldErrors();
    render();
    setState('idle');
  } catch (e) {
    if ((e as Error).name === 'AbortError' || my !== seq || timer !== undefined) return;
    error = e instanceof ApiError ? e : new ApiError(0, 'network', (e as Error).message);
    result = null;
    checks++;
    showFieldErrors(error);
    if (error.status === 401) ui.auth.open = true;
    render();
    setState('error');
  } finally {
    if (inflight === ac) inflight = null;
  }
}

// ---- rules (for fixes and bilingual suggestions) -----------------------------------------------

async function loadRules(): Promise<void> {
  try {
    rulesets = (await getRules(ui.apiKey.value.trim())).rulesets;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) ui.auth.open = true;
    return; // fixes then fall back to what the finding itself says
  }
  rulesByName.clear();
  for (const rs of rulesets) rulesByName.set(rs.name, new Map(rs.rules.map((r) => [r.id, r])));
  // Rulesets the config adds, after the built-in ones.
  for (const rs of rulesets) {
    if (![...ui.ruleset.options].some((o) => o.value === rs.name)) ui.ruleset.append(el('option', { value: rs.name }, rs.description ? `${rs.name} — ${rs.description}` : rs.name));
  }
  render();
}

// ---- rendering -------------------------------------------------------------------------------

function render(): void {
  const l = lang();
  if (l !== shownLang) applyStaticStrings(l);
  const rules = result ? rulesByName.get(result.ruleset) : undefined;
  items = (result?.findings ?? []).map((finding) => {
    const rule = rules?.get(finding.ruleId);
    return { finding, rule, fix: fixFor(finding, rule) };
  });
  // Offsets are into the checked text; if the text has moved on, the next check redraws.
  if (view.state.doc.toString() === resultText) showFindings(view, items, l, hooks);
  else if (!result) showFindings(view, [], l, hooks);
  renderVerdict(l);
  renderSms(l);
  renderError(l);
  renderFindings(l);
}

function applyStaticStrings(l: Locale): void {
  shownLang = l;
  document.documentElement.lang = htmlLang(l);
  document.title = t(l, 'title');
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = t(l, node.dataset.i18n as Key);
  for (const node of document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) node.placeholder = t(l, node.dataset.i18nPlaceholder as Key);
  setPlaceholder(view, l);
  setState((document.body.dataset.state as 'empty' | 'pending' | 'idle' | 'error') ?? 'empty');
}

function renderVerdict(l: Locale): void {
  const verdict = result?.verdict ?? 'none';
  ui.verdict.dataset.verdict = verdict;
  ui.verdictBadge.textContent = t(l, `verdict.${verdict}`);
  ui.verdictNote.textContent = result ? t(l, `verdictNote.${result.verdict}`) : '';
  const errors = items.filter((i) => i.finding.severity === 'error').length;
  ui.verdictCounts.textContent = result ? t(l, 'counts', { e: errors, w: items.length - errors }) : '';

  const next = result?.nextAllowedAt;
  ui.nextAllowed.hidden = next === undefined;
  ui.verdictNext.textContent = '';
  if (next === undefined) return;
  if (next === null) {
    ui.nextAllowedTime.textContent = t(l, 'nextAllowedNull');
    ui.useTime.hidden = true;
    ui.verdictNext.textContent = `${t(l, 'nextAllowed')}: ${t(l, 'nextAllowedNull')}`;
    return;
  }
  const zone = ui.timezone.value.trim() || rulesets.find((r) => r.name === result!.ruleset)?.timezone;
  const shown = `${formatInstant(next)}${zone ? ` · ${zone}` : ''}`;
  ui.nextAllowedTime.replaceChildren(el('time', { datetime: next }, shown));
  ui.useTime.hidden = false;
  ui.useTime.dataset.at = next;
  ui.verdictNext.textContent = `${t(l, 'nextAllowed')}: ${shown}`;
}

function renderSms(l: Locale): void {
  const sms = result?.sms;
  ui.smsCount.hidden = !sms;
  if (!sms) return;
  const { used, limit } = smsCount(resultText, sms.encoding, sms.segments);
  ui.smsCount.replaceChildren(el('span', { class: 'sms-label' }, `${t(l, 'sms')}${colon(l)}`), t(l, 'smsCount', { n: used, limit, enc: sms.encoding, s: sms.segments, segments: t(l, sms.segments === 1 ? 'segment' : 'segments') }));
  ui.smsCount.dataset.segments = String(sms.segments);
}

function renderError(l: Locale): void {
  ui.error.hidden = !error;
  if (!error) {
    ui.error.textContent = '';
    return;
  }
  let msg: string;
  if (error.status === 0) msg = t(l, 'network');
  else if (error.status === 401) msg = ui.apiKey.value.trim() ? t(l, 'apiKeyRejected') : t(l, 'apiKeyNeeded');
  else msg = [error.message, ...error.details.map((d) => `${d.pointer}: ${d.message}`)].join(' — ');
  ui.error.textContent = t(l, 'failed', { msg });
}

function renderFindings(l: Locale): void {
  itemNodes.clear();
  ui.findingsTotal.textContent = result ? `(${items.length})` : '';
  if (!result) {
    ui.findings.replaceChildren(el('p', { class: 'empty' }, t(l, 'notChecked')));
    return;
  }
  if (items.length === 0) {
    ui.findings.replaceChildren(el('p', { class: 'empty' }, t(l, 'noFindings')));
    return;
  }
  const groups = new Map<string, Item[]>();
  for (const item of items) groups.set(item.finding.category, [...(groups.get(item.finding.category) ?? []), item]);
  const rank = (cat: string) => (CATEGORY_ORDER.indexOf(cat) + 1 || 99) + (groups.get(cat)!.some((i) => i.finding.severity === 'error') ? 0 : 100);
  const sections = [...groups.keys()]
    .sort((a, b) => rank(a) - rank(b))
    .map((cat, gi) => {
      const list = groups.get(cat)!;
      const headingId = `group-${gi}`;
      return el(
        'section',
        { class: 'group', 'data-category': cat, 'aria-labelledby': headingId },
        el('h3', { id: headingId }, categoryName(l, cat), ' ', el('code', { class: 'group-id' }, cat), ' ', el('span', { class: 'count', 'data-count': String(list.length) }, String(list.length))),
        el('ul', { class: 'finding-list' }, ...list.map((item, i) => findingItem(item, l, `f-${gi}-${i}`))),
      );
    });
  ui.findings.replaceChildren(...sections);
}

function findingItem(item: Item, l: Locale, id: string): HTMLElement {
  const f = item.finding;
  const zeroLength = f.end.offset <= f.start.offset;
  const whole = !zeroLength && f.start.offset === 0 && f.end.offset >= resultText.length;
  const where = zeroLength
    ? el('p', { class: 'finding-where' }, t(l, 'atStart'))
    : whole
      ? el('p', { class: 'finding-where' }, t(l, 'wholeMessage'))
      : el('p', { class: 'finding-where' }, el('span', { class: 'label' }, `${t(l, 'excerpt')}${colon(l)}`), el('q', {}, f.excerpt), ` · ${f.start.line}:${f.start.column}`);
  const actions = el('div', { class: 'finding-actions' });
  if (!zeroLength) {
    const go = el('button', { type: 'button', class: 'button button-quiet', 'aria-describedby': `${id}-title` }, t(l, 'goTo'));
    go.addEventListener('click', () => {
      const range = currentRange(view, item);
      if (range) reveal(view, range);
    });
    actions.append(go);
  }
  if (item.fix) {
    const fix = el('button', { type: 'button', class: `button dl-fix dl-fix-${item.fix.kind}`, 'aria-describedby': `${id}-title` }, fixLabel(item, l));
    fix.addEventListener('click', () => {
      const range = currentRange(view, item) ?? { from: 0, to: 0 };
      applyFix(view, item, range, hooks);
    });
    actions.append(fix);
  }
  const li = el(
    'li',
    { class: `finding sev-${f.severity}`, 'data-rule': f.ruleId, 'data-category': f.category, 'data-severity': f.severity },
    el('div', { class: 'finding-head', id: `${id}-title` }, severityBadge(l, f.severity), ' ', el('code', { class: 'rule-id' }, f.ruleId)),
    where,
    findingBody(f, l, item.rule),
    actions.childElementCount > 0 ? actions : null,
  );
  itemNodes.set(item, li);
  return li;
}

/**
 * F8 / Shift-F8: phrase findings in text order, then those about the whole message; selects the
 * finding's text, marks it in the list and reads it out (the list holds the same details and fixes).
 */
function step(direction: 1 | -1): boolean {
  const placed = items
    .map((item) => ({ item, range: currentRange(view, item) }))
    .filter((x): x is { item: Item; range: { from: number; to: number } } => x.range !== null);
  if (placed.length === 0) return false;
  const len = view.state.doc.length;
  const general = (x: { range: { from: number; to: number } }) => x.range.from === x.range.to || (x.range.from === 0 && x.range.to === len);
  placed.sort((a, b) => Number(general(a)) - Number(general(b)) || a.range.from - b.range.from || a.range.to - b.range.to);
  const at = placed.findIndex((x) => x.item === current);
  const next = at < 0 ? placed[direction === 1 ? 0 : placed.length - 1]! : placed[(at + direction + placed.length) % placed.length]!;
  current = next.item;
  const { from, to } = next.range;
  view.dispatch({ selection: general(next) ? { anchor: from } : { anchor: from, head: to }, scrollIntoView: true });
  const l = lang();
  for (const li of ui.findings.querySelectorAll('li.current')) li.classList.remove('current');
  const li = itemNodes.get(next.item);
  li?.classList.add('current');
  li?.scrollIntoView({ block: 'nearest' });
  const f = next.item.finding;
  ui.announce.textContent = `${placed.indexOf(next) + 1}/${placed.length} ${t(l, `severity.${f.severity === 'error' ? 'error' : 'warning'}`)} ${f.ruleId}: ${f.messages?.[l] ?? f.message}`;
  return true;
}

function clearFieldErrors(): void {
  for (const [, input, errorId] of FIELDS) {
    input.removeAttribute('aria-invalid');
    const box = byId(errorId);
    box.hidden = true;
    box.textContent = '';
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== errorId);
    if (described.length) input.setAttribute('aria-describedby', described.join(' '));
    else input.removeAttribute('aria-describedby');
  }
}

function showFieldErrors(e: ApiError): void {
  clearFieldErrors();
  for (const d of e.details) {
    const hit = FIELDS.find(([prefix]) => d.pointer === prefix || d.pointer.startsWith(`${prefix}/`));
    if (!hit) continue;
    const [, input, errorId] = hit;
    input.setAttribute('aria-invalid', 'true');
    const box = byId(errorId);
    box.hidden = false;
    box.textContent = d.message;
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${errorId}`.trim());
  }
}

// ---- wiring ----------------------------------------------------------------------------------

ui.lang.value = uiPref;
ui.lang.addEventListener('change', () => {
  uiPref = ui.lang.value === 'zh' || ui.lang.value === 'en' ? ui.lang.value : 'auto';
  storage.set(localStorage, LANG_STORE, uiPref === 'auto' ? '' : uiPref);
  render();
});

for (const control of [ui.channel, ui.ruleset, ui.recipient]) control.addEventListener('change', () => schedule(0));
for (const control of [ui.daysPastDue, ui.sendAt, ui.timezone]) control.addEventListener('input', () => schedule());

ui.apiKey.value = storage.get(sessionStorage, KEY_STORE);
let keyTimer: ReturnType<typeof setTimeout> | undefined;
ui.apiKey.addEventListener('input', () => {
  storage.set(sessionStorage, KEY_STORE, ui.apiKey.value.trim());
  clearTimeout(keyTimer);
  keyTimer = setTimeout(() => void loadRules(), 400);
  schedule(400);
});

ui.useTime.addEventListener('click', () => {
  if (ui.useTime.dataset.at) hooks.onReschedule(ui.useTime.dataset.at);
});

document.querySelector('.skip-link')?.addEventListener('click', (e) => {
  e.preventDefault();
  view.focus();
});
byId('settings').addEventListener('submit', (e) => e.preventDefault());

render();
setState('empty');
void loadRules();
