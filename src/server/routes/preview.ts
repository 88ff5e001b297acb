import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

/**
 * The browser preview (preview/, built by Vite into dist/preview/): GET / and its assets, as
 * static files read once at start. No auth (the page holds nothing secret; it asks for a key when
 * the API needs one). Every file is its own route, so unknown paths still get the API's JSON 404
 * and the route label in metrics stays one of a handful.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// The page talks to this server only. CodeMirror sets inline styles and its lint underlines are data: SVGs.
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** dist/preview, found from this file in dist/src/server/routes or (tests, tsx) src/server/routes. */
export function defaultPreviewDir(): string {
  const up = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return basename(up) === 'dist' ? join(up, 'preview') : join(up, 'dist', 'preview');
}

interface StaticFile {
  body: Buffer;
  type: string;
  immutable: boolean;
}

function collect(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const type = TYPES[extname(e.name).toLowerCase()];
        if (!type) continue;
        const url = '/' + relative(dir, p).split(sep).join('/');
        // Vite names assets by content hash: they never change under the same name.
        files.set(url, { body: readFileSync(p), type, immutable: url.startsWith('/assets/') });
      }
    }
  };
  walk(dir);
  return files;
}

// Read once per process (every app a process builds, e.g. in tests, shares them).
const cache = new Map<string, Map<string, StaticFile>>();

export function previewRoutes(dir: string = defaultPreviewDir()): FastifyPluginAsync {
  return async (app) => {
    let files = cache.get(dir);
    if (!files) {
      const built = existsSync(join(dir, 'index.html')) && statSync(dir).isDirectory();
      files = built ? collect(dir) : new Map<string, StaticFile>();
      if (built) cache.set(dir, files);
    }
    const index = files.get('/index.html');

    const send = (file: StaticFile) => async (_req: unknown, reply: FastifyReply) => {
      reply
        .type(file.type)
        .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer');
      if (file.type.startsWith('text/html')) reply.header('content-security-policy', CSP).header('x-frame-options', 'DENY');
      return reply.send(file.body);
    };

    if (!index) {
      app.get('/', async (_req, reply) =>
        reply
          .code(404)
          .type('text/plain; charset=utf-8')
          .send(`The browser preview is not built (no ${join(dir, 'index.html')}). Run: npm run build\n`),
      );
      return;
    }
    app.get('/', send(index));
    for (const [url, file] of files) app.get(url, send(file));
  };
}
