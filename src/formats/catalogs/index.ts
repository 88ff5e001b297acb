import type { Parser } from '../types.js';
import { parseJsonCatalog } from './json.js';
import { parseProperties } from './properties.js';
import { parseYamlCatalog } from './yaml.js';

export { isMessageText } from './shared.js';

/**
 * Message catalogues (JSON, YAML, .properties): every string leaf is a message, with its key path
 * (`InputMessage.key`), its line (`fileLine`) and a map from offsets in the string to offsets in the file
 * (`toFileOffset`). Which strings count as messages: `isMessageText` in ./shared.ts.
 */
export const CATALOG_FORMATS: { name: string; parser: Parser; extensions: string[] }[] = [
  { name: 'json', parser: parseJsonCatalog, extensions: ['.json'] },
  { name: 'yaml', parser: parseYamlCatalog, extensions: ['.yaml', '.yml'] },
  { name: 'properties', parser: parseProperties, extensions: ['.properties'] },
];
