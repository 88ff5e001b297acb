import type { Parser } from '../types.js';

/** Template-language formats (Handlebars, Liquid, FreeMarker, Velocity, Jinja, Smarty …): name, parser, default extensions. */
export const TEMPLATE_FORMATS: { name: string; parser: Parser; extensions: string[] }[] = [];
