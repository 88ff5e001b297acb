import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // CLI tests run the built binary; this builds dist once when src is newer than it.
    globalSetup: ['./test/global-setup.ts'],
  },
});
