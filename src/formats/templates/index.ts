import type { Parser } from '../types.js';
import { parseFreemarker } from './freemarker.js';
import { parseHandlebars } from './handlebars.js';
import { parseJinja } from './jinja.js';
import { parseLiquid } from './liquid.js';
import { parseSmarty } from './smarty.js';
import { parseVelocity } from './velocity.js';

export { MAX_RENDERINGS } from './engine.js';

/** Template-language formats (Handlebars, Liquid, FreeMarker, Velocity, Jinja, Smarty …): name, parser, default extensions. */
export const TEMPLATE_FORMATS: { name: string; parser: Parser; extensions: string[] }[] = [
  { name: 'handlebars', parser: parseHandlebars, extensions: ['.hbs', '.handlebars', '.mustache'] },
  { name: 'liquid', parser: parseLiquid, extensions: ['.liquid'] },
  { name: 'freemarker', parser: parseFreemarker, extensions: ['.ftl'] },
  { name: 'velocity', parser: parseVelocity, extensions: ['.vm'] },
  { name: 'jinja', parser: parseJinja, extensions: ['.j2', '.jinja', '.jinja2', '.djt'] },
  { name: 'smarty', parser: parseSmarty, extensions: ['.tpl'] },
];
