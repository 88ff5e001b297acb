import { maskSpans } from './mask.js';

/**
 * Template placeholders ({{amount}}, ${dueDate}, %(name)s, {还款日}, :amount, %1$s …). They are
 * found on the normalised text (so full-width braces and ％s count too), typed by name
 * through the configurable map, and masked so that a name such as {{court_fee}}
 * is never read as prose. Unknown names are opaque: masked, never a finding.
 *
 * Precision matters as much as recall, because a masked span is never linted: forms that also
 * occur in prose (`[x]`, `{x}`, `%x%`, `:x`) are accepted only when they look like names
 * (footnotes `[1]`, `5% interest`, `10:30`, `http://`, JSON `{"a": 1}` and code `{ return x; }`
 * are not placeholders), and name-like spans that read as a sentence (`{we will visit you}`,
 * `{打断你的腿}`) count only when the map gives them a meaning.
 */

export type PlaceholderMeaning = string; // 'amount' | 'dueDate' | 'company' | … (open set, from the map)

export interface Placeholder {
  /** Normalised-text span. */
  start: number;
  end: number;
  /** The name as written, without delimiters (filters and built-ins included: `amount | money`). */
  name: string;
  /** Meanings assigned by the map (empty when opaque). */
  meanings: PlaceholderMeaning[];
}

/** meaning → name fragments that imply it (matched on the squashed name; `=name` matches exactly). */
export type PlaceholderMap = Record<string, string[]>;

/**
 * Template parsers (src/formats/templates) write a variable reference that normalisation would
 * garble (Velocity `$amount` becomes `samount` by the leetspeak fold; Smarty `{$amount}`) as
 * TEMPLATE_SIGIL + name + TEMPLATE_PAD…, same length as the reference: see sigilPlaceholder.
 */
export const TEMPLATE_SIGIL = '\uE001';
export const TEMPLATE_PAD = '\uE002';

/** Same-length stand-in for a template variable reference of `length` units whose name is `name`. */
export function sigilPlaceholder(length: number, name: string): string {
  if (length <= 0) return '';
  let n = name
    .replace(/->/g, '.')
    .replace(/[^\w.\u3400-\u9fff]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[._]+|\.+$/g, '');
  n = n.slice(0, length - 1).replace(/\.+$/, '');
  return TEMPLATE_SIGIL + n + TEMPLATE_PAD.repeat(length - 1 - n.length);
}

type Kind =
  | 'sigil' // parser-written stand-in
  | 'mustache' // {{name}} {{{name}}}
  | 'dollar' // ${name} ${{ name }} $!{name}
  | 'hash' // #{name}
  | 'rails' // %{name}
  | 'python' // %(name)s
  | 'double-bracket' // [[name]]
  | 'tag' // {% … %}: control, never content
  | 'brace' // {name} {0} {Client Name} {还款日} {amount:C2}
  | 'bracket' // [name]
  | 'percent' // %name% %还款金额%
  | 'printf' // %1 %s %d %1$s
  | 'colon'; // :name (Laravel)

