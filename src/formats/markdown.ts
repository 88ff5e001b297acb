import type { Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { readFrontMatter } from './front-matter.js';
import { readHtml } from './html.js';
import { keepOnly } from './keep-ranges.js';
import type { CommentSpan, ParsedInput, ParserOptions } from './types.js';

const parser = unified().use(remarkParse);

/**
 * Read a Markdown message with remark (positions kept): prose text stays at its
 * offsets; markup, code (fenced, indented, inline), link targets and raw HTML
 * become spaces. Raw HTML is read like an HTML body (its visible text kept, its
 * comments returned for suppression directives).
 */
export function readMarkdown(content: string, options: ParserOptions = {}): { text: string; comments: CommentSpan[] } {
  const tree = parser.parse(content) as Root;
  const keep: [number, number][] = [];
  const comments: CommentSpan[] = [];
  const visit = (node: Nodes) => {
    const s = node.position?.start.offset;
    const e = node.position?.end.offset;
    if (node.type === 'text') {
      if (s !== undefined && e !== undefined) keep.push([s, e]);
      return;
    }
    if (node.type === 'code' || node.type === 'inlineCode') return;
    if (node.type === 'html') {
      if (s === undefined || e === undefined) return;
      // Parse the raw HTML on its own, then shift its offsets back into the file.
      const html = readHtml(content.slice(s, e), options);
      let i = 0;
      for (const m of html.text.matchAll(/[^\s]+(?:[ \t]+[^\s]+)*/g)) {
        i = m.index!;
        keep.push([s + i, s + i + m[0].length]);
      }
      for (const c of html.comments) comments.push({ start: s + c.start, end: s + c.end, body: c.body });
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return { text: keepOnly(content, keep), comments };
}

export function parseMarkdown(file: string, content: string, options: ParserOptions = {}): ParsedInput {
  const fm = readFrontMatter(file, content);
  const { text, comments } = readMarkdown(fm.body, options);
  return { messages: [{ file, id: null, message: { ...fm.fields, text }, source: content }], errors: fm.errors, comments };
}
