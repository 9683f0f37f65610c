// vitest global setup: bundles the relay once before any test file runs, so child-process tests
// (tests/helpers/relay-child.ts) start what `npm start` starts.
import { buildRelay } from '../../scripts/build-relay.js';

export default async function setup(): Promise<void> {
  await buildRelay();
}