const NAME = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_.\- ]{0,38}[\p{L}\p{N}_])?`;
// A format or ICU tail after a brace name: {amount:C2} {0:N2} {amount, number, currency} {x|upper}
const TAIL = String.raw`(?:\s*:[^{}\s]{1,12}|\s*,\s*[a-z]+(?:\s*,[^{}\n"';]{0,30})?|\s*\|[^{}\n"';]{1,30})?`;

const ALTERNATIVES: [Kind, string][] = [
  ['sigil', String.raw`\uE001([^\uE001\uE002\s]*)\uE002+`],
  ['sigil', String.raw`\uE001([a-z_][\w]*(?:\.[\w]+)*)`],
  ['dollar', String.raw`\$!?\{\{?\s*([^{}]{1,80}?)\s*\}?\}`],
  ['mustache', String.raw`\{\{\{\s*([^{}]{1,80}?)\s*\}\}\}`],
  ['mustache', String.raw`\{\{(?!\{)\s*([^{}]{1,80}?)\s*\}\}`],
  ['hash', String.raw`#\{\s*([^{}]{1,60}?)\s*\}`],
  ['rails', String.raw`[%％]\{\s*([\p{L}_][\p{L}\p{N}_.]{0,40})\s*\}`],
  ['python', String.raw`[%％]\(\s*([^()\s]{1,60})\s*\)(?:\.\d+)?[sdifr]`],
  ['double-bracket', String.raw`\[\[\s*([^\[\]]{1,60}?)\s*\]\]`],
  ['tag', String.raw`\{%[-+]?\s*([^%]{1,80}?)\s*[-+]?%\}`],
  ['brace', String.raw`\{\s*(${NAME}${TAIL})\s*\}`],
  ['bracket', String.raw`(?<![\[!\w])\[\s*(${NAME})\s*\](?![\[(:\]])`],
  ['percent', String.raw`(?<![\w%％])[%％]([\p{L}_][\p{L}\p{N}_.]{1,40})[%％](?![\w])`],
  ['printf', String.raw`(?<![\w%％/\\])[%％](\d{1,2}\$[sdfi@]|\d{1,2}|\.\d+f|l?[sdfi@])(?![\w])`],
  ['colon', String.raw`(?<![\w:/\\.@%])[:：]([a-z_][a-z0-9_]*)(?![\w])`],
];

const PLACEHOLDER_RE = new RegExp(ALTERNATIVES.map(([, source]) => source).join('|'), 'giu');
const QUICK = /[{}%％\[$#:：\uE001]/;

/** Words that make a spaced name read as a sentence rather than a field ({we will visit you}). */
const SENTENCE_WORDS = new Set(
  'i me my we us our you your yours he him his she her they them their it will shall would should must can could may might going gonna not never no or if unless until'.split(' '),
);
const HAN_PRONOUN = /[你您我他她它们咱俺]/;

/** Squash a name for matching: no sigils, no filters or built-ins, no separators, lower case. */
export function squashName(raw: string): string {
  return nameCandidates(raw)[0] ?? '';
}

/**
 * The keys a name is typed by, most specific first: the whole name (filters, built-ins, format
 * specs and call arguments cut), then its path segments from the last (`loan.balance` → balance,
 * loan), then the arguments of a helper call (`{{formatMoney amount}}` → amount).
 */
function nameCandidates(raw: string): string[] {
  let s = raw.trim().replace(/^[~&#^/>!=*$@:\s(]+/, '').replace(/[~\s]+$/, '');
  const args: string[] = [];
  const call = /^([\p{L}\p{N}_.]+)\s*\(([^()]*)\)/u.exec(s); // money(amount), loan.getBalance()
  if (call) {
    args.push(...call[2]!.split(',').map((a) => a.trim()).filter((a) => /^[\p{L}_]/u.test(a)));
    s = call[1]!;
  }
  s = s.split(/\s*[|?!:,(){}]/u)[0] ?? s; // {{x | date}} ${x?string("0.00")} ${x!0} {0:C} {amount, number}
  s = s.replace(/\[[^\]]*\]/g, '').replace(/->/g, '.');
  const words = s.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  const squash = (x: string) => x.toLowerCase().replace(/[\s_\-"'`]/g, '');
  out.push(squash(words.join('')).replace(/^\.+|\.+$/g, ''));
  for (const w of words.length > 1 ? [words[words.length - 1]!, ...words.slice(0, -1)] : words) {
    const segments = w.split('.').filter(Boolean);
    for (let i = segments.length - 1; i >= 0; i--) out.push(squash(segments[i]!));
  }
  for (const a of args) out.push(...nameCandidates(a));
  return [...new Set(out.filter((x) => x !== ''))].map((x) => (x.includes('.') ? x.slice(x.lastIndexOf('.') + 1) : x));
}

function meaningsOf(key: string, map: PlaceholderMap): PlaceholderMeaning[] {
  const meanings: string[] = [];
  for (const [meaning, fragments] of Object.entries(map)) {
    for (const fragment of fragments) {
      const f = fragment.toLowerCase().replace(/[\s_\-]/g, '');
      if (f !== '' && (f.startsWith('=') ? key === f.slice(1) : key.includes(f))) {
        meanings.push(meaning);
        break;
      }
    }
  }
  return meanings;
}

/** Positional placeholders ({0}, %1, %s, %1$s) mean something only when the map lists them exactly (`amount: ["{0}"]` or `["0"]`). */
function positionalMeanings(name: string, written: string | undefined, map: PlaceholderMap): PlaceholderMeaning[] {
  const forms = new Set([name.trim().toLowerCase(), (written ?? '').trim().toLowerCase().replace(/％/g, '%')].filter(Boolean));
  return Object.entries(map)
    .filter(([, names]) => names.some((n) => forms.has(n.trim().toLowerCase().replace(/^=/, '').replace(/％/g, '%'))))
    .map(([meaning]) => meaning);
}

function isPositional(raw: string): boolean {
  const head = (raw.trim().split(/[:,|]/)[0] ?? '').trim();
  return /^\d+$/.test(head) || /^(\d{1,2}\$)?l?[sdfi@]$/.test(head) || /^\.\d+f$/.test(head);
}

/**
 * Meanings of a placeholder name (as written inside its delimiters). `written` is the whole
 * placeholder with delimiters, which the map may list for positional ones (`"%1$s"`, `"{0}"`).
 */
export function typePlaceholder(raw: string, map: PlaceholderMap, written?: string): PlaceholderMeaning[] {
  if (isPositional(raw)) return positionalMeanings(raw.trim().split(/[:,|]/)[0] ?? raw, written, map);
  for (const key of nameCandidates(raw)) {
    if (/^\d+$/.test(key)) continue;
    const meanings = meaningsOf(key, map);
    if (meanings.length > 0) return meanings;
  }
  return [];
}

/**
 * How much a name reads like a sentence rather than a field: `sentence` (English words of a
 * sentence: `{we will visit you}`, `[if right party confirmed]`) is never a placeholder, `wordy`
 * (a Chinese pronoun or a long run of Chinese: `{打断你的腿}`) only when the map types it.
 */
function prose(name: string): 'sentence' | 'wordy' | null {
  const core = name.split(/[:,|]/)[0]!.trim();
  const words = core.split(/\s+/).filter(Boolean);
  if (words.length > 1 && (words.length > 4 || words.some((w) => SENTENCE_WORDS.has(w.toLowerCase()) || !/^[\p{L}][\p{L}'.-]*$/u.test(w)))) return 'sentence';
  if (HAN_PRONOUN.test(core) || (core.match(/[\u3400-\u9fff]/g) ?? []).length > 8) return 'wordy';
  return null;
}

/** Control syntax (sections, closing tags, comments, partials, else): opaque, never content. */
function isControl(kind: Kind, name: string): boolean {
  if (kind === 'tag') return true;
  if (kind !== 'mustache') return false;
  return /^[~]?\s*[#^/!>=]/.test(name) || /^~?\s*else\b/.test(name);
}

export function findPlaceholders(text: string, map: PlaceholderMap): Placeholder[] {
  const found: Placeholder[] = [];
  if (!QUICK.test(text)) return found;
  const re = PLACEHOLDER_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const whole = m[0];
    let alt = 0;
    while (alt < ALTERNATIVES.length && m[alt + 1] === undefined) alt++;
    const kind = ALTERNATIVES[alt]![0];
    const name = (m[alt + 1] ?? '').trim();
    const control = isControl(kind, name);
    const positional = !control && (kind === 'printf' || ((kind === 'brace' || kind === 'dollar' || kind === 'mustache') && isPositional(name)));
    const meanings = control ? [] : positional ? positionalMeanings(kind === 'printf' ? name : name.split(/[:,|]/)[0]!, whole, map) : typePlaceholder(name, map, whole);
    if (!control && !accept(kind, name, meanings, text, m.index)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    found.push({ start: m.index, end: m.index + whole.length, name, meanings });
  }
  return found;
}

/** Precision guards for the forms that also occur in prose. */
function accept(kind: Kind, name: string, meanings: string[], text: string, at: number): boolean {
  const typed = meanings.length > 0;
  switch (kind) {
    case 'brace':
    case 'percent': {
      const p = prose(name);
      return p === null || (p === 'wordy' && typed);
    }
    case 'bracket': {
      // [1] is a footnote, [x] a checkbox: identifiers of two or more characters, spaced names, typed names.
      const p = prose(name);
      if (/^\d+$/.test(name) || p === 'sentence') return false;
      if (typed) return true;
      return p === null && ((/^[a-z_][\w.]*$/i.test(name) && name.length >= 2) || (/\s/.test(name) && /^[\p{L}\s]+$/u.test(name)));
    }
    case 'colon': {
      // After a space, a bracket or a quote (":amount") it is a Laravel name; glued to a word
      // (密码:abc123, 回复:td) only when the map types it.
      const before = at > 0 ? text[at - 1]! : '';
      return typed || before === '' || /[\s(\[{"'“‘,，、>]/.test(before);
    }
    default:
      return true;
  }
}

/** Replace placeholder spans with U+E000 so rules never read their names; length is kept. */
export function maskPlaceholders(text: string, placeholders: Placeholder[]): string {
  return maskSpans(text, placeholders, (span) => PLACEHOLDER_MASK.repeat(span.length));
}

export const PLACEHOLDER_MASK = '\uE000';
