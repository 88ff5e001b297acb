/**
 * Template placeholders ({{amount}}, ${dueDate}, %(name)s, {还款日} …). They are
 * found on the normalised text (so full-width braces count too), typed by name
 * through the configurable map, and masked so that a name such as {{court_fee}}
 * is never read as prose.
 */

export type PlaceholderMeaning = string; // 'amount' | 'dueDate' | 'company' | … (open set, from the map)

export interface Placeholder {
  /** Normalised-text span. */
  start: number;
  end: number;
  /** The name as written, without delimiters. */
  name: string;
  /** Meanings assigned by the map (empty when opaque). */
  meanings: PlaceholderMeaning[];
}

/** meaning → name fragments that imply it (matched on the squashed name). */
export type PlaceholderMap = Record<string, string[]>;

// Order matters: longer delimiters before the shorter ones they contain.
const PLACEHOLDER_RE = new RegExp(
  [
    String.raw`\{\{\{?\s*[#^/]?\s*([^{}]{1,60}?)\s*\}?\}\}`, // {{name}} {{{name}}} {{#if x}}
    String.raw`\$\{\{?\s*([^{}]{1,60}?)\s*\}?\}`, // ${name} ${{ name }}
    String.raw`#\{\s*([^{}]{1,60}?)\s*\}`, // #{name}
    String.raw`%\(\s*([^()]{1,60}?)\s*\)[sdif]`, // %(name)s
    String.raw`\[\[\s*([^\[\]]{1,60}?)\s*\]\]`, // [[name]]
    String.raw`\{%-?\s*([^%]{1,80}?)\s*-?%\}`, // {% tag %} (Jinja/Liquid): control, never content
    String.raw`\{\s*([^{}\s][^{}]{0,40}?)\s*\}`, // {name} {0} {Client Name} {还款日}
    String.raw`%([a-z_\u4e00-\u9fff][\w\u4e00-\u9fff.]{0,40})%`, // %name%
    String.raw`%(\d)\$?[sd]?|%([sd])\b`, // %1 %s %d
  ].join('|'),
  'gu',
);

/** Squash a placeholder name for matching: last path segment, no filters, no separators. */
export function squashName(raw: string): string {
  let name = raw.split(/[|?(]/)[0] ?? raw; // drop filters: {{x | date}}, ${x?string("0.00")}
  name = name.trim().split(/\s+/).pop() ?? name; // {{#if overdue}} → overdue; {Client Name} handled below
  if (/\s/.test(raw.trim()) && !/[|?(]/.test(raw)) name = raw.trim();
  const segments = name.split('.');
  const last = segments[segments.length - 1] || name;
  return last.toLowerCase().replace(/[\s_\-]/g, '');
}

export function typePlaceholder(raw: string, map: PlaceholderMap): PlaceholderMeaning[] {
  const squashed = squashName(raw);
  if (squashed === '' || /^\d+$/.test(squashed)) {
    // Positional placeholders mean nothing unless mapped exactly ({0}: [amount]).
    return Object.entries(map)
      .filter(([, names]) => names.includes(raw.trim()))
      .map(([meaning]) => meaning);
  }
  const meanings: string[] = [];
  for (const [meaning, fragments] of Object.entries(map)) {
    for (const fragment of fragments) {
      const f = fragment.toLowerCase().replace(/[\s_\-]/g, '');
      if (f !== '' && (f.startsWith('=') ? squashed === f.slice(1) : squashed.includes(f))) {
        meanings.push(meaning);
        break;
      }
    }
  }
  return meanings;
}

export function findPlaceholders(text: string, map: PlaceholderMap): Placeholder[] {
  const found: Placeholder[] = [];
  if (!/[{}%\[$#]/.test(text)) return found;
  PLACEHOLDER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PLACEHOLDER_RE.exec(text)) !== null) {
    const whole = m[0];
    const isTag = whole.startsWith('{%');
    const name = m.slice(1).find((g) => g !== undefined) ?? '';
    found.push({
      start: m.index,
      end: m.index + whole.length,
      name,
      meanings: isTag ? [] : typePlaceholder(name, map),
    });
  }
  return found;
}

/** Replace placeholder spans with U+E000 so rules never read their names; length is kept. */
export function maskPlaceholders(text: string, placeholders: Placeholder[]): string {
  if (placeholders.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const p of placeholders) {
    parts.push(text.slice(at, p.start), PLACEHOLDER_MASK.repeat(p.end - p.start));
    at = p.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export const PLACEHOLDER_MASK = '\uE000';
