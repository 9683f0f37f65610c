// Per-test cleanup: what a test defers (relays, clients, temp folders) runs after it, last first, even when
// the test failed.
import { afterEach } from 'vitest';

export type Defer = (cleanup: () => unknown) => void;

/** Registers the afterEach hook of the calling test file and returns its `defer`. */
export function useCleanups(): Defer {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return (cleanup) => {
    cleanups.push(cleanup);
  };
}
