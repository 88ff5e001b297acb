import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // CLI tests run the built binary; this builds dist once when src is newer than it.
    globalSetup: ['./test/global-setup.ts'],
    // CLI tests spawn the binary (about 0.7 s each); on a busy 2-core CI machine a test that runs it
    // several times can pass 5 s without anything being wrong. Timeouts are for hangs, not speed checks.
    testTimeout: 30_000,
  },
});
