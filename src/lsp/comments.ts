import { FORMATS } from '../formats/index.js';

/** How a format writes a one-line comment: `open` + body + `close`. */
export interface CommentSyntax {
  open: string;
  close: string;
}

const HTML: CommentSyntax = { open: '<!--', close: '-->' };
const HANDLEBARS: CommentSyntax = { open: '{{!--', close: '--}}' };
const JINJA: CommentSyntax = { open: '{#', close: '#}' };
const HASH: CommentSyntax = { open: '#', close: '' };

/**
 * Comment syntax per format name (src/formats/index.ts registers the names). Formats without comments
 * (json, jsonl) are absent: no directive can be written in them.
 */
const BY_FORMAT: Record<string, CommentSyntax> = {
  text: JINJA, // a .txt with `{# … #}` is read as Jinja text, so the comment is blanked like the rest of the syntax
  markdown: HTML,
  html: HTML,
  handlebars: HANDLEBARS,
  liquid: { open: '{% comment %}', close: '{% endcomment %}' },
  freemarker: { open: '<#--', close: '-->' },
  velocity: { open: '##', close: '' },
  jinja: JINJA,
  smarty: { open: '{*', close: '*}' },
  yaml: HASH,
  properties: HASH,
};


/**
 * The comment syntax a suppression directive takes in a file of this format, or null when the format has
 * none. Template comments even in HTML e-mail bodies: `{{!-- --}}` is stripped when the template renders,
 * while an HTML comment would carry the waiver's reason to every recipient.
 */
export function commentSyntaxFor(format: string | null, _content: string): CommentSyntax | null {
  if (format === null || !FORMATS[format]) return null;
  return BY_FORMAT[format] ?? null;
}

/** `<!-- dunlint-disable-next-line threat/visit -- TODO: reason -->` */
export function directiveComment(syntax: CommentSyntax, ruleId: string, reason: string): string {
  const body = `dunlint-disable-next-line ${ruleId} -- ${reason}`;
  return syntax.close ? `${syntax.open} ${body} ${syntax.close}` : `${syntax.open} ${body}`;
}
