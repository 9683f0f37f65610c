// Starts in-process test relays that close themselves after the test (see cleanups.ts).
import type { Defer } from './cleanups';
import { startTestRelay, type TestRelay } from './relay';

export function relayStarter(
  defer: Defer
): (options?: Parameters<typeof startTestRelay>[0]) => Promise<TestRelay> {
  return async (options = {}) => {
    const t = await startTestRelay(options);
    defer(() => t.close());
    return t;
  };
}
