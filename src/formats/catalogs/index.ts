import type { Parser } from '../types.js';

/** Message catalogues (JSON, YAML, .properties): every string leaf is a message. */
export const CATALOG_FORMATS: { name: string; parser: Parser; extensions: string[] }[] = [];
