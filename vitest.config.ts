import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Unit, convergence and relay integration tests run in Node; browser tests live in tests/e2e (Playwright).
// Messages are compiled by `npm run i18n` first (scripts/i18n.js; the test:unit script runs it).
// `*.svelte.test.ts` files use runes and run with the browser build of svelte, where effects run.
export default defineConfig({
  plugins: [svelte()],
  // The Dexie build the app ships (vite.config.ts): its ES2018 module, not the UMD behind the package entry.
  resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
  test: {
    setupFiles: ['tests/helpers/setup.ts'],
    globalSetup: ['tests/helpers/build-relay.global.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: ['**/*.svelte.test.ts']
        }
      },
      {
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'svelte',
          environment: 'happy-dom',
          include: ['src/**/*.svelte.test.ts', 'tests/unit/**/*.svelte.test.ts']
        }
      }
    ]
  }
});
