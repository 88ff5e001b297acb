import type { Element, Nodes, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { readFrontMatter } from './front-matter.js';
import { keepOnly } from './keep-ranges.js';
import type { CommentSpan, ParsedInput, ParserOptions } from './types.js';

const parser = unified().use(rehypeParse, { fragment: false });
/** Elements whose text is never read by the recipient. */
const NOT_TEXT = new Set(['script', 'style', 'template', 'noscript', 'svg', 'math']);

/** A hidden preheader or hidden block: display:none, visibility:hidden, zero height with overflow hidden, or `hidden`. */
function isHidden(el: Element): boolean {
  if (el.properties?.hidden !== undefined && el.properties.hidden !== false) return true;
  const style = String(el.properties?.style ?? '').toLowerCase().replace(/\s+/g, '');
  return /display:none|visibility:hidden|mso-hide:all/.test(style) || (/max-height:0/.test(style) && /overflow:hidden/.test(style));
}

/**
 * Read an HTML email body with rehype (positions kept): the text nodes the
 * recipient sees stay at their offsets, everything else (tags, attributes,
 * <style>, <script>, comments, and hidden preheaders unless configured) becomes
 * spaces. Comments are returned for suppression directives.
 */
export function readHtml(content: string, options: ParserOptions = {}): { text: string; comments: CommentSpan[] } {
  const tree = parser.parse(content) as Root;
  const keep: [number, number][] = [];
  const comments: CommentSpan[] = [];
  const visit = (node: Nodes, skip: boolean) => {
    const pos = node.position;
    if (node.type === 'comment') {
      if (pos?.start.offset !== undefined && pos.end.offset !== undefined) comments.push({ start: pos.start.offset, end: pos.end.offset, body: node.value });
      return;
    }
    if (node.type === 'text') {
      if (!skip && pos?.start.offset !== undefined && pos.end.offset !== undefined) keep.push([pos.start.offset, pos.end.offset]);
      return;
    }
    if (node.type === 'element') {
      const hide = skip || NOT_TEXT.has(node.tagName) || (options.lintHiddenText === false && isHidden(node));
      for (const child of node.children) visit(child, hide);
      // <template> content lives in a separate fragment in hast.
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes, skip);
  };
  visit(tree, false);
  return { text: keepOnly(content, keep), comments };
}

/** Kept for callers that only need the masked text (template formats that hold HTML). */
export function maskHtml(content: string, options: ParserOptions = {}): string {
  return readHtml(content, options).text;
}

export function parseHtml(file: string, content: string, options: ParserOptions = {}): ParsedInput {
  const fm = readFrontMatter(file, content);
  const { text, comments } = readHtml(fm.body, options);
  return { messages: [{ file, id: null, message: { ...fm.fields, text }, source: content }], errors: fm.errors, comments };
}
