import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium (Debian's, driven by playwright-core) against the built app served by
// the real relay. One file at a time: they share the machine's two cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000
  }
});
