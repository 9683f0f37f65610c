import { defineConfig } from 'vitest/config';

// Tests that run alone, after the parallel unit and integration run (npm run test:unit): the ownership and
// sealed-drafts fuzzes restart relays many times; the first hung under the CPU contention of the parallel
// run (a hang not yet understood, see issue 9's note); alone each takes seconds.
export default defineConfig({
  test: {
    setupFiles: ['tests/helpers/setup.ts'],
    globalSetup: ['tests/helpers/build-relay.global.ts'],
    environment: 'node',
    include: ['tests/serial/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000
  }
});
