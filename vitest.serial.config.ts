import { defineConfig } from 'vitest/config';

// Tests that run alone, after the parallel unit and integration run (npm run test:unit): the ownership fuzz
// restarts relays many times and hung under the CPU contention of the parallel run (a hang not yet
// understood, see issue 9's note); alone it takes seconds.
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
