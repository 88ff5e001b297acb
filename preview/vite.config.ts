import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The browser preview served by `dunlint serve` at `/`. Everything is bundled (no CDN, no web fonts):
// the page works with no network access beyond the server that serves it.
//
//   vite build --config preview/vite.config.ts            → dist/preview/ (npm run build does this)
//   vite --config preview/vite.config.ts                  → dev server; /v1 is proxied to a
//                                                           `dunlint serve --no-auth` on :8080
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/preview', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // One JS and one CSS file; the editor is the bulk of it.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/v1': process.env.DUNLINT_URL ?? 'http://127.0.0.1:8080' },
  },
});
